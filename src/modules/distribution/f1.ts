import { divRoundHalfEven, ONE } from "../../types/decimal.js";
import { addDecCoins, mulDecTruncate, quoDecTruncate, subDecCoins, type DecCoin } from "./dec-coins.js";
import type { DistributionStore } from "./store.js";

/**
 * F1 fee distribution, as the Cosmos SDK's x/distribution: each validator's rewards accrue to its
 * current period; ending a period records Σ rewards per token (the cumulative reward ratio), and
 * a delegation's reward is its stake × (ratio at its end − ratio at its start). Historical
 * records are reference-counted and deleted when no delegation or slash event needs them. Every
 * function here touches a fixed number of keys, except the walk over a validator's slash events
 * between a delegation's start and now.
 */

/** A validator as F1 sees it. */
export interface F1Validator {
  operator: Uint8Array;
  tokens: bigint;
  delegatorShares: bigint;
}

/** What a delegation's `shares` are worth in tokens, 18-decimal, truncated (the SDK's TokensFromSharesTruncated). */
export function tokensFromSharesTruncated(validator: F1Validator, shares: bigint): bigint {
  return validator.delegatorShares === 0n ? 0n : (shares * validator.tokens * ONE) / validator.delegatorShares;
}

/** The same, rounded half to even (the SDK's TokensFromShares). */
export function tokensFromShares(validator: F1Validator, shares: bigint): bigint {
  return validator.delegatorShares === 0n ? 0n : divRoundHalfEven(shares * validator.tokens * ONE, validator.delegatorShares);
}

export function initializeValidator(store: DistributionStore, operator: Uint8Array): void {
  store.setHistorical(operator, 0n, { cumulativeRewardRatio: [], referenceCount: 1 });
  store.setCurrent(operator, { rewards: [], period: 1n });
  store.setCommission(operator, []);
  store.setOutstanding(operator, []);
}

export function incrementReferenceCount(store: DistributionStore, operator: Uint8Array, period: bigint): void {
  const historical = store.historical(operator, period);
  if (!historical) throw new Error(`no historical rewards for period ${period}`);
  store.setHistorical(operator, period, { ...historical, referenceCount: historical.referenceCount + 1 });
}

export function decrementReferenceCount(store: DistributionStore, operator: Uint8Array, period: bigint): void {
  const historical = store.historical(operator, period);
  if (!historical) throw new Error(`no historical rewards for period ${period}`);
  if (historical.referenceCount <= 1) store.deleteHistorical(operator, period);
  else store.setHistorical(operator, period, { ...historical, referenceCount: historical.referenceCount - 1 });
}

/**
 * Ends the validator's current period and returns it. The period's rewards per token are
 * truncated, so delegators are never owed more than was allocated; a validator without tokens
 * cannot have a ratio, so its period's rewards go to the community pool.
 */
export function incrementValidatorPeriod(store: DistributionStore, validator: F1Validator): bigint {
  const current = store.current(validator.operator)!;
  let ratio: DecCoin[] = [];
  if (validator.tokens === 0n) {
    store.setCommunityPool(addDecCoins(store.communityPool(), current.rewards));
    store.setOutstanding(validator.operator, subDecCoins(store.outstanding(validator.operator) ?? [], current.rewards));
  } else {
    ratio = quoDecTruncate(current.rewards, validator.tokens * ONE);
  }
  const previous = store.historical(validator.operator, current.period - 1n)!;
  decrementReferenceCount(store, validator.operator, current.period - 1n);
  store.setHistorical(validator.operator, current.period, { cumulativeRewardRatio: addDecCoins(previous.cumulativeRewardRatio, ratio), referenceCount: 1 });
  store.setCurrent(validator.operator, { rewards: [], period: current.period + 1n });
  return current.period;
}

/** Starts a delegation's books at the period just ended, with its tokens as stake. */
export function initializeDelegation(store: DistributionStore, height: bigint, validator: F1Validator, delegator: Uint8Array, shares: bigint): void {
  const previousPeriod = store.current(validator.operator)!.period - 1n;
  incrementReferenceCount(store, validator.operator, previousPeriod);
  store.setStartingInfo(validator.operator, delegator, { previousPeriod, stake: tokensFromSharesTruncated(validator, shares), height });
}

/** stake × (ratio(ending) − ratio(starting)), truncated. */
function rewardsBetween(store: DistributionStore, operator: Uint8Array, startingPeriod: bigint, endingPeriod: bigint, stake: bigint): DecCoin[] {
  const starting = store.historical(operator, startingPeriod)!;
  const ending = store.historical(operator, endingPeriod)!;
  return mulDecTruncate(subDecCoins(ending.cumulativeRewardRatio, starting.cumulativeRewardRatio), stake);
}

/** The SDK allows the recorded stake to exceed the current one by this much (rounding across slashes). */
const STAKE_MARGIN = 3n;

/**
 * What the delegation has earned from its start up to `endingPeriod` (already ended): period by
 * period between the validator's slash events, each slash cutting the stake by its fraction.
 */
export function delegationRewards(store: DistributionStore, height: bigint, validator: F1Validator, delegator: Uint8Array, shares: bigint, endingPeriod: bigint): DecCoin[] {
  const info = store.startingInfo(validator.operator, delegator);
  if (!info || info.height === height) return [];
  let { previousPeriod: startingPeriod, stake } = info;
  let rewards: DecCoin[] = [];
  if (height > info.height) {
    for (const event of store.slashEventsBetween(validator.operator, info.height, height)) {
      if (event.validatorPeriod <= startingPeriod) continue;
      rewards = addDecCoins(rewards, rewardsBetween(store, validator.operator, startingPeriod, event.validatorPeriod, stake));
      stake = (stake * (ONE - event.fraction)) / ONE;
      startingPeriod = event.validatorPeriod;
    }
  }
  const currentStake = tokensFromShares(validator, shares);
  if (stake > currentStake) {
    if (stake > currentStake + STAKE_MARGIN) throw new Error(`delegation stake ${stake} exceeds its current tokens ${currentStake}`);
    stake = currentStake;
  }
  return addDecCoins(rewards, rewardsBetween(store, validator.operator, startingPeriod, endingPeriod, stake));
}
