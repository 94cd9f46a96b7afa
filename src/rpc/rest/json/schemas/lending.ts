import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import * as requirement from "../../../../generated/persistence/identity/v1/requirement.js";
import * as q from "../../../../generated/persistence/lending/v1/query.js";
import * as types from "../../../../generated/persistence/lending/v1/types.js";
import { identityCodec } from "../../../../modules/identity/codecs.js";
import * as msgs from "../../../../modules/lending/codecs.js";
import { withTypeUrl } from "../../../../types/module.js";
import { enumOf, message, repeated, type MessageSchema } from "../schema.js";

/** A lending record or query response codec with its type URL, `/persistence.lending.v1.<Name>`. */
function lendingCodec<T extends object>(codec: T, name: string): T & { readonly typeUrl: string } {
  return withTypeUrl(codec, types.protobufPackage, name);
}

const Params = lendingCodec(types.Params, "Params");
const AdvanceRate = lendingCodec(types.AdvanceRate, "AdvanceRate");
const WriteOffStep = lendingCodec(types.WriteOffStep, "WriteOffStep");
const Valuer = lendingCodec(types.Valuer, "Valuer");
const Pledge = lendingCodec(types.Pledge, "Pledge");
const Appraisal = lendingCodec(types.Appraisal, "Appraisal");
const Cashflow = lendingCodec(types.Cashflow, "Cashflow");
const Loan = lendingCodec(types.Loan, "Loan");
const LoanView = lendingCodec(q.LoanView, "LoanView");
const ClaimRequirement = identityCodec(requirement.ClaimRequirement, "ClaimRequirement");
const schedule = enumOf(types.ScheduleKind);

/** The query responses the REST routes (and the CLI's JSON output) answer with, with their type URLs. */
export const lendingResponses = {
  params: lendingCodec(q.QueryParamsResponse, "QueryParamsResponse"),
  valuers: lendingCodec(q.QueryValuersResponse, "QueryValuersResponse"),
  pledge: lendingCodec(q.QueryPledgeResponse, "QueryPledgeResponse"),
  pledgesByOwner: lendingCodec(q.QueryPledgesByOwnerResponse, "QueryPledgesByOwnerResponse"),
  appraisal: lendingCodec(q.QueryAppraisalResponse, "QueryAppraisalResponse"),
  appraisals: lendingCodec(q.QueryAppraisalsResponse, "QueryAppraisalsResponse"),
  loan: lendingCodec(q.QueryLoanResponse, "QueryLoanResponse"),
  loansByBorrower: lendingCodec(q.QueryLoansByBorrowerResponse, "QueryLoansByBorrowerResponse"),
  loansByLender: lendingCodec(q.QueryLoansByLenderResponse, "QueryLoansByLenderResponse"),
};

/**
 * persistence.lending.v1: records, messages and query responses. Every 18-decimal field (rates,
 * fractions, the index, normalized debt) is a decimal string with a point, in protobuf as in JSON
 * ("0.800000000000000000"), not the SDK's LegacyDec, so it is "string" here; amounts are whole
 * uusd strings. ClaimRequirement is persistence.identity.v1's.
 */
