import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import * as q from "../../../../generated/persistence/identity/v1/query.js";
import { ClaimRequirement as ClaimRequirementCodec, InvestorClass } from "../../../../generated/persistence/identity/v1/requirement.js";
import * as types from "../../../../generated/persistence/identity/v1/types.js";
import * as msgs from "../../../../modules/identity/codecs.js";
import { identityCodec } from "../../../../modules/identity/codecs.js";
import { enumOf, message, repeated, type MessageSchema } from "../schema.js";

const Provider = identityCodec(types.Provider, "Provider");
const Auditor = identityCodec(types.Auditor, "Auditor");
const Authority = identityCodec(types.Authority, "Authority");
const Attestation = identityCodec(types.Attestation, "Attestation");
const Freeze = identityCodec(types.Freeze, "Freeze");
const DenyListEntry = identityCodec(types.DenyListEntry, "DenyListEntry");
const Disclosure = identityCodec(types.Disclosure, "Disclosure");
const ClaimRequirement = identityCodec(ClaimRequirementCodec, "ClaimRequirement");
const investorClass = enumOf(InvestorClass);

/** The query responses the REST routes answer with, with their type URLs. */
export const identityResponses = {
  providers: identityCodec(q.QueryProvidersResponse, "QueryProvidersResponse"),
  auditors: identityCodec(q.QueryAuditorsResponse, "QueryAuditorsResponse"),
  authorities: identityCodec(q.QueryAuthoritiesResponse, "QueryAuthoritiesResponse"),
  attestations: identityCodec(q.QueryAttestationsResponse, "QueryAttestationsResponse"),
  status: identityCodec(q.QueryStatusResponse, "QueryStatusResponse"),
  checkCompliance: identityCodec(q.QueryCheckComplianceResponse, "QueryCheckComplianceResponse"),
  denyList: identityCodec(q.QueryDenyListResponse, "QueryDenyListResponse"),
  frozenAccounts: identityCodec(q.QueryFrozenAccountsResponse, "QueryFrozenAccountsResponse"),
  disclosures: identityCodec(q.QueryDisclosuresResponse, "QueryDisclosuresResponse"),
  verifyDisclosure: identityCodec(q.QueryVerifyDisclosureResponse, "QueryVerifyDisclosureResponse"),
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
