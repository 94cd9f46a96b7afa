import * as q from "cosmjs-types/cosmos/staking/v1beta1/query";
import { pageRequest, parseInt64, queryString } from "../request-values.js";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

const Q = "/cosmos.staking.v1beta1.Query";
const P = "/cosmos/staking/v1beta1";

/** cosmos.staking.v1beta1.Query over REST, at the SDK's gateway paths (what Keplr's staking screens call). */
export const stakingRoutes: readonly Route[] = [
  grpcQueryRoute({
    path: `${P}/validators`,
    grpcMethod: `${Q}/Validators`,
    request: q.QueryValidatorsRequest,
    response: q.QueryValidatorsResponse,
    fields: ({ query }) => ({ status: queryString(query, "status"), pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${P}/validators/{validator_addr}`,
    grpcMethod: `${Q}/Validator`,
    request: q.QueryValidatorRequest,
    response: q.QueryValidatorResponse,
    fields: ({ pathParams }) => ({ validatorAddr: pathParams.validator_addr }),
  }),
  grpcQueryRoute({
    path: `${P}/validators/{validator_addr}/delegations`,
    grpcMethod: `${Q}/ValidatorDelegations`,
    request: q.QueryValidatorDelegationsRequest,
    response: q.QueryValidatorDelegationsResponse,
    fields: ({ pathParams, query }) => ({ validatorAddr: pathParams.validator_addr, pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${P}/validators/{validator_addr}/delegations/{delegator_addr}`,
    grpcMethod: `${Q}/Delegation`,
    request: q.QueryDelegationRequest,
    response: q.QueryDelegationResponse,
    fields: ({ pathParams }) => ({ validatorAddr: pathParams.validator_addr, delegatorAddr: pathParams.delegator_addr }),
  }),
  grpcQueryRoute({
    path: `${P}/validators/{validator_addr}/delegations/{delegator_addr}/unbonding_delegation`,
    grpcMethod: `${Q}/UnbondingDelegation`,
    request: q.QueryUnbondingDelegationRequest,
    response: q.QueryUnbondingDelegationResponse,
    fields: ({ pathParams }) => ({ validatorAddr: pathParams.validator_addr, delegatorAddr: pathParams.delegator_addr }),
  }),
  grpcQueryRoute({
    path: `${P}/validators/{validator_addr}/unbonding_delegations`,
    grpcMethod: `${Q}/ValidatorUnbondingDelegations`,
    request: q.QueryValidatorUnbondingDelegationsRequest,
    response: q.QueryValidatorUnbondingDelegationsResponse,
    fields: ({ pathParams, query }) => ({ validatorAddr: pathParams.validator_addr, pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${P}/delegations/{delegator_addr}`,
    grpcMethod: `${Q}/DelegatorDelegations`,
    request: q.QueryDelegatorDelegationsRequest,
    response: q.QueryDelegatorDelegationsResponse,
    fields: ({ pathParams, query }) => ({ delegatorAddr: pathParams.delegator_addr, pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${P}/delegators/{delegator_addr}/unbonding_delegations`,
    grpcMethod: `${Q}/DelegatorUnbondingDelegations`,
    request: q.QueryDelegatorUnbondingDelegationsRequest,
    response: q.QueryDelegatorUnbondingDelegationsResponse,
    fields: ({ pathParams, query }) => ({ delegatorAddr: pathParams.delegator_addr, pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${P}/delegators/{delegator_addr}/redelegations`,
    grpcMethod: `${Q}/Redelegations`,
    request: q.QueryRedelegationsRequest,
    response: q.QueryRedelegationsResponse,
    fields: ({ pathParams, query }) => ({
      delegatorAddr: pathParams.delegator_addr,
      srcValidatorAddr: queryString(query, "src_validator_addr"),
      dstValidatorAddr: queryString(query, "dst_validator_addr"),
      pagination: pageRequest(query),
    }),
  }),
  grpcQueryRoute({
    path: `${P}/delegators/{delegator_addr}/validators`,
    grpcMethod: `${Q}/DelegatorValidators`,
    request: q.QueryDelegatorValidatorsRequest,
    response: q.QueryDelegatorValidatorsResponse,
    fields: ({ pathParams, query }) => ({ delegatorAddr: pathParams.delegator_addr, pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${P}/delegators/{delegator_addr}/validators/{validator_addr}`,
    grpcMethod: `${Q}/DelegatorValidator`,
    request: q.QueryDelegatorValidatorRequest,
    response: q.QueryDelegatorValidatorResponse,
    fields: ({ pathParams }) => ({ delegatorAddr: pathParams.delegator_addr, validatorAddr: pathParams.validator_addr }),
  }),
  grpcQueryRoute({
    path: `${P}/historical_info/{height}`,
    grpcMethod: `${Q}/HistoricalInfo`,
    request: q.QueryHistoricalInfoRequest,
    response: q.QueryHistoricalInfoResponse,
    fields: ({ pathParams }) => ({ height: parseInt64(pathParams.height ?? "", "height") }),
  }),
  grpcQueryRoute({ path: `${P}/pool`, grpcMethod: `${Q}/Pool`, request: q.QueryPoolRequest, response: q.QueryPoolResponse }),
  grpcQueryRoute({ path: `${P}/params`, grpcMethod: `${Q}/Params`, request: q.QueryParamsRequest, response: q.QueryParamsResponse }),
];
