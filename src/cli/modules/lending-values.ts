import { InvalidArgumentError } from "commander";
import { Timestamp } from "../../generated/google/protobuf/timestamp.js";
import type { LoanView } from "../../generated/persistence/lending/v1/query.js";
import { LoanStatus, ScheduleKind, type Appraisal, type Pledge } from "../../generated/persistence/lending/v1/types.js";
import { parseCollateral } from "../../modules/lending/collateral.js";
import { MAX_APR } from "../../modules/lending/validate.js";
import { toHex } from "../../store/bytes.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import { formatDecimal, parseDecimal } from "../../types/decimal.js";
import { isError } from "../../types/errors.js";
import { CliError } from "../errors.js";
import { formatCoin, parseCoinsArgument } from "../money.js";
import { formatTime } from "../../types/time.js";

const UINT64_LIMIT = 2n ** 64n;

/** A positive id ("pledge id", "loan id", …); a bad one is reported as `invalid_pledge_id` etc. */
export function parseId(text: string, name: string): bigint {
  if (!/^[1-9]\d{0,19}$/.test(text) || BigInt(text) >= UINT64_LIMIT) {
    throw new CliError(`invalid_${name.replace(/ /g, "_")}`, `invalid ${name} "${text}": expected a positive whole number`);
  }
  return BigInt(text);
}

/** An amount of usd or uusd ("1250usd", "1250000000uusd") in uusd; a bad one is `invalid_<name>`. */
export function parseUsd(text: string, name: string): bigint {
  const fail = () => new CliError(`invalid_${name}`, `invalid ${name} "${text}": expected an amount of usd or uusd, e.g. 1250usd`);
  let coins;
  try {
    coins = parseCoinsArgument(text);
  } catch {
    throw fail();
  }
  if (coins.length !== 1 || coins[0]!.denom !== STABLECOIN_DENOM) throw fail();
  return coins[0]!.amount;
}

/** An annual rate as a fraction ("0.1") or a percentage ("10%", "12.5%"), in 18-decimal fixed point, at most 10 (1000%) as the chain allows. */
export function parseApr(text: string): bigint {
  const percent = text.endsWith("%");
  const value = parseDecimal(percent ? text.slice(0, -1) : text);
  if (value === undefined || (percent && value % 100n !== 0n) || (percent ? value / 100n : value) > MAX_APR) {
    throw new CliError("invalid_apr", `invalid apr "${text}": expected a fraction from 0 to 10 with at most 18 places such as 0.1, or a percentage such as 10%`);
  }
  return percent ? value / 100n : value;
}

/** The collateral name as the chain reads it: `nft:<class>/<id>` or a fraction denom `asset/<class>/<id>`. */
export function parseCollateralName(text: string): string {
  const collateral = parseCollateral(text);
  if (isError(collateral)) throw new CliError("invalid_collateral", collateral.message);
  return collateral.name;
}

/** RFC 3339 in UTC, e.g. 2027-06-30T00:00:00Z (the chain counts whole seconds). */
export function parseTime(text: string): Timestamp {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new InvalidArgumentError("expected an RFC 3339 UTC time such as 2027-06-30T00:00:00Z");
  }
  return Timestamp.fromJSON(text);
}

const DURATION_UNITS: Record<string, bigint> = { s: 1n, m: 60n, h: 3600n, d: 86_400n };

/** A duration in whole seconds: "3600", "90s", "30m", "12h" or "30d". */
export function parseDuration(text: string): bigint {
  const match = /^(\d{1,12})([smhd]?)$/.exec(text);
  if (!match) throw new InvalidArgumentError('expected seconds or a number with s, m, h or d, e.g. "30d"');
  return BigInt(match[1]!) * DURATION_UNITS[match[2] || "s"]!;
}

export const usd = (amount: string | bigint): string => formatCoin({ denom: STABLECOIN_DENOM, amount: BigInt(amount) });

