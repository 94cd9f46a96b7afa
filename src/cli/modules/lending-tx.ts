import { Option, type Command } from "commander";
import type { Timestamp } from "../../generated/google/protobuf/timestamp.js";
import * as tx from "../../generated/persistence/lending/v1/tx.js";
import { ScheduleKind } from "../../generated/persistence/lending/v1/types.js";
import * as codecs from "../../modules/lending/codecs.js";
import { formatDecimal } from "../../types/decimal.js";
import { CliError } from "../errors.js";
import { txMessage } from "../tx/signed-tx.js";
import { addSingleMessageTx, eventAttribute, firstMsgResponse } from "../tx/single-message-tx.js";
import type { TxOptions } from "../tx/tx-options.js";
import { documentHash } from "./assets-values.js";
import { formatDuration, parseApr, parseCollateralName, parseDuration, parseId, parseTime, parseUsd, percent, usd } from "./lending-values.js";
import { formatTime } from "../../types/time.js";

const MONTH_SECONDS = 2_592_000n;

interface AppraiseOptions extends TxOptions {
  documentHash?: string;
  documentFile?: string;
  note: string;
}

interface RequestOptions extends TxOptions {
  appraisal?: string;
  grace: bigint;
  schedule: "bullet" | "amortising";
  period?: bigint;
}

