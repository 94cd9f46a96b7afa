import * as tx from "../../generated/persistence/lending/v1/tx.js";
import { isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgCodec, type MsgHandler } from "../../types/module.js";
import * as codecs from "./codecs.js";
import { parseCollateral } from "./collateral.js";
import { ErrInvalidRequest } from "./errors.js";
import type { LendingKeeper } from "./keeper.js";
import { checkId, MAX_NOTE_BYTES, parseAddress, parseAmount, readLoanRequest } from "./validate.js";

function reply<T>(codec: MsgCodec<T>, value: T): { typeUrl: string; value: Uint8Array } {
  return { typeUrl: codec.typeUrl, value: codec.encode(value).finish() };
}

function readPledge(msg: tx.MsgPledge) {
  const owner = parseAddress(msg.owner, "owner");
  if (isError(owner)) return owner;
  const collateral = parseCollateral(msg.collateral);
  if (isError(collateral)) return collateral;
  const amount = parseAmount(msg.amount, "amount");
  return isError(amount) ? amount : { owner, amount };
}

function readAppraise(msg: tx.MsgAppraise) {
  const valuer = parseAddress(msg.valuer, "valuer");
  if (isError(valuer)) return valuer;
  const value = parseAmount(msg.value, "value");
  if (isError(value)) return value;
  if (msg.documentHash.length !== 0 && msg.documentHash.length !== 32) return ErrInvalidRequest.wrap("document_hash must be 32 bytes or empty");
  if (Buffer.byteLength(msg.note) > MAX_NOTE_BYTES) return ErrInvalidRequest.wrap(`note must be at most ${MAX_NOTE_BYTES} bytes`);
  return checkId(msg.pledgeId, "pledge_id") ?? { valuer, pledgeId: msg.pledgeId, value, documentHash: msg.documentHash, note: msg.note };
}

function readRepay(msg: tx.MsgRepay) {
  const borrower = parseAddress(msg.borrower, "borrower");
  if (isError(borrower)) return borrower;
  const amount = parseAmount(msg.amount, "amount");
  return isError(amount) ? amount : (checkId(msg.loanId, "loan_id") ?? { borrower, amount });
}

/** An address and an id, as the withdraw, cancel, fund and claim messages carry. */
function readAddressAndId(address: string, role: string, id: bigint, name: string): Uint8Array | AppError {
  const bytes = parseAddress(address, role);
  return isError(bytes) ? bytes : (checkId(id, name) ?? bytes);
}

const problem = (value: unknown): AppError | undefined => (isError(value) ? value : undefined);

export function lendingMessages(keeper: LendingKeeper): MsgHandler[] {
  return [
    msgHandler<tx.MsgPledge>({
      type: codecs.MsgPledgeCodec,
      signers: (msg) => [msg.owner],
      validate: (msg) => problem(readPledge(msg)),
      execute: (ctx, msg) => {
        const request = readPledge(msg);
        if (isError(request)) return request;
        const pledgeId = keeper.pledge(ctx, request.owner, msg.collateral, request.amount);
        return isError(pledgeId) ? pledgeId : reply(codecs.MsgPledgeResponseCodec, { pledgeId });
      },
    }),
    msgHandler<tx.MsgWithdrawPledge>({
      type: codecs.MsgWithdrawPledgeCodec,
      signers: (msg) => [msg.owner],
      validate: (msg) => problem(readAddressAndId(msg.owner, "owner", msg.pledgeId, "pledge_id")),
      execute: (ctx, msg) => {
        const owner = readAddressAndId(msg.owner, "owner", msg.pledgeId, "pledge_id");
        if (isError(owner)) return owner;
        return keeper.withdrawPledge(ctx, owner, msg.pledgeId) ?? reply(codecs.MsgWithdrawPledgeResponseCodec, {});
      },
    }),
    msgHandler<tx.MsgAppraise>({
      type: codecs.MsgAppraiseCodec,
      signers: (msg) => [msg.valuer],
      validate: (msg) => problem(readAppraise(msg)),
      execute: (ctx, msg) => {
        const request = readAppraise(msg);
        if (isError(request)) return request;
        const appraisalId = keeper.appraise(ctx, request);
        return isError(appraisalId) ? appraisalId : reply(codecs.MsgAppraiseResponseCodec, { appraisalId });
      },
    }),
    msgHandler<tx.MsgRequestLoan>({
      type: codecs.MsgRequestLoanCodec,
      signers: (msg) => [msg.borrower],
      validate: (msg) => problem(readLoanRequest(msg)),
      execute: (ctx, msg) => {
        const request = readLoanRequest(msg);
        if (isError(request)) return request;
        const loanId = keeper.requestLoan(ctx, request);
        return isError(loanId) ? loanId : reply(codecs.MsgRequestLoanResponseCodec, { loanId });
      },
    }),
    msgHandler<tx.MsgCancelLoanRequest>({
      type: codecs.MsgCancelLoanRequestCodec,
      signers: (msg) => [msg.borrower],
      validate: (msg) => problem(readAddressAndId(msg.borrower, "borrower", msg.loanId, "loan_id")),
      execute: (ctx, msg) => {
        const borrower = readAddressAndId(msg.borrower, "borrower", msg.loanId, "loan_id");
        if (isError(borrower)) return borrower;
        return keeper.cancelLoanRequest(ctx, borrower, msg.loanId) ?? reply(codecs.MsgCancelLoanRequestResponseCodec, {});
      },
    }),
    msgHandler<tx.MsgFundLoan>({
      type: codecs.MsgFundLoanCodec,
      signers: (msg) => [msg.lender],
      validate: (msg) => problem(readAddressAndId(msg.lender, "lender", msg.loanId, "loan_id")),
      execute: (ctx, msg) => {
        const lender = readAddressAndId(msg.lender, "lender", msg.loanId, "loan_id");
        if (isError(lender)) return lender;
        return keeper.fundLoanAsAccount(ctx, msg.loanId, lender) ?? reply(codecs.MsgFundLoanResponseCodec, {});
      },
    }),
    msgHandler<tx.MsgRepay>({
      type: codecs.MsgRepayCodec,
      signers: (msg) => [msg.borrower],
      validate: (msg) => problem(readRepay(msg)),
      execute: (ctx, msg) => {
        const request = readRepay(msg);
        if (isError(request)) return request;
        const result = keeper.repay(ctx, request.borrower, msg.loanId, request.amount);
        if (isError(result)) return result;
        return reply(codecs.MsgRepayResponseCodec, { interest: result.interest.toString(), principal: result.principal.toString(), debt: result.debt.toString() });
      },
    }),
    msgHandler<tx.MsgClaimProceeds>({
      type: codecs.MsgClaimProceedsCodec,
      signers: (msg) => [msg.claimant],
      validate: (msg) => problem(readAddressAndId(msg.claimant, "claimant", msg.loanId, "loan_id")),
      execute: (ctx, msg) => {
        const claimant = readAddressAndId(msg.claimant, "claimant", msg.loanId, "loan_id");
        if (isError(claimant)) return claimant;
        const amount = keeper.claimProceeds(ctx, claimant, msg.loanId);
        return isError(amount) ? amount : reply(codecs.MsgClaimProceedsResponseCodec, { amount: amount.toString() });
      },
    }),
  ];
}
