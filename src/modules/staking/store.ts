import { Delegation, Params, Redelegation, UnbondingDelegation, Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { BinaryReader, BinaryWriter } from "cosmjs-types/binary";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { concatBytes, lengthPrefixed, prefixEnd, timeKey } from "../../store/bytes.js";
import type { KVReader, KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import type { Context } from "../../types/context.js";
import { encodeProto } from "../../types/proto.js";
import {
  DELEGATION_BY_VALIDATOR_PREFIX,
  DELEGATION_PREFIX,
  heightBytes,
  LAST_TOTAL_POWER_KEY,
  LAST_VALIDATOR_POWER_PREFIX,
  PARAMS_KEY,
  POWER_INDEX_PREFIX,
  powerIndexKey,
  REDELEGATION_BY_DST_PREFIX,
  REDELEGATION_BY_SRC_PREFIX,
  REDELEGATION_PREFIX,
  REDELEGATION_QUEUE_PREFIX,
  STAKING_STORE,
  UNBONDING_BY_VALIDATOR_PREFIX,
  UNBONDING_PREFIX,
  UNBONDING_QUEUE_PREFIX,
  VALIDATOR_BY_CONS_PREFIX,
  VALIDATOR_PREFIX,
  VALIDATOR_QUEUE_PREFIX,
} from "./keys.js";
import { DEFAULT_STAKING_PARAMS } from "./params.js";
import { consensusPower, fromProtoValidator, toProtoValidator, type ValidatorRecord } from "./validator.js";

/** An int64 as gogoproto's Int64Value encodes it (what the SDK stores for validator powers). */
function encodeInt64(value: bigint): Uint8Array {
  return new BinaryWriter().uint32(8).int64(value).finish();
}

function decodeInt64(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  const reader = new BinaryReader(bytes);
  reader.uint32();
  return reader.int64();
}

/**
 * Staking's state: every method reads or writes a fixed number of keys, but the iterators, which
 * read ranges of ordered keys (a validator's delegations, the power index, queues).
 */
export class StakingStore {
  readonly kv: KVStore;

  constructor(ctx: Context) {
    this.kv = ctx.kv(STAKING_STORE);
  }

  params(): Params {
    const bytes = this.kv.get(PARAMS_KEY);
    return bytes ? Params.decode(bytes) : DEFAULT_STAKING_PARAMS;
  }

  setParams(params: Params): void {
    this.kv.set(PARAMS_KEY, encodeProto(Params, params));
  }

  validator(operator: Uint8Array): ValidatorRecord | undefined {
    const bytes = this.kv.get(concatBytes(VALIDATOR_PREFIX, lengthPrefixed(operator)));
    return bytes ? fromProtoValidator(Validator.decode(bytes)) : undefined;
  }

  setValidator(v: ValidatorRecord): void {
    this.kv.set(concatBytes(VALIDATOR_PREFIX, lengthPrefixed(v.operator)), encodeProto(Validator, toProtoValidator(v)));
  }

  /** Validators keyed by length-prefixed operator, in that order. */
  validators(): KVReader {
    return new PrefixKV(this.kv, VALIDATOR_PREFIX);
  }

  operatorByConsensus(consensus: Uint8Array): Uint8Array | undefined {
    return this.kv.get(concatBytes(VALIDATOR_BY_CONS_PREFIX, lengthPrefixed(consensus)));
  }

  setConsensusIndex(v: ValidatorRecord): void {
    this.kv.set(concatBytes(VALIDATOR_BY_CONS_PREFIX, lengthPrefixed(v.consensusAddress)), v.operator);
  }

  deleteValidator(v: ValidatorRecord): void {
    this.kv.delete(concatBytes(VALIDATOR_PREFIX, lengthPrefixed(v.operator)));
    this.kv.delete(concatBytes(VALIDATOR_BY_CONS_PREFIX, lengthPrefixed(v.consensusAddress)));
    this.deletePowerIndex(v);
  }

  setPowerIndex(v: ValidatorRecord): void {
    this.kv.set(concatBytes(POWER_INDEX_PREFIX, powerIndexKey(consensusPower(v.tokens), v.operator)), v.operator);
  }

  deletePowerIndex(v: ValidatorRecord): void {
    this.kv.delete(concatBytes(POWER_INDEX_PREFIX, powerIndexKey(consensusPower(v.tokens), v.operator)));
  }

  /** Operators of non-jailed validators, most power first. */
  *operatorsByPower(): Generator<Uint8Array> {
    for (const [, operator] of new PrefixKV(this.kv, POWER_INDEX_PREFIX).iterate({ reverse: true })) yield operator;
  }

  lastValidatorPower(operator: Uint8Array): bigint | undefined {
    const bytes = this.kv.get(concatBytes(LAST_VALIDATOR_POWER_PREFIX, lengthPrefixed(operator)));
    return bytes ? decodeInt64(bytes) : undefined;
  }

  setLastValidatorPower(operator: Uint8Array, power: bigint): void {
    this.kv.set(concatBytes(LAST_VALIDATOR_POWER_PREFIX, lengthPrefixed(operator)), encodeInt64(power));
  }

  deleteLastValidatorPower(operator: Uint8Array): void {
    this.kv.delete(concatBytes(LAST_VALIDATOR_POWER_PREFIX, lengthPrefixed(operator)));
  }

  /** The last active set (at most max_validators entries), in operator order. */
  *lastValidatorPowers(): Generator<{ operator: Uint8Array; power: bigint }> {
    for (const [key, value] of new PrefixKV(this.kv, LAST_VALIDATOR_POWER_PREFIX).iterate()) yield { operator: key.subarray(1), power: decodeInt64(value) };
  }

  lastTotalPower(): bigint {
    const bytes = this.kv.get(LAST_TOTAL_POWER_KEY);
    return bytes ? decodeInt64(bytes) : 0n;
  }

  setLastTotalPower(power: bigint): void {
    this.kv.set(LAST_TOTAL_POWER_KEY, encodeInt64(power));
  }

  delegation(delegator: Uint8Array, operator: Uint8Array): Delegation | undefined {
    const bytes = this.kv.get(concatBytes(DELEGATION_PREFIX, lengthPrefixed(delegator), lengthPrefixed(operator)));
    return bytes ? Delegation.decode(bytes) : undefined;
  }

  setDelegation(delegator: Uint8Array, operator: Uint8Array, delegation: Delegation): void {
    this.kv.set(concatBytes(DELEGATION_PREFIX, lengthPrefixed(delegator), lengthPrefixed(operator)), encodeProto(Delegation, delegation));
    this.kv.set(concatBytes(DELEGATION_BY_VALIDATOR_PREFIX, lengthPrefixed(operator), lengthPrefixed(delegator)), new Uint8Array(0));
  }

  deleteDelegation(delegator: Uint8Array, operator: Uint8Array): void {
    this.kv.delete(concatBytes(DELEGATION_PREFIX, lengthPrefixed(delegator), lengthPrefixed(operator)));
    this.kv.delete(concatBytes(DELEGATION_BY_VALIDATOR_PREFIX, lengthPrefixed(operator), lengthPrefixed(delegator)));
  }

  /** A delegator's delegations keyed by length-prefixed operator. */
  delegationsOf(delegator: Uint8Array): KVReader {
    return new PrefixKV(this.kv, concatBytes(DELEGATION_PREFIX, lengthPrefixed(delegator)));
  }

  /** Every delegation, keyed by delegator then operator. */
  allDelegations(): KVReader {
    return new PrefixKV(this.kv, DELEGATION_PREFIX);
  }

  /** A validator's delegators keyed by length-prefixed delegator (values empty). */
  delegatorsOf(operator: Uint8Array): KVReader {
    return new PrefixKV(this.kv, concatBytes(DELEGATION_BY_VALIDATOR_PREFIX, lengthPrefixed(operator)));
  }

  unbonding(delegator: Uint8Array, operator: Uint8Array): UnbondingDelegation | undefined {
    const bytes = this.kv.get(concatBytes(UNBONDING_PREFIX, lengthPrefixed(delegator), lengthPrefixed(operator)));
    return bytes ? UnbondingDelegation.decode(bytes) : undefined;
  }

  /** Stores the unbonding delegation, or removes it when it has no entries left. */
  setUnbonding(delegator: Uint8Array, operator: Uint8Array, ubd: UnbondingDelegation): void {
    const key = concatBytes(UNBONDING_PREFIX, lengthPrefixed(delegator), lengthPrefixed(operator));
    const index = concatBytes(UNBONDING_BY_VALIDATOR_PREFIX, lengthPrefixed(operator), lengthPrefixed(delegator));
    if (ubd.entries.length === 0) {
      this.kv.delete(key);
      this.kv.delete(index);
      return;
    }
    this.kv.set(key, encodeProto(UnbondingDelegation, ubd));
    this.kv.set(index, new Uint8Array(0));
  }

  unbondingsOf(delegator: Uint8Array): KVReader {
    return new PrefixKV(this.kv, concatBytes(UNBONDING_PREFIX, lengthPrefixed(delegator)));
  }

  allUnbondings(): KVReader {
    return new PrefixKV(this.kv, UNBONDING_PREFIX);
  }

  /** A validator's unbonding delegators keyed by length-prefixed delegator (values empty). */
  unbondingDelegatorsOf(operator: Uint8Array): KVReader {
    return new PrefixKV(this.kv, concatBytes(UNBONDING_BY_VALIDATOR_PREFIX, lengthPrefixed(operator)));
  }

  redelegation(delegator: Uint8Array, src: Uint8Array, dst: Uint8Array): Redelegation | undefined {
    const bytes = this.kv.get(concatBytes(REDELEGATION_PREFIX, lengthPrefixed(delegator), lengthPrefixed(src), lengthPrefixed(dst)));
    return bytes ? Redelegation.decode(bytes) : undefined;
  }

  /** Stores the redelegation and its two indexes, or removes them when it has no entries left. */
  setRedelegation(delegator: Uint8Array, src: Uint8Array, dst: Uint8Array, red: Redelegation): void {
    const keys = [
      concatBytes(REDELEGATION_PREFIX, lengthPrefixed(delegator), lengthPrefixed(src), lengthPrefixed(dst)),
      concatBytes(REDELEGATION_BY_SRC_PREFIX, lengthPrefixed(src), lengthPrefixed(delegator), lengthPrefixed(dst)),
      concatBytes(REDELEGATION_BY_DST_PREFIX, lengthPrefixed(dst), lengthPrefixed(delegator), lengthPrefixed(src)),
    ];
    if (red.entries.length === 0) {
      for (const key of keys) this.kv.delete(key);
      return;
    }
    this.kv.set(keys[0]!, encodeProto(Redelegation, red));
    this.kv.set(keys[1]!, new Uint8Array(0));
    this.kv.set(keys[2]!, new Uint8Array(0));
  }

  /** Redelegations keyed by delegator, src, dst. */
  redelegations(prefix: Uint8Array = new Uint8Array(0)): KVReader {
    return new PrefixKV(this.kv, concatBytes(REDELEGATION_PREFIX, prefix));
  }

  /** Redelegations out of `src`, keyed by delegator then dst (values empty). */
  redelegationsFrom(src: Uint8Array): KVReader {
    return new PrefixKV(this.kv, concatBytes(REDELEGATION_BY_SRC_PREFIX, lengthPrefixed(src)));
  }

  /** Whether `delegator` has a redelegation still maturing into `dst` (one key read). */
  hasRedelegationInto(delegator: Uint8Array, dst: Uint8Array): boolean {
    const prefix = concatBytes(REDELEGATION_BY_DST_PREFIX, lengthPrefixed(dst), lengthPrefixed(delegator));
    for (const _ of this.kv.iterate({ start: prefix, end: prefixEnd(prefix) })) return true;
    return false;
  }

  /** Queue keys: prefix | time | the addresses; one key per (time, record). */
  enqueueUnbonding(time: Timestamp, delegator: Uint8Array, operator: Uint8Array): void {
    this.kv.set(concatBytes(UNBONDING_QUEUE_PREFIX, timeKey(time), lengthPrefixed(delegator), lengthPrefixed(operator)), new Uint8Array(0));
  }

  enqueueRedelegation(time: Timestamp, delegator: Uint8Array, src: Uint8Array, dst: Uint8Array): void {
    this.kv.set(concatBytes(REDELEGATION_QUEUE_PREFIX, timeKey(time), lengthPrefixed(delegator), lengthPrefixed(src), lengthPrefixed(dst)), new Uint8Array(0));
  }

  enqueueValidator(time: Timestamp, height: bigint, operator: Uint8Array): void {
    this.kv.set(validatorQueueKey(time, height, operator), new Uint8Array(0));
  }

  dequeueValidator(time: Timestamp, height: bigint, operator: Uint8Array): void {
    this.kv.delete(validatorQueueKey(time, height, operator));
  }

  /** At most `limit` queue keys due at `now` (time ≤ now), oldest first, keyed after prefix | time. */
  due(prefix: Uint8Array, now: Timestamp, limit: number): Uint8Array[] {
    const end = concatBytes(prefix, timeKey({ seconds: now.seconds, nanos: now.nanos + 1 }));
    const keys: Uint8Array[] = [];
    for (const [key] of this.kv.iterate({ start: prefix, end })) {
      if (keys.length >= limit) break;
      keys.push(key);
    }
    return keys;
  }
}

function validatorQueueKey(time: Timestamp, height: bigint, operator: Uint8Array): Uint8Array {
  return concatBytes(VALIDATOR_QUEUE_PREFIX, timeKey(time), heightBytes(height), lengthPrefixed(operator));
}
