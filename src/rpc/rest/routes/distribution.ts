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
import { pageRequest, queryUint64 } from "../request-values.js";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

const Q = "/cosmos.distribution.v1beta1.Query";
const P = "/cosmos/distribution/v1beta1";

/** cosmos.distribution.v1beta1.Query over REST, at the SDK's paths (Keplr reads rewards, the pool and params). */
export const distributionRoutes: readonly Route[] = [
  grpcQueryRoute({ path: `${P}/params`, grpcMethod: `${Q}/Params`, request: QueryParamsRequest, response: QueryParamsResponse }),
  grpcQueryRoute({
    path: `${P}/validators/{validator_address}`,
    grpcMethod: `${Q}/ValidatorDistributionInfo`,
    request: QueryValidatorDistributionInfoRequest,
    response: QueryValidatorDistributionInfoResponse,
    fields: ({ pathParams }) => ({ validatorAddress: pathParams.validator_address }),
  }),
  grpcQueryRoute({
    path: `${P}/validators/{validator_address}/outstanding_rewards`,
    grpcMethod: `${Q}/ValidatorOutstandingRewards`,
    request: QueryValidatorOutstandingRewardsRequest,
    response: QueryValidatorOutstandingRewardsResponse,
    fields: ({ pathParams }) => ({ validatorAddress: pathParams.validator_address }),
  }),
  grpcQueryRoute({
    path: `${P}/validators/{validator_address}/commission`,
    grpcMethod: `${Q}/ValidatorCommission`,
    request: QueryValidatorCommissionRequest,
    response: QueryValidatorCommissionResponse,
    fields: ({ pathParams }) => ({ validatorAddress: pathParams.validator_address }),
  }),
  grpcQueryRoute({
    path: `${P}/validators/{validator_address}/slashes`,
    grpcMethod: `${Q}/ValidatorSlashes`,
    request: QueryValidatorSlashesRequest,
    response: QueryValidatorSlashesResponse,
    fields: ({ pathParams, query }) => ({
      validatorAddress: pathParams.validator_address,
      startingHeight: queryUint64(query, "starting_height"),
      endingHeight: queryUint64(query, "ending_height"),
      pagination: pageRequest(query),
    }),
  }),
  grpcQueryRoute({
    path: `${P}/delegators/{delegator_address}/rewards/{validator_address}`,
    grpcMethod: `${Q}/DelegationRewards`,
    request: QueryDelegationRewardsRequest,
    response: QueryDelegationRewardsResponse,
    fields: ({ pathParams }) => ({ delegatorAddress: pathParams.delegator_address, validatorAddress: pathParams.validator_address }),
  }),
  grpcQueryRoute({
    path: `${P}/delegators/{delegator_address}/rewards`,
    grpcMethod: `${Q}/DelegationTotalRewards`,
    request: QueryDelegationTotalRewardsRequest,
    response: QueryDelegationTotalRewardsResponse,
    fields: ({ pathParams }) => ({ delegatorAddress: pathParams.delegator_address }),
  }),
  grpcQueryRoute({
    path: `${P}/delegators/{delegator_address}/validators`,
    grpcMethod: `${Q}/DelegatorValidators`,
    request: QueryDelegatorValidatorsRequest,
    response: QueryDelegatorValidatorsResponse,
    fields: ({ pathParams }) => ({ delegatorAddress: pathParams.delegator_address }),
  }),
  grpcQueryRoute({
    path: `${P}/delegators/{delegator_address}/withdraw_address`,
    grpcMethod: `${Q}/DelegatorWithdrawAddress`,
    request: QueryDelegatorWithdrawAddressRequest,
    response: QueryDelegatorWithdrawAddressResponse,
    fields: ({ pathParams }) => ({ delegatorAddress: pathParams.delegator_address }),
  }),
  grpcQueryRoute({ path: `${P}/community_pool`, grpcMethod: `${Q}/CommunityPool`, request: QueryCommunityPoolRequest, response: QueryCommunityPoolResponse }),
];
