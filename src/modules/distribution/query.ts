import {
  QueryCommunityPoolRequest,
  QueryCommunityPoolResponse,
  QueryDelegationRewardsRequest,
  QueryDelegationRewardsResponse,
  QueryDelegationTotalRewardsRequest,
  QueryDelegationTotalRewardsResponse,
  QueryDelegatorValidatorsRequest,
  QueryDelegatorValidatorsResponse,
  QueryDelegatorWithdrawAddressRequest,
  QueryDelegatorWithdrawAddressResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryValidatorCommissionRequest,
  QueryValidatorCommissionResponse,
  QueryValidatorDistributionInfoRequest,
  QueryValidatorDistributionInfoResponse,
  QueryValidatorOutstandingRewardsRequest,
  QueryValidatorOutstandingRewardsResponse,
  QueryValidatorSlashesRequest,
  QueryValidatorSlashesResponse,
} from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { ValidatorSlashEvent } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { compareBytes, uint64Key } from "../../store/bytes.js";
import type { KVReader } from "../../store/kv.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { ErrInvalidRequest, isError, type AppError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate } from "../../types/pagination.js";
import { addDecCoins, toProtoDecCoins, type DecCoin } from "./dec-coins.js";
import { ErrEmptyDelegationDistInfo, ErrNoDelegationExists, ErrNoValidatorExists } from "./errors.js";
import { valoper, VALOPER_PREFIX } from "./events.js";
import type { StakingKeeper } from "./expected-keepers.js";
import type { DistributionKeeper } from "./keeper.js";
import { toProtoParams } from "./params.js";
import { DistributionStore } from "./store.js";

const SERVICE = "/cosmos.distribution.v1beta1.Query";

/** `store` narrowed to keys in [start, end). */
function within(store: KVReader, start: Uint8Array, end: Uint8Array | undefined): KVReader {
  return {
    get: (key) => store.get(key),
    has: (key) => store.has(key),
    iterate: (range = {}) =>
      store.iterate({
        start: range.start && compareBytes(range.start, start) > 0 ? range.start : start,
        ...(end || range.end ? { end: !end || (range.end && compareBytes(range.end, end) < 0) ? range.end : end } : {}),
        reverse: range.reverse ?? false,
      }),
  };
}

const account = (text: string, role: string) => {
  const bytes = decodeAddress(text);
  return isError(bytes) ? bytes.kind.wrap(`invalid ${role} address: ${bytes.message}`) : bytes;
};

const operatorOf = (text: string) => {
  const bytes = decodeAddress(text, VALOPER_PREFIX);
  return isError(bytes) ? bytes.kind.wrap(`invalid validator address: ${bytes.message}`) : bytes;
};

/**
 * cosmos.distribution.v1beta1.Query with the SDK's paths. Each reads a bounded number of keys,
 * but DelegationTotalRewards and DelegatorValidators (one delegator's delegations) and
 * ValidatorSlashes (a page).
 */
