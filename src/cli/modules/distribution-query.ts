import type { Command } from "commander";
import type { DecCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import {
  QueryCommunityPoolRequest,
  QueryCommunityPoolResponse,
  QueryDelegationRewardsRequest,
  QueryDelegationRewardsResponse,
  QueryDelegationTotalRewardsRequest,
  QueryDelegationTotalRewardsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryValidatorCommissionRequest,
  QueryValidatorCommissionResponse,
  QueryValidatorSlashesRequest,
  QueryValidatorSlashesResponse,
} from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { VALOPER_PREFIX } from "../../modules/distribution/events.js";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import { decodeAddress } from "../../types/address.js";
import { formatDecimal, ONE } from "../../types/decimal.js";
import { isError } from "../../types/errors.js";
import { defineAction, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "../commands/query.js";
import { CliError } from "../errors.js";
import { grpcQuery } from "../grpc-query.js";
import { formatCoin } from "../money.js";
import { pageLines, pageRequest, withPageOptions, type PageOptions } from "../pagination.js";

const SERVICE = "/cosmos.distribution.v1beta1.Query";

/** "2,940.000000 XPRT (2940.5 uxprt owed)": the whole coins a withdrawal pays, beside the exact decimal owed. */
export function describeDecCoins(coins: readonly DecCoin[]): string {
  if (coins.length === 0) return "nothing";
  return coins.map((c) => `${formatCoin({ denom: c.denom, amount: BigInt(c.amount) / ONE })}, exactly ${formatDecimal(BigInt(c.amount))}${c.denom}`).join("; ");
}

export function checkAddress(address: string, prefix?: string): string {
  const expected = prefix ?? "persistence";
  if (isError(decodeAddress(address, prefix))) throw new CliError("invalid_address", `invalid address "${address}": expected ${expected}1…`);
  return address;
}

/** `persistence query distribution …`: rewards, commission, the community pool, params and slashes. */
export function registerDistributionQuery(query: Command): void {
  const distribution = query.command("distribution").description("distribution module queries: staking rewards, commission, the community pool");

  const rewards = queryCommand(distribution, "rewards <delegator> [validator]", "a delegator's pending rewards: from one validator, or from each and in total");
  defineAction<NodeUrlOptions>(rewards, (context, delegator, validator) =>
    withNode(context, async (node) => {
      checkAddress(delegator!);
      if (validator !== undefined) {
        checkAddress(validator, VALOPER_PREFIX);
        const answer = await grpcQuery(node, `${SERVICE}/DelegationRewards`, QueryDelegationRewardsRequest, { delegatorAddress: delegator, validatorAddress: validator }, QueryDelegationRewardsResponse);
        context.output.result(toGatewayJson(QueryDelegationRewardsResponse, answer), [`rewards: ${describeDecCoins(answer.rewards)}`]);
        return;
      }
      const answer = await grpcQuery(node, `${SERVICE}/DelegationTotalRewards`, QueryDelegationTotalRewardsRequest, { delegatorAddress: delegator }, QueryDelegationTotalRewardsResponse);
      context.output.result(toGatewayJson(QueryDelegationTotalRewardsResponse, answer), [
        ...answer.rewards.map((r) => `${r.validatorAddress}: ${describeDecCoins(r.reward)}`),
        `total: ${describeDecCoins(answer.total)}`,
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(distribution, "commission <validator>", "a validator's accumulated commission"), (context, validator) =>
    withNode(context, async (node) => {
      checkAddress(validator!, VALOPER_PREFIX);
      const answer = await grpcQuery(node, `${SERVICE}/ValidatorCommission`, QueryValidatorCommissionRequest, { validatorAddress: validator }, QueryValidatorCommissionResponse);
      context.output.result(toGatewayJson(QueryValidatorCommissionResponse, answer), [`commission: ${describeDecCoins(answer.commission?.commission ?? [])}`]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(distribution, "community-pool", "the community pool"), (context) =>
    withNode(context, async (node) => {
      const answer = await grpcQuery(node, `${SERVICE}/CommunityPool`, QueryCommunityPoolRequest, {}, QueryCommunityPoolResponse);
      context.output.result(toGatewayJson(QueryCommunityPoolResponse, answer), [`community pool: ${describeDecCoins(answer.pool)}`]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(distribution, "params", "the community tax and whether withdraw addresses may be set"), (context) =>
    withNode(context, async (node) => {
      const answer = await grpcQuery(node, `${SERVICE}/Params`, QueryParamsRequest, {}, QueryParamsResponse);
      context.output.result(toGatewayJson(QueryParamsResponse, answer), [
        `community tax:           ${formatDecimal(BigInt(answer.params.communityTax) * 100n)}%`,
        `withdraw addresses:      ${answer.params.withdrawAddrEnabled ? "may be set" : "disabled"}`,
      ]);
    }),
  );

  const slashes = withPageOptions(queryCommand(distribution, "slashes <validator> <start-height> <end-height>", "a validator's slashes between two heights"));
  defineAction<PageOptions>(slashes, (context, validator, start, end) =>
    withNode(context, async (node) => {
      checkAddress(validator!, VALOPER_PREFIX);
      const [startingHeight, endingHeight] = [start, end].map((h) => {
        if (!/^\d{1,19}$/.test(h!)) throw new CliError("invalid_height", `invalid height "${h}": expected a block height`);
        return BigInt(h!);
      });
      const fields = { validatorAddress: validator, startingHeight, endingHeight, pagination: pageRequest(context.options) };
      const answer = await grpcQuery(node, `${SERVICE}/ValidatorSlashes`, QueryValidatorSlashesRequest, fields, QueryValidatorSlashesResponse);
      context.output.result(toGatewayJson(QueryValidatorSlashesResponse, answer), [
        ...(answer.slashes.length ? answer.slashes.map((s) => `period ${s.validatorPeriod}: slashed ${formatDecimal(BigInt(s.fraction) * 100n)}%`) : ["none"]),
        ...pageLines(answer.pagination),
      ]);
    }),
  );
}
