import * as tx from "../../generated/persistence/lending/v1/tx.js";
import { withTypeUrl } from "../../types/module.js";

/** A generated lending codec with its type URL, `/persistence.lending.v1.<Name>`. */
function lendingCodec<T extends object>(codec: T, name: string): T & { readonly typeUrl: string } {
  return withTypeUrl(codec, tx.protobufPackage, name);
}

export const MsgPledgeCodec = lendingCodec(tx.MsgPledge, "MsgPledge");
export const MsgWithdrawPledgeCodec = lendingCodec(tx.MsgWithdrawPledge, "MsgWithdrawPledge");
export const MsgAppraiseCodec = lendingCodec(tx.MsgAppraise, "MsgAppraise");
export const MsgRequestLoanCodec = lendingCodec(tx.MsgRequestLoan, "MsgRequestLoan");
export const MsgCancelLoanRequestCodec = lendingCodec(tx.MsgCancelLoanRequest, "MsgCancelLoanRequest");
export const MsgFundLoanCodec = lendingCodec(tx.MsgFundLoan, "MsgFundLoan");
export const MsgRepayCodec = lendingCodec(tx.MsgRepay, "MsgRepay");
export const MsgClaimProceedsCodec = lendingCodec(tx.MsgClaimProceeds, "MsgClaimProceeds");

export const MsgPledgeResponseCodec = lendingCodec(tx.MsgPledgeResponse, "MsgPledgeResponse");
export const MsgWithdrawPledgeResponseCodec = lendingCodec(tx.MsgWithdrawPledgeResponse, "MsgWithdrawPledgeResponse");
export const MsgAppraiseResponseCodec = lendingCodec(tx.MsgAppraiseResponse, "MsgAppraiseResponse");
export const MsgRequestLoanResponseCodec = lendingCodec(tx.MsgRequestLoanResponse, "MsgRequestLoanResponse");
export const MsgCancelLoanRequestResponseCodec = lendingCodec(tx.MsgCancelLoanRequestResponse, "MsgCancelLoanRequestResponse");
export const MsgFundLoanResponseCodec = lendingCodec(tx.MsgFundLoanResponse, "MsgFundLoanResponse");
export const MsgRepayResponseCodec = lendingCodec(tx.MsgRepayResponse, "MsgRepayResponse");
export const MsgClaimProceedsResponseCodec = lendingCodec(tx.MsgClaimProceedsResponse, "MsgClaimProceedsResponse");

/** Every lending message type, for a CosmJS `Registry` or a router. */
export const lendingMsgTypes = [
  MsgPledgeCodec,
  MsgWithdrawPledgeCodec,
  MsgAppraiseCodec,
  MsgRequestLoanCodec,
  MsgCancelLoanRequestCodec,
  MsgFundLoanCodec,
  MsgRepayCodec,
  MsgClaimProceedsCodec,
] as const;
