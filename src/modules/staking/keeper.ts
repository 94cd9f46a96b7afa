import { Delegation, type Description, type Params, type RedelegationEntry, type UnbondingDelegationEntry } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import { bytesEqual, bytesToKey, keyToBytes } from "../../store/bytes.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { ONE } from "../../types/decimal.js";
import { ErrInvalidRequest, ErrNotFound, type AppError } from "../../types/errors.js";
import {
  ErrBadRedelegationDst,
  ErrBadRedelegationSrc,
  ErrCommissionGTMaxChangeRate,
  ErrCommissionGTMaxRate,
  ErrCommissionLTMinRate,
  ErrCommissionUpdateTime,
  ErrDelegatorShareExRateInvalid,
  ErrInsufficientShares,
  ErrMaxRedelegationEntries,
  ErrMaxUnbondingDelegationEntries,
  ErrMinSelfDelegationDecreased,
  ErrNoDelegation,
  ErrNoDelegatorForAddress,
  ErrNotEnoughDelegationShares,
  ErrNoUnbondingDelegation,
  ErrNoValidatorFound,
  ErrSelfDelegationBelowMinimum,
  ErrSelfRedelegation,
  ErrTinyRedelegationAmount,
  ErrTransitiveRedelegation,
  ErrValidatorJailed,
  ErrValidatorOwnerExists,
  ErrValidatorPubKeyExists,
} from "./errors.js";
import {
  emitCancelUnbonding,
  emitCompleteRedelegation,
  emitCompleteUnbonding,
  emitCreateValidator,
  emitDelegate,
  emitEditValidator,
  emitRedelegate,
  emitUnbond,
} from "./events.js";
import type { StakingBankKeeper } from "./expected-keepers.js";
import type { StakingHooks } from "./hooks.js";
import { BONDED_POOL, NOT_BONDED_POOL, POWER_REDUCTION, REDELEGATION_QUEUE_PREFIX, splitAddresses, UNBONDING_QUEUE_PREFIX, VALIDATOR_QUEUE_PREFIX, VALOPER_PREFIX } from "./keys.js";
import { StakingStore } from "./store.js";
import {
  BondStatus,
  consensusAddressOf,
  consensusPower,
  EPOCH,
  hasInvalidExchangeRate,
  sharesForNewTokens,
  tokensFromShares,
  type StakingValidatorView,
  type ValidatorRecord,
} from "./validator.js";
import { addDuration, compareTimes } from "../../types/time.js";

export { POWER_REDUCTION } from "./keys.js";
export type { StakingValidatorView } from "./validator.js";

/** Queue keys each end-block completes at most, per queue (validators, unbondings, redelegations); the rest wait a block. */
export const MAX_MATURED_PER_BLOCK = 1000;
/** The SDK's rule: a commission rate changes at most once per 24 hours. */
const COMMISSION_CHANGE_INTERVAL = { seconds: 86_400n, nanos: 0 };
/** A refused unbonding payout (the delegator became a denied recipient) is retried this much later. */
const PAYOUT_RETRY = { seconds: 86_400n, nanos: 0 };
const DO_NOT_MODIFY = "[do-not-modify]";

export interface CreateValidatorRequest {
  operator: Uint8Array;
  consensusPubkey: Uint8Array;
  description: Description;
  rate: bigint;
  maxRate: bigint;
  maxChangeRate: bigint;
  minSelfDelegation: bigint;
  value: Coin;
}

export interface EditValidatorRequest {
  operator: Uint8Array;
  description: Description;
  /** Absent: unchanged. */
  commissionRate?: bigint;
  minSelfDelegation?: bigint;
}

/** Where the tokens of a delegation come from: an account, or a pool (the source validator's status). */
type TokenSource = "account" | BondStatus;

type HookArgs<K extends keyof StakingHooks> = Parameters<NonNullable<StakingHooks[K]>>;

function poolOf(status: BondStatus): string {
  return status === BondStatus.BOND_STATUS_BONDED ? BONDED_POOL : NOT_BONDED_POOL;
}

const coinString = (amount: bigint, denom: string): string => `${amount}${denom}`;

/**
 * x/staking: validators, delegations with shares, unbonding and redelegation entries, the two
 * pools, the active set and its updates to consensus, slashing and jailing. The pools' bank
 * balances always equal the ledger: bonded pool = bonded validators' tokens; not-bonded pool =
 * the other validators' tokens + unbonding entries' balances.
 */
export class StakingKeeper {
  private readonly hooks: StakingHooks[] = [];
  readonly bondedPoolAddress = moduleAddress(BONDED_POOL);
  readonly notBondedPoolAddress = moduleAddress(NOT_BONDED_POOL);

  constructor(private readonly bank: StakingBankKeeper) {}

  /** Registers modules' hooks (distribution, slashing); they run in the order added. */
  addHooks(hooks: StakingHooks): void {
    this.hooks.push(hooks);
  }

  private call<K extends keyof StakingHooks>(name: K, ...args: HookArgs<K>): void {
    for (const hooks of this.hooks) (hooks[name] as ((...a: HookArgs<K>) => void) | undefined)?.apply(hooks, args);
  }

