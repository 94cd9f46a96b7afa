import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import * as q from "../../../../generated/persistence/identity/v1/query.js";
import { ClaimRequirement as ClaimRequirementCodec, InvestorClass } from "../../../../generated/persistence/identity/v1/requirement.js";
import * as types from "../../../../generated/persistence/identity/v1/types.js";
import * as msgs from "../../../../modules/identity/codecs.js";
import { withTypeUrl } from "../../../../modules/identity/codecs.js";
import { enumOf, message, repeated, type MessageSchema } from "../schema.js";

const Provider = withTypeUrl(types.Provider, "Provider");
const Auditor = withTypeUrl(types.Auditor, "Auditor");
const Authority = withTypeUrl(types.Authority, "Authority");
const Attestation = withTypeUrl(types.Attestation, "Attestation");
const Freeze = withTypeUrl(types.Freeze, "Freeze");
const DenyListEntry = withTypeUrl(types.DenyListEntry, "DenyListEntry");
const Disclosure = withTypeUrl(types.Disclosure, "Disclosure");
const ClaimRequirement = withTypeUrl(ClaimRequirementCodec, "ClaimRequirement");
const investorClass = enumOf(InvestorClass);

/** The query responses the REST routes answer with, with their type URLs. */
export const identityResponses = {
  providers: withTypeUrl(q.QueryProvidersResponse, "QueryProvidersResponse"),
  auditors: withTypeUrl(q.QueryAuditorsResponse, "QueryAuditorsResponse"),
  authorities: withTypeUrl(q.QueryAuthoritiesResponse, "QueryAuthoritiesResponse"),
  attestations: withTypeUrl(q.QueryAttestationsResponse, "QueryAttestationsResponse"),
  status: withTypeUrl(q.QueryStatusResponse, "QueryStatusResponse"),
  checkCompliance: withTypeUrl(q.QueryCheckComplianceResponse, "QueryCheckComplianceResponse"),
  denyList: withTypeUrl(q.QueryDenyListResponse, "QueryDenyListResponse"),
  frozenAccounts: withTypeUrl(q.QueryFrozenAccountsResponse, "QueryFrozenAccountsResponse"),
  disclosures: withTypeUrl(q.QueryDisclosuresResponse, "QueryDisclosuresResponse"),
  verifyDisclosure: withTypeUrl(q.QueryVerifyDisclosureResponse, "QueryVerifyDisclosureResponse"),
};

const registrant = { address: "string", name: "string" } as const;

/** persistence.identity.v1: records, messages and query responses. */
export const identitySchemas: readonly MessageSchema[] = [
  message(Provider, registrant),
  message(Auditor, registrant),
  message(Authority, registrant),
  message(Attestation, {
    subject: "string",
    provider: "string",
    kyc_level: "uint32",
    jurisdiction: "string",
    investor_class: investorClass,
    trader: "bool",
    expiry: "timestamp",
    commitment: "bytes",
    issued_at: "timestamp",
    issued_height: "int64",
    revoked: "bool",
    revoked_at: "timestamp",
  }),
  message(Freeze, { address: "string", authority: "string", reason: "string", frozen_at: "timestamp" }),
  message(DenyListEntry, { address: "string", authority: "string", reason: "string", added_at: "timestamp" }),
  message(Disclosure, { id: "uint64", subject: "string", provider: "string", auditor: "string", commitment: "bytes", disclosed_at: "timestamp", height: "int64" }),
  message(ClaimRequirement, { min_kyc_level: "uint32", jurisdictions: repeated("string"), investor_classes: repeated(investorClass), trader: "bool" }),
  message(msgs.MsgAttest, {
    provider: "string",
    subject: "string",
    kyc_level: "uint32",
    jurisdiction: "string",
    investor_class: investorClass,
    trader: "bool",
    expiry: "timestamp",
    commitment: "bytes",
  }),
  message(msgs.MsgAttestResponse, {}),
  message(msgs.MsgRevokeAttestation, { provider: "string", subject: "string" }),
  message(msgs.MsgRevokeAttestationResponse, {}),
  message(msgs.MsgRecordDisclosure, { provider: "string", auditor: "string", subject: "string" }),
  message(msgs.MsgRecordDisclosureResponse, { id: "uint64" }),
  message(msgs.MsgFreeze, { authority: "string", address: "string", reason: "string" }),
  message(msgs.MsgFreezeResponse, {}),
  message(msgs.MsgUnfreeze, { authority: "string", address: "string" }),
  message(msgs.MsgUnfreezeResponse, {}),
  message(msgs.MsgAddToDenyList, { authority: "string", address: "string", reason: "string" }),
  message(msgs.MsgAddToDenyListResponse, {}),
  message(msgs.MsgRemoveFromDenyList, { authority: "string", address: "string" }),
  message(msgs.MsgRemoveFromDenyListResponse, {}),
  message(identityResponses.providers, { providers: repeated(Provider), pagination: PageResponse }),
  message(identityResponses.auditors, { auditors: repeated(Auditor), pagination: PageResponse }),
  message(identityResponses.authorities, { authorities: repeated(Authority), pagination: PageResponse }),
  message(identityResponses.attestations, { attestations: repeated(Attestation), pagination: PageResponse }),
  message(identityResponses.status, { frozen: "bool", freeze: Freeze, denied: "bool", deny_list_entry: DenyListEntry, attestations: repeated(Attestation) }),
  message(identityResponses.checkCompliance, { ok: "bool", reason: "string", codespace: "string", code: "uint32", time: "timestamp" }),
  message(identityResponses.denyList, { entries: repeated(DenyListEntry), pagination: PageResponse }),
  message(identityResponses.frozenAccounts, { freezes: repeated(Freeze), pagination: PageResponse }),
  message(identityResponses.disclosures, { disclosures: repeated(Disclosure), pagination: PageResponse }),
  message(identityResponses.verifyDisclosure, { valid: "bool", commitment: "bytes", computed: "bytes" }),
];
