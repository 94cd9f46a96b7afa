import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { MsgRequestLoan } from "../../generated/persistence/lending/v1/tx.js";
import { ScheduleKind } from "../../generated/persistence/lending/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import { parseDecimal } from "../../types/decimal.js";
import { isError, type AppError } from "../../types/errors.js";
import { ErrInvalidRequest } from "./errors.js";
import type { LoanRequest } from "./keeper.js";

const WHOLE_NUMBER = /^[1-9]\d*$/;
/** Amounts are below 2^128, as the market's. */
const MAX_AMOUNT = 2n ** 128n - 1n;
/** 9999-12-31T23:59:59Z, the last second protobuf's Timestamp allows. */
const MAX_TIMESTAMP_SECONDS = 253_402_300_799n;
/** APRs above 1000% are refused as typos. */
export const MAX_APR = 10n * 10n ** 18n;
export const MAX_NOTE_BYTES = 256;

/** A positive whole number below 2^128 written in decimal. */
export function parseAmount(text: string, name: string): bigint | AppError {
  if (!WHOLE_NUMBER.test(text)) return ErrInvalidRequest.wrap(`${name} must be a positive whole number, got "${text}"`);
  const value = BigInt(text);
  return value > MAX_AMOUNT ? ErrInvalidRequest.wrap(`${name} must be below 2^128`) : value;
}

/** A bech32 account address, its role named in the error. */
export function parseAddress(text: string, role: string): Uint8Array | AppError {
  const bytes = decodeAddress(text);
  return isError(bytes) ? bytes.kind.wrap(`invalid ${role} address: ${bytes.message}`) : bytes;
}

export function checkId(id: bigint, name: string): AppError | undefined {
  return id === 0n ? ErrInvalidRequest.wrap(`${name} must be positive`) : undefined;
}

function checkTimestamp(time: Timestamp | undefined, name: string): AppError | undefined {
  const valid = time !== undefined && time.seconds >= 0n && time.seconds <= MAX_TIMESTAMP_SECONDS && time.nanos >= 0 && time.nanos <= 999_999_999;
  return valid ? undefined : ErrInvalidRequest.wrap(`${name} must be a timestamp from 1970 to 9999`);
}

/** The stateless checks of MsgRequestLoan, and its values. */
export function readLoanRequest(msg: MsgRequestLoan): LoanRequest | AppError {
  const borrower = parseAddress(msg.borrower, "borrower");
  if (isError(borrower)) return borrower;
  const missing = checkId(msg.pledgeId, "pledge_id") ?? checkTimestamp(msg.maturity, "maturity");
  if (missing) return missing;
  const principal = parseAmount(msg.principal, "principal");
  if (isError(principal)) return principal;
  const apr = parseDecimal(msg.apr);
  if (apr === undefined || apr > MAX_APR) return ErrInvalidRequest.wrap(`apr must be a decimal from 0 to 10 (1000%) with at most 18 places, e.g. "0.1" for 10%, got "${msg.apr}"`);
  if (msg.schedule !== ScheduleKind.SCHEDULE_KIND_BULLET && msg.schedule !== ScheduleKind.SCHEDULE_KIND_AMORTISING) {
    return ErrInvalidRequest.wrap("schedule must be SCHEDULE_KIND_BULLET or SCHEDULE_KIND_AMORTISING");
  }
  if (msg.schedule === ScheduleKind.SCHEDULE_KIND_AMORTISING && msg.periodSeconds === 0n) return ErrInvalidRequest.wrap("an amortising schedule needs period_seconds");
  if (msg.schedule === ScheduleKind.SCHEDULE_KIND_BULLET && msg.periodSeconds !== 0n) return ErrInvalidRequest.wrap("a bullet schedule has no period_seconds");
  return {
    borrower,
    pledgeId: msg.pledgeId,
    appraisalId: msg.appraisalId,
    principal,
    apr,
    maturity: { seconds: msg.maturity!.seconds, nanos: 0 },
    graceSeconds: msg.graceSeconds,
    schedule: msg.schedule,
    periodSeconds: msg.periodSeconds,
  };
}
