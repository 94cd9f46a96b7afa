import type { PageRequest, PageResponse } from "../../generated/persistence/base/query/v1/pagination.js";
import * as q from "../../generated/persistence/identity/v1/query.js";
import { Attestation, DenyListEntry, Disclosure, Freeze } from "../../generated/persistence/identity/v1/types.js";
import { bytesEqual } from "../../store/bytes.js";
import type { KVReader } from "../../store/kv.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate } from "../../types/pagination.js";
import { validateRequirement } from "./claims.js";
import { recordCommitment, SALT_LENGTH } from "./commitment.js";
import { ErrAttestationNotFound, ErrInvalidSalt } from "./errors.js";
import type { IdentityKeeper } from "./keeper.js";

const SERVICE = "/persistence.identity.v1.Query";

/** One page of a store's values, decoded. */
function page<T>(store: KVReader, request: PageRequest | undefined, decode: (bytes: Uint8Array) => T): { items: T[]; pagination: PageResponse } | AppError {
  const result = paginate(store, request);
  if (isError(result)) return result;
  return { items: result.entries.map(([, value]) => decode(value)), pagination: result.page };
}

export function identityQueries(keeper: IdentityKeeper): QueryRoute[] {
  const attestationsOf = (ctx: Context, subject: Uint8Array) => [...keeper.subjectAttestations(ctx, subject).iterate()].map(([, value]) => Attestation.decode(value));
  return [
    queryRoute(`${SERVICE}/Providers`, q.QueryProvidersRequest, q.QueryProvidersResponse, (ctx, req) => {
      const result = page(keeper.providers.store(ctx), req.pagination, (bytes) => keeper.providers.decode(bytes));
      return isError(result) ? result : { providers: result.items, pagination: result.pagination };
    }),
    queryRoute(`${SERVICE}/Auditors`, q.QueryAuditorsRequest, q.QueryAuditorsResponse, (ctx, req) => {
      const result = page(keeper.auditors.store(ctx), req.pagination, (bytes) => keeper.auditors.decode(bytes));
      return isError(result) ? result : { auditors: result.items, pagination: result.pagination };
    }),
    queryRoute(`${SERVICE}/Authorities`, q.QueryAuthoritiesRequest, q.QueryAuthoritiesResponse, (ctx, req) => {
      const result = page(keeper.authorities.store(ctx), req.pagination, (bytes) => keeper.authorities.decode(bytes));
      return isError(result) ? result : { authorities: result.items, pagination: result.pagination };
    }),
    queryRoute(`${SERVICE}/Attestations`, q.QueryAttestationsRequest, q.QueryAttestationsResponse, (ctx, req) => {
      const subject = decodeAddress(req.subject);
      if (isError(subject)) return subject;
      const result = page(keeper.subjectAttestations(ctx, subject), req.pagination, Attestation.decode);
      return isError(result) ? result : { attestations: result.items, pagination: result.pagination };
    }),
    // Not paginated: an account holds at most one attestation per provider.
    queryRoute(`${SERVICE}/Status`, q.QueryStatusRequest, q.QueryStatusResponse, (ctx, req) => {
      const address = decodeAddress(req.address);
      if (isError(address)) return address;
      const freeze = keeper.getFreeze(ctx, address);
      const denyListEntry = keeper.getDenyListEntry(ctx, address);
      return { frozen: freeze !== undefined, freeze, denied: denyListEntry !== undefined, denyListEntry, attestations: attestationsOf(ctx, address) };
    }),
    queryRoute(`${SERVICE}/CheckCompliance`, q.QueryCheckComplianceRequest, q.QueryCheckComplianceResponse, (ctx, req) => {
      const address = decodeAddress(req.address);
      if (isError(address)) return address;
      const requirement = req.requirement ?? { minKycLevel: 0, jurisdictions: [], investorClasses: [], trader: false };
      const invalid = validateRequirement(requirement);
      if (invalid) return invalid;
      const time = ctx.block.time;
      const refused = keeper.checkCompliance(ctx, address, requirement);
      return refused ? { ok: false, reason: refused.log, codespace: refused.codespace, code: refused.code, time } : { ok: true, reason: "", codespace: "", code: 0, time };
    }),
    queryRoute(`${SERVICE}/DenyList`, q.QueryDenyListRequest, q.QueryDenyListResponse, (ctx, req) => {
      const result = page(keeper.denyList(ctx), req.pagination, DenyListEntry.decode);
      return isError(result) ? result : { entries: result.items, pagination: result.pagination };
    }),
    queryRoute(`${SERVICE}/FrozenAccounts`, q.QueryFrozenAccountsRequest, q.QueryFrozenAccountsResponse, (ctx, req) => {
      const result = page(keeper.freezes(ctx), req.pagination, Freeze.decode);
      return isError(result) ? result : { freezes: result.items, pagination: result.pagination };
    }),
    queryRoute(`${SERVICE}/Disclosures`, q.QueryDisclosuresRequest, q.QueryDisclosuresResponse, (ctx, req) => {
      const subject = decodeAddress(req.subject);
      if (isError(subject)) return subject;
      const result = page(keeper.subjectDisclosures(ctx, subject), req.pagination, Disclosure.decode);
      return isError(result) ? result : { disclosures: result.items, pagination: result.pagination };
    }),
    queryRoute(`${SERVICE}/VerifyDisclosure`, q.QueryVerifyDisclosureRequest, q.QueryVerifyDisclosureResponse, (ctx, req) => {
      const subject = decodeAddress(req.subject);
      if (isError(subject)) return subject;
      const provider = decodeAddress(req.provider);
      if (isError(provider)) return provider;
      if (req.salt.length !== SALT_LENGTH) return ErrInvalidSalt.wrap(`the salt must be ${SALT_LENGTH} bytes, got ${req.salt.length}`);
      const attestation = keeper.getAttestation(ctx, subject, provider);
      if (!attestation) return ErrAttestationNotFound.wrap(`${req.provider} has no attestation of ${req.subject}`);
      const computed = recordCommitment(req.record, req.salt);
      return { valid: bytesEqual(computed, attestation.commitment), commitment: attestation.commitment, computed };
    }),
  ];
}
