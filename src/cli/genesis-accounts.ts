import { XPRT_GENESIS_SUPPLY, type GenesisAllocation } from "../app/genesis-state.js";
import { STAKING_DENOM } from "../types/denoms.js";
import type { Coin } from "../types/coins.js";
import { CliError } from "./errors.js";
import { formatCoin, parseCoinsArgument } from "./money.js";

/** One `--genesis-account <address-or-keyname>[=<coins>]`. */
export interface GenesisAccountSpec {
  holder: string;
  /** Absent: this account receives what the others leave of the XPRT genesis supply. */
  coins?: Coin[];
}

export function parseGenesisAccountSpec(text: string): GenesisAccountSpec {
  const equals = text.indexOf("=");
  const holder = equals < 0 ? text : text.slice(0, equals);
  if (holder === "") throw new CliError("invalid_genesis_account", `invalid --genesis-account "${text}": expected <address-or-keyname>[=<coins>]`);
  return equals < 0 ? { holder } : { holder, coins: parseCoinsArgument(text.slice(equals + 1)) };
}

/**
 * The genesis allocations for accounts whose holders are resolved to addresses. The uxprt must
 * add up to exactly the genesis supply; at most one account may leave its coins out, and it
 * receives the remainder.
 */
export function genesisAllocations(accounts: readonly { address: string; coins?: Coin[] }[]): GenesisAllocation[] {
  const seen = new Set<string>();
  for (const { address } of accounts) {
    if (seen.has(address)) throw new CliError("invalid_genesis_account", `${address} is given more than once as a genesis account`);
    seen.add(address);
  }
  const open = accounts.filter((a) => a.coins === undefined);
  if (open.length > 1) {
    throw new CliError("invalid_genesis_account", `only one genesis account may omit its coins (it receives the rest of the supply); ${open.map((a) => a.address).join(" and ")} do`);
  }
  const given = accounts.reduce((sum, a) => sum + (a.coins?.find((c) => c.denom === STAKING_DENOM)?.amount ?? 0n), 0n);
  const supply = xprt(XPRT_GENESIS_SUPPLY);
  if (open.length === 0 && given !== XPRT_GENESIS_SUPPLY) {
    throw new CliError(
      "genesis_supply_mismatch",
      `the genesis accounts hold ${formatCoin(xprt(given))}, but the genesis supply is exactly ${formatCoin(supply)}; give one account no coins (e.g. --genesis-account alice) to let it receive the rest`,
    );
  }
  if (open.length === 1 && given >= XPRT_GENESIS_SUPPLY) {
    throw new CliError(
      "genesis_supply_mismatch",
      `the other genesis accounts already hold ${formatCoin(xprt(given))} of the ${formatCoin(supply)} genesis supply, leaving nothing for ${open[0]!.address}`,
    );
  }
  return accounts.map(({ address, coins }) => ({ address, coins: coins ?? [xprt(XPRT_GENESIS_SUPPLY - given)] }));
}

function xprt(amount: bigint): Coin {
  return { denom: STAKING_DENOM, amount };
}