  /** The hooks staking's genesis calls for a new (not exported) genesis, as the SDK's InitGenesis. */
  genesisHooks(): Required<Pick<StakingHooks, "afterValidatorCreated" | "beforeDelegationCreated" | "afterDelegationModified" | "afterValidatorBonded">> {
    return {
      afterValidatorCreated: (ctx, operator) => this.call("afterValidatorCreated", ctx, operator),
      beforeDelegationCreated: (ctx, delegator, operator) => this.call("beforeDelegationCreated", ctx, delegator, operator),
      afterDelegationModified: (ctx, delegator, operator) => this.call("afterDelegationModified", ctx, delegator, operator),
      afterValidatorBonded: (ctx, consensus, operator) => this.call("afterValidatorBonded", ctx, consensus, operator),
    };
  }

  getParams(ctx: Context): Params {
    return new StakingStore(ctx).params();
  }

  setParams(ctx: Context, params: Params): void {
    new StakingStore(ctx).setParams(params);
  }

  bondDenom(ctx: Context): string {
    return this.getParams(ctx).bondDenom;
  }

  getValidator(ctx: Context, operator: Uint8Array): ValidatorRecord | undefined {
    return new StakingStore(ctx).validator(operator);
  }

  getValidatorByConsensusAddress(ctx: Context, consensus: Uint8Array): ValidatorRecord | undefined {
    const store = new StakingStore(ctx);
    const operator = store.operatorByConsensus(consensus);
    return operator ? store.validator(operator) : undefined;
  }

  getDelegation(ctx: Context, delegator: Uint8Array, operator: Uint8Array): { shares: bigint } | undefined {
    const delegation = new StakingStore(ctx).delegation(delegator, operator);
    return delegation ? { shares: BigInt(delegation.shares) } : undefined;
  }

  /** A delegator's delegations, in operator order (one range read). */
  delegatorDelegations(ctx: Context, delegator: Uint8Array): { operator: Uint8Array; shares: bigint }[] {
    const out: { operator: Uint8Array; shares: bigint }[] = [];
    for (const [key, value] of new StakingStore(ctx).delegationsOf(delegator).iterate()) {
      out.push({ operator: key.subarray(1), shares: BigInt(Delegation.decode(value).shares) });
    }
    return out;
  }

  /** The active set: bonded validators, most power first, at most max_validators (a range read of the power index). */
  bondedValidatorsByPower(ctx: Context): ValidatorRecord[] {
    const store = new StakingStore(ctx);
    const max = store.params().maxValidators;
    const out: ValidatorRecord[] = [];
    for (const operator of store.operatorsByPower()) {
      if (out.length >= max) break;
      const validator = store.validator(operator)!;
      if (validator.status === BondStatus.BOND_STATUS_BONDED) out.push(validator);
    }
    return out;
  }

  totalBondedTokens(ctx: Context): bigint {
    return this.bank.getBalance(ctx, this.bondedPoolAddress, this.bondDenom(ctx));
  }

  notBondedTokens(ctx: Context): bigint {
    return this.bank.getBalance(ctx, this.notBondedPoolAddress, this.bondDenom(ctx));
  }

  tokensFromShares(validator: StakingValidatorView, shares: bigint): bigint {
    return tokensFromShares(validator, shares);
  }

  // ---- messages ----

  createValidator(ctx: Context, req: CreateValidatorRequest): undefined | AppError {
    const store = new StakingStore(ctx);
    const params = store.params();
    if (req.rate < BigInt(params.minCommissionRate)) return ErrCommissionLTMinRate.wrap(`cannot set validator commission to less than minimum rate of ${params.minCommissionRate}`);
    if (store.validator(req.operator)) return ErrValidatorOwnerExists.wrap(encodeAddress(req.operator, VALOPER_PREFIX));
    const consensusAddress = consensusAddressOf(req.consensusPubkey);
    if (store.operatorByConsensus(consensusAddress)) return ErrValidatorPubKeyExists.wrap("");
    const denomError = checkDenom(req.value.denom, params.bondDenom);
    if (denomError) return denomError;
    const validator: ValidatorRecord = {
      operator: req.operator,
      consensusAddress,
      consensusPubkey: req.consensusPubkey,
      status: BondStatus.BOND_STATUS_UNBONDED,
      jailed: false,
      tokens: 0n,
      delegatorShares: 0n,
      commissionRate: req.rate,
      maxCommissionRate: req.maxRate,
      maxCommissionChangeRate: req.maxChangeRate,
      commissionUpdateTime: ctx.block.time,
      description: req.description,
      minSelfDelegation: req.minSelfDelegation,
      unbondingHeight: 0n,
      unbondingTime: EPOCH,
    };
    store.setValidator(validator);
    store.setConsensusIndex(validator);
    store.setPowerIndex(validator);
    this.call("afterValidatorCreated", ctx, req.operator);
    const shares = this.delegateTokens(ctx, store, req.operator, req.value.amount, validator, "account");
    if (typeof shares !== "bigint") return shares;
    emitCreateValidator(ctx, req.operator, coinString(req.value.amount, req.value.denom));
    return undefined;
  }

