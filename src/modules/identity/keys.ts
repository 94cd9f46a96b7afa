import { concatBytes, lengthPrefixed, uint64Key } from "../../store/bytes.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "identity";
export const IDENTITY_STORE = storeKey("identity");

/**
 * Key layout. Addresses in keys are raw bytes; a subject that leads a composite key is
 * length-prefixed so that one subject's entries form a contiguous range.
 */
/** provider address → Provider */
export const PROVIDER_PREFIX = Uint8Array.of(0x01);
/** auditor address → Auditor */
export const AUDITOR_PREFIX = Uint8Array.of(0x02);
/** authority address → Authority */
export const AUTHORITY_PREFIX = Uint8Array.of(0x03);
/** len(subject) ‖ subject ‖ provider address → Attestation (one per subject and provider) */
export const ATTESTATION_PREFIX = Uint8Array.of(0x10);
/** address → Freeze */
export const FREEZE_PREFIX = Uint8Array.of(0x20);
/** address → DenyListEntry */
export const DENY_LIST_PREFIX = Uint8Array.of(0x21);
/** len(subject) ‖ subject ‖ id (8 bytes, big-endian) → Disclosure */
export const DISCLOSURE_PREFIX = Uint8Array.of(0x30);
/** → the next disclosure id (8 bytes, big-endian) */
export const NEXT_DISCLOSURE_ID_KEY = Uint8Array.of(0x31);

/** The entries of one subject under a composite key: length-prefixed address. */
export function subjectPrefix(subject: Uint8Array): Uint8Array {
  return lengthPrefixed(subject);
}

export function attestationKey(subject: Uint8Array, provider: Uint8Array): Uint8Array {
  return concatBytes(subjectPrefix(subject), provider);
}

export function disclosureKey(subject: Uint8Array, id: bigint): Uint8Array {
  return concatBytes(subjectPrefix(subject), uint64Key(id));
}
