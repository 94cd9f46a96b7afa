import { decodeAddress, encodeAddress, moduleAddress } from "../../types/address.js";
import { formatDecimal, ONE } from "../../types/decimal.js";
import { isError, type AppError } from "../../types/errors.js";
import { ErrInvalidGenesis } from "./errors.js";
import { NOT_BONDED_POOL, VALOPER_PREFIX } from "./keys.js";
import { DEFAULT_STAKING_PARAMS, paramsToJson } from "./params.js";
import { ED25519_PUBKEY_TYPE } from "./validator.js";

/** The not-bonded pool's bech32 address: where a genesis puts self-delegations of validators not yet bonded. */
export const NOT_BONDED_POOL_ADDRESS = encodeAddress(moduleAddress(NOT_BONDED_POOL));

/** A validator created at genesis from a funded account, as a gentx does. */
export interface GenesisValidatorSpec {
  /** The operator's account (bech32 persistence1…): it pays the self-delegation. */
  account: string;
  /** The 32-byte ed25519 consensus key (CometBFT's priv_validator_key.json public key). */
  consensusPubkey: Uint8Array;
  /** Self-delegation, uxprt. */
  selfDelegation: bigint;
  moniker: string;
  /** 18-decimal rates; defaults 10%, 20%, 1%. */
  commissionRate?: bigint;
}

interface BankBalanceJson {
  address: string;
  coins: { denom: string; amount: string }[];
}

/**
 * An app_state (the Cosmos SDK's JSON) with genesis validators self-delegated from funded
 * accounts: each self-delegation moves from its account's bank balance to the not-bonded pool,
 * and staking's genesis bonds the top validators at InitChain (moving the coins to the bonded
 * pool), so the supply is unchanged. `params` (genesis JSON, snake_case) override the defaults.
 * The input is not modified.
 *
 * @example
 * const appState = withGenesisValidators(appState, [{ account, consensusPubkey, selfDelegation: 1_000_000_000n, moniker: "validator" }]);
 */
export function withGenesisValidators(appState: Record<string, unknown>, validators: readonly GenesisValidatorSpec[], params: Record<string, unknown> = {}): Record<string, unknown> | AppError {
  const bank = (appState.bank ?? {}) as { balances?: BankBalanceJson[] };
  const balances = (bank.balances ?? []).map((b) => ({ address: b.address, coins: b.coins.map((c) => ({ ...c })) }));
  const denom = DEFAULT_STAKING_PARAMS.bondDenom;
  let pooled = 0n;
  const validatorsJson: Record<string, unknown>[] = [];
  const delegations: Record<string, unknown>[] = [];
  for (const spec of validators) {
    const bytes = decodeAddress(spec.account);
    if (isError(bytes)) return ErrInvalidGenesis.wrap(`validator account: ${bytes.message}`);
    if (spec.consensusPubkey.length !== 32) return ErrInvalidGenesis.wrap(`${spec.moniker}: the consensus key must be a 32-byte ed25519 key`);
    if (spec.selfDelegation <= 0n) return ErrInvalidGenesis.wrap(`${spec.moniker}: the self-delegation must be positive`);
    const funder = balances.find((b) => b.address === spec.account);
    const held = BigInt(funder?.coins.find((c) => c.denom === denom)?.amount ?? "0");
    if (!funder || held < spec.selfDelegation) return ErrInvalidGenesis.wrap(`${spec.account} holds ${held}${denom}, less than the self-delegation ${spec.selfDelegation}${denom}`);
    funder.coins = funder.coins.map((c) => (c.denom === denom ? { ...c, amount: (held - spec.selfDelegation).toString() } : c)).filter((c) => c.amount !== "0");
    pooled += spec.selfDelegation;
    const operator = encodeAddress(bytes, VALOPER_PREFIX);
    const shares = formatDecimal(spec.selfDelegation * ONE);
    const rate = spec.commissionRate ?? ONE / 10n;
    validatorsJson.push({
      operator_address: operator,
      consensus_pubkey: { "@type": ED25519_PUBKEY_TYPE, key: Buffer.from(spec.consensusPubkey).toString("base64") },
      jailed: false,
      status: "BOND_STATUS_UNBONDED",
      tokens: spec.selfDelegation.toString(),
      delegator_shares: shares,
      description: { moniker: spec.moniker, identity: "", website: "", security_contact: "", details: "" },
      unbonding_height: "0",
      unbonding_time: "1970-01-01T00:00:00Z",
      commission: {
        commission_rates: { rate: formatDecimal(rate), max_rate: formatDecimal(rate > ONE / 5n ? rate : ONE / 5n), max_change_rate: formatDecimal(ONE / 100n) },
        update_time: "1970-01-01T00:00:00Z",
      },
      min_self_delegation: "1",
    });
    delegations.push({ delegator_address: spec.account, validator_address: operator, shares });
  }
  if (balances.some((b) => b.address === NOT_BONDED_POOL_ADDRESS)) return ErrInvalidGenesis.wrap(`the genesis already has a balance for the not-bonded pool ${NOT_BONDED_POOL_ADDRESS}`);
  if (pooled > 0n) balances.push({ address: NOT_BONDED_POOL_ADDRESS, coins: [{ denom, amount: pooled.toString() }] });
  const staking = {
    params: { ...paramsToJson(DEFAULT_STAKING_PARAMS), ...params },
    last_total_power: "0",
    last_validator_powers: [],
    validators: validatorsJson,
    delegations,
    unbonding_delegations: [],
    redelegations: [],
    exported: false,
  };
  return { ...appState, bank: { ...bank, balances }, staking };
}
