import { bondStatusFromJSON, bondStatusToJSON, Delegation, Redelegation, UnbondingDelegation, Validator, type Description } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import { bytesToKey } from "../../store/bytes.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { isError, type AppError } from "../../types/errors.js";
import { ErrInvalidGenesis } from "./errors.js";
import type { StakingKeeper } from "./keeper.js";
import { VALOPER_PREFIX } from "./keys.js";
import { DEFAULT_STAKING_PARAMS, paramsFromJson, paramsToJson } from "./params.js";
import { StakingStore } from "./store.js";
import { parseTime } from "./time.js";
import { BondStatus, consensusAddressOf, ED25519_PUBKEY_TYPE, EPOCH, fromProtoValidator, type ValidatorRecord } from "./validator.js";
import { formatTime } from "../../types/time.js";

type Json = Record<string, unknown>;

export function defaultStakingGenesis(): unknown {
  return {
    params: paramsToJson(DEFAULT_STAKING_PARAMS),
    last_total_power: "0",
    last_validator_powers: [],
    validators: [],
    delegations: [],
    unbonding_delegations: [],
    redelegations: [],
    exported: false,
  };
}

class GenesisError extends Error {}

function fail(message: string): never {
  throw new GenesisError(message);
}

function obj(value: unknown, where: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(`${where} must be an object`);
  return value as Json;
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(`${where} must be a list`);
  return value;
}

function str(value: unknown, where: string): string {
  if (typeof value !== "string") fail(`${where} must be a string`);
  return value;
}

function int(value: unknown, where: string): bigint {
  const text = typeof value === "number" ? String(value) : str(value ?? "0", where);
  if (!/^(0|[1-9]\d{0,76})$/.test(text)) fail(`${where} must be a whole number, got "${text}"`);
  return BigInt(text);
}

function dec(value: unknown, where: string): bigint {
  const parsed = parseDecimal(str(value, where));
  if (parsed === undefined) fail(`${where} must be a non-negative decimal, got ${JSON.stringify(value)}`);
  return parsed;
}

function time(value: unknown, where: string): Timestamp {
  if (value === undefined || value === null) return EPOCH;
  const parsed = parseTime(str(value, where));
  if (!parsed) fail(`${where} must be an RFC 3339 time, got ${JSON.stringify(value)}`);
  return parsed;
}

function address(value: unknown, where: string, prefix?: string): Uint8Array {
  const bytes = decodeAddress(str(value, where), prefix);
  if (isError(bytes)) fail(`${where}: ${bytes.message}`);
  return bytes;
}

function description(value: unknown): Description {
  const d = obj(value ?? {}, "description");
  const field = (key: string): string => (d[key] === undefined ? "" : str(d[key], `description.${key}`));
  return { moniker: field("moniker"), identity: field("identity"), website: field("website"), securityContact: field("security_contact"), details: field("details") };
}

function readValidator(value: unknown, index: number): ValidatorRecord {
  const where = `validators[${index}]`;
  const v = obj(value, where);
  const operator = address(v.operator_address, `${where}.operator_address`, VALOPER_PREFIX);
  const pubkey = obj(v.consensus_pubkey, `${where}.consensus_pubkey`);
  if (pubkey["@type"] !== ED25519_PUBKEY_TYPE) fail(`${where}.consensus_pubkey must be a ${ED25519_PUBKEY_TYPE}`);
  const key = Buffer.from(str(pubkey.key, `${where}.consensus_pubkey.key`), "base64");
  if (key.length !== 32) fail(`${where}.consensus_pubkey.key must be 32 bytes of base64`);
  const status = bondStatusFromJSON(v.status ?? "BOND_STATUS_UNBONDED");
  if (status <= 0) fail(`${where}.status must be BOND_STATUS_UNBONDED, _UNBONDING or _BONDED`);
  const commission = obj(v.commission ?? {}, `${where}.commission`);
  const rates = obj(commission.commission_rates ?? {}, `${where}.commission.commission_rates`);
  const record: ValidatorRecord = {
    operator,
    consensusPubkey: new Uint8Array(key),
    consensusAddress: consensusAddressOf(new Uint8Array(key)),
    status,
    jailed: v.jailed === true,
    tokens: int(v.tokens, `${where}.tokens`),
    delegatorShares: dec(v.delegator_shares, `${where}.delegator_shares`),
    description: description(v.description),
    unbondingHeight: int(v.unbonding_height, `${where}.unbonding_height`),
    unbondingTime: time(v.unbonding_time, `${where}.unbonding_time`),
    commissionRate: dec(rates.rate ?? "0", `${where}.commission.commission_rates.rate`),
    maxCommissionRate: dec(rates.max_rate ?? "0", `${where}.commission.commission_rates.max_rate`),
    maxCommissionChangeRate: dec(rates.max_change_rate ?? "0", `${where}.commission.commission_rates.max_change_rate`),
    commissionUpdateTime: time(commission.update_time, `${where}.commission.update_time`),
    minSelfDelegation: int(v.min_self_delegation ?? "1", `${where}.min_self_delegation`),
  };
  if (record.maxCommissionRate > ONE || record.commissionRate > record.maxCommissionRate || record.maxCommissionChangeRate > record.maxCommissionRate) {
    fail(`${where}: commission rates must satisfy rate ≤ max_rate ≤ 1 and max_change_rate ≤ max_rate`);
  }
  if (record.jailed && status === BondStatus.BOND_STATUS_BONDED) fail(`${where} is bonded and jailed`);
  if (record.delegatorShares === 0n && status !== BondStatus.BOND_STATUS_UNBONDING) fail(`${where} has zero delegator shares`);
  return record;
}