/** An 18-decimal fraction as a percentage: 10n ** 17n is "10%". */
export function percent(fraction: bigint): string {
  const text = formatDecimal(fraction * 100n).replace(/0+$/, "");
  return `${text.endsWith(".") ? text.slice(0, -1) : text}%`;
}

/** A decimal fraction as the chain writes it ("0.100000000000000000") as a percentage, "10%"; one it cannot read as it came. */
export function decimalPercent(text: string): string {
  const fraction = parseDecimal(text);
  return fraction === undefined ? text : percent(fraction);
}

/** A duration in seconds as people read it: "1 day", "2 days 1 h", "90 s". */
export function formatDuration(seconds: bigint): string {
  if (seconds === 0n) return "none";
  const days = seconds / 86_400n;
  const rest = seconds % 86_400n;
  const parts = [...(days ? [`${days} day${days === 1n ? "" : "s"}`] : []), ...(rest % 3600n === 0n ? (rest ? [`${rest / 3600n} h`] : []) : [`${rest} s`])];
  return parts.join(" ");
}

const when = (time: Timestamp | undefined) => (time ? formatTime(time) : "—");

/** "active", "written off": a loan status without its enum prefix. */
export function statusName(status: LoanStatus): string {
  const name = LoanStatus[status] ?? String(status);
  return name.replace(/^LOAN_STATUS_/, "").toLowerCase().replace(/_/g, " ");
}

function scheduleName(kind: ScheduleKind, periodSeconds: bigint): string {
  return kind === ScheduleKind.SCHEDULE_KIND_AMORTISING ? `amortising every ${formatDuration(periodSeconds)}` : "bullet";
}

export function describePledge(pledge: Pledge): string[] {
  return [
    `pledge ${pledge.id}: ${pledge.amount === "1" && pledge.collateral.startsWith("nft:") ? pledge.collateral : `${pledge.amount} ${pledge.collateral}`}`,
    `  owner:   ${pledge.owner}`,
    `  backs:   ${pledge.loanId === 0n ? "no loan" : `loan ${pledge.loanId}`}`,
    `  since:   ${when(pledge.createdAt)}`,
  ];
}

export function describeAppraisal(appraisal: Appraisal): string[] {
  return [
    `appraisal ${appraisal.id} of pledge ${appraisal.pledgeId}: ${usd(appraisal.value)}`,
    `  valuer:   ${appraisal.valuer}`,
    `  at:       ${when(appraisal.appraisedAt)}`,
    ...(appraisal.documentHash.length ? [`  document: ${toHex(appraisal.documentHash)}`] : []),
    ...(appraisal.note ? [`  note:     ${appraisal.note}`] : []),
  ];
}

export function describeLoan(view: LoanView): string[] {
  const loan = view.loan!;
  const open = loan.status === LoanStatus.LOAN_STATUS_REQUESTED;
  return [
    `loan ${loan.id}: ${statusName(loan.status)}, ${usd(loan.principal)} at ${decimalPercent(loan.apr)} APR, ${scheduleName(loan.schedule, loan.periodSeconds)}`,
    `  borrower:  ${loan.borrower}`,
    `  lender:    ${loan.lender || "none yet"}`,
    `  pledge:    ${loan.pledgeId} (appraisal ${loan.appraisalId})`,
    `  maturity:  ${when(loan.maturity)}, grace ${formatDuration(loan.graceSeconds)}`,
    ...(open
      ? [`  requested: ${when(loan.requestedAt)}`]
      : [
          `  funded:    ${when(loan.fundedAt)}`,
          `  debt now:  ${usd(view.debt)} (interest ${usd(view.interest)}, principal ${usd(loan.outstandingPrincipal)})`,
          `  repaid:    ${usd(loan.repaid)}`,
        ]),
    ...(view.nextDue ? [`  next due:  ${usd(view.nextDueAmount)} by ${formatTime(view.nextDue)}`] : []),
    ...(loan.closedAt ? [`  closed:    ${formatTime(loan.closedAt)}`] : []),
  ];
}