  editValidator(ctx: Context, req: EditValidatorRequest): undefined | AppError {
    const store = new StakingStore(ctx);
    const validator = store.validator(req.operator);
    if (!validator) return ErrNoValidatorFound.wrap(encodeAddress(req.operator, VALOPER_PREFIX));
    validator.description = mergeDescription(validator.description, req.description);
    if (req.commissionRate !== undefined) {
      const refused = this.checkNewRate(ctx, store.params(), validator, req.commissionRate);
      if (refused) return refused;
      validator.commissionRate = req.commissionRate;
      validator.commissionUpdateTime = ctx.block.time;
    }
    if (req.minSelfDelegation !== undefined) {
      if (req.minSelfDelegation <= validator.minSelfDelegation) return ErrMinSelfDelegationDecreased.wrap("");
      if (req.minSelfDelegation > validator.tokens) return ErrSelfDelegationBelowMinimum.wrap(`min self delegation ${req.minSelfDelegation} exceeds the validator's tokens ${validator.tokens}`);
      validator.minSelfDelegation = req.minSelfDelegation;
    }
    store.setValidator(validator);
    emitEditValidator(ctx, validator.commissionRate, validator.minSelfDelegation);
    return undefined;
  }

  private checkNewRate(ctx: Context, params: Params, validator: ValidatorRecord, rate: bigint): AppError | undefined {
    if (compareTimes(ctx.block.time, addDuration(validator.commissionUpdateTime, COMMISSION_CHANGE_INTERVAL)) < 0) return ErrCommissionUpdateTime.wrap("");
    if (rate > validator.maxCommissionRate) return ErrCommissionGTMaxRate.wrap("");
    if (rate - validator.commissionRate > validator.maxCommissionChangeRate) return ErrCommissionGTMaxChangeRate.wrap("");
    if (rate < BigInt(params.minCommissionRate)) return ErrCommissionLTMinRate.wrap(`cannot set validator commission to less than minimum rate of ${params.minCommissionRate}`);
    return undefined;
  }

  /** MsgDelegate: coins from the delegator's account into the validator's pool; returns the shares issued. */
  delegate(ctx: Context, delegator: Uint8Array, operator: Uint8Array, amount: Coin): bigint | AppError {
    const store = new StakingStore(ctx);
    const validator = store.validator(operator);
    if (!validator) return ErrNoValidatorFound.wrap(encodeAddress(operator, VALOPER_PREFIX));
    const denomError = checkDenom(amount.denom, store.params().bondDenom);
    if (denomError) return denomError;
    const shares = this.delegateTokens(ctx, store, delegator, amount.amount, validator, "account");
    if (typeof shares !== "bigint") return shares;
    emitDelegate(ctx, { operator, delegator, amount: coinString(amount.amount, amount.denom), newShares: shares });
    return shares;
  }

  /** MsgUndelegate: an unbonding entry maturing after unbonding_time; returns it and the tokens it holds. */
  undelegate(ctx: Context, delegator: Uint8Array, operator: Uint8Array, amount: Coin): { completionTime: Timestamp; amount: bigint } | AppError {
    const store = new StakingStore(ctx);
    const params = store.params();
    const validator = store.validator(operator);
    if (!validator) return ErrNoValidatorFound.wrap(encodeAddress(operator, VALOPER_PREFIX));
    const denomError = checkDenom(amount.denom, params.bondDenom);
    if (denomError) return denomError;
    const shares = sharesToUnbond(store, delegator, validator, amount.amount);
    if (typeof shares !== "bigint") return shares;
    const ubd = store.unbonding(delegator, operator) ?? { delegatorAddress: encodeAddress(delegator), validatorAddress: encodeAddress(operator, VALOPER_PREFIX), entries: [] };
    if (ubd.entries.length >= params.maxEntries) return ErrMaxUnbondingDelegationEntries.wrap("");
    const returned = this.unbond(ctx, store, delegator, operator, shares);
    if (typeof returned !== "bigint") return returned;
    if (validator.status === BondStatus.BOND_STATUS_BONDED) {
      const moved = this.moveTokens(ctx, params.bondDenom, BondStatus.BOND_STATUS_BONDED, BondStatus.BOND_STATUS_UNBONDING, returned);
      if (moved) return moved;
    }
    const completionTime = addDuration(ctx.block.time, params.unbondingTime);
    addUnbondingEntry(ubd.entries, ctx.block.height, completionTime, returned);
    store.setUnbonding(delegator, operator, ubd);
    store.enqueueUnbonding(completionTime, delegator, operator);
    emitUnbond(ctx, { operator, delegator, amount: coinString(returned, params.bondDenom), completionTime });
    return { completionTime, amount: returned };
  }