function readUnbonding(value: unknown, index: number): { delegator: Uint8Array; operator: Uint8Array; ubd: UnbondingDelegation } {
  const where = `unbonding_delegations[${index}]`;
  const u = obj(value, where);
  const delegator = address(u.delegator_address, `${where}.delegator_address`);
  const operator = address(u.validator_address, `${where}.validator_address`, VALOPER_PREFIX);
  const entries = list(u.entries, `${where}.entries`).map((raw, i) => {
    const e = obj(raw, `${where}.entries[${i}]`);
    const balance = int(e.balance, `${where}.entries[${i}].balance`);
    const initialBalance = int(e.initial_balance ?? e.balance, `${where}.entries[${i}].initial_balance`);
    return { creationHeight: int(e.creation_height, `${where}.entries[${i}].creation_height`), completionTime: time(e.completion_time, `${where}.entries[${i}].completion_time`), initialBalance: initialBalance.toString(), balance: balance.toString(), unbondingId: 0n, unbondingOnHoldRefCount: 0n };
  });
  if (entries.length === 0) fail(`${where} has no entries`);
  return { delegator, operator, ubd: { delegatorAddress: encodeAddress(delegator), validatorAddress: encodeAddress(operator, VALOPER_PREFIX), entries } };
}

function readRedelegation(value: unknown, index: number): { delegator: Uint8Array; src: Uint8Array; dst: Uint8Array; red: Redelegation } {
  const where = `redelegations[${index}]`;
  const r = obj(value, where);
  const delegator = address(r.delegator_address, `${where}.delegator_address`);
  const src = address(r.validator_src_address, `${where}.validator_src_address`, VALOPER_PREFIX);
  const dst = address(r.validator_dst_address, `${where}.validator_dst_address`, VALOPER_PREFIX);
  const entries = list(r.entries, `${where}.entries`).map((raw, i) => {
    const e = obj(raw, `${where}.entries[${i}]`);
    return {
      creationHeight: int(e.creation_height, `${where}.entries[${i}].creation_height`),
      completionTime: time(e.completion_time, `${where}.entries[${i}].completion_time`),
      initialBalance: int(e.initial_balance, `${where}.entries[${i}].initial_balance`).toString(),
      sharesDst: dec(e.shares_dst, `${where}.entries[${i}].shares_dst`).toString(),
      unbondingId: 0n,
      unbondingOnHoldRefCount: 0n,
    };
  });
  if (entries.length === 0) fail(`${where} has no entries`);
  const red = { delegatorAddress: encodeAddress(delegator), validatorSrcAddress: encodeAddress(src, VALOPER_PREFIX), validatorDstAddress: encodeAddress(dst, VALOPER_PREFIX), entries };
  return { delegator, src, dst, red };
}

/**
 * Imports the SDK's staking genesis. Validators, delegations and entries are checked (known
 * validators, shares adding up, no duplicates) and the pools' bank balances (bank's genesis comes
 * first) must equal the ledger. A new genesis (`exported: false`) calls the creation hooks and
 * bonds the initial active set; an exported one restores the last validator powers as they were.
 */
export function initStakingGenesis(keeper: StakingKeeper, ctx: Context, json: unknown): AppError | undefined {
  try {
    importGenesis(keeper, ctx, obj(json ?? {}, "staking genesis"));
    return undefined;
  } catch (error) {
    if (error instanceof GenesisError) return ErrInvalidGenesis.wrap(error.message);
    throw error;
  }
}

