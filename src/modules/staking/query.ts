import { Delegation, Redelegation, UnbondingDelegation, Validator, bondStatusFromJSON, type DelegationResponse, type RedelegationResponse } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import {
  QueryDelegationRequest,
  QueryDelegationResponse,
  QueryDelegatorDelegationsRequest,
  QueryDelegatorDelegationsResponse,
  QueryDelegatorUnbondingDelegationsRequest,
  QueryDelegatorUnbondingDelegationsResponse,
  QueryDelegatorValidatorRequest,
  QueryDelegatorValidatorResponse,
  QueryDelegatorValidatorsRequest,
  QueryDelegatorValidatorsResponse,
  QueryHistoricalInfoRequest,
  QueryHistoricalInfoResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryPoolRequest,
  QueryPoolResponse,
  QueryRedelegationsRequest,
  QueryRedelegationsResponse,
  QueryUnbondingDelegationRequest,
  QueryUnbondingDelegationResponse,
  QueryValidatorDelegationsRequest,
  QueryValidatorDelegationsResponse,
  QueryValidatorRequest,
  QueryValidatorResponse,
  QueryValidatorsRequest,
  QueryValidatorsResponse,
  QueryValidatorUnbondingDelegationsRequest,
  QueryValidatorUnbondingDelegationsResponse,
} from "cosmjs-types/cosmos/staking/v1beta1/query";
import { decodeAddress } from "../../types/address.js";
import { ErrInvalidRequest, isError, type AppError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate, paginateFiltered } from "../../types/pagination.js";
import { ErrNoDelegation, ErrNoHistoricalInfo, ErrNoRedelegation, ErrNoUnbondingDelegation, ErrNoValidatorFound } from "./errors.js";
import type { StakingKeeper } from "./keeper.js";
import { VALOPER_PREFIX } from "./keys.js";
import { StakingStore } from "./store.js";
import { toProtoValidator, tokensFromShares } from "./validator.js";
import { lengthPrefixed } from "../../store/bytes.js";

const SERVICE = "/cosmos.staking.v1beta1.Query";

function address(text: string, field: string, prefix?: string): Uint8Array | AppError {
  if (text === "") return ErrInvalidRequest.wrap(`${field} cannot be empty`);
  const bytes = decodeAddress(text, prefix);
  return isError(bytes) ? bytes.kind.wrap(`invalid ${field}: ${bytes.message}`) : bytes;
}

