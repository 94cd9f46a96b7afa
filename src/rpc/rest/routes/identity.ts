import * as q from "../../../generated/persistence/identity/v1/query.js";
import { InvestorClass } from "../../../generated/persistence/identity/v1/requirement.js";
import { identityResponses as responses } from "../json/schemas/identity.js";
import { GatewayError, GrpcCode } from "../errors.js";
import { bodyBytes, pageRequest, parseEnum, parseUint64, queryBool, queryValue } from "../request-values.js";
import type { Route, RouteRequest } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

const SERVICE = "/persistence.identity.v1.Query";
const BASE = "/persistence/identity/v1";

/** `requirement.*` query parameters, repeated fields given once per value, as grpc-gateway reads them. */
function requirementFromQuery(query: URLSearchParams) {
  const minKycLevel = queryValue(query, "requirement.min_kyc_level");
  const level = minKycLevel === undefined ? 0n : parseUint64(minKycLevel, "requirement.min_kyc_level");
  if (level > 0xffff_ffffn) throw new GatewayError(GrpcCode.InvalidArgument, `invalid value "${minKycLevel}" for requirement.min_kyc_level: expected an unsigned 32-bit integer`);
  return {
    minKycLevel: Number(level),
    jurisdictions: query.getAll("requirement.jurisdictions"),
    investorClasses: query.getAll("requirement.investor_classes").map((value) => parseEnum(value, InvestorClass, "requirement.investor_classes")),
    trader: queryBool(query, "requirement.trader"),
  };
}

const paged = ({ query }: RouteRequest) => ({ pagination: pageRequest(query) });

/** persistence.identity.v1.Query over REST. */
export const identityRoutes: readonly Route[] = [
  grpcQueryRoute({ path: `${BASE}/providers`, grpcMethod: `${SERVICE}/Providers`, request: q.QueryProvidersRequest, response: responses.providers, fields: paged }),
  grpcQueryRoute({ path: `${BASE}/auditors`, grpcMethod: `${SERVICE}/Auditors`, request: q.QueryAuditorsRequest, response: responses.auditors, fields: paged }),
  grpcQueryRoute({ path: `${BASE}/authorities`, grpcMethod: `${SERVICE}/Authorities`, request: q.QueryAuthoritiesRequest, response: responses.authorities, fields: paged }),
  grpcQueryRoute({
    path: `${BASE}/attestations/{subject}`,
    grpcMethod: `${SERVICE}/Attestations`,
    request: q.QueryAttestationsRequest,
    response: responses.attestations,
    fields: ({ pathParams, query }) => ({ subject: pathParams.subject, pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${BASE}/status/{address}`,
    grpcMethod: `${SERVICE}/Status`,
    request: q.QueryStatusRequest,
    response: responses.status,
    fields: ({ pathParams }) => ({ address: pathParams.address }),
  }),
  grpcQueryRoute({
    path: `${BASE}/check_compliance/{address}`,
    grpcMethod: `${SERVICE}/CheckCompliance`,
    request: q.QueryCheckComplianceRequest,
    response: responses.checkCompliance,
    fields: ({ pathParams, query }) => ({ address: pathParams.address, requirement: requirementFromQuery(query) }),
  }),
  grpcQueryRoute({ path: `${BASE}/deny_list`, grpcMethod: `${SERVICE}/DenyList`, request: q.QueryDenyListRequest, response: responses.denyList, fields: paged }),
  grpcQueryRoute({ path: `${BASE}/frozen_accounts`, grpcMethod: `${SERVICE}/FrozenAccounts`, request: q.QueryFrozenAccountsRequest, response: responses.frozenAccounts, fields: paged }),
  grpcQueryRoute({
    path: `${BASE}/disclosures/{subject}`,
    grpcMethod: `${SERVICE}/Disclosures`,
    request: q.QueryDisclosuresRequest,
    response: responses.disclosures,
    fields: ({ pathParams, query }) => ({ subject: pathParams.subject, pagination: pageRequest(query) }),
  }),
  // POST with a JSON body: records can be long, and do not belong in URLs or access logs.
  grpcQueryRoute({
    method: "POST",
    path: `${BASE}/verify_disclosure`,
    grpcMethod: `${SERVICE}/VerifyDisclosure`,
    request: q.QueryVerifyDisclosureRequest,
    response: responses.verifyDisclosure,
    fields: ({ body }) => ({
      subject: typeof body.subject === "string" ? body.subject : "",
      provider: typeof body.provider === "string" ? body.provider : "",
      record: bodyBytes(body, "record"),
      salt: bodyBytes(body, "salt"),
    }),
  }),
];
