import { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { Params } from "../../generated/persistence/lending/v1/types.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidParams } from "./errors.js";
import type { LendingIdentityKeeper } from "./expected-keepers.js";
import { SECONDS_PER_DAY } from "./interest.js";
import { validateWriteOffs, type WriteOffStep } from "./present-value.js";

/** The params with rates as 18-decimal fixed point. */
export interface LendingParams {
  participantRequirement: ClaimRequirement;
  valuerRequirement: ClaimRequirement;
  maxAppraisalAge: bigint;
  /** class id → advance rate; kept sorted by class id. */
  advanceRates: ReadonlyMap<string, bigint>;
  maxDefaultsPerBlock: number;
  auctionSeconds: bigint;
  writeOffs: readonly WriteOffStep[];
  maxInstalments: number;
}

/** Bounds that keep one tx's and one block's work small whatever the params say. */
const LIMITS = { maxDefaultsPerBlock: 1000, maxInstalments: 1200, writeOffSteps: 16, advanceRates: 64 } as const;

/**
 * No claims asked of participants or valuers (frozen and denied accounts still fail); appraisals
 * good for 30 days; an 80% advance on invoices; 50 defaults per block; 7-day auctions; 25% written
 * off after 30 days overdue, 50% after 60, all after 90; at most 360 instalments.
 */
export const DEFAULT_LENDING_PARAMS: LendingParams = {
  participantRequirement: ClaimRequirement.fromPartial({}),
  valuerRequirement: ClaimRequirement.fromPartial({}),
  maxAppraisalAge: 30n * SECONDS_PER_DAY,
  advanceRates: new Map([["invoice", (ONE * 8n) / 10n]]),
  maxDefaultsPerBlock: 50,
  auctionSeconds: 7n * SECONDS_PER_DAY,
  writeOffs: [
    { overdueDays: 0n, fraction: 0n },
    { overdueDays: 30n, fraction: ONE / 4n },
    { overdueDays: 60n, fraction: ONE / 2n },
    { overdueDays: 90n, fraction: ONE },
  ],
  maxInstalments: 360,
};

export function toProtoParams(params: LendingParams): Params {
  return {
    participantRequirement: params.participantRequirement,
    valuerRequirement: params.valuerRequirement,
    maxAppraisalAge: params.maxAppraisalAge,
    advanceRates: [...params.advanceRates].map(([classId, rate]) => ({ classId, rate: formatDecimal(rate) })),
    maxDefaultsPerBlock: params.maxDefaultsPerBlock,
    auctionSeconds: params.auctionSeconds,
    writeOffs: params.writeOffs.map((s) => ({ overdueDays: s.overdueDays, fraction: formatDecimal(s.fraction) })),
    maxInstalments: params.maxInstalments,
  };
}

/**
 * Parses and checks wire params: requirements identity accepts (unset: the empty one), advance
 * rates in [0, 1] for distinct classes, a valid write-off schedule, and positive counts and
 * durations within their limits.
 */
export function parseParams(params: Params, identity: Pick<LendingIdentityKeeper, "validateRequirement">): LendingParams | AppError {
  const participantRequirement = params.participantRequirement ?? ClaimRequirement.fromPartial({});
  const valuerRequirement = params.valuerRequirement ?? ClaimRequirement.fromPartial({});
  for (const [name, requirement] of [["participant_requirement", participantRequirement], ["valuer_requirement", valuerRequirement]] as const) {
    const invalid = identity.validateRequirement(requirement);
    if (invalid) return ErrInvalidParams.wrap(`${name}: ${invalid.log}`);
  }
  if (params.maxAppraisalAge <= 0n) return ErrInvalidParams.wrap("max_appraisal_age must be positive");
  if (params.auctionSeconds <= 0n) return ErrInvalidParams.wrap("auction_seconds must be positive");
  for (const [name, value, max] of [
    ["max_defaults_per_block", params.maxDefaultsPerBlock, LIMITS.maxDefaultsPerBlock],
    ["max_instalments", params.maxInstalments, LIMITS.maxInstalments],
  ] as const) {
    if (value < 1 || value > max) return ErrInvalidParams.wrap(`${name} must be from 1 to ${max}, got ${value}`);
  }
  if (params.advanceRates.length > LIMITS.advanceRates) return ErrInvalidParams.wrap(`at most ${LIMITS.advanceRates} advance rates`);
  const advanceRates = new Map<string, bigint>();
  for (const entry of [...params.advanceRates].sort((a, b) => (a.classId < b.classId ? -1 : a.classId > b.classId ? 1 : 0))) {
    const rate = parseDecimal(entry.rate);
    if (!entry.classId) return ErrInvalidParams.wrap("advance rate without a class_id");
    if (advanceRates.has(entry.classId)) return ErrInvalidParams.wrap(`advance rate for ${entry.classId} given twice`);
    if (rate === undefined || rate > ONE) return ErrInvalidParams.wrap(`advance rate of ${entry.classId} must be a decimal in [0, 1] with at most 18 places, e.g. "0.8", got "${entry.rate}"`);
    advanceRates.set(entry.classId, rate);
  }
  if (params.writeOffs.length > LIMITS.writeOffSteps) return ErrInvalidParams.wrap(`at most ${LIMITS.writeOffSteps} write-off steps`);
  const writeOffs: WriteOffStep[] = [];
  for (const step of params.writeOffs) {
    const fraction = parseDecimal(step.fraction);
    if (fraction === undefined) return ErrInvalidParams.wrap(`write-off fraction must be a decimal in [0, 1] with at most 18 places, e.g. "0.25", got "${step.fraction}"`);
    writeOffs.push({ overdueDays: step.overdueDays, fraction });
  }
  const invalidSteps = validateWriteOffs(writeOffs);
  if (invalidSteps) return ErrInvalidParams.wrap(`write_offs: ${invalidSteps}`);
  return {
    participantRequirement,
    valuerRequirement,
    maxAppraisalAge: params.maxAppraisalAge,
    advanceRates,
    maxDefaultsPerBlock: params.maxDefaultsPerBlock,
    auctionSeconds: params.auctionSeconds,
    writeOffs,
    maxInstalments: params.maxInstalments,
  };
}