function importGenesis(keeper: StakingKeeper, ctx: Context, g: Json): void {
  const params = paramsFromJson(g.params);
  if (isError(params)) fail(params.log);
  const exported = g.exported === true;
  const store = new StakingStore(ctx);
  const hooks = exported ? undefined : keeper.genesisHooks();
  store.setParams(params);
  store.setLastTotalPower(int(g.last_total_power, "last_total_power"));
  let bonded = 0n;
  let notBonded = 0n;
  const validators = new Map<string, ValidatorRecord>();
  const consensus = new Set<string>();
  list(g.validators, "validators").forEach((raw, i) => {
    const v = readValidator(raw, i);
    const key = bytesToKey(v.operator);
    if (validators.has(key)) fail(`validator ${encodeAddress(v.operator, VALOPER_PREFIX)} appears twice`);
    if (consensus.has(bytesToKey(v.consensusAddress))) fail(`validators[${i}] reuses another validator's consensus key`);
    validators.set(key, v);
    consensus.add(bytesToKey(v.consensusAddress));
    store.setValidator(v);
    store.setConsensusIndex(v);
    if (!v.jailed) store.setPowerIndex(v);
    if (v.status === BondStatus.BOND_STATUS_UNBONDING) store.enqueueValidator(v.unbondingTime, v.unbondingHeight, v.operator);
    if (v.status === BondStatus.BOND_STATUS_BONDED) bonded += v.tokens;
    else notBonded += v.tokens;
    hooks?.afterValidatorCreated(ctx, v.operator);
  });
  const sharesByValidator = new Map<string, bigint>();
  const seen = new Set<string>();
  list(g.delegations, "delegations").forEach((raw, i) => {
    const d = obj(raw, `delegations[${i}]`);
    const delegator = address(d.delegator_address, `delegations[${i}].delegator_address`);
    const operator = address(d.validator_address, `delegations[${i}].validator_address`, VALOPER_PREFIX);
    const shares = dec(d.shares, `delegations[${i}].shares`);
    const key = bytesToKey(operator);
    if (!validators.has(key)) fail(`delegations[${i}] names an unknown validator ${String(d.validator_address)}`);
    if (shares === 0n) fail(`delegations[${i}] has no shares`);
    const pair = `${bytesToKey(delegator)}/${key}`;
    if (seen.has(pair)) fail(`delegations[${i}] repeats a (delegator, validator) pair`);
    seen.add(pair);
    sharesByValidator.set(key, (sharesByValidator.get(key) ?? 0n) + shares);
    hooks?.beforeDelegationCreated(ctx, delegator, operator);
    store.setDelegation(delegator, operator, { delegatorAddress: encodeAddress(delegator), validatorAddress: encodeAddress(operator, VALOPER_PREFIX), shares: shares.toString() });
    hooks?.afterDelegationModified(ctx, delegator, operator);
  });
  for (const [key, v] of validators) {
    if ((sharesByValidator.get(key) ?? 0n) !== v.delegatorShares) fail(`validator ${encodeAddress(v.operator, VALOPER_PREFIX)}'s delegator_shares ${formatDecimal(v.delegatorShares)} differ from its delegations' sum`);
  }
  list(g.unbonding_delegations, "unbonding_delegations").forEach((raw, i) => {
    const { delegator, operator, ubd } = readUnbonding(raw, i);
    if (store.unbonding(delegator, operator)) fail(`unbonding_delegations[${i}] repeats a (delegator, validator) pair`);
    store.setUnbonding(delegator, operator, ubd);
    for (const entry of ubd.entries) {
      notBonded += BigInt(entry.balance);
      store.enqueueUnbonding(entry.completionTime, delegator, operator);
    }
  });
  list(g.redelegations, "redelegations").forEach((raw, i) => {
    const { delegator, src, dst, red } = readRedelegation(raw, i);
    if (store.redelegation(delegator, src, dst)) fail(`redelegations[${i}] repeats a (delegator, source, destination) triple`);
    store.setRedelegation(delegator, src, dst, red);
    for (const entry of red.entries) store.enqueueRedelegation(entry.completionTime, delegator, src, dst);
  });
  const pools = { bonded: keeper.totalBondedTokens(ctx), notBonded: keeper.notBondedTokens(ctx) };
  if (pools.bonded !== bonded) fail(`the bonded_tokens_pool holds ${pools.bonded}${params.bondDenom} but bonded validators hold ${bonded}`);
  if (pools.notBonded !== notBonded) fail(`the not_bonded_tokens_pool holds ${pools.notBonded}${params.bondDenom} but the other validators and unbonding entries hold ${notBonded}`);
  if (exported) {
    list(g.last_validator_powers, "last_validator_powers").forEach((raw, i) => {
      const p = obj(raw, `last_validator_powers[${i}]`);
      const operator = address(p.address, `last_validator_powers[${i}].address`, VALOPER_PREFIX);
      if (validators.get(bytesToKey(operator))?.status !== BondStatus.BOND_STATUS_BONDED) fail(`last_validator_powers[${i}] names a validator that is not bonded`);
      store.setLastValidatorPower(operator, int(p.power, `last_validator_powers[${i}].power`));
    });
    return;
  }
  const { alreadyBonded } = keeper.applyValidatorSetUpdates(ctx, store);
  for (const v of alreadyBonded) hooks?.afterValidatorBonded(ctx, v.consensusAddress, v.operator);
}