  /** MsgBeginRedelegate: moves a delegation at once; the entry only guards against slashing and transitive hops. */
  beginRedelegation(ctx: Context, delegator: Uint8Array, src: Uint8Array, dst: Uint8Array, amount: Coin): Timestamp | AppError {
    if (bytesEqual(src, dst)) return ErrSelfRedelegation.wrap("");
    const store = new StakingStore(ctx);
    const params = store.params();
    const source = store.validator(src);
    if (!source) return ErrBadRedelegationSrc.wrap("");
    const destination = store.validator(dst);
    if (!destination) return ErrBadRedelegationDst.wrap("");
    const denomError = checkDenom(amount.denom, params.bondDenom);
    if (denomError) return denomError;
    const shares = sharesToUnbond(store, delegator, source, amount.amount);
    if (typeof shares !== "bigint") return shares;
    if (store.hasRedelegationInto(delegator, src)) return ErrTransitiveRedelegation.wrap("");
    const red = store.redelegation(delegator, src, dst) ?? {
      delegatorAddress: encodeAddress(delegator),
      validatorSrcAddress: encodeAddress(src, VALOPER_PREFIX),
      validatorDstAddress: encodeAddress(dst, VALOPER_PREFIX),
      entries: [],
    };
    if (red.entries.length >= params.maxEntries) return ErrMaxRedelegationEntries.wrap("");
    const returned = this.unbond(ctx, store, delegator, src, shares);
    if (typeof returned !== "bigint") return returned;
    if (returned === 0n) return ErrTinyRedelegationAmount.wrap("");
    const sharesCreated = this.delegateTokens(ctx, store, delegator, returned, store.validator(dst)!, source.status);
    if (typeof sharesCreated !== "bigint") return sharesCreated;
    const completionTime = this.redelegationCompletion(ctx, params, source);
    if (completionTime) {
      red.entries.push({ creationHeight: ctx.block.height, completionTime, initialBalance: returned.toString(), sharesDst: sharesCreated.toString(), unbondingId: 0n, unbondingOnHoldRefCount: 0n });
      store.setRedelegation(delegator, src, dst, red);
      store.enqueueRedelegation(completionTime, delegator, src, dst);
    }
    const reported = completionTime ?? ctx.block.time;
    emitRedelegate(ctx, { src, dst, delegator, amount: coinString(returned, params.bondDenom), completionTime: reported });
    return reported;
  }

  /** When a redelegation from `source` matures: bonded → after unbonding_time; unbonding → with the validator; unbonded → now (no entry). */
  private redelegationCompletion(ctx: Context, params: Params, source: ValidatorRecord): Timestamp | undefined {
    if (source.status === BondStatus.BOND_STATUS_BONDED) return addDuration(ctx.block.time, params.unbondingTime);
    if (source.status === BondStatus.BOND_STATUS_UNBONDING && compareTimes(source.unbondingTime, ctx.block.time) > 0) return source.unbondingTime;
    return undefined;
  }

  /** MsgCancelUnbondingDelegation: delegates (part of) an unbonding entry back to its validator. */
  cancelUnbonding(ctx: Context, delegator: Uint8Array, operator: Uint8Array, amount: Coin, creationHeight: bigint): undefined | AppError {
    const store = new StakingStore(ctx);
    const validator = store.validator(operator);
    if (!validator) return ErrNoValidatorFound.wrap(encodeAddress(operator, VALOPER_PREFIX));
    if (hasInvalidExchangeRate(validator)) return ErrDelegatorShareExRateInvalid.wrap("");
    if (validator.jailed) return ErrValidatorJailed.wrap("");
    const denomError = checkDenom(amount.denom, store.params().bondDenom);
    if (denomError) return denomError;
    const ubd = store.unbonding(delegator, operator);
    if (!ubd) return ErrNoUnbondingDelegation.wrap(`unbonding delegation with delegator ${encodeAddress(delegator)} not found for validator ${encodeAddress(operator, VALOPER_PREFIX)}`);
    const index = ubd.entries.findIndex((e) => e.creationHeight === creationHeight);
    if (index < 0) return ErrNotFound.wrap(`unbonding delegation entry is not found at block height ${creationHeight}`);
    const entry = ubd.entries[index]!;
    const balance = BigInt(entry.balance);
    if (balance < amount.amount) return ErrInvalidRequest.wrap("amount is greater than the unbonding delegation entry balance");
    if (compareTimes(entry.completionTime, ctx.block.time) < 0) return ErrInvalidRequest.wrap("unbonding delegation is already processed");
    const shares = this.delegateTokens(ctx, store, delegator, amount.amount, validator, BondStatus.BOND_STATUS_UNBONDING);
    if (typeof shares !== "bigint") return shares;
    if (balance === amount.amount) ubd.entries.splice(index, 1);
    else ubd.entries[index] = { ...entry, balance: (balance - amount.amount).toString(), initialBalance: (BigInt(entry.initialBalance) - amount.amount).toString() };
    store.setUnbonding(delegator, operator, ubd);
    emitCancelUnbonding(ctx, { operator, delegator, amount: coinString(amount.amount, amount.denom), creationHeight });
    return undefined;
  }