/** cosmos.staking.v1beta1.Query, as @cosmjs/stargate's staking extension and Keplr call it. Lists are paginated. */
export function stakingQueries(keeper: StakingKeeper): QueryRoute[] {
  const delegationResponse = (store: StakingStore, delegation: Delegation): DelegationResponse => {
    const operator = decodeAddress(delegation.validatorAddress, VALOPER_PREFIX) as Uint8Array;
    const validator = store.validator(operator);
    const balance = validator ? tokensFromShares(validator, BigInt(delegation.shares)) : 0n;
    return { delegation, balance: { denom: store.params().bondDenom, amount: balance.toString() } };
  };
  const redelegationResponse = (store: StakingStore, red: Redelegation): RedelegationResponse => {
    const dst = store.validator(decodeAddress(red.validatorDstAddress, VALOPER_PREFIX) as Uint8Array);
    return {
      redelegation: red,
      entries: red.entries.map((e) => ({ redelegationEntry: e, balance: (dst ? tokensFromShares(dst, BigInt(e.sharesDst)) : 0n).toString() })),
    };
  };
  return [
    queryRoute(`${SERVICE}/Validators`, QueryValidatorsRequest, QueryValidatorsResponse, (ctx, req) => {
      const status = req.status === "" ? undefined : bondStatusFromJSON(req.status);
      if (status !== undefined && status <= 0) return ErrInvalidRequest.wrap(`invalid validator status ${req.status}`);
      const store = new StakingStore(ctx);
      const page = paginateFiltered(store.validators(), req.pagination, ([, value]) => status === undefined || Validator.decode(value).status === status);
      if (isError(page)) return page;
      return { validators: page.entries.map(([, value]) => Validator.decode(value)), pagination: page.page };
    }),
    queryRoute(`${SERVICE}/Validator`, QueryValidatorRequest, QueryValidatorResponse, (ctx, req) => {
      const operator = address(req.validatorAddr, "validator address", VALOPER_PREFIX);
      if (isError(operator)) return operator;
      const validator = keeper.getValidator(ctx, operator);
      return validator ? { validator: toProtoValidator(validator) } : ErrNoValidatorFound.wrap(`validator ${req.validatorAddr} not found`);
    }),
    queryRoute(`${SERVICE}/ValidatorDelegations`, QueryValidatorDelegationsRequest, QueryValidatorDelegationsResponse, (ctx, req) => {
      const operator = address(req.validatorAddr, "validator address", VALOPER_PREFIX);
      if (isError(operator)) return operator;
      const store = new StakingStore(ctx);
      const page = paginate(store.delegatorsOf(operator), req.pagination);
      if (isError(page)) return page;
      const delegationResponses = page.entries.map(([key]) => delegationResponse(store, store.delegation(key.subarray(1), operator)!));
      return { delegationResponses, pagination: page.page };
    }),
    queryRoute(`${SERVICE}/ValidatorUnbondingDelegations`, QueryValidatorUnbondingDelegationsRequest, QueryValidatorUnbondingDelegationsResponse, (ctx, req) => {
      const operator = address(req.validatorAddr, "validator address", VALOPER_PREFIX);
      if (isError(operator)) return operator;
      const store = new StakingStore(ctx);
      const page = paginate(store.unbondingDelegatorsOf(operator), req.pagination);
      if (isError(page)) return page;
      return { unbondingResponses: page.entries.map(([key]) => store.unbonding(key.subarray(1), operator)!), pagination: page.page };
    }),
    queryRoute(`${SERVICE}/Delegation`, QueryDelegationRequest, QueryDelegationResponse, (ctx, req) => {
      const delegator = address(req.delegatorAddr, "delegator address");
      if (isError(delegator)) return delegator;
      const operator = address(req.validatorAddr, "validator address", VALOPER_PREFIX);
      if (isError(operator)) return operator;
      const store = new StakingStore(ctx);
      const delegation = store.delegation(delegator, operator);
      if (!delegation) return ErrNoDelegation.wrap(`delegation with delegator ${req.delegatorAddr} not found for validator ${req.validatorAddr}`);
      return { delegationResponse: delegationResponse(store, delegation) };
    }),
    queryRoute(`${SERVICE}/UnbondingDelegation`, QueryUnbondingDelegationRequest, QueryUnbondingDelegationResponse, (ctx, req) => {
      const delegator = address(req.delegatorAddr, "delegator address");
      if (isError(delegator)) return delegator;
      const operator = address(req.validatorAddr, "validator address", VALOPER_PREFIX);
      if (isError(operator)) return operator;
      const unbond = new StakingStore(ctx).unbonding(delegator, operator);
      return unbond ? { unbond } : ErrNoUnbondingDelegation.wrap(`unbonding delegation with delegator ${req.delegatorAddr} not found for validator ${req.validatorAddr}`);
    }),
    queryRoute(`${SERVICE}/DelegatorDelegations`, QueryDelegatorDelegationsRequest, QueryDelegatorDelegationsResponse, (ctx, req) => {
      const delegator = address(req.delegatorAddr, "delegator address");
      if (isError(delegator)) return delegator;
      const store = new StakingStore(ctx);
      const page = paginate(store.delegationsOf(delegator), req.pagination);
      if (isError(page)) return page;
      return { delegationResponses: page.entries.map(([, value]) => delegationResponse(store, Delegation.decode(value))), pagination: page.page };
    }),
    queryRoute(`${SERVICE}/DelegatorUnbondingDelegations`, QueryDelegatorUnbondingDelegationsRequest, QueryDelegatorUnbondingDelegationsResponse, (ctx, req) => {
      const delegator = address(req.delegatorAddr, "delegator address");
      if (isError(delegator)) return delegator;
      const page = paginate(new StakingStore(ctx).unbondingsOf(delegator), req.pagination);
      if (isError(page)) return page;
      return { unbondingResponses: page.entries.map(([, value]) => UnbondingDelegation.decode(value)), pagination: page.page };
    }),
    queryRoute(`${SERVICE}/Redelegations`, QueryRedelegationsRequest, QueryRedelegationsResponse, (ctx, req) => {
      const store = new StakingStore(ctx);
      const delegator = req.delegatorAddr === "" ? undefined : address(req.delegatorAddr, "delegator address");
      const src = req.srcValidatorAddr === "" ? undefined : address(req.srcValidatorAddr, "source validator address", VALOPER_PREFIX);
      const dst = req.dstValidatorAddr === "" ? undefined : address(req.dstValidatorAddr, "destination validator address", VALOPER_PREFIX);
      for (const parsed of [delegator, src, dst]) if (isError(parsed)) return parsed;
      const [d, s, t] = [delegator, src, dst] as (Uint8Array | undefined)[];
      if (d && s && t) {
        const red = store.redelegation(d, s, t);
        if (!red) return ErrNoRedelegation.wrap(`redelegation not found for delegator address ${req.delegatorAddr} from validator address ${req.srcValidatorAddr}`);
        return { redelegationResponses: [redelegationResponse(store, red)], pagination: undefined };
      }
      // As the SDK: a destination filters only with a delegator and a source (else it would be silently ignored).
      if (!d && t) return ErrInvalidRequest.wrap("a destination validator address needs a delegator address and a source validator address");
      if (!d && s) {
        const page = paginate(store.redelegationsFrom(s), req.pagination);
        if (isError(page)) return page;
        const reds = page.entries.map(([key]) => {
          const [delegatorBytes, dstBytes] = [key.subarray(1, 1 + key[0]!), key.subarray(2 + key[0]!)];
          return store.redelegation(delegatorBytes, s, dstBytes)!;
        });
        return { redelegationResponses: reds.map((r) => redelegationResponse(store, r)), pagination: page.page };
      }
      const page = paginate(store.redelegations(d ? lengthPrefixed(d) : new Uint8Array(0)), req.pagination);
      if (isError(page)) return page;
      return { redelegationResponses: page.entries.map(([, value]) => redelegationResponse(store, Redelegation.decode(value))), pagination: page.page };
    }),
    queryRoute(`${SERVICE}/DelegatorValidators`, QueryDelegatorValidatorsRequest, QueryDelegatorValidatorsResponse, (ctx, req) => {
      const delegator = address(req.delegatorAddr, "delegator address");
      if (isError(delegator)) return delegator;
      const store = new StakingStore(ctx);
      const page = paginate(store.delegationsOf(delegator), req.pagination);
      if (isError(page)) return page;
      const validators = page.entries.map(([key]) => store.validator(key.subarray(1))).filter((v) => v !== undefined);
      return { validators: validators.map(toProtoValidator), pagination: page.page };
    }),
    queryRoute(`${SERVICE}/DelegatorValidator`, QueryDelegatorValidatorRequest, QueryDelegatorValidatorResponse, (ctx, req) => {
      const delegator = address(req.delegatorAddr, "delegator address");
      if (isError(delegator)) return delegator;
      const operator = address(req.validatorAddr, "validator address", VALOPER_PREFIX);
      if (isError(operator)) return operator;
      const store = new StakingStore(ctx);
      if (!store.delegation(delegator, operator)) return ErrNoDelegation.wrap(`delegation with delegator ${req.delegatorAddr} not found for validator ${req.validatorAddr}`);
      const validator = store.validator(operator);
      return validator ? { validator: toProtoValidator(validator) } : ErrNoValidatorFound.wrap(`validator ${req.validatorAddr} not found`);
    }),
    // Historical info is not kept (see README): every height answers NotFound, as an SDK chain with historical_entries = 0.
    queryRoute(`${SERVICE}/HistoricalInfo`, QueryHistoricalInfoRequest, QueryHistoricalInfoResponse, (_ctx, req) => ErrNoHistoricalInfo.wrap(`historical info for height ${req.height} not found`)),
    queryRoute(`${SERVICE}/Pool`, QueryPoolRequest, QueryPoolResponse, (ctx) => ({
      pool: { notBondedTokens: keeper.notBondedTokens(ctx).toString(), bondedTokens: keeper.totalBondedTokens(ctx).toString() },
    })),
    queryRoute(`${SERVICE}/Params`, QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: keeper.getParams(ctx) })),
  ];
}
