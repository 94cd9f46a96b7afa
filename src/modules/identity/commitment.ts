import { concatBytes } from "../../store/bytes.js";
import { sha256 } from "../../store/hash.js";

/** Length of the salt a provider draws for each record. */
export const SALT_LENGTH = 32;
/** Length of a commitment: a SHA-256 digest. */
export const COMMITMENT_LENGTH = 32;

/**
 * The commitment to a personal record: SHA-256(record ‖ salt), the record's bytes exactly as
 * the provider keeps them followed by the 32-byte salt. The salt has a fixed length at the end,
 * so the preimage splits one way only; the salt keeps a guessable record (a name and a birth
 * date) from being found by trying candidates against the public commitment.
 *
 * @example
 * const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
 * const commitment = recordCommitment(new TextEncoder().encode('{"name":"…"}'), salt);
 */
export function recordCommitment(record: Uint8Array, salt: Uint8Array): Uint8Array {
  if (salt.length !== SALT_LENGTH) throw new Error(`the salt must be ${SALT_LENGTH} bytes, got ${salt.length}`);
  return sha256(concatBytes(record, salt));
}