  // ---- delegation internals (the SDK's Delegate and Unbond) ----

  private delegateTokens(ctx: Context, store: StakingStore, delegator: Uint8Array, amount: bigint, validator: ValidatorRecord, source: TokenSource): bigint | AppError {
    if (hasInvalidExchangeRate(validator)) return ErrDelegatorShareExRateInvalid.wrap("");
    const existing = store.delegation(delegator, validator.operator);
    if (existing) this.call("beforeDelegationSharesModified", ctx, delegator, validator.operator);
    else this.call("beforeDelegationCreated", ctx, delegator, validator.operator);
    const denom = store.params().bondDenom;
    const paid =
      source === "account"
        ? this.bank.sendCoinsFromAccountToModule(ctx, delegator, poolOf(validator.status), [{ denom, amount }])
        : this.moveTokens(ctx, denom, source, validator.status, amount);
    if (paid) return paid;
    const shares = addTokensAndShares(store, validator, amount);
    store.setDelegation(delegator, validator.operator, {
      delegatorAddress: encodeAddress(delegator),
      validatorAddress: encodeAddress(validator.operator, VALOPER_PREFIX),
      shares: ((existing ? BigInt(existing.shares) : 0n) + shares).toString(),
    });
    this.call("afterDelegationModified", ctx, delegator, validator.operator);
    return shares;
  }

  /** Removes shares from a delegation and their tokens from the validator (they stay in its pool); returns the tokens. */
  private unbond(ctx: Context, store: StakingStore, delegator: Uint8Array, operator: Uint8Array, shares: bigint): bigint | AppError {
    const delegation = store.delegation(delegator, operator);
    if (!delegation) return ErrNoDelegatorForAddress.wrap("");
    const held = BigInt(delegation.shares);
    if (held < shares) return ErrNotEnoughDelegationShares.wrap(`invalid shares amount: ${shares} > ${held}`);
    const validator = store.validator(operator);
    if (!validator) return ErrNoValidatorFound.wrap(encodeAddress(operator, VALOPER_PREFIX));
    this.call("beforeDelegationSharesModified", ctx, delegator, operator);
    const remaining = held - shares;
    // As the SDK: an operator whose self-delegation falls below its minimum is jailed.
    if (bytesEqual(delegator, operator) && !validator.jailed && tokensFromShares(validator, remaining) < validator.minSelfDelegation) jailRecord(store, validator);
    if (remaining === 0n) {
      this.call("beforeDelegationRemoved", ctx, delegator, operator);
      store.deleteDelegation(delegator, operator);
    } else {
      store.setDelegation(delegator, operator, { ...delegation, shares: remaining.toString() });
      this.call("afterDelegationModified", ctx, delegator, operator);
    }
    const amount = removeSharesAndTokens(store, validator, shares);
    if (validator.delegatorShares === 0n && validator.status === BondStatus.BOND_STATUS_UNBONDED) this.removeValidator(ctx, store, validator);
    return amount;
  }

  private removeValidator(ctx: Context, store: StakingStore, validator: ValidatorRecord): void {
    store.deleteValidator(validator);
    this.call("afterValidatorRemoved", ctx, validator.consensusAddress, validator.operator);
  }

  /** Moves tokens between the pools when the two statuses keep them in different pools. */
  private moveTokens(ctx: Context, denom: string, from: BondStatus, to: BondStatus, amount: bigint): AppError | undefined {
    const [fromPool, toPool] = [poolOf(from), poolOf(to)];
    if (fromPool === toPool || amount === 0n) return undefined;
    return this.bank.sendCoinsFromModuleToModule(ctx, fromPool, toPool, [{ denom, amount }]);
  }

  // ---- slashing's API ----

  /**
   * Burns `fraction` of the stake the validator had at `infractionHeight` (power × 10^6): first
   * from unbonding delegations and redelegations begun at or after that height, the rest from
   * the validator's tokens. Returns the uxprt burned. An unknown or unbonded validator is not
   * slashed (the SDK panics there). Work: the validator's unbonding delegations and redelegations.
   */
  slash(ctx: Context, consensus: Uint8Array, infractionHeight: bigint, power: bigint, fraction: bigint): bigint {
    const store = new StakingStore(ctx);
    const operator = store.operatorByConsensus(consensus);
    const found = operator && store.validator(operator);
    if (!found || found.status === BondStatus.BOND_STATUS_UNBONDED || fraction <= 0n) return 0n;
    const denom = store.params().bondDenom;
    const slashAmount = (power * POWER_REDUCTION * fraction) / ONE;
    this.call("beforeValidatorSlashed", ctx, found.operator, fraction);
    let remaining = slashAmount;
    let burned = 0n;
    if (infractionHeight < ctx.block.height) {
      for (const [key] of store.unbondingDelegatorsOf(found.operator).iterate()) {
        const result = this.slashUnbonding(ctx, store, key.subarray(1), found.operator, infractionHeight, fraction);
        remaining -= result.due;
        burned += result.burned;
      }
      for (const [key] of store.redelegationsFrom(found.operator).iterate()) {
        const [delegator, dst] = splitAddresses(key);
        const result = this.slashRedelegation(ctx, store, delegator!, found.operator, dst!, infractionHeight, fraction);
        remaining -= result.due;
        burned += result.burned;
      }
    }
    const validator = store.validator(found.operator)!;
    const fromTokens = remaining <= 0n ? 0n : remaining < validator.tokens ? remaining : validator.tokens;
    if (fromTokens > 0n) {
      store.deletePowerIndex(validator);
      validator.tokens -= fromTokens;
      store.setValidator(validator);
      if (!validator.jailed) store.setPowerIndex(validator);
      this.burn(ctx, poolOf(validator.status), denom, fromTokens);
    }
    return burned + fromTokens;
  }

