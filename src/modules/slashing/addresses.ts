import { decodeAddress, encodeAddress } from "../../types/address.js";
import { isError, type AppError } from "../../types/errors.js";
import { VALCONS_PREFIX, VALOPER_PREFIX } from "./keys.js";

/** `persistencevalcons1…`: a CometBFT validator address (20 bytes). */
export function encodeConsensusAddress(bytes: Uint8Array): string {
  return encodeAddress(bytes, VALCONS_PREFIX);
}

export function decodeConsensusAddress(address: string): Uint8Array | AppError {
  const bytes = decodeAddress(address, VALCONS_PREFIX);
  return isError(bytes) ? bytes.kind.wrap(`invalid consensus address: ${bytes.message}`) : bytes;
}

export function decodeOperatorAddress(address: string): Uint8Array | AppError {
  const bytes = decodeAddress(address, VALOPER_PREFIX);
  return isError(bytes) ? bytes.kind.wrap(`invalid validator address: ${bytes.message}`) : bytes;
}