export function distributionQueries(keeper: DistributionKeeper, staking: StakingKeeper): QueryRoute[] {
  /** A validator distribution keeps books for. */
  const validatorOf = (ctx: Context, text: string) => {
    const operator = operatorOf(text);
    if (isError(operator)) return operator;
    const validator = staking.getValidator(ctx, operator);
    return validator && new DistributionStore(ctx).outstanding(operator) ? validator : ErrNoValidatorExists.wrap(`no validator ${text}`);
  };

  const rewardsOf = (ctx: Context, delegator: Uint8Array, operator: Uint8Array): DecCoin[] | AppError => {
    const validator = staking.getValidator(ctx, operator);
    if (!validator) return ErrNoValidatorExists.wrap(`no validator ${valoper(operator)}`);
    const delegation = staking.getDelegation(ctx, delegator, operator);
    if (!delegation) return ErrNoDelegationExists.wrap(`${encodeAddress(delegator)} has no delegation to ${valoper(operator)}`);
    return keeper.pendingRewards(ctx, validator, delegator, delegation.shares);
  };

  return [
    queryRoute(`${SERVICE}/Params`, QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: toProtoParams(keeper.getParams(ctx)) })),
    queryRoute(`${SERVICE}/ValidatorDistributionInfo`, QueryValidatorDistributionInfoRequest, QueryValidatorDistributionInfoResponse, (ctx, req) => {
      const validator = validatorOf(ctx, req.validatorAddress);
      if (isError(validator)) return validator;
      const delegation = staking.getDelegation(ctx, validator.operator, validator.operator);
      const selfBond = delegation ? keeper.pendingRewards(ctx, validator, validator.operator, delegation.shares) : [];
      if (isError(selfBond)) return selfBond;
      return { operatorAddress: encodeAddress(validator.operator), selfBondRewards: toProtoDecCoins(selfBond), commission: toProtoDecCoins(new DistributionStore(ctx).commission(validator.operator)) };
    }),
    queryRoute(`${SERVICE}/ValidatorOutstandingRewards`, QueryValidatorOutstandingRewardsRequest, QueryValidatorOutstandingRewardsResponse, (ctx, req) => {
      const validator = validatorOf(ctx, req.validatorAddress);
      if (isError(validator)) return validator;
      return { rewards: { rewards: toProtoDecCoins(new DistributionStore(ctx).outstanding(validator.operator)!) } };
    }),
    queryRoute(`${SERVICE}/ValidatorCommission`, QueryValidatorCommissionRequest, QueryValidatorCommissionResponse, (ctx, req) => {
      const validator = validatorOf(ctx, req.validatorAddress);
      if (isError(validator)) return validator;
      return { commission: { commission: toProtoDecCoins(new DistributionStore(ctx).commission(validator.operator)) } };
    }),
    queryRoute(`${SERVICE}/ValidatorSlashes`, QueryValidatorSlashesRequest, QueryValidatorSlashesResponse, (ctx, req) => {
      const operator = operatorOf(req.validatorAddress);
      if (isError(operator)) return operator;
      if (req.endingHeight < req.startingHeight) return ErrInvalidRequest.wrap("starting height greater than ending height");
      // Keys are height then period, so a height range is a key range.
      const ending = req.endingHeight === 0n ? undefined : uint64Key(req.endingHeight + 1n);
      const page = paginate(within(new DistributionStore(ctx).slashEvents(operator), uint64Key(req.startingHeight), ending), req.pagination);
      if (isError(page)) return page;
      return { slashes: page.entries.map(([, value]) => ValidatorSlashEvent.decode(value)), pagination: page.page };
    }),
    queryRoute(`${SERVICE}/DelegationRewards`, QueryDelegationRewardsRequest, QueryDelegationRewardsResponse, (ctx, req) => {
      const delegator = account(req.delegatorAddress, "delegator");
      if (isError(delegator)) return delegator;
      const operator = operatorOf(req.validatorAddress);
      if (isError(operator)) return operator;
      const rewards = rewardsOf(ctx, delegator, operator);
      return isError(rewards) ? rewards : { rewards: toProtoDecCoins(rewards) };
    }),
    queryRoute(`${SERVICE}/DelegationTotalRewards`, QueryDelegationTotalRewardsRequest, QueryDelegationTotalRewardsResponse, (ctx, req) => {
      const delegator = account(req.delegatorAddress, "delegator");
      if (isError(delegator)) return delegator;
      const rewards: QueryDelegationTotalRewardsResponse["rewards"] = [];
      let total: DecCoin[] = [];
      for (const { operator } of staking.delegatorDelegations(ctx, delegator)) {
        const reward = rewardsOf(ctx, delegator, operator);
        if (ErrEmptyDelegationDistInfo.is(reward)) continue;
        if (isError(reward)) return reward;
        rewards.push({ validatorAddress: valoper(operator), reward: toProtoDecCoins(reward) });
        total = addDecCoins(total, reward);
      }
      return { rewards, total: toProtoDecCoins(total) };
    }),
    queryRoute(`${SERVICE}/DelegatorValidators`, QueryDelegatorValidatorsRequest, QueryDelegatorValidatorsResponse, (ctx, req) => {
      const delegator = account(req.delegatorAddress, "delegator");
      if (isError(delegator)) return delegator;
      return { validators: staking.delegatorDelegations(ctx, delegator).map((d) => valoper(d.operator)) };
    }),
    queryRoute(`${SERVICE}/DelegatorWithdrawAddress`, QueryDelegatorWithdrawAddressRequest, QueryDelegatorWithdrawAddressResponse, (ctx, req) => {
      const delegator = account(req.delegatorAddress, "delegator");
      if (isError(delegator)) return delegator;
      return { withdrawAddress: encodeAddress(keeper.withdrawAddress(ctx, delegator)) };
    }),
    queryRoute(`${SERVICE}/CommunityPool`, QueryCommunityPoolRequest, QueryCommunityPoolResponse, (ctx) => ({ pool: toProtoDecCoins(keeper.communityPool(ctx)) })),
  ];
}