  private slashUnbonding(ctx: Context, store: StakingStore, delegator: Uint8Array, operator: Uint8Array, infractionHeight: bigint, fraction: bigint): { due: bigint; burned: bigint } {
    const ubd = store.unbonding(delegator, operator)!;
    let due = 0n;
    let burned = 0n;
    for (const entry of ubd.entries) {
      if (entry.creationHeight < infractionHeight || compareTimes(entry.completionTime, ctx.block.time) <= 0) continue;
      const amount = (BigInt(entry.initialBalance) * fraction) / ONE;
      due += amount;
      const balance = BigInt(entry.balance);
      const cut = amount < balance ? amount : balance;
      entry.balance = (balance - cut).toString();
      burned += cut;
    }
    store.setUnbonding(delegator, operator, ubd);
    this.burn(ctx, NOT_BONDED_POOL, store.params().bondDenom, burned);
    return { due, burned };
  }

  private slashRedelegation(
    ctx: Context,
    store: StakingStore,
    delegator: Uint8Array,
    src: Uint8Array,
    dst: Uint8Array,
    infractionHeight: bigint,
    fraction: bigint,
  ): { due: bigint; burned: bigint } {
    const red = store.redelegation(delegator, src, dst)!;
    let due = 0n;
    let burned = 0n;
    for (const entry of red.entries) {
      if (entry.creationHeight < infractionHeight || compareTimes(entry.completionTime, ctx.block.time) <= 0) continue;
      due += (BigInt(entry.initialBalance) * fraction) / ONE;
      let shares = (BigInt(entry.sharesDst) * fraction) / ONE;
      const delegation = store.delegation(delegator, dst);
      if (shares === 0n || !delegation) continue;
      if (shares > BigInt(delegation.shares)) shares = BigInt(delegation.shares);
      const destination = store.validator(dst);
      if (!destination) continue;
      const tokens = this.unbond(ctx, store, delegator, dst, shares);
      if (typeof tokens !== "bigint") continue;
      this.burn(ctx, poolOf(destination.status), store.params().bondDenom, tokens);
      burned += tokens;
    }
    return { due, burned };
  }

  private burn(ctx: Context, pool: string, denom: string, amount: bigint): void {
    if (amount === 0n) return;
    const error = this.bank.burnCoins(ctx, pool, [{ denom, amount }]);
    if (error) throw new Error(`staking: the ${pool} pool cannot burn ${amount}${denom} its ledger holds: ${error.log}`);
  }

  /** Takes the validator out of the power index: it leaves the active set at the end of the block. No-op when jailed or unknown. */
  jail(ctx: Context, consensus: Uint8Array): void {
    const store = new StakingStore(ctx);
    const validator = this.getValidatorByConsensusAddress(ctx, consensus);
    if (validator && !validator.jailed) jailRecord(store, validator);
  }

  /** Puts the validator back in the power index. No-op when not jailed or unknown. */
  unjail(ctx: Context, consensus: Uint8Array): void {
    const store = new StakingStore(ctx);
    const validator = this.getValidatorByConsensusAddress(ctx, consensus);
    if (!validator || !validator.jailed) return;
    validator.jailed = false;
    store.setValidator(validator);
    store.setPowerIndex(validator);
  }

  // ---- end block ----

  /**
   * The SDK's BlockValidatorUpdates: the new active set and its changes for consensus, then the
   * matured validator, unbonding and redelegation queues, each at most MAX_MATURED_PER_BLOCK keys.
   */
  endBlock(ctx: Context): ValidatorUpdate[] {
    const store = new StakingStore(ctx);
    const updates = this.applyValidatorSetUpdates(ctx, store).updates;
    this.unbondMatureValidators(ctx, store);
    this.completeMatureUnbondings(ctx, store);
    this.completeMatureRedelegations(ctx, store);
    return updates;
  }

