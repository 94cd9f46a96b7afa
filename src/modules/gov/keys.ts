import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { concatBytes, readUint64, timeKey, uint64Key } from "../../store/bytes.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "gov";
export const GOV_STORE = storeKey("gov");
/** The module account holding deposits [burner]; also the authority of proposal messages. */
export const GOV_ACCOUNT = "gov";

/** Key layout, after the Cosmos SDK's x/gov prefixes. */
export const PROPOSAL_PREFIX = Uint8Array.of(0x00);
/** Voting proposals by voting end time, then id. */
export const ACTIVE_QUEUE_PREFIX = Uint8Array.of(0x01);
/** Deposit-period proposals by deposit end time, then id. */
export const INACTIVE_QUEUE_PREFIX = Uint8Array.of(0x02);
export const NEXT_PROPOSAL_ID_KEY = Uint8Array.of(0x03);
export const DEPOSIT_PREFIX = Uint8Array.of(0x10);
export const VOTE_PREFIX = Uint8Array.of(0x20);
export const PARAMS_KEY = Uint8Array.of(0x30);

/** End time (seconds and nanos, big-endian, so keys sort by time) then the proposal id. */
export function queueKey(time: Timestamp, id: bigint): Uint8Array {
  return concatBytes(timeKey(time), uint64Key(id));
}

/** The id at the end of a queue key. */
export function queueKeyId(key: Uint8Array): bigint {
  return readUint64(key, key.length - 8);
}

/** Deposits and votes of one proposal: its id, then the account's bytes. */
export function perProposalKey(id: bigint, address: Uint8Array): Uint8Array {
  return concatBytes(uint64Key(id), address);
}
