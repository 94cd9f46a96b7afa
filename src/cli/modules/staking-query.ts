import { Option, type Command } from "commander";
import * as q from "cosmjs-types/cosmos/staking/v1beta1/query";
import { BondStatus, type DelegationResponse, type RedelegationResponse, type UnbondingDelegation, type Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import { formatDuration } from "../../rpc/rest/json/timestamp.js";
import type { MessageCodec } from "../../rpc/rest/json/schema.js";
import { defineAction, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "../commands/query.js";
import { grpcQuery, type RequestCodec } from "../grpc-query.js";
import type { NodeClient } from "../node-client.js";
import { pageLines, pageRequest, withPageOptions, type PageOptions } from "../pagination.js";
import { accountAddress, operatorAddress, percent, shares, time, xprt } from "./staking-values.js";

const SERVICE = "/cosmos.staking.v1beta1.Query";

const STATUSES = { bonded: "BOND_STATUS_BONDED", unbonding: "BOND_STATUS_UNBONDING", unbonded: "BOND_STATUS_UNBONDED" } as const;

interface ValidatorsOptions extends PageOptions {
  status?: keyof typeof STATUSES;
}

interface RedelegationsOptions extends PageOptions {
  srcValidator?: string;
  dstValidator?: string;
}

/** `persistence query staking …`: validators, delegations, unbondings, redelegations, the pool and params. */
export function registerStakingQuery(query: Command): void {
  const staking = query.command("staking").description("staking module queries: validators and delegations of XPRT");

  const validators = withPageOptions(queryCommand(staking, "validators", "every validator, by operator address")).addOption(
    new Option("--status <status>", "only validators in this state").choices(Object.keys(STATUSES)),
  );
  defineAction<ValidatorsOptions>(validators, (context) =>
    withNode(context, async (node) => {
      const status = context.options.status ? STATUSES[context.options.status] : "";
      const answer = await ask(node, "Validators", q.QueryValidatorsRequest, { status, pagination: pageRequest(context.options) }, q.QueryValidatorsResponse);
      context.output.result(toGatewayJson(q.QueryValidatorsResponse, answer), [
        ...(answer.validators.length ? answer.validators.map(summary) : ["none"]),
        ...(answer.pagination && answer.pagination.total > 0n ? [`total: ${answer.pagination.total}`] : []),
        ...pageLines(answer.pagination),
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(staking, "validator <validator>", "one validator, by its persistencevaloper1 address"), (context, validator) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Validator", q.QueryValidatorRequest, { validatorAddr: operatorAddress(validator!) }, q.QueryValidatorResponse);
      context.output.result(toGatewayJson(q.QueryValidatorResponse, answer), details(answer.validator));
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(staking, "delegation <delegator> <validator>", "a delegator's delegation to one validator, with its balance"), (context, delegator, validator) =>
    withNode(context, async (node) => {
      const fields = { delegatorAddr: accountAddress(delegator!), validatorAddr: operatorAddress(validator!) };
      const answer = await ask(node, "Delegation", q.QueryDelegationRequest, fields, q.QueryDelegationResponse);
      context.output.result(toGatewayJson(q.QueryDelegationResponse, answer), [describeDelegation(answer.delegationResponse!)]);
    }),
  );

  const delegations = withPageOptions(queryCommand(staking, "delegations <delegator>", "a delegator's delegations, by validator"));
  defineAction<PageOptions>(delegations, (context, delegator) =>
    withNode(context, async (node) => {
      const fields = { delegatorAddr: accountAddress(delegator!), pagination: pageRequest(context.options) };
      const answer = await ask(node, "DelegatorDelegations", q.QueryDelegatorDelegationsRequest, fields, q.QueryDelegatorDelegationsResponse);
      context.output.result(toGatewayJson(q.QueryDelegatorDelegationsResponse, answer), [
        ...(answer.delegationResponses.length ? answer.delegationResponses.map(describeDelegation) : [`${delegator} has no delegations`]),
        ...pageLines(answer.pagination),
      ]);
    }),
  );

  const unbondings = withPageOptions(queryCommand(staking, "unbonding-delegations <delegator>", "a delegator's unbonding delegations, with each entry's payout time"));
  defineAction<PageOptions>(unbondings, (context, delegator) =>
    withNode(context, async (node) => {
      const fields = { delegatorAddr: accountAddress(delegator!), pagination: pageRequest(context.options) };
      const answer = await ask(node, "DelegatorUnbondingDelegations", q.QueryDelegatorUnbondingDelegationsRequest, fields, q.QueryDelegatorUnbondingDelegationsResponse);
      context.output.result(toGatewayJson(q.QueryDelegatorUnbondingDelegationsResponse, answer), [
        ...(answer.unbondingResponses.length ? answer.unbondingResponses.flatMap(describeUnbonding) : [`${delegator} has no unbonding delegations`]),
        ...pageLines(answer.pagination),
      ]);
    }),
  );

  const redelegations = withPageOptions(queryCommand(staking, "redelegations <delegator>", "a delegator's redelegations still in progress"))
    .option("--src-validator <validator>", "only those from this validator (with --dst-validator: that one redelegation)")
    .option("--dst-validator <validator>", "with --src-validator: only the redelegation to this validator");
  defineAction<RedelegationsOptions>(redelegations, (context, delegator) =>
    withNode(context, async (node) => {
      const { srcValidator, dstValidator } = context.options;
      const fields = {
        delegatorAddr: accountAddress(delegator!),
        srcValidatorAddr: srcValidator ? operatorAddress(srcValidator) : "",
        dstValidatorAddr: dstValidator ? operatorAddress(dstValidator) : "",
        pagination: pageRequest(context.options),
      };
      const answer = await ask(node, "Redelegations", q.QueryRedelegationsRequest, fields, q.QueryRedelegationsResponse);
      context.output.result(toGatewayJson(q.QueryRedelegationsResponse, answer), [
        ...(answer.redelegationResponses.length ? answer.redelegationResponses.flatMap(describeRedelegation) : [`${delegator} has no redelegations in progress`]),
        ...pageLines(answer.pagination),
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(staking, "pool", "the bonded and not-bonded tokens"), (context) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Pool", q.QueryPoolRequest, {}, q.QueryPoolResponse);
      context.output.result(toGatewayJson(q.QueryPoolResponse, answer), [`bonded:     ${xprt(answer.pool.bondedTokens)}`, `not bonded: ${xprt(answer.pool.notBondedTokens)}`]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(staking, "params", "the unbonding time, active set size, entry limits, bond denom and min commission"), (context) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Params", q.QueryParamsRequest, {}, q.QueryParamsResponse);
      const { params } = answer;
      context.output.result(toGatewayJson(q.QueryParamsResponse, answer), [
        `unbonding time:       ${formatDuration(params.unbondingTime)}${params.unbondingTime.seconds % 86_400n === 0n ? ` (${params.unbondingTime.seconds / 86_400n} days)` : ""}`,
        `max validators:       ${params.maxValidators}`,
        `max entries:          ${params.maxEntries} per delegator and validator (pair)`,
        `historical entries:   ${params.historicalEntries}`,
        `bond denom:           ${params.bondDenom}`,
        `min commission rate:  ${percent(params.minCommissionRate)}`,
      ]);
    }),
  );
}

/** Runs one staking gRPC query over ABCI; a refusal becomes a CliError named after the chain's error. */
function ask<Req, Res>(node: NodeClient, method: string, request: RequestCodec<Req>, fields: object, response: MessageCodec<Res>): Promise<Res> {
  return grpcQuery(node, `${SERVICE}/${method}`, request, fields, response);
}

const STATUS_NAMES: Record<number, string> = {
  [BondStatus.BOND_STATUS_BONDED]: "bonded",
  [BondStatus.BOND_STATUS_UNBONDING]: "unbonding",
  [BondStatus.BOND_STATUS_UNBONDED]: "unbonded",
};

function state(validator: Validator): string {
  return `${STATUS_NAMES[validator.status] ?? "unknown"}${validator.jailed ? ", jailed" : ""}`;
}

function summary(validator: Validator): string {
  return `${validator.operatorAddress} "${validator.description.moniker}": ${xprt(validator.tokens)}, ${state(validator)}, commission ${percent(validator.commission.commissionRates.rate)}`;
}

function details(validator: Validator): string[] {
  const rates = validator.commission.commissionRates;
  const { description } = validator;
  return [
    `${validator.operatorAddress} "${description.moniker}"`,
    `  status:              ${state(validator)}${validator.status === BondStatus.BOND_STATUS_UNBONDING ? ` until ${time(validator.unbondingTime)}` : ""}`,
    `  tokens:              ${xprt(validator.tokens)} (${shares(validator.delegatorShares)} shares)`,
    `  commission:          ${percent(rates.rate)} (max ${percent(rates.maxRate)}, changes at most ${percent(rates.maxChangeRate)} a day; last changed ${time(validator.commission.updateTime)})`,
    `  min self delegation: ${xprt(validator.minSelfDelegation)}`,
    ...(description.website ? [`  website:             ${description.website}`] : []),
    ...(description.securityContact ? [`  security contact:    ${description.securityContact}`] : []),
    ...(description.details ? [`  details:             ${description.details}`] : []),
  ];
}

function describeDelegation(response: DelegationResponse): string {
  return `${response.delegation.validatorAddress}: ${xprt(response.balance.amount)} (${shares(response.delegation.shares)} shares)`;
}

function describeUnbonding(unbonding: UnbondingDelegation): string[] {
  return [
    `from ${unbonding.validatorAddress}:`,
    ...unbonding.entries.map((e) => `  ${xprt(e.balance)} at ${time(e.completionTime)} (started at height ${e.creationHeight} with ${xprt(e.initialBalance)})`),
  ];
}

function describeRedelegation(response: RedelegationResponse): string[] {
  const { redelegation } = response;
  return [
    `${redelegation.validatorSrcAddress} → ${redelegation.validatorDstAddress}:`,
    ...response.entries.map((e) => `  ${xprt(e.balance)}, complete at ${time(e.redelegationEntry.completionTime)} (height ${e.redelegationEntry.creationHeight})`),
  ];
}
