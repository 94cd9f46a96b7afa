import * as tx from "../../generated/persistence/pools/v1/tx.js";
import { withTypeUrl } from "../../types/module.js";

/** A generated pools codec with its type URL, `/persistence.pools.v1.<Name>`. */
function poolsCodec<T extends object>(codec: T, name: string): T & { readonly typeUrl: string } {
  return withTypeUrl(codec, tx.protobufPackage, name);
}

export const MsgCreatePoolCodec = poolsCodec(tx.MsgCreatePool, "MsgCreatePool");
export const MsgInvestCodec = poolsCodec(tx.MsgInvest, "MsgInvest");
export const MsgRedeemCodec = poolsCodec(tx.MsgRedeem, "MsgRedeem");
export const MsgCloseEpochCodec = poolsCodec(tx.MsgCloseEpoch, "MsgCloseEpoch");
export const MsgClaimCodec = poolsCodec(tx.MsgClaim, "MsgClaim");
export const MsgFinanceLoanCodec = poolsCodec(tx.MsgFinanceLoan, "MsgFinanceLoan");

export const MsgCreatePoolResponseCodec = poolsCodec(tx.MsgCreatePoolResponse, "MsgCreatePoolResponse");
export const MsgInvestResponseCodec = poolsCodec(tx.MsgInvestResponse, "MsgInvestResponse");
export const MsgRedeemResponseCodec = poolsCodec(tx.MsgRedeemResponse, "MsgRedeemResponse");
export const MsgCloseEpochResponseCodec = poolsCodec(tx.MsgCloseEpochResponse, "MsgCloseEpochResponse");
export const MsgClaimResponseCodec = poolsCodec(tx.MsgClaimResponse, "MsgClaimResponse");
export const MsgFinanceLoanResponseCodec = poolsCodec(tx.MsgFinanceLoanResponse, "MsgFinanceLoanResponse");

/** Every pools message type, for a CosmJS `Registry` or a router. */
export const poolsMsgTypes = [MsgCreatePoolCodec, MsgInvestCodec, MsgRedeemCodec, MsgCloseEpochCodec, MsgClaimCodec, MsgFinanceLoanCodec] as const;