/** `persistence tx lending …`: pledge collateral, appraise it, request, fund and repay loans. */
export function registerLendingTx(parent: Command): void {
  const lending = parent.command("lending").description("lending module transactions: loans in USD against pledged RWA NFTs or fractions");

  addSingleMessageTx(
    lending,
    "pledge <key> <collateral> [amount]",
    "move collateral into the lending module: a whole asset nft:<class>/<id>, or [amount] units of a fraction denom asset/<class>/<id>",
    (owner, [collateral, amount]) => {
      const name = parseCollateralName(collateral!);
      const units = name.startsWith("nft:") ? (amount ?? "1") : (amount ?? "");
      if (!/^[1-9]\d{0,37}$/.test(units)) throw new CliError("invalid_amount", `invalid amount "${units}": expected a positive whole number of units${name.startsWith("nft:") ? " (1 for a whole asset)" : ""}`);
      return { message: txMessage(codecs.MsgPledgeCodec, { owner, collateral: name, amount: units }), summary: `pledge ${units === "1" && name.startsWith("nft:") ? name : `${units} ${name}`}` };
    },
    (result) => {
      const { pledgeId } = firstMsgResponse(result, tx.MsgPledgeResponse);
      return { json: { pledge_id: pledgeId.toString() }, text: [`pledge ${pledgeId} created; the collateral is held by the lending module`] };
    },
  ).addHelpText("after", ["", "Example:", "  persistence tx lending pledge alice nft:invoice/INV-1 --yes", "  persistence tx lending pledge alice asset/invoice/INV-2 250 --yes"].join("\n"));

  addSingleMessageTx(
    lending,
    "withdraw-pledge <key> <pledge-id>",
    "take back the collateral of your pledge that backs no loan",
    (owner, [id]) => {
      const pledgeId = parseId(id!, "pledge id");
      return { message: txMessage(codecs.MsgWithdrawPledgeCodec, { owner, pledgeId }), summary: `withdraw pledge ${pledgeId}` };
    },
    (result) => ({ json: { pledge_id: eventAttribute(result, "pledge_withdrawn", "pledge_id") }, text: [`pledge ${eventAttribute(result, "pledge_withdrawn", "pledge_id")} withdrawn: ${eventAttribute(result, "pledge_withdrawn", "amount")} ${eventAttribute(result, "pledge_withdrawn", "collateral")} returned`] }),
  );

  addSingleMessageTx<AppraiseOptions>(
    lending,
    "appraise <key> <pledge-id> <value>",
    "as a registered valuer, record what a pledge is worth in usd or uusd (e.g. 1000usd)",
    (valuer, [id, value], options) => {
      const pledgeId = parseId(id!, "pledge id");
      const amount = parseUsd(value!, "value");
      const hash = options.documentHash === undefined && options.documentFile === undefined ? new Uint8Array() : documentHash(options);
      if (Buffer.byteLength(options.note) > 256) throw new CliError("invalid_note", "the note is at most 256 bytes");
      return {
        message: txMessage(codecs.MsgAppraiseCodec, { valuer, pledgeId, value: amount.toString(), documentHash: hash, note: options.note }),
        summary: `appraise pledge ${pledgeId} at ${usd(amount)}`,
      };
    },
    (result) => {
      const { appraisalId } = firstMsgResponse(result, tx.MsgAppraiseResponse);
      return { json: { appraisal_id: appraisalId.toString() }, text: [`appraisal ${appraisalId} recorded`] };
    },
  )
    .option("--document-hash <hex>", "SHA-256 of the valuation report, 64 hex digits")
    .option("--document-file <path>", "the valuation report, hashed here (it never leaves this machine)")
    .option("--note <text>", "a short note, at most 256 bytes", "");

  addSingleMessageTx<RequestOptions>(
    lending,
    "request-loan <key> <pledge-id> <principal> <apr> <maturity>",
    "ask for a loan of <principal> (usd or uusd) against your appraised pledge at <apr> (0.1 or 10%), due at <maturity> (RFC 3339)",
    (borrower, [id, principalText, aprText, maturityText], options) => {
      const pledgeId = parseId(id!, "pledge id");
      const principal = parseUsd(principalText!, "principal");
      const apr = parseApr(aprText!);
      const maturity = parseTimeArgument(maturityText!);
      const amortising = options.schedule === "amortising";
      if (!amortising && options.period !== undefined) throw new CliError("usage_error", "--period is for --schedule amortising");
      const periodSeconds = amortising ? (options.period ?? MONTH_SECONDS) : 0n;
      const appraisalId = options.appraisal === undefined ? 0n : parseId(options.appraisal, "appraisal id");
      return {
        message: txMessage(
          codecs.MsgRequestLoanCodec,
          tx.MsgRequestLoan.fromPartial({
            borrower,
            pledgeId,
            appraisalId,
            principal: principal.toString(),
            apr: formatDecimal(apr),
            maturity,
            graceSeconds: options.grace,
            schedule: amortising ? ScheduleKind.SCHEDULE_KIND_AMORTISING : ScheduleKind.SCHEDULE_KIND_BULLET,
            periodSeconds,
          }),
        ),
        summary: `borrow ${usd(principal)} against pledge ${pledgeId} at ${percent(apr)} APR until ${formatTime(maturity)}, ${amortising ? `amortising every ${formatDuration(periodSeconds)}` : "bullet"}, grace ${formatDuration(options.grace)}`,
      };
    },
    (result) => {
      const { loanId } = firstMsgResponse(result, tx.MsgRequestLoanResponse);
      return { json: { loan_id: loanId.toString() }, text: [`loan ${loanId} requested; it starts when a lender funds it`] };
    },
  )
    .option("--appraisal <id>", "the appraisal to borrow against (default: the pledge's latest)")
    .addOption(new Option("--grace <duration>", "how long a payment may be late before the loan defaults, e.g. 7d").argParser(parseDuration).default(0n, "none"))
    .addOption(new Option("--schedule <kind>", "bullet (all at maturity) or amortising (equal instalments)").choices(["bullet", "amortising"]).default("bullet"))
    .addOption(new Option("--period <duration>", "instalment period of an amortising loan (default 30d)").argParser(parseDuration))
    .addHelpText("after", ["", "Example:", "  persistence tx lending request-loan alice 1 800usd 10% 2027-06-30T00:00:00Z --grace 7d --yes"].join("\n"));

  addSingleMessageTx(
    lending,
    "cancel-loan-request <key> <loan-id>",
    "withdraw your loan request before a lender funds it",
    (borrower, [id]) => {
      const loanId = parseId(id!, "loan id");
      return { message: txMessage(codecs.MsgCancelLoanRequestCodec, { borrower, loanId }), summary: `cancel the request of loan ${loanId}` };
    },
    (result) => ({ json: { loan_id: eventAttribute(result, "loan_request_cancelled", "loan_id") }, text: [`loan request ${eventAttribute(result, "loan_request_cancelled", "loan_id")} cancelled`] }),
  );

  addSingleMessageTx(
    lending,
    "fund-loan <key> <loan-id>",
    "lend: pay a requested loan's principal to its borrower",
    (lender, [id]) => {
      const loanId = parseId(id!, "loan id");
      return { message: txMessage(codecs.MsgFundLoanCodec, { lender, loanId }), summary: `fund loan ${loanId}` };
    },
    (result) => {
      const principal = eventAttribute(result, "loan_funded", "principal").replace(/uusd$/, "");
      return { json: { loan_id: eventAttribute(result, "loan_funded", "loan_id"), principal }, text: [`loan ${eventAttribute(result, "loan_funded", "loan_id")} funded: ${usd(principal)} paid to ${eventAttribute(result, "loan_funded", "borrower")}`] };
    },
  );

  addSingleMessageTx(
    lending,
    "repay <key> <loan-id> <amount>",
    "repay your loan, interest first (usd or uusd); more than the debt repays the debt and releases the collateral",
    (borrower, [id, amountText]) => {
      const loanId = parseId(id!, "loan id");
      const amount = parseUsd(amountText!, "amount");
      return { message: txMessage(codecs.MsgRepayCodec, { borrower, loanId, amount: amount.toString() }), summary: `repay up to ${usd(amount)} of loan ${loanId}` };
    },
    (result) => {
      const paid = firstMsgResponse(result, tx.MsgRepayResponse);
      const loanId = eventAttribute(result, "loan_repaid", "loan_id");
      return {
        json: { loan_id: loanId, interest: paid.interest, principal: paid.principal, debt: paid.debt },
        text: [
          `paid ${usd(BigInt(paid.interest) + BigInt(paid.principal))}: interest ${usd(paid.interest)}, principal ${usd(paid.principal)}`,
          paid.debt === "0" ? `loan ${loanId} is repaid in full; the collateral is back with you` : `debt left: ${usd(paid.debt)}`,
        ],
      };
    },
  );

  addSingleMessageTx(
    lending,
    "claim-proceeds <key> <loan-id>",
    "collect auction proceeds of a loan that lending kept for you while your account refused them (lender's share or borrower's excess)",
    (claimant, [id]) => {
      const loanId = parseId(id!, "loan id");
      return { message: txMessage(codecs.MsgClaimProceedsCodec, { claimant, loanId }), summary: `claim the proceeds kept for you on loan ${loanId}` };
    },
    (result) => {
      const { amount } = firstMsgResponse(result, tx.MsgClaimProceedsResponse);
      const loanId = eventAttribute(result, "proceeds_released", "loan_id");
      return { json: { loan_id: loanId, amount }, text: [`${usd(amount)} of loan ${loanId}'s auction proceeds paid to you`] };
    },
  );
}

function parseTimeArgument(text: string): Timestamp {
  try {
    return parseTime(text);
  } catch (error) {
    throw new CliError("invalid_maturity", `invalid maturity "${text}": ${(error as Error).message}`);
  }
}
