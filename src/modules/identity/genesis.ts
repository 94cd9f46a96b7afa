import type { Timestamp } from "../../generated/google/protobuf/timestamp.js";
import { GenesisState } from "../../generated/persistence/identity/v1/genesis.js";
import { Attestation, Auditor, Authority, DenyListEntry, Disclosure, Freeze, Provider } from "../../generated/persistence/identity/v1/types.js";
import { bytesToKey } from "../../store/bytes.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep } from "../../types/json-case.js";
import { ErrInvalidGenesis } from "./errors.js";
import { FIRST_DISCLOSURE_ID, type IdentityKeeper } from "./keeper.js";
import { validateAttestationRecord, validateDisclosureRecord, validateHoldRecord } from "./records.js";
import type { Registrant } from "./registry.js";
import { formatTimestamp } from "./time.js";

/** app_state.identity in a genesis file (the Cosmos SDK's snake_case JSON). */
export interface IdentityGenesisJson {
  providers: Registrant[];
  auditors: Registrant[];
  authorities: Registrant[];
  attestations: unknown[];
  freezes: unknown[];
  deny_list: unknown[];
  disclosures: unknown[];
  next_disclosure_id: string;
}

/** The registries a new chain starts with; everything else starts empty. */
export interface IdentityGenesisRegistries {
  providers?: readonly Registrant[];
  auditors?: readonly Registrant[];
  authorities?: readonly Registrant[];
}

/**
 * A genesis for a new chain with these registries, e.g. for a devnet's app_state.identity.
 *
 * @example
 * appState.identity = identityGenesis({ providers: [{ address: kycAddress, name: "Devnet KYC" }], authorities: [{ address: regulator, name: "Devnet FIU" }] });
 */
export function identityGenesis(registries: IdentityGenesisRegistries = {}): IdentityGenesisJson {
  return toJson({
    providers: [...(registries.providers ?? [])],
    auditors: [...(registries.auditors ?? [])],
    authorities: [...(registries.authorities ?? [])],
    attestations: [],
    freezes: [],
    denyList: [],
    disclosures: [],
    nextDisclosureId: FIRST_DISCLOSURE_ID,
  });
}

/** Every list present, and timestamps with all their nanoseconds (ts-proto's toJSON keeps milliseconds). */
function toJson(genesis: GenesisState): IdentityGenesisJson {
  const json = {
    providers: genesis.providers.map((p) => Provider.toJSON(p)),
    auditors: genesis.auditors.map((a) => Auditor.toJSON(a)),
    authorities: genesis.authorities.map((a) => Authority.toJSON(a)),
    attestations: genesis.attestations.map((a) => exactTimes(Attestation.toJSON(a), a, ["expiry", "issuedAt", "revokedAt"])),
    freezes: genesis.freezes.map((f) => exactTimes(Freeze.toJSON(f), f, ["frozenAt"])),
    denyList: genesis.denyList.map((e) => exactTimes(DenyListEntry.toJSON(e), e, ["addedAt"])),
    disclosures: genesis.disclosures.map((d) => exactTimes(Disclosure.toJSON(d), d, ["disclosedAt"])),
    nextDisclosureId: genesis.nextDisclosureId.toString(),
  };
  return renameKeysDeep(json, camelToSnake) as IdentityGenesisJson;
}

function exactTimes<T>(json: unknown, record: T, fields: readonly (keyof T & string)[]): unknown {
  const out = { ...(json as Record<string, unknown>) };
  for (const field of fields) {
    const time = record[field] as Timestamp | undefined;
    if (time) out[field] = formatTimestamp(time);
  }
  return out;
}

function parse(json: unknown): GenesisState | AppError {
  try {
    return GenesisState.fromJSON(json ?? {});
  } catch (error) {
    return ErrInvalidGenesis.wrap((error as Error).message);
  }
}

/** Imports the registries, attestations, holds, deny list and disclosures, validating each and refusing duplicates. */
export function initIdentityGenesis(keeper: IdentityKeeper, ctx: Context, json: unknown): AppError | undefined {
  const genesis = parse(json);
  if (isError(genesis)) return genesis;
  const registries = [
    ["provider", keeper.providers, genesis.providers],
    ["auditor", keeper.auditors, genesis.auditors],
    ["authority", keeper.authorities, genesis.authorities],
  ] as const;
  for (const [role, registry, entries] of registries) {
    for (const entry of entries) {
      const address = decodeAddress(entry.address);
      if (!isError(address) && registry.has(ctx, address)) return ErrInvalidGenesis.wrap(`${role} ${entry.address} appears twice`);
      const error = registry.set(ctx, entry);
      if (error) return ErrInvalidGenesis.wrap(`${role} ${entry.address}: ${error.message}`);
    }
  }
  return importAttestations(keeper, ctx, genesis.attestations) ?? importHolds(keeper, ctx, genesis) ?? importDisclosures(keeper, ctx, genesis);
}