export const lendingSchemas: readonly MessageSchema[] = [
  message(Params, {
    participant_requirement: ClaimRequirement,
    valuer_requirement: ClaimRequirement,
    max_appraisal_age: "uint64",
    advance_rates: repeated(AdvanceRate),
    max_defaults_per_block: "uint32",
    auction_seconds: "uint64",
    write_offs: repeated(WriteOffStep),
    max_instalments: "uint32",
  }),
  message(AdvanceRate, { class_id: "string", rate: "string" }),
  message(WriteOffStep, { overdue_days: "uint64", fraction: "string" }),
  message(Valuer, { address: "string", name: "string" }),
  message(Pledge, { id: "uint64", owner: "string", collateral: "string", amount: "string", loan_id: "uint64", created_at: "timestamp" }),
  message(Appraisal, { id: "uint64", pledge_id: "uint64", valuer: "string", value: "string", document_hash: "bytes", note: "string", appraised_at: "timestamp" }),
  message(Cashflow, { due: "timestamp", amount: "string", principal: "string", interest: "string" }),
  message(Loan, {
    id: "uint64",
    pledge_id: "uint64",
    borrower: "string",
    lender: "string",
    appraisal_id: "uint64",
    principal: "string",
    apr: "string",
    maturity: "timestamp",
    grace_seconds: "uint64",
    schedule,
    period_seconds: "uint64",
    status: enumOf(types.LoanStatus),
    requested_at: "timestamp",
    funded_at: "timestamp",
    rate_per_second: "string",
    normalized_debt: "string",
    outstanding_principal: "string",
    repaid: "string",
    cashflows: repeated(Cashflow),
    default_at: "timestamp",
    auction_order_id: "uint64",
    auction_proceeds: "string",
    written_off_fraction: "string",
    next_write_off_at: "timestamp",
    closed_at: "timestamp",
    held_principal: "string",
    held_interest: "string",
    held_excess: "string",
  }),
  message(LoanView, { loan: Loan, debt: "string", interest: "string", next_due: "timestamp", next_due_amount: "string" }),
  message(msgs.MsgPledgeCodec, { owner: "string", collateral: "string", amount: "string" }),
  message(msgs.MsgPledgeResponseCodec, { pledge_id: "uint64" }),
  message(msgs.MsgWithdrawPledgeCodec, { owner: "string", pledge_id: "uint64" }),
  message(msgs.MsgWithdrawPledgeResponseCodec, {}),
  message(msgs.MsgAppraiseCodec, { valuer: "string", pledge_id: "uint64", value: "string", document_hash: "bytes", note: "string" }),
  message(msgs.MsgAppraiseResponseCodec, { appraisal_id: "uint64" }),
  message(msgs.MsgRequestLoanCodec, {
    borrower: "string",
    pledge_id: "uint64",
    appraisal_id: "uint64",
    principal: "string",
    apr: "string",
    maturity: "timestamp",
    grace_seconds: "uint64",
    schedule,
    period_seconds: "uint64",
  }),
  message(msgs.MsgRequestLoanResponseCodec, { loan_id: "uint64" }),
  message(msgs.MsgCancelLoanRequestCodec, { borrower: "string", loan_id: "uint64" }),
  message(msgs.MsgCancelLoanRequestResponseCodec, {}),
  message(msgs.MsgFundLoanCodec, { lender: "string", loan_id: "uint64" }),
  message(msgs.MsgFundLoanResponseCodec, {}),
  message(msgs.MsgRepayCodec, { borrower: "string", loan_id: "uint64", amount: "string" }),
  message(msgs.MsgRepayResponseCodec, { interest: "string", principal: "string", debt: "string" }),
  message(msgs.MsgClaimProceedsCodec, { claimant: "string", loan_id: "uint64" }),
  message(msgs.MsgClaimProceedsResponseCodec, { amount: "string" }),
  message(lendingResponses.params, { params: Params }),
  message(lendingResponses.valuers, { valuers: repeated(Valuer), pagination: PageResponse }),
  message(lendingResponses.pledge, { pledge: Pledge }),
  message(lendingResponses.pledgesByOwner, { pledges: repeated(Pledge), pagination: PageResponse }),
  message(lendingResponses.appraisal, { appraisal: Appraisal }),
  message(lendingResponses.appraisals, { appraisals: repeated(Appraisal), pagination: PageResponse }),
  message(lendingResponses.loan, { loan: LoanView }),
  message(lendingResponses.loansByBorrower, { loans: repeated(LoanView), pagination: PageResponse }),
  message(lendingResponses.loansByLender, { loans: repeated(LoanView), pagination: PageResponse }),
];
