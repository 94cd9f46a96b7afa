import type { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { Attestation, Auditor, Authority, DenyListEntry, Disclosure, Freeze, Provider } from "../../generated/persistence/identity/v1/types.js";
import type { KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import { encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";
import { requiresClaims, validateRequirement } from "./claims.js";
import { checkClaims } from "./compliance.js";
import { ErrAccountDenied, ErrAccountFrozen } from "./errors.js";
import {
  ATTESTATION_PREFIX,
  attestationKey,
  AUDITOR_PREFIX,
  AUTHORITY_PREFIX,
  DENY_LIST_PREFIX,
  DISCLOSURE_PREFIX,
  disclosureKey,
  FREEZE_PREFIX,
  IDENTITY_STORE,
  NEXT_DISCLOSURE_ID_KEY,
  PROVIDER_PREFIX,
  subjectPrefix,
} from "./keys.js";
import { Registry } from "./registry.js";
import { readUint64, uint64Key } from "../../store/bytes.js";

/** Disclosure ids start at 1. */
export const FIRST_DISCLOSURE_ID = 1n;

/**
 * KYC providers, auditors and compliance authorities; attestations (claims and a commitment to
 * the personal record, never the record); AML freezes and the sanctions deny list; the audit
 * trail of disclosures; and the one compliance check other modules call.
 *
 * Bounds: an account holds at most one attestation per provider, so a compliance check reads the
 * deny list, the freezes and then at most (providers that ever attested it) attestations, each
 * with one registry lookup. Per block, one write: the block time, which queries judge expiries
 * against (a query's context carries no block time).
 */
export class IdentityKeeper {
  readonly providers = new Registry(PROVIDER_PREFIX, Provider);
  readonly auditors = new Registry(AUDITOR_PREFIX, Auditor);
  readonly authorities = new Registry(AUTHORITY_PREFIX, Authority);

  /**
   * Whether `address` passes `requirement`: undefined when it is neither on the deny list nor
   * frozen and, if the requirement asks for any claim, holds a current (unrevoked, expiry after
   * the block time, provider still registered) attestation meeting every condition; otherwise a
   * registered error whose log says which check failed. See `checkClaims` for which attestation
   * counts when several providers attested.
   *
   * @example
   * const refused = identity.checkCompliance(ctx, buyer, { minKycLevel: 2, jurisdictions: ["DE"], investorClasses: [], trader: false });
   * if (refused) return refused;
   */
  checkCompliance(ctx: Context, address: Uint8Array, requirement: ClaimRequirement): AppError | undefined {
    const held = this.denied(ctx, address) ?? this.frozen(ctx, address);
    if (held) return held;
    if (!requiresClaims(requirement)) return undefined;
    const candidates = [...this.subjectAttestations(ctx, address).iterate()].map(([provider, value]) => ({
      attestation: Attestation.decode(value),
      providerRegistered: this.providers.has(ctx, provider),
    }));
    return checkClaims(encodeAddress(address), candidates, requirement, ctx.block.time);
  }

  /**
   * Whether a requirement is well formed (see `validateRequirement` in claims.ts), for modules
   * that store one and reach identity through their expected keepers. Reads no state.
   */
  validateRequirement(requirement: ClaimRequirement): AppError | undefined {
    return validateRequirement(requirement);
  }

  /**
   * The bank transfer rule of AML holds and sanctions (a bank send restriction): a frozen or denied
   * account sends nothing, fees included, and a denied account receives nothing. A frozen account
   * still receives, so escrows can refund it.
   */
  readonly restrictTransfer = (ctx: Context, from: Uint8Array, to: Uint8Array): AppError | undefined =>
    this.denied(ctx, from) ?? this.frozen(ctx, from) ?? this.denied(ctx, to);

  private denied(ctx: Context, address: Uint8Array): AppError | undefined {
    const entry = this.getDenyListEntry(ctx, address);
    return entry && ErrAccountDenied.wrap(`${entry.address}${entry.reason ? ` (${entry.reason})` : ""}`);
  }

  private frozen(ctx: Context, address: Uint8Array): AppError | undefined {
    const freeze = this.getFreeze(ctx, address);
    return freeze && ErrAccountFrozen.wrap(`${freeze.address}${freeze.reason ? ` (${freeze.reason})` : ""}`);
  }

  /** Frozen or on the deny list: such an account fails every compliance check. */
  isRestricted(ctx: Context, address: Uint8Array): boolean {
    return this.isDenied(ctx, address) || this.isFrozen(ctx, address);
  }

  /** Registers (or renames) a KYC provider: genesis now, governance later. */
  setProvider(ctx: Context, provider: Provider): AppError | undefined {
    return this.providers.set(ctx, provider);
  }

  /** Deregisters a provider: its attestations stay stored but no longer count. */
  removeProvider(ctx: Context, address: Uint8Array): boolean {
    return this.providers.remove(ctx, address);
  }

  setAuditor(ctx: Context, auditor: Auditor): AppError | undefined {
    return this.auditors.set(ctx, auditor);
  }

  removeAuditor(ctx: Context, address: Uint8Array): boolean {
    return this.auditors.remove(ctx, address);
  }

  setAuthority(ctx: Context, authority: Authority): AppError | undefined {
    return this.authorities.set(ctx, authority);
  }

  removeAuthority(ctx: Context, address: Uint8Array): boolean {
    return this.authorities.remove(ctx, address);
  }

  getAttestation(ctx: Context, subject: Uint8Array, provider: Uint8Array): Attestation | undefined {
    const bytes = this.attestations(ctx).get(attestationKey(subject, provider));
    return bytes ? Attestation.decode(bytes) : undefined;
  }

  /** Stores the provider's attestation of the subject, replacing its previous one. */
  setAttestation(ctx: Context, subject: Uint8Array, provider: Uint8Array, attestation: Attestation): void {
    this.attestations(ctx).set(attestationKey(subject, provider), Attestation.encode(attestation).finish());
  }

  /** One account's attestations, keyed by provider address bytes. */
  subjectAttestations(ctx: Context, subject: Uint8Array): KVStore {
    return new PrefixKV(this.attestations(ctx), subjectPrefix(subject));
  }

  /** All attestations, keyed by length-prefixed subject then provider. */
  attestations(ctx: Context): KVStore {
    return new PrefixKV(ctx.kv(IDENTITY_STORE), ATTESTATION_PREFIX);
  }

  getFreeze(ctx: Context, address: Uint8Array): Freeze | undefined {
    const bytes = this.freezes(ctx).get(address);
    return bytes ? Freeze.decode(bytes) : undefined;
  }

  isFrozen(ctx: Context, address: Uint8Array): boolean {
    return this.freezes(ctx).has(address);
  }

  setFreeze(ctx: Context, address: Uint8Array, freeze: Freeze): void {
    this.freezes(ctx).set(address, Freeze.encode(freeze).finish());
  }

  deleteFreeze(ctx: Context, address: Uint8Array): void {
    this.freezes(ctx).delete(address);
  }

  /** Frozen accounts, keyed by address bytes. */
  freezes(ctx: Context): KVStore {
    return new PrefixKV(ctx.kv(IDENTITY_STORE), FREEZE_PREFIX);
  }

  getDenyListEntry(ctx: Context, address: Uint8Array): DenyListEntry | undefined {
    const bytes = this.denyList(ctx).get(address);
    return bytes ? DenyListEntry.decode(bytes) : undefined;
  }

  isDenied(ctx: Context, address: Uint8Array): boolean {
    return this.denyList(ctx).has(address);
  }

  setDenyListEntry(ctx: Context, address: Uint8Array, entry: DenyListEntry): void {
    this.denyList(ctx).set(address, DenyListEntry.encode(entry).finish());
  }

  deleteDenyListEntry(ctx: Context, address: Uint8Array): void {
    this.denyList(ctx).delete(address);
  }

  /** The sanctions deny list, keyed by address bytes. */
  denyList(ctx: Context): KVStore {
    return new PrefixKV(ctx.kv(IDENTITY_STORE), DENY_LIST_PREFIX);
  }

  /** Appends a disclosure to the subject's audit trail under the next id, which it returns. */
  appendDisclosure(ctx: Context, subject: Uint8Array, disclosure: Omit<Disclosure, "id">): bigint {
    const id = this.nextDisclosureId(ctx);
    this.setDisclosure(ctx, subject, { ...disclosure, id });
    this.setNextDisclosureId(ctx, id + 1n);
    return id;
  }

  setDisclosure(ctx: Context, subject: Uint8Array, disclosure: Disclosure): void {
    this.allDisclosures(ctx).set(disclosureKey(subject, disclosure.id), Disclosure.encode(disclosure).finish());
  }

  /** One subject's disclosures, oldest first, keyed by id. */
  subjectDisclosures(ctx: Context, subject: Uint8Array): KVStore {
    return new PrefixKV(this.allDisclosures(ctx), subjectPrefix(subject));
  }

  /** All disclosures, keyed by length-prefixed subject then id. */
  allDisclosures(ctx: Context): KVStore {
    return new PrefixKV(ctx.kv(IDENTITY_STORE), DISCLOSURE_PREFIX);
  }

  nextDisclosureId(ctx: Context): bigint {
    const bytes = ctx.kv(IDENTITY_STORE).get(NEXT_DISCLOSURE_ID_KEY);
    return bytes ? readUint64(bytes) : FIRST_DISCLOSURE_ID;
  }

  setNextDisclosureId(ctx: Context, id: bigint): void {
    ctx.kv(IDENTITY_STORE).set(NEXT_DISCLOSURE_ID_KEY, uint64Key(id));
  }
}
