import { Metadata } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { GenesisState as BankGenesis } from "cosmjs-types/cosmos/bank/v1beta1/genesis";
import { bytesToKey } from "../../store/bytes.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { addCoins, coinsEqual, formatCoins, parseCoins, toProtoCoins, type Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { ErrInvalidRequest, isError, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import { ErrDuplicateEntry } from "./errors.js";
import { DEFAULT_BANK_PARAMS, type BankKeeper } from "./keeper.js";

export function defaultBankGenesis(): unknown {
  return toJson({ params: DEFAULT_BANK_PARAMS, balances: [], supply: [], denomMetadata: [], sendEnabled: [] });
}

function toJson(genesis: BankGenesis): unknown {
  return renameKeysDeep(BankGenesis.toJSON(genesis), camelToSnake);
}

/**
 * Imports balances, supply, metadata and send flags. The supply is the sum of all balances; a
 * non-empty `supply` in the file must equal it.
 */
export function initBankGenesis(keeper: BankKeeper, ctx: Context, json: unknown): AppError | undefined {
  const raw = (json ?? {}) as { params?: unknown };
  const genesis = BankGenesis.fromJSON(renameKeysDeep(raw, snakeToCamel));
  // fromJSON fills an absent message with zero values, which would disable sends.
  keeper.setParams(ctx, raw.params ? genesis.params! : DEFAULT_BANK_PARAMS);
  for (const entry of genesis.sendEnabled) keeper.setSendEnabled(ctx, entry.denom, entry.enabled);

  const seen = new Set<string>();
  const totals: Coin[][] = [];
  for (const balance of genesis.balances) {
    const address = decodeAddress(balance.address);
    if (isError(address)) return address;
    if (seen.has(bytesToKey(address))) return ErrDuplicateEntry.wrap(`genesis balance for ${balance.address} appears twice`);
    seen.add(bytesToKey(address));
    const coins = parseCoins(balance.coins);
    if (isError(coins)) return coins.kind.wrap(`genesis balance of ${balance.address}: ${coins.message}`);
    for (const coin of coins) keeper.setBalance(ctx, address, coin);
    totals.push(coins);
  }
  const supply = addCoins(...totals);
  if (genesis.supply.length > 0) {
    const declared = parseCoins(genesis.supply);
    if (isError(declared)) return declared;
    if (!coinsEqual(declared, supply)) {
      return ErrInvalidRequest.wrap(`genesis supply is incorrect, expected ${formatCoins(declared)}, got ${formatCoins(supply)}`);
    }
  }
  for (const coin of supply) keeper.setSupply(ctx, coin.denom, coin.amount);
  for (const metadata of genesis.denomMetadata) keeper.setDenomMetadata(ctx, metadata);
  return undefined;
}

export function exportBankGenesis(keeper: BankKeeper, ctx: Context): unknown {
  const byAccount = new Map<string, { address: string; coins: Coin[] }>();
  for (const [key, amount] of keeper.balances(ctx).iterate()) {
    const address = key.subarray(1, 1 + key[0]!);
    const denom = bytesToKey(key.subarray(1 + key[0]!));
    const id = bytesToKey(address);
    const entry = byAccount.get(id) ?? { address: encodeAddress(address), coins: [] };
    entry.coins.push({ denom, amount: BigInt(bytesToKey(amount)) });
    byAccount.set(id, entry);
  }
  return toJson({
    params: keeper.getParams(ctx),
    balances: [...byAccount.values()].map((b) => ({ address: b.address, coins: toProtoCoins(b.coins) })),
    supply: [...keeper.supplies(ctx).iterate()].map(([denom, amount]) => ({ denom: bytesToKey(denom), amount: bytesToKey(amount) })),
    denomMetadata: [...keeper.denomMetadata(ctx).iterate()].map(([, value]) => Metadata.decode(value)),
    sendEnabled: [],
  });
}

