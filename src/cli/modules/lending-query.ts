import type { Command } from "commander";
import * as q from "../../generated/persistence/lending/v1/query.js";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import { lendingResponses as responses } from "../../rpc/rest/json/schemas/lending.js";
import type { MessageCodec } from "../../rpc/rest/json/schema.js";
import { decodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { defineAction, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "../commands/query.js";
import { CliError } from "../errors.js";
import { grpcQuery, type RequestCodec } from "../grpc-query.js";
import type { NodeClient } from "../node-client.js";
import { pageLines, pageRequest, withPageOptions, type PageOptions } from "../pagination.js";
import { describeRequirement } from "./assets-values.js";
import { decimalPercent, describeAppraisal, describeLoan, describePledge, formatDuration, parseId } from "./lending-values.js";

const SERVICE = "/persistence.lending.v1.Query";

/** Runs one lending query on the node; a refusal becomes a CliError named after the chain's error. */
function ask<Req, Res>(node: NodeClient, method: string, request: RequestCodec<Req>, fields: object, response: MessageCodec<Res>): Promise<Res> {
  return grpcQuery(node, `${SERVICE}/${method}`, request, fields, response);
}

function requireAddress(address: string, role: string): void {
  if (isError(decodeAddress(address))) throw new CliError("invalid_address", `invalid ${role} address "${address}": expected persistence1…`);
}

/** `persistence query lending …`: params, valuers, pledges, appraisals and loans. */
export function registerLendingQuery(query: Command): void {
  const lending = query.command("lending").description("lending module queries");

  defineAction<NodeUrlOptions>(queryCommand(lending, "params", "the lending parameters: requirements, advance rates, appraisal age, auctions, write-offs"), (context) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Params", q.QueryParamsRequest, {}, responses.params);
      const params = answer.params!;
      context.output.result(toGatewayJson(responses.params, answer), [
        `participant requirement: ${describeRequirement(params.participantRequirement)}`,
        `valuer requirement:      ${describeRequirement(params.valuerRequirement)}`,
        `max appraisal age:       ${formatDuration(params.maxAppraisalAge)}`,
        `advance rates:           ${params.advanceRates.length ? params.advanceRates.map((r) => `${r.classId} ${decimalPercent(r.rate)}`).join(", ") : "none (no loans)"}`,
        `auction length:          ${formatDuration(params.auctionSeconds)}`,
        `write-offs:              ${params.writeOffs.map((w) => `${decimalPercent(w.fraction)} after ${w.overdueDays} days`).join(", ")}`,
        `max defaults per block:  ${params.maxDefaultsPerBlock}`,
        `max instalments:         ${params.maxInstalments}`,
      ]);
    }),
  );

  defineAction<PageOptions>(withPageOptions(queryCommand(lending, "valuers", "the registered valuers, by address")), (context) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Valuers", q.QueryValuersRequest, { pagination: pageRequest(context.options) }, responses.valuers);
      context.output.result(toGatewayJson(responses.valuers, answer), [
        ...(answer.valuers.length ? answer.valuers.map((v) => `${v.address}: ${v.name}`) : ["no registered valuers"]),
        ...pageLines(answer.pagination),
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(lending, "pledge <id>", "a pledge: its collateral, owner and the loan it backs"), (context, id) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Pledge", q.QueryPledgeRequest, { id: parseId(id!, "pledge id") }, responses.pledge);
      context.output.result(toGatewayJson(responses.pledge, answer), describePledge(answer.pledge!));
    }),
  );

  defineAction<PageOptions>(withPageOptions(queryCommand(lending, "pledges <owner>", "an account's pledges, by id")), (context, owner) =>
    withNode(context, async (node) => {
      requireAddress(owner!, "owner");
      const answer = await ask(node, "PledgesByOwner", q.QueryPledgesByOwnerRequest, { owner, pagination: pageRequest(context.options) }, responses.pledgesByOwner);
      context.output.result(toGatewayJson(responses.pledgesByOwner, answer), [
        ...(answer.pledges.length ? answer.pledges.flatMap(describePledge) : [`${owner} has no pledges`]),
        ...pageLines(answer.pagination),
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(lending, "appraisal <id>", "an appraisal: the pledge, value, valuer and report hash"), (context, id) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Appraisal", q.QueryAppraisalRequest, { id: parseId(id!, "appraisal id") }, responses.appraisal);
      context.output.result(toGatewayJson(responses.appraisal, answer), describeAppraisal(answer.appraisal!));
    }),
  );

  defineAction<PageOptions>(withPageOptions(queryCommand(lending, "appraisals <pledge-id>", "a pledge's appraisals, oldest first")), (context, id) =>
    withNode(context, async (node) => {
      const pledgeId = parseId(id!, "pledge id");
      const answer = await ask(node, "Appraisals", q.QueryAppraisalsRequest, { pledgeId, pagination: pageRequest(context.options) }, responses.appraisals);
      context.output.result(toGatewayJson(responses.appraisals, answer), [
        ...(answer.appraisals.length ? answer.appraisals.flatMap(describeAppraisal) : [`pledge ${pledgeId} has no appraisals`]),
        ...pageLines(answer.pagination),
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(lending, "loan <id>", "a loan with its debt now and its next expected payment"), (context, id) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Loan", q.QueryLoanRequest, { id: parseId(id!, "loan id") }, responses.loan);
      context.output.result(toGatewayJson(responses.loan, answer), describeLoan(answer.loan!));
    }),
  );

  for (const [name, role, method, request, response] of [
    ["loans-by-borrower", "borrower", "LoansByBorrower", q.QueryLoansByBorrowerRequest, responses.loansByBorrower],
    ["loans-by-lender", "lender", "LoansByLender", q.QueryLoansByLenderRequest, responses.loansByLender],
  ] as const) {
    defineAction<PageOptions>(withPageOptions(queryCommand(lending, `${name} <${role}>`, `an account's loans as ${role}, by id, with their debt now`)), (context, address) =>
      withNode(context, async (node) => {
        requireAddress(address!, role);
        const answer = await ask<object, q.QueryLoansByLenderResponse>(node, method, request, { [role]: address, pagination: pageRequest(context.options) }, response);
        context.output.result(toGatewayJson(response, answer), [
          ...(answer.loans.length ? answer.loans.flatMap(describeLoan) : [`${address} has no loans as ${role}`]),
          ...pageLines(answer.pagination),
        ]);
      }),
    );
  }
}
