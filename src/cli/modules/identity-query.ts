import { InvalidArgumentError, Option, type Command } from "commander";
import type { Timestamp } from "../../generated/google/protobuf/timestamp.js";
import type { PageResponse } from "../../generated/persistence/base/query/v1/pagination.js";
import * as q from "../../generated/persistence/identity/v1/query.js";
import { InvestorClass, type ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import type { Attestation } from "../../generated/persistence/identity/v1/types.js";
import { investorClassName, INVESTOR_CLASS_NAMES } from "../../modules/identity/claims.js";
import { SALT_LENGTH } from "../../modules/identity/commitment.js";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import { identityResponses } from "../../rpc/rest/json/schemas/identity.js";
import type { MessageCodec } from "../../rpc/rest/json/schema.js";
import { toHex } from "../../store/bytes.js";
import { formatProtoTimestamp } from "../../rpc/rest/json/timestamp.js";
import { defineAction, type ActionContext, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "../commands/query.js";
import { grpcQuery, type RequestCodec } from "../grpc-query.js";
import type { NodeClient } from "../node-client.js";
import { pageLines, pageRequest, withPageOptions, type PageOptions } from "../pagination.js";
import { parseHexBytes, readRecord } from "./identity-tx.js";

const SERVICE = "/persistence.identity.v1.Query";

interface CheckOptions extends NodeUrlOptions {
  minKycLevel: number;
  jurisdictions: string[];
  investorClasses: InvestorClass[];
  trader?: boolean;
}

interface VerifyOptions extends NodeUrlOptions {
  recordFile: string;
  salt: string;
}


/** Runs one identity query on the node; a refusal becomes a CliError named after the chain's error. */
function ask<Req, Res>(node: NodeClient, method: string, request: RequestCodec<Req>, fields: object, response: MessageCodec<Res>): Promise<Res> {
  return grpcQuery(node, `${SERVICE}/${method}`, request, fields, response);
}

/** Prints `value` as the REST API's JSON with --output json, as `text` otherwise. */
function show<T>(context: ActionContext<NodeUrlOptions>, codec: MessageCodec<T>, value: T, text: readonly string[]): void {
  context.output.result(toGatewayJson(codec, value), text);
}

const time = (timestamp: Timestamp | undefined) => (timestamp ? formatProtoTimestamp(timestamp) : "-");

function describeAttestation(a: Attestation): string[] {
  return [
    `${a.provider}${a.revoked ? ` (revoked ${time(a.revokedAt)})` : ""}`,
    `  KYC level ${a.kycLevel}, ${a.jurisdiction}, ${investorClassName(a.investorClass)}${a.trader ? ", trader" : ""}`,
    `  expires ${time(a.expiry)}, issued ${time(a.issuedAt)} at height ${a.issuedHeight}`,
    `  commitment ${toHex(a.commitment)}`,
  ];
}

/** A paginated list query: one line per entry, then the key of the next page if there is one. */
function defineList<Req, Res extends { pagination?: PageResponse | undefined }>(
  parent: Command,
  name: string,
  description: string,
  method: string,
  request: RequestCodec<Req>,
  response: MessageCodec<Res>,
  lines: (answer: Res) => string[],
): void {
  const command = withPageOptions(queryCommand(parent, name, description));
  defineAction<PageOptions>(command, (context) =>
    withNode(context, async (node) => {
      const answer = await ask(node, method, request, { pagination: pageRequest(context.options) }, response);
      const entries = lines(answer);
      show(context, response, answer, [...(entries.length ? entries : ["none"]), ...pageLines(answer.pagination)]);
    }),
  );
}

/** `persistence query identity …`: registries, attestations, status, compliance, deny list, disclosures. */
export function registerIdentityQuery(query: Command): void {
  const identity = query.command("identity").description("identity module queries");

  const registrant = (e: { address: string; name: string }) => `${e.address}  ${e.name}`;
  defineList(identity, "providers", "the registered KYC providers", "Providers", q.QueryProvidersRequest, identityResponses.providers, (r) => r.providers.map(registrant));
  defineList(identity, "auditors", "the registered auditors", "Auditors", q.QueryAuditorsRequest, identityResponses.auditors, (r) => r.auditors.map(registrant));
  defineList(identity, "authorities", "the registered compliance authorities", "Authorities", q.QueryAuthoritiesRequest, identityResponses.authorities, (r) =>
    r.authorities.map(registrant),
  );

  const attestations = withPageOptions(queryCommand(identity, "attestations <subject>", "an account's attestations, one per provider, revoked and expired ones included"));
  defineAction<PageOptions>(attestations, (context, subject) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Attestations", q.QueryAttestationsRequest, { subject, pagination: pageRequest(context.options) }, identityResponses.attestations);
      show(context, identityResponses.attestations, answer, [...(answer.attestations.length ? answer.attestations.flatMap(describeAttestation) : [`no attestations of ${subject}`]), ...pageLines(answer.pagination)]);
    }),
  );

  const status = queryCommand(identity, "status <address>", "whether an account is frozen or denied, and its attestations");
  defineAction<NodeUrlOptions>(status, (context, address) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Status", q.QueryStatusRequest, { address }, identityResponses.status);
      show(context, identityResponses.status, answer, [
        `frozen: ${answer.freeze ? `yes, since ${time(answer.freeze.frozenAt)} by ${answer.freeze.authority}${answer.freeze.reason ? ` (${answer.freeze.reason})` : ""}` : "no"}`,
        `denied: ${answer.denyListEntry ? `yes, since ${time(answer.denyListEntry.addedAt)} by ${answer.denyListEntry.authority}${answer.denyListEntry.reason ? ` (${answer.denyListEntry.reason})` : ""}` : "no"}`,
        `attestations: ${answer.attestations.length}`,
        ...answer.attestations.flatMap((a) => describeAttestation(a).map((line) => `  ${line}`)),
      ]);
    }),
  );

  const check = queryCommand(identity, "check <address>", "whether an account passes a claim requirement, and if not why")
    .addOption(new Option("--min-kyc-level <n>", "required KYC level (0: none)").argParser(parseLevel).default(0))
    .addOption(new Option("--jurisdictions <codes>", "allowed ISO 3166-1 alpha-2 codes, comma-separated").argParser(parseList).default([]))
    .addOption(new Option("--investor-classes <classes>", `allowed investor classes, comma-separated: ${[...INVESTOR_CLASS_NAMES.values()].join(", ")}`).argParser(parseClasses).default([]))
    .option("--trader", "require a trader attestation");
  defineAction<CheckOptions>(check, (context, address) =>
    withNode(context, async (node) => {
      const { minKycLevel, jurisdictions, investorClasses, trader } = context.options;
      const requirement: ClaimRequirement = { minKycLevel, jurisdictions, investorClasses, trader: trader === true };
      const answer = await ask(node, "CheckCompliance", q.QueryCheckComplianceRequest, { address, requirement }, identityResponses.checkCompliance);
      show(context, identityResponses.checkCompliance, answer, [answer.ok ? `${address} passes (as of ${time(answer.time)})` : `${address} does not pass (as of ${time(answer.time)}): ${answer.reason}`]);
    }),
  );

  const hold = (e: { address: string; authority: string; reason: string }, since: Timestamp | undefined) =>
    `${e.address}  since ${time(since)} by ${e.authority}${e.reason ? `: ${e.reason}` : ""}`;
  defineList(identity, "deny-list", "the sanctions deny list", "DenyList", q.QueryDenyListRequest, identityResponses.denyList, (r) => r.entries.map((e) => hold(e, e.addedAt)));
  defineList(identity, "frozen", "the frozen accounts (AML holds)", "FrozenAccounts", q.QueryFrozenAccountsRequest, identityResponses.frozenAccounts, (r) =>
    r.freezes.map((f) => hold(f, f.frozenAt)),
  );

  const disclosures = withPageOptions(queryCommand(identity, "disclosures <subject>", "the audit trail of disclosures of an account's record, oldest first"));
  defineAction<PageOptions>(disclosures, (context, subject) =>
    withNode(context, async (node) => {
      const answer = await ask(node, "Disclosures", q.QueryDisclosuresRequest, { subject, pagination: pageRequest(context.options) }, identityResponses.disclosures);
      show(context, identityResponses.disclosures, answer, [
        ...(answer.disclosures.length ? answer.disclosures.map((d) => `#${d.id} ${time(d.disclosedAt)} (height ${d.height}): ${d.provider} → ${d.auditor}, commitment ${toHex(d.commitment)}`) : [`no disclosures of ${subject}`]),
        ...pageLines(answer.pagination),
      ]);
    }),
  );

  const verify = queryCommand(identity, "verify-disclosure <subject> <provider>", "check a disclosed record against the provider's commitment on chain")
    .addOption(new Option("--record-file <path>", "the record the provider disclosed").makeOptionMandatory())
    .addOption(new Option("--salt <hex>", "its 32-byte salt, 64 hex digits").makeOptionMandatory());
  defineAction<VerifyOptions>(verify, (context, subject, provider) =>
    withNode(context, async (node) => {
      const record = readRecord(context.options.recordFile);
      const salt = parseHexBytes(context.options.salt, SALT_LENGTH, "--salt");
      const answer = await ask(node, "VerifyDisclosure", q.QueryVerifyDisclosureRequest, { subject, provider, record, salt }, identityResponses.verifyDisclosure);
      show(context, identityResponses.verifyDisclosure, answer, [
        answer.valid ? `valid: the record matches ${provider}'s commitment ${toHex(answer.commitment)}` : `NOT valid: SHA-256(record ‖ salt) is ${toHex(answer.computed)}, the commitment on chain is ${toHex(answer.commitment)}`,
      ]);
    }),
  );
}

function parseLevel(text: string): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffff_ffff) throw new InvalidArgumentError("expected a whole number from 0 to 4294967295");
  return Number(text);
}

function parseList(text: string): string[] {
  return text.split(",").map((item) => item.trim()).filter((item) => item !== "");
}

function parseClasses(text: string): InvestorClass[] {
  return parseList(text).map((name) => {
    const entry = [...INVESTOR_CLASS_NAMES].find(([, known]) => known === name);
    if (!entry) throw new InvalidArgumentError(`unknown investor class "${name}": expected ${[...INVESTOR_CLASS_NAMES.values()].join(", ")}`);
    return entry[0];
  });
}