/** The initial consensus set: the last validator powers after genesis. */
export function stakingGenesisValidators(ctx: Context): ValidatorUpdate[] {
  const store = new StakingStore(ctx);
  return [...store.lastValidatorPowers()].map(({ operator, power }) => ({ pubKey: { ed25519: store.validator(operator)!.consensusPubkey }, power }));
}

export function validatorJson(v: ValidatorRecord): Json {
  return {
    operator_address: encodeAddress(v.operator, VALOPER_PREFIX),
    consensus_pubkey: { "@type": ED25519_PUBKEY_TYPE, key: Buffer.from(v.consensusPubkey).toString("base64") },
    jailed: v.jailed,
    status: bondStatusToJSON(v.status),
    tokens: v.tokens.toString(),
    delegator_shares: formatDecimal(v.delegatorShares),
    description: { moniker: v.description.moniker, identity: v.description.identity, website: v.description.website, security_contact: v.description.securityContact, details: v.description.details },
    unbonding_height: v.unbondingHeight.toString(),
    unbonding_time: formatTime(v.unbondingTime),
    commission: {
      commission_rates: { rate: formatDecimal(v.commissionRate), max_rate: formatDecimal(v.maxCommissionRate), max_change_rate: formatDecimal(v.maxCommissionChangeRate) },
      update_time: formatTime(v.commissionUpdateTime),
    },
    min_self_delegation: v.minSelfDelegation.toString(),
    unbonding_on_hold_ref_count: "0",
    unbonding_ids: [],
  };
}

export function exportStakingGenesis(ctx: Context): unknown {
  const store = new StakingStore(ctx);
  const validators: Json[] = [];
  for (const [, value] of store.validators().iterate()) validators.push(validatorJson(decodeValidator(value)));
  const delegations: Json[] = [];
  for (const [, value] of store.allDelegations().iterate()) {
    const d = decodeDelegation(value);
    delegations.push({ delegator_address: d.delegatorAddress, validator_address: d.validatorAddress, shares: formatDecimal(BigInt(d.shares)) });
  }
  const unbondings: Json[] = [];
  for (const [, value] of store.allUnbondings().iterate()) {
    const u = decodeUnbonding(value);
    unbondings.push({
      delegator_address: u.delegatorAddress,
      validator_address: u.validatorAddress,
      entries: u.entries.map((e) => ({ creation_height: e.creationHeight.toString(), completion_time: formatTime(e.completionTime), initial_balance: e.initialBalance, balance: e.balance, unbonding_id: "0", unbonding_on_hold_ref_count: "0" })),
    });
  }
  const redelegations: Json[] = [];
  for (const [, value] of store.redelegations().iterate()) {
    const r = decodeRedelegation(value);
    redelegations.push({
      delegator_address: r.delegatorAddress,
      validator_src_address: r.validatorSrcAddress,
      validator_dst_address: r.validatorDstAddress,
      entries: r.entries.map((e) => ({
        creation_height: e.creationHeight.toString(),
        completion_time: formatTime(e.completionTime),
        initial_balance: e.initialBalance,
        shares_dst: formatDecimal(BigInt(e.sharesDst)),
        unbonding_id: "0",
        unbonding_on_hold_ref_count: "0",
      })),
    });
  }
  return {
    params: paramsToJson(store.params()),
    last_total_power: store.lastTotalPower().toString(),
    last_validator_powers: [...store.lastValidatorPowers()].map(({ operator, power }) => ({ address: encodeAddress(operator, VALOPER_PREFIX), power: power.toString() })),
    validators,
    delegations,
    unbonding_delegations: unbondings,
    redelegations,
    exported: true,
  };
}

const decodeValidator = (bytes: Uint8Array): ValidatorRecord => fromProtoValidator(Validator.decode(bytes));
const decodeDelegation = (bytes: Uint8Array): Delegation => Delegation.decode(bytes);
const decodeUnbonding = (bytes: Uint8Array): UnbondingDelegation => UnbondingDelegation.decode(bytes);
const decodeRedelegation = (bytes: Uint8Array): Redelegation => Redelegation.decode(bytes);