function once(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function importAttestations(keeper: IdentityKeeper, ctx: Context, attestations: readonly Attestation[]): AppError | undefined {
  const seen = new Set<string>();
  for (const attestation of attestations) {
    const keys = validateAttestationRecord(attestation);
    if (isError(keys)) return ErrInvalidGenesis.wrap(`attestation of ${attestation.subject} by ${attestation.provider}: ${keys.log}`);
    if (!once(seen, bytesToKey(keys.subject) + bytesToKey(keys.provider))) {
      return ErrInvalidGenesis.wrap(`attestation of ${attestation.subject} by ${attestation.provider} appears twice`);
    }
    keeper.setAttestation(ctx, keys.subject, keys.provider, { ...attestation, subject: keys.subjectName, provider: keys.providerName });
  }
  return undefined;
}

function importHolds(keeper: IdentityKeeper, ctx: Context, genesis: GenesisState): AppError | undefined {
  const frozen = new Set<string>();
  for (const freeze of genesis.freezes) {
    const hold = validateHoldRecord(freeze, freeze.frozenAt);
    if (isError(hold)) return ErrInvalidGenesis.wrap(`freeze of ${freeze.address}: ${hold.log}`);
    if (!once(frozen, bytesToKey(hold.address))) return ErrInvalidGenesis.wrap(`freeze of ${freeze.address} appears twice`);
    keeper.setFreeze(ctx, hold.address, { ...freeze, address: hold.addressName, authority: hold.authorityName });
  }
  const denied = new Set<string>();
  for (const entry of genesis.denyList) {
    const hold = validateHoldRecord(entry, entry.addedAt);
    if (isError(hold)) return ErrInvalidGenesis.wrap(`deny list entry of ${entry.address}: ${hold.log}`);
    if (!once(denied, bytesToKey(hold.address))) return ErrInvalidGenesis.wrap(`deny list entry of ${entry.address} appears twice`);
    keeper.setDenyListEntry(ctx, hold.address, { ...entry, address: hold.addressName, authority: hold.authorityName });
  }
  return undefined;
}

function importDisclosures(keeper: IdentityKeeper, ctx: Context, genesis: GenesisState): AppError | undefined {
  const seen = new Set<bigint>();
  let highest = 0n;
  for (const disclosure of genesis.disclosures) {
    const checked = validateDisclosureRecord(disclosure);
    if (isError(checked)) return ErrInvalidGenesis.wrap(`disclosure ${disclosure.id}: ${checked.log}`);
    if (seen.has(disclosure.id)) return ErrInvalidGenesis.wrap(`disclosure ${disclosure.id} appears twice`);
    seen.add(disclosure.id);
    if (disclosure.id > highest) highest = disclosure.id;
    keeper.setDisclosure(ctx, checked.subject, { ...disclosure, ...checked.parties });
  }
  // 0 (absent) means "after the highest id".
  const next = genesis.nextDisclosureId === 0n ? (highest === 0n ? FIRST_DISCLOSURE_ID : highest + 1n) : genesis.nextDisclosureId;
  if (next <= highest) return ErrInvalidGenesis.wrap(`next_disclosure_id ${next} must be above the highest disclosure id ${highest}`);
  keeper.setNextDisclosureId(ctx, next);
  return undefined;
}

export function exportIdentityGenesis(keeper: IdentityKeeper, ctx: Context): IdentityGenesisJson {
  const values = <T>(entries: Iterable<[Uint8Array, Uint8Array]>, decode: (bytes: Uint8Array) => T) => [...entries].map(([, value]) => decode(value));
  return toJson({
    providers: values(keeper.providers.store(ctx).iterate(), Provider.decode),
    auditors: values(keeper.auditors.store(ctx).iterate(), Auditor.decode),
    authorities: values(keeper.authorities.store(ctx).iterate(), Authority.decode),
    attestations: values(keeper.attestations(ctx).iterate(), Attestation.decode),
    freezes: values(keeper.freezes(ctx).iterate(), Freeze.decode),
    denyList: values(keeper.denyList(ctx).iterate(), DenyListEntry.decode),
    disclosures: values(keeper.allDisclosures(ctx).iterate(), Disclosure.decode),
    nextDisclosureId: keeper.nextDisclosureId(ctx),
  });
}
