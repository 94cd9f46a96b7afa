import type { DecCoin as ProtoDecCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { GenesisState } from "cosmjs-types/cosmos/distribution/v1beta1/genesis";
import { decodeAddress, encodeAddress, moduleAddress } from "../../types/address.js";
import { coinsEqual, formatCoins, isValidDenom } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { isError, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import { addDecCoins, fromProtoDecCoins, truncateDecimal, type DecCoin, type DecCoins } from "./dec-coins.js";
import { ErrInvalidGenesis } from "./errors.js";
import { valoper, VALOPER_PREFIX } from "./events.js";
import type { BankKeeper } from "./expected-keepers.js";
import {
  COMMISSION_PREFIX,
  CURRENT_PREFIX,
  DISTRIBUTION_ACCOUNT,
  HISTORICAL_PREFIX,
  OUTSTANDING_PREFIX,
  readLengthPrefixed,
  SLASH_EVENT_PREFIX,
  STARTING_INFO_PREFIX,
  WITHDRAW_ADDRESS_PREFIX,
} from "./keys.js";
import { DEFAULT_DISTRIBUTION_PARAMS, paramsJson, parseParamsJson } from "./params.js";
import { DistributionStore } from "./store.js";
import { readUint64 } from "../../store/bytes.js";

export function defaultDistributionGenesis(): unknown {
  return {
    params: paramsJson(DEFAULT_DISTRIBUTION_PARAMS),
    fee_pool: { community_pool: [] },
    delegator_withdraw_infos: [],
    previous_proposer: "",
    outstanding_rewards: [],
    validator_accumulated_commissions: [],
    validator_historical_rewards: [],
    validator_current_rewards: [],
    delegator_starting_infos: [],
    validator_slash_events: [],
  };
}

/** DecCoins in JSON: decimal amounts with a point ("1.5"), as the SDK prints them. */
function readDecCoins(coins: readonly ProtoDecCoin[], what: string): DecCoin[] | AppError {
  const parsed = new Map<string, bigint>();
  for (const coin of coins) {
    const amount = parseDecimal(coin.amount);
    if (!isValidDenom(coin.denom) || amount === undefined || parsed.has(coin.denom)) return ErrInvalidGenesis.wrap(`${what}: invalid decimal coin ${coin.amount}${coin.denom}`);
    parsed.set(coin.denom, amount);
  }
  return fromProtoDecCoins([...parsed].map(([denom, amount]) => ({ denom, amount: amount.toString() })));
}

const jsonDecCoins = (coins: DecCoins) => coins.map((c) => ({ denom: c.denom, amount: formatDecimal(c.amount) }));

function readAddress(text: string, what: string, prefix?: string): Uint8Array | AppError {
  const bytes = decodeAddress(text, prefix);
  return isError(bytes) ? ErrInvalidGenesis.wrap(`${what}: ${bytes.message}`) : bytes;
}

function readFraction(text: string, what: string): bigint | AppError {
  const fraction = parseDecimal(text);
  return fraction !== undefined && fraction <= ONE ? fraction : ErrInvalidGenesis.wrap(`${what}: slash fraction must be between 0 and 1, got "${text}"`);
}

/**
 * Imports the SDK's distribution genesis. The distribution module account (bank's genesis comes
 * first) must hold exactly the outstanding rewards plus the community pool, truncated, as the
 * SDK checks. Staking's genesis runs after this one and, for a new chain, opens validators' and
 * delegations' books through the hooks.
 */
export function initDistributionGenesis(bank: BankKeeper, ctx: Context, json: unknown): AppError | undefined {
  const raw = (json ?? {}) as { params?: unknown };
  let genesis: GenesisState;
  try {
    genesis = GenesisState.fromJSON(renameKeysDeep(raw, snakeToCamel));
  } catch (error) {
    return ErrInvalidGenesis.wrap(`unreadable distribution genesis: ${(error as Error).message}`);
  }
  const params = raw.params === undefined ? DEFAULT_DISTRIBUTION_PARAMS : parseParamsJson(raw.params);
  if (isError(params)) return params;
  const store = new DistributionStore(ctx);
  store.setParams(params);
  const pool = readDecCoins(genesis.feePool?.communityPool ?? [], "fee_pool.community_pool");
  if (isError(pool)) return pool;
  store.setCommunityPool(pool);
  let held: DecCoin[] = pool;

  for (const info of genesis.delegatorWithdrawInfos) {
    const delegator = readAddress(info.delegatorAddress, "delegator_withdraw_infos");
    const withdraw = readAddress(info.withdrawAddress, "delegator_withdraw_infos");
    if (isError(delegator)) return delegator;
    if (isError(withdraw)) return withdraw;
    store.setWithdrawAddress(delegator, withdraw);
  }
  for (const record of genesis.outstandingRewards) {
    const operator = readAddress(record.validatorAddress, "outstanding_rewards", VALOPER_PREFIX);
    const rewards = readDecCoins(record.outstandingRewards, `outstanding rewards of ${record.validatorAddress}`);
    if (isError(operator)) return operator;
    if (isError(rewards)) return rewards;
    store.setOutstanding(operator, rewards);
    held = addDecCoins(held, rewards);
  }
  for (const record of genesis.validatorAccumulatedCommissions) {
    const operator = readAddress(record.validatorAddress, "validator_accumulated_commissions", VALOPER_PREFIX);
    const commission = readDecCoins(record.accumulated?.commission ?? [], `commission of ${record.validatorAddress}`);
    if (isError(operator)) return operator;
    if (isError(commission)) return commission;
    store.setCommission(operator, commission);
  }
  for (const record of genesis.validatorHistoricalRewards) {
    const operator = readAddress(record.validatorAddress, "validator_historical_rewards", VALOPER_PREFIX);
    const ratio = readDecCoins(record.rewards?.cumulativeRewardRatio ?? [], `historical rewards of ${record.validatorAddress}`);
    if (isError(operator)) return operator;
    if (isError(ratio)) return ratio;
    store.setHistorical(operator, record.period, { cumulativeRewardRatio: ratio, referenceCount: record.rewards?.referenceCount ?? 0 });
  }
  for (const record of genesis.validatorCurrentRewards) {
    const operator = readAddress(record.validatorAddress, "validator_current_rewards", VALOPER_PREFIX);
    const rewards = readDecCoins(record.rewards?.rewards ?? [], `current rewards of ${record.validatorAddress}`);
    if (isError(operator)) return operator;
    if (isError(rewards)) return rewards;
    store.setCurrent(operator, { rewards, period: record.rewards?.period ?? 0n });
  }
  for (const record of genesis.delegatorStartingInfos) {
    const delegator = readAddress(record.delegatorAddress, "delegator_starting_infos");
    const operator = readAddress(record.validatorAddress, "delegator_starting_infos", VALOPER_PREFIX);
    const stake = parseDecimal(record.startingInfo?.stake ?? "");
    if (isError(delegator)) return delegator;
    if (isError(operator)) return operator;
    if (stake === undefined) return ErrInvalidGenesis.wrap(`delegator_starting_infos: invalid stake "${record.startingInfo?.stake}"`);
    store.setStartingInfo(operator, delegator, { previousPeriod: record.startingInfo!.previousPeriod, stake, height: record.startingInfo!.height });
  }
  for (const record of genesis.validatorSlashEvents) {
    const operator = readAddress(record.validatorAddress, "validator_slash_events", VALOPER_PREFIX);
    const fraction = readFraction(record.validatorSlashEvent?.fraction ?? "", "validator_slash_events");
    if (isError(operator)) return operator;
    if (isError(fraction)) return fraction;
    store.setSlashEvent(operator, record.height, { validatorPeriod: record.validatorSlashEvent?.validatorPeriod ?? record.period, fraction });
  }

  const expected = truncateDecimal(held).whole;
  const balance = bank.getAllBalances(ctx, moduleAddress(DISTRIBUTION_ACCOUNT));
  if (!coinsEqual(balance, expected)) {
    return ErrInvalidGenesis.wrap(`the distribution module account holds ${formatCoins(balance) || "nothing"}, but outstanding rewards plus the community pool are ${formatCoins(expected) || "nothing"}`);
  }
  return undefined;
}

/** Every record, in key order (validators, then periods / delegators / heights). */
export function exportDistributionGenesis(ctx: Context): unknown {
  const store = new DistributionStore(ctx);
  const perValidator = <T>(prefix: Uint8Array, build: (operator: Uint8Array, rest: Uint8Array, value: Uint8Array) => T) =>
    [...store.all(prefix).iterate()].map(([key, value]) => {
      const { address, next } = readLengthPrefixed(key);
      return build(address, key.subarray(next), value);
    });
  const genesis = {
    params: undefined,
    feePool: { communityPool: jsonDecCoins(store.communityPool()) },
    delegatorWithdrawInfos: perValidator(WITHDRAW_ADDRESS_PREFIX, (delegator, _rest, withdraw) => ({ delegatorAddress: encodeAddress(delegator), withdrawAddress: encodeAddress(withdraw) })),
    previousProposer: "",
    outstandingRewards: perValidator(OUTSTANDING_PREFIX, (operator) => ({ validatorAddress: valoper(operator), outstandingRewards: jsonDecCoins(store.outstanding(operator)!) })),
    validatorAccumulatedCommissions: perValidator(COMMISSION_PREFIX, (operator) => ({ validatorAddress: valoper(operator), accumulated: { commission: jsonDecCoins(store.commission(operator)) } })),
    validatorHistoricalRewards: perValidator(HISTORICAL_PREFIX, (operator, rest) => {
      const period = readUint64(rest);
      const historical = store.historical(operator, period)!;
      return { validatorAddress: valoper(operator), period, rewards: { cumulativeRewardRatio: jsonDecCoins(historical.cumulativeRewardRatio), referenceCount: historical.referenceCount } };
    }),
    validatorCurrentRewards: perValidator(CURRENT_PREFIX, (operator) => {
      const current = store.current(operator)!;
      return { validatorAddress: valoper(operator), rewards: { rewards: jsonDecCoins(current.rewards), period: current.period } };
    }),
    delegatorStartingInfos: perValidator(STARTING_INFO_PREFIX, (operator, rest) => {
      const delegator = readLengthPrefixed(rest).address;
      const info = store.startingInfo(operator, delegator)!;
      return { delegatorAddress: encodeAddress(delegator), validatorAddress: valoper(operator), startingInfo: { ...info, stake: formatDecimal(info.stake) } };
    }),
    validatorSlashEvents: perValidator(SLASH_EVENT_PREFIX, (operator, rest) => {
      const [height, period] = [readUint64(rest), readUint64(rest, 8)];
      const event = [...store.slashEventsBetween(operator, height, height)].find((e) => e.validatorPeriod === period)!;
      return { validatorAddress: valoper(operator), height, period, validatorSlashEvent: { validatorPeriod: period, fraction: formatDecimal(event.fraction) } };
    }),
  };
  const json = renameKeysDeep(GenesisState.toJSON(genesis as unknown as GenesisState), camelToSnake) as Record<string, unknown>;
  return { ...json, params: paramsJson(store.params()) };
}