  /**
   * The top max_validators non-jailed validators with power (a reverse range read of the power
   * index) against the last set (at most max_validators keys): validators entering are bonded,
   * those leaving begin unbonding, tokens move between the pools, and every changed power is an update.
   */
  applyValidatorSetUpdates(ctx: Context, store: StakingStore): { updates: ValidatorUpdate[]; alreadyBonded: ValidatorRecord[] } {
    const params = store.params();
    const last = new Map<string, bigint>();
    for (const { operator, power } of store.lastValidatorPowers()) last.set(bytesToKey(operator), power);
    const updates: ValidatorUpdate[] = [];
    const alreadyBonded: ValidatorRecord[] = [];
    let toBonded = 0n;
    let toNotBonded = 0n;
    let totalPower = 0n;
    let count = 0;
    for (const operator of store.operatorsByPower()) {
      if (count >= params.maxValidators) break;
      const validator = store.validator(operator)!;
      const power = consensusPower(validator.tokens);
      if (power === 0n) break;
      if (validator.status === BondStatus.BOND_STATUS_BONDED) alreadyBonded.push(validator);
      else {
        toBonded += validator.tokens;
        this.bondValidator(ctx, store, validator);
      }
      const key = bytesToKey(operator);
      if (last.get(key) !== power) {
        updates.push({ pubKey: { ed25519: validator.consensusPubkey }, power });
        store.setLastValidatorPower(operator, power);
      }
      last.delete(key);
      count++;
      totalPower += power;
    }
    for (const key of [...last.keys()].sort()) {
      const operator = keyToBytes(key);
      const validator = store.validator(operator)!;
      toNotBonded += validator.tokens;
      this.beginUnbondingValidator(ctx, store, params, validator);
      store.deleteLastValidatorPower(operator);
      updates.push({ pubKey: { ed25519: validator.consensusPubkey }, power: 0n });
    }
    const net = toBonded - toNotBonded;
    const moved =
      net > 0n
        ? this.moveTokens(ctx, params.bondDenom, BondStatus.BOND_STATUS_UNBONDED, BondStatus.BOND_STATUS_BONDED, net)
        : this.moveTokens(ctx, params.bondDenom, BondStatus.BOND_STATUS_BONDED, BondStatus.BOND_STATUS_UNBONDED, -net);
    if (moved) throw new Error(`staking: the pools do not hold what the ledger says: ${moved.log}`);
    if (totalPower !== store.lastTotalPower()) store.setLastTotalPower(totalPower);
    return { updates, alreadyBonded };
  }

  private bondValidator(ctx: Context, store: StakingStore, validator: ValidatorRecord): void {
    if (validator.status === BondStatus.BOND_STATUS_UNBONDING) store.dequeueValidator(validator.unbondingTime, validator.unbondingHeight, validator.operator);
    validator.status = BondStatus.BOND_STATUS_BONDED;
    store.setValidator(validator);
    this.call("afterValidatorBonded", ctx, validator.consensusAddress, validator.operator);
  }

  private beginUnbondingValidator(ctx: Context, store: StakingStore, params: Params, validator: ValidatorRecord): void {
    validator.status = BondStatus.BOND_STATUS_UNBONDING;
    validator.unbondingTime = addDuration(ctx.block.time, params.unbondingTime);
    validator.unbondingHeight = ctx.block.height;
    store.setValidator(validator);
    store.enqueueValidator(validator.unbondingTime, validator.unbondingHeight, validator.operator);
    this.call("afterValidatorBeginUnbonding", ctx, validator.consensusAddress, validator.operator);
  }

  private unbondMatureValidators(ctx: Context, store: StakingStore): void {
    for (const key of store.due(VALIDATOR_QUEUE_PREFIX, ctx.block.time, MAX_MATURED_PER_BLOCK)) {
      store.kv.delete(key);
      const validator = store.validator(splitAddresses(key.subarray(21))[0]!);
      if (!validator || validator.status !== BondStatus.BOND_STATUS_UNBONDING) continue;
      validator.status = BondStatus.BOND_STATUS_UNBONDED;
      store.setValidator(validator);
      if (validator.delegatorShares === 0n) this.removeValidator(ctx, store, validator);
    }
  }

  private completeMatureUnbondings(ctx: Context, store: StakingStore): void {
    const denom = store.params().bondDenom;
    for (const key of store.due(UNBONDING_QUEUE_PREFIX, ctx.block.time, MAX_MATURED_PER_BLOCK)) {
      store.kv.delete(key);
      const [delegator, operator] = splitAddresses(key.subarray(13));
      this.completeUnbonding(ctx, store, delegator!, operator!, denom);
    }
  }

  /** Pays out every matured entry of one unbonding delegation from the not-bonded pool. */
  private completeUnbonding(ctx: Context, store: StakingStore, delegator: Uint8Array, operator: Uint8Array, denom: string): void {
    const ubd = store.unbonding(delegator, operator);
    if (!ubd) return;
    const kept: UnbondingDelegationEntry[] = [];
    let paid = 0n;
    for (const entry of ubd.entries) {
      if (compareTimes(entry.completionTime, ctx.block.time) > 0) {
        kept.push(entry);
        continue;
      }
      const balance = BigInt(entry.balance);
      // Bank checks send restrictions before it writes anything, so a refusal leaves no trace.
      const refused = balance > 0n ? this.bank.sendCoinsFromModuleToAccount(ctx, NOT_BONDED_POOL, delegator, [{ denom, amount: balance }]) : undefined;
      if (refused) {
        const retry = addDuration(ctx.block.time, PAYOUT_RETRY);
        kept.push({ ...entry, completionTime: retry });
        store.enqueueUnbonding(retry, delegator, operator);
        continue;
      }
      paid += balance;
    }
    store.setUnbonding(delegator, operator, { ...ubd, entries: kept });
    if (kept.length < ubd.entries.length) emitCompleteUnbonding(ctx, { operator, delegator, amount: coinString(paid, denom) });
  }

