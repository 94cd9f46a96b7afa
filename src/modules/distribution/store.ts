import {
  DelegatorStartingInfo,
  FeePool,
  Params,
  ValidatorAccumulatedCommission,
  ValidatorCurrentRewards,
  ValidatorHistoricalRewards,
  ValidatorOutstandingRewards,
  ValidatorSlashEvent,
} from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { concatBytes, lengthPrefixed, readUint64, uint64Key } from "../../store/bytes.js";
import type { KVReader, KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import type { Context } from "../../types/context.js";
import { encodeProto } from "../../types/proto.js";
import { fromProtoDecCoins, toProtoDecCoins, type DecCoin, type DecCoins } from "./dec-coins.js";
import {
  COMMISSION_PREFIX,
  CURRENT_PREFIX,
  DISTRIBUTION_STORE,
  FEE_POOL_KEY,
  HISTORICAL_PREFIX,
  historicalKey,
  OUTSTANDING_PREFIX,
  PARAMS_KEY,
  SLASH_EVENT_PREFIX,
  slashEventKey,
  startingInfoKey,
  validatorKey,
  WITHDRAW_ADDRESS_PREFIX,
} from "./keys.js";
import { DEFAULT_DISTRIBUTION_PARAMS, fromProtoParams, toProtoParams, type DistributionParams } from "./params.js";

export interface HistoricalRewards {
  /** Σ rewards per unit of stake over every period up to this one. */
  cumulativeRewardRatio: DecCoin[];
  /** Delegations starting after this period, plus slash events and the validator's current period. */
  referenceCount: number;
}

export interface CurrentRewards {
  rewards: DecCoin[];
  period: bigint;
}

export interface StartingInfo {
  previousPeriod: bigint;
  /** The delegation's tokens when it started (18-decimal). */
  stake: bigint;
  height: bigint;
}

export interface SlashEvent {
  validatorPeriod: bigint;
  fraction: bigint;
}

/** Typed access to distribution's records; each method reads or writes one key, but the iterators. */
export class DistributionStore {
  private readonly kv: KVStore;

  constructor(ctx: Context) {
    this.kv = ctx.kv(DISTRIBUTION_STORE);
  }

  params(): DistributionParams {
    const bytes = this.kv.get(PARAMS_KEY);
    return bytes ? fromProtoParams(Params.decode(bytes)) : DEFAULT_DISTRIBUTION_PARAMS;
  }

  setParams(params: DistributionParams): void {
    this.kv.set(PARAMS_KEY, encodeProto(Params, toProtoParams(params)));
  }

  communityPool(): DecCoin[] {
    const bytes = this.kv.get(FEE_POOL_KEY);
    return bytes ? fromProtoDecCoins(FeePool.decode(bytes).communityPool) : [];
  }

  setCommunityPool(pool: DecCoins): void {
    this.kv.set(FEE_POOL_KEY, encodeProto(FeePool, { communityPool: toProtoDecCoins(pool) }));
  }

  /** Undefined when distribution has no record of the validator. */
  outstanding(operator: Uint8Array): DecCoin[] | undefined {
    const bytes = this.kv.get(validatorKey(OUTSTANDING_PREFIX, operator));
    return bytes ? fromProtoDecCoins(ValidatorOutstandingRewards.decode(bytes).rewards) : undefined;
  }

  setOutstanding(operator: Uint8Array, rewards: DecCoins): void {
    this.kv.set(validatorKey(OUTSTANDING_PREFIX, operator), encodeProto(ValidatorOutstandingRewards, { rewards: toProtoDecCoins(rewards) }));
  }

  commission(operator: Uint8Array): DecCoin[] {
    const bytes = this.kv.get(validatorKey(COMMISSION_PREFIX, operator));
    return bytes ? fromProtoDecCoins(ValidatorAccumulatedCommission.decode(bytes).commission) : [];
  }

  setCommission(operator: Uint8Array, commission: DecCoins): void {
    this.kv.set(validatorKey(COMMISSION_PREFIX, operator), encodeProto(ValidatorAccumulatedCommission, { commission: toProtoDecCoins(commission) }));
  }

  current(operator: Uint8Array): CurrentRewards | undefined {
    const bytes = this.kv.get(validatorKey(CURRENT_PREFIX, operator));
    if (!bytes) return undefined;
    const current = ValidatorCurrentRewards.decode(bytes);
    return { rewards: fromProtoDecCoins(current.rewards), period: current.period };
  }

  setCurrent(operator: Uint8Array, current: CurrentRewards): void {
    this.kv.set(validatorKey(CURRENT_PREFIX, operator), encodeProto(ValidatorCurrentRewards, { rewards: toProtoDecCoins(current.rewards), period: current.period }));
  }

  historical(operator: Uint8Array, period: bigint): HistoricalRewards | undefined {
    const bytes = this.kv.get(historicalKey(operator, period));
    if (!bytes) return undefined;
    const historical = ValidatorHistoricalRewards.decode(bytes);
    return { cumulativeRewardRatio: fromProtoDecCoins(historical.cumulativeRewardRatio), referenceCount: historical.referenceCount };
  }

  setHistorical(operator: Uint8Array, period: bigint, historical: HistoricalRewards): void {
    const proto = { cumulativeRewardRatio: toProtoDecCoins(historical.cumulativeRewardRatio), referenceCount: historical.referenceCount };
    this.kv.set(historicalKey(operator, period), encodeProto(ValidatorHistoricalRewards, proto));
  }

  deleteHistorical(operator: Uint8Array, period: bigint): void {
    this.kv.delete(historicalKey(operator, period));
  }

  startingInfo(operator: Uint8Array, delegator: Uint8Array): StartingInfo | undefined {
    const bytes = this.kv.get(startingInfoKey(operator, delegator));
    if (!bytes) return undefined;
    const info = DelegatorStartingInfo.decode(bytes);
    return { previousPeriod: info.previousPeriod, stake: BigInt(info.stake), height: info.height };
  }

  setStartingInfo(operator: Uint8Array, delegator: Uint8Array, info: StartingInfo): void {
    this.kv.set(startingInfoKey(operator, delegator), encodeProto(DelegatorStartingInfo, { ...info, stake: info.stake.toString() }));
  }

  deleteStartingInfo(operator: Uint8Array, delegator: Uint8Array): void {
    this.kv.delete(startingInfoKey(operator, delegator));
  }

  /** Where a delegator's rewards go: itself unless it set another address. */
  withdrawAddress(delegator: Uint8Array): Uint8Array {
    return this.kv.get(validatorKey(WITHDRAW_ADDRESS_PREFIX, delegator)) ?? delegator;
  }

  setWithdrawAddress(delegator: Uint8Array, withdraw: Uint8Array): void {
    this.kv.set(validatorKey(WITHDRAW_ADDRESS_PREFIX, delegator), withdraw);
  }

  setSlashEvent(operator: Uint8Array, height: bigint, event: SlashEvent): void {
    const proto = { validatorPeriod: event.validatorPeriod, fraction: event.fraction.toString() };
    this.kv.set(slashEventKey(operator, height, event.validatorPeriod), encodeProto(ValidatorSlashEvent, proto));
  }

  /** The validator's slash events at heights start..end (both included), in height then period order. */
  *slashEventsBetween(operator: Uint8Array, start: bigint, end: bigint): Generator<SlashEvent & { height: bigint }> {
    const prefix = validatorKey(SLASH_EVENT_PREFIX, operator);
    for (const [key, value] of this.kv.iterate({ start: concatBytes(prefix, uint64Key(start)), end: concatBytes(prefix, uint64Key(end + 1n)) })) {
      const event = ValidatorSlashEvent.decode(value);
      yield { height: readUint64(key, prefix.length), validatorPeriod: event.validatorPeriod, fraction: BigInt(event.fraction) };
    }
  }

  /** The validator's slash events, keyed by height then period (for paginated queries). */
  slashEvents(operator: Uint8Array): KVReader {
    return new PrefixKV(this.kv, validatorKey(SLASH_EVENT_PREFIX, operator));
  }

  /** Deletes every record of a removed validator: a bounded number, as nothing references it any more. */
  deleteValidator(operator: Uint8Array): void {
    this.kv.delete(validatorKey(OUTSTANDING_PREFIX, operator));
    this.kv.delete(validatorKey(COMMISSION_PREFIX, operator));
    this.kv.delete(validatorKey(CURRENT_PREFIX, operator));
    for (const prefix of [HISTORICAL_PREFIX, SLASH_EVENT_PREFIX]) {
      const records = new PrefixKV(this.kv, concatBytes(prefix, lengthPrefixed(operator)));
      for (const key of [...records.iterate()].map(([k]) => k)) records.delete(key);
    }
  }

  /** Every record under one prefix, for genesis export. */
  all(prefix: Uint8Array): KVReader {
    return new PrefixKV(this.kv, prefix);
  }
}
