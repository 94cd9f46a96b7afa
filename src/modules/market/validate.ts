import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidOrder } from "./errors.js";
import { MAX_AMOUNT } from "./keys.js";

const WHOLE_NUMBER = /^[1-9]\d*$/;
/** 9999-12-31T23:59:59Z, the last second protobuf's Timestamp allows. */
const MAX_TIMESTAMP_SECONDS = 253_402_300_799n;

/** A positive whole number below 2^128 written in decimal, as amounts travel on the wire. */
export function parseAmount(text: string, name: string): bigint | AppError {
  if (!WHOLE_NUMBER.test(text)) return ErrInvalidOrder.wrap(`${name} must be a positive whole number, got "${text}"`);
  const value = BigInt(text);
  return value > MAX_AMOUNT ? ErrInvalidOrder.wrap(`${name} must be below 2^128`) : value;
}

/** An order's optional expiry: a valid protobuf Timestamp from 1970 on. */
export function checkExpiry(expiresAt: Timestamp | undefined): AppError | undefined {
  if (!expiresAt) return undefined;
  const valid = expiresAt.seconds >= 0n && expiresAt.seconds <= MAX_TIMESTAMP_SECONDS && expiresAt.nanos >= 0 && expiresAt.nanos <= 999_999_999;
  return valid ? undefined : ErrInvalidOrder.wrap("expires_at must be a valid timestamp from 1970 to 9999");
}