  private completeMatureRedelegations(ctx: Context, store: StakingStore): void {
    const denom = store.params().bondDenom;
    for (const key of store.due(REDELEGATION_QUEUE_PREFIX, ctx.block.time, MAX_MATURED_PER_BLOCK)) {
      store.kv.delete(key);
      const [delegator, src, dst] = splitAddresses(key.subarray(13));
      const red = store.redelegation(delegator!, src!, dst!);
      if (!red) continue;
      const kept: RedelegationEntry[] = red.entries.filter((e) => compareTimes(e.completionTime, ctx.block.time) > 0);
      if (kept.length === red.entries.length) continue;
      const amount = red.entries.filter((e) => !kept.includes(e)).reduce((sum, e) => sum + BigInt(e.initialBalance), 0n);
      store.setRedelegation(delegator!, src!, dst!, { ...red, entries: kept });
      emitCompleteRedelegation(ctx, { src: src!, dst: dst!, delegator: delegator!, amount: coinString(amount, denom) });
    }
  }
}

function checkDenom(denom: string, bondDenom: string): AppError | undefined {
  return denom === bondDenom ? undefined : ErrInvalidRequest.wrap(`invalid coin denomination: got ${denom}, expected ${bondDenom}`);
}

/** "[do-not-modify]" keeps a description field, as the SDK's MsgEditValidator. */
function mergeDescription(old: Description, update: Description): Description {
  const pick = (next: string, prev: string): string => (next === DO_NOT_MODIFY ? prev : next);
  return {
    moniker: pick(update.moniker, old.moniker),
    identity: pick(update.identity, old.identity),
    website: pick(update.website, old.website),
    securityContact: pick(update.securityContact, old.securityContact),
    details: pick(update.details, old.details),
  };
}

/**
 * The shares to remove for `amount` tokens (the SDK's ValidateUnbondAmount): rounded up, so the
 * delegator never takes out more than the shares were worth, capped at the delegation.
 */
function sharesToUnbond(store: StakingStore, delegator: Uint8Array, validator: ValidatorRecord, amount: bigint): bigint | AppError {
  const delegation = store.delegation(delegator, validator.operator);
  if (!delegation) return ErrNoDelegation.wrap("");
  if (validator.tokens === 0n) return ErrInsufficientShares.wrap("");
  const held = BigInt(delegation.shares);
  const product = amount * validator.delegatorShares;
  const floor = product / validator.tokens;
  const ceil = floor + (product % validator.tokens === 0n ? 0n : 1n);
  if (floor > held) return ErrInvalidRequest.wrap("invalid shares amount");
  return ceil > held ? held : ceil;
}

/** Adds tokens and their newly issued shares to the validator (re-indexing its power); returns the shares. */
function addTokensAndShares(store: StakingStore, validator: ValidatorRecord, amount: bigint): bigint {
  store.deletePowerIndex(validator);
  const shares = sharesForNewTokens(validator, amount);
  validator.tokens += amount;
  validator.delegatorShares += shares;
  store.setValidator(validator);
  if (!validator.jailed) store.setPowerIndex(validator);
  return shares;
}

/** Removes shares and what they are worth (all tokens with the last shares); returns the tokens. */
function removeSharesAndTokens(store: StakingStore, validator: ValidatorRecord, shares: bigint): bigint {
  store.deletePowerIndex(validator);
  const tokens = shares === validator.delegatorShares ? validator.tokens : tokensFromShares(validator, shares);
  validator.tokens -= tokens;
  validator.delegatorShares -= shares;
  store.setValidator(validator);
  if (!validator.jailed) store.setPowerIndex(validator);
  return tokens;
}

function jailRecord(store: StakingStore, validator: ValidatorRecord): void {
  store.deletePowerIndex(validator);
  validator.jailed = true;
  store.setValidator(validator);
}

/** Adds an unbonding entry, merged with one of the same height and completion time, as the SDK does. */
function addUnbondingEntry(entries: UnbondingDelegationEntry[], height: bigint, completionTime: Timestamp, amount: bigint): void {
  const same = entries.findIndex((e) => e.creationHeight === height && compareTimes(e.completionTime, completionTime) === 0);
  if (same >= 0) {
    const e = entries[same]!;
    entries[same] = { ...e, balance: (BigInt(e.balance) + amount).toString(), initialBalance: (BigInt(e.initialBalance) + amount).toString() };
    return;
  }
  entries.push({ creationHeight: height, completionTime, initialBalance: amount.toString(), balance: amount.toString(), unbondingId: 0n, unbondingOnHoldRefCount: 0n });
}
