import { encodeAddress, moduleAddress } from "../../types/address.js";
import { formatCoins, type Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { ErrUnauthorized, isError, type AppError } from "../../types/errors.js";
import { FEE_COLLECTOR } from "../auth/keys.js";
import { splitCollected } from "./allocation.js";
import { addDecCoins, formatDecCoins, fromCoins, intersect, isZero, subDecCoins, truncateDecimal, type DecCoin } from "./dec-coins.js";
import { ErrBadDistribution, ErrEmptyDelegationDistInfo, ErrNoValidatorCommission, ErrNoValidatorExists, ErrSetWithdrawAddrDisabled } from "./errors.js";
import { emitAllocated, emitSetWithdrawAddress, emitWithdrawCommission, emitWithdrawRewards } from "./events.js";
import type { BankKeeper, StakingKeeper, StakingValidatorView } from "./expected-keepers.js";
import { decrementReferenceCount, delegationRewards, incrementValidatorPeriod, initializeDelegation } from "./f1.js";
import { DISTRIBUTION_ACCOUNT } from "./keys.js";
import type { DistributionParams } from "./params.js";
import { DistributionStore } from "./store.js";

const FEE_COLLECTOR_ADDRESS = moduleAddress(FEE_COLLECTOR);

/**
 * x/distribution: fees and minted coins to validators and their delegators by F1, commission,
 * the community pool. The `distribution` module account holds exactly the validators'
 * outstanding rewards plus the community pool: those records, not the account's balance, decide
 * every payout.
 */
export class DistributionKeeper {
  constructor(
    private readonly bank: BankKeeper,
    private readonly staking: StakingKeeper,
  ) {}

  getParams(ctx: Context): DistributionParams {
    return new DistributionStore(ctx).params();
  }

  setParams(ctx: Context, params: DistributionParams): void {
    new DistributionStore(ctx).setParams(params);
  }

  communityPool(ctx: Context): DecCoin[] {
    return new DistributionStore(ctx).communityPool();
  }

  /** Moves coins from a module account into the community pool (stakedrop's sweep). */
  fundCommunityPool(ctx: Context, fromModule: string, coins: readonly Coin[]): AppError | undefined {
    return this.addToPool(ctx, coins, () => this.bank.sendCoinsFromModuleToModule(ctx, fromModule, DISTRIBUTION_ACCOUNT, coins));
  }

  /** Moves coins from an account into the community pool (MsgFundCommunityPool). */
  fundCommunityPoolFromAccount(ctx: Context, from: Uint8Array, coins: readonly Coin[]): AppError | undefined {
    return this.addToPool(ctx, coins, () => this.bank.sendCoinsFromAccountToModule(ctx, from, DISTRIBUTION_ACCOUNT, coins));
  }

  private addToPool(ctx: Context, coins: readonly Coin[], transfer: () => AppError | undefined): AppError | undefined {
    const error = transfer();
    if (error) return error;
    const store = new DistributionStore(ctx);
    store.setCommunityPool(addDecCoins(store.communityPool(), fromCoins(coins)));
    return undefined;
  }

  /** Pays whole coins out of the community pool (governance's community pool spend); refuses more than the pool holds. */
  distributeFromCommunityPool(ctx: Context, coins: readonly Coin[], recipient: Uint8Array): AppError | undefined {
    if (this.bank.isBlockedRecipient(recipient)) return ErrUnauthorized.wrap(`${encodeAddress(recipient)} is not allowed to receive external funds`);
    const store = new DistributionStore(ctx);
    const pool = store.communityPool();
    const spent = fromCoins(coins);
    if (spent.some((c) => c.amount > (pool.find((p) => p.denom === c.denom)?.amount ?? 0n))) {
      return ErrBadDistribution.wrap(`the community pool holds ${formatDecCoins(pool) || "nothing"}, less than ${formatCoins(coins)}`);
    }
    const error = this.bank.sendCoinsFromModuleToAccount(ctx, DISTRIBUTION_ACCOUNT, recipient, coins);
    if (error) return error;
    store.setCommunityPool(subDecCoins(pool, spent));
    return undefined;
  }

  /**
   * BeginBlock: everything the fee collector holds (the block's provision and the previous
   * block's fees) moves into the distribution account and is split among the last commit's voters
   * by power, the community tax and the dust to the pool. Work: O(votes in the last commit).
   */
  allocateTokens(ctx: Context): void {
    const fees = this.bank.getAllBalances(ctx, FEE_COLLECTOR_ADDRESS);
    if (fees.length === 0) return;
    if (this.bank.sendCoinsFromModuleToModule(ctx, FEE_COLLECTOR, DISTRIBUTION_ACCOUNT, fees)) return;
    const store = new DistributionStore(ctx);
    const split = splitCollected(fromCoins(fees), ctx.block.consensus?.lastCommitVotes ?? [], store.params().communityTax, (consensus) => {
      const validator = this.staking.getValidatorByConsensusAddress(ctx, consensus);
      return validator && store.current(validator.operator) ? validator : undefined;
    });
    for (const { operator, commission, shared } of split.validators) {
      store.setCommission(operator, addDecCoins(store.commission(operator), commission));
      const current = store.current(operator)!;
      store.setCurrent(operator, { ...current, rewards: addDecCoins(current.rewards, shared) });
      store.setOutstanding(operator, addDecCoins(store.outstanding(operator) ?? [], commission, shared));
      emitAllocated(ctx, operator, commission, shared);
    }
    store.setCommunityPool(addDecCoins(store.communityPool(), split.communityPool));
  }

  setWithdrawAddress(ctx: Context, delegator: Uint8Array, withdraw: Uint8Array): AppError | undefined {
    if (this.bank.isBlockedRecipient(withdraw)) return ErrUnauthorized.wrap(`${encodeAddress(withdraw)} is not allowed to receive external funds`);
    const store = new DistributionStore(ctx);
    if (!store.params().withdrawAddrEnabled) return ErrSetWithdrawAddrDisabled.wrap("governance has disabled setting withdraw addresses");
    store.setWithdrawAddress(delegator, withdraw);
    emitSetWithdrawAddress(ctx, withdraw);
    return undefined;
  }

  withdrawAddress(ctx: Context, delegator: Uint8Array): Uint8Array {
    return new DistributionStore(ctx).withdrawAddress(delegator);
  }

  /** MsgWithdrawDelegatorReward: pays the delegation's whole rewards and restarts its books. */
  withdrawDelegationRewards(ctx: Context, delegator: Uint8Array, operator: Uint8Array): Coin[] | AppError {
    const validator = this.staking.getValidator(ctx, operator);
    if (!validator) return ErrNoValidatorExists.wrap(`no validator ${encodeAddress(operator, "persistencevaloper")}`);
    const delegation = this.staking.getDelegation(ctx, delegator, operator);
    if (!delegation) return ErrEmptyDelegationDistInfo.wrap(`${encodeAddress(delegator)} has no delegation to this validator`);
    const paid = this.settleDelegation(ctx, validator, delegator, delegation.shares, "refuse");
    if (isError(paid)) return paid;
    initializeDelegation(new DistributionStore(ctx), ctx.block.height, validator, delegator, delegation.shares);
    return paid;
  }

  /**
   * Ends the validator's period, pays the delegation what it earned (whole coins; the fraction
   * to the community pool) and closes its books. A refused payout fails a message; inside a
   * staking hook, which cannot fail, the rewards go to the community pool instead.
   */
  settleDelegation(ctx: Context, validator: StakingValidatorView, delegator: Uint8Array, shares: bigint, onRefusal: "refuse" | "to-pool"): Coin[] | AppError {
    const store = new DistributionStore(ctx);
    const info = store.startingInfo(validator.operator, delegator);
    if (!info) return ErrEmptyDelegationDistInfo.wrap(`no distribution record of ${encodeAddress(delegator)}'s delegation`);
    const endingPeriod = incrementValidatorPeriod(store, validator);
    const outstanding = store.outstanding(validator.operator) ?? [];
    // As the SDK: rounding across slashes may owe a hair more than the validator holds.
    const rewards = intersect(delegationRewards(store, ctx.block.height, validator, delegator, shares, endingPeriod), outstanding);
    let { whole, change } = truncateDecimal(rewards);
    if (whole.length > 0) {
      const refused = this.bank.sendCoinsFromModuleToAccount(ctx, DISTRIBUTION_ACCOUNT, store.withdrawAddress(delegator), whole);
      if (refused && onRefusal === "refuse") return refused;
      if (refused) [whole, change] = [[], rewards];
    }
    store.setOutstanding(validator.operator, subDecCoins(outstanding, rewards));
    store.setCommunityPool(addDecCoins(store.communityPool(), change));
    decrementReferenceCount(store, validator.operator, info.previousPeriod);
    store.deleteStartingInfo(validator.operator, delegator);
    emitWithdrawRewards(ctx, { amount: whole.length > 0 ? formatCoins(whole) : `0${this.staking.bondDenom(ctx)}`, operator: validator.operator, delegator });
    return whole;
  }

  /** MsgWithdrawValidatorCommission: the whole part of the accumulated commission, to the operator's withdraw address. */
  withdrawValidatorCommission(ctx: Context, operator: Uint8Array): Coin[] | AppError {
    const store = new DistributionStore(ctx);
    const commission = store.commission(operator);
    if (isZero(commission)) return ErrNoValidatorCommission.wrap(`${encodeAddress(operator, "persistencevaloper")} has no commission`);
    const { whole, change } = truncateDecimal(commission);
    if (whole.length > 0) {
      const error = this.bank.sendCoinsFromModuleToAccount(ctx, DISTRIBUTION_ACCOUNT, store.withdrawAddress(operator), whole);
      if (error) return error;
    }
    store.setCommission(operator, change);
    store.setOutstanding(operator, subDecCoins(store.outstanding(operator) ?? [], fromCoins(whole)));
    emitWithdrawCommission(ctx, whole);
    return whole;
  }

  /** What the delegation would withdraw now (a query: works on a branch, changes nothing). */
  pendingRewards(ctx: Context, validator: StakingValidatorView, delegator: Uint8Array, shares: bigint): DecCoin[] | AppError {
    const { ctx: branch } = ctx.branch();
    const store = new DistributionStore(branch);
    if (!store.startingInfo(validator.operator, delegator)) return ErrEmptyDelegationDistInfo.wrap(`no distribution record of ${encodeAddress(delegator)}'s delegation`);
    const endingPeriod = incrementValidatorPeriod(store, validator);
    return delegationRewards(store, ctx.block.height, validator, delegator, shares, endingPeriod);
  }
}
