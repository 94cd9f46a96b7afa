import { withTypeUrl } from "../../types/module.js";
import { MsgCancelOrder, MsgCancelOrderResponse, MsgPlaceOrder, MsgPlaceOrderResponse } from "../../generated/persistence/market/v1/tx.js";

const PACKAGE = "persistence.market.v1";

/** A generated market codec with its type URL, `/persistence.market.v1.<Name>`. */
export function marketCodec<T extends object>(codec: T, name: string): T & { readonly typeUrl: string } {
  return withTypeUrl(codec, PACKAGE, name);
}

export const MsgPlaceOrderCodec = marketCodec(MsgPlaceOrder, "MsgPlaceOrder");
export const MsgPlaceOrderResponseCodec = marketCodec(MsgPlaceOrderResponse, "MsgPlaceOrderResponse");
export const MsgCancelOrderCodec = marketCodec(MsgCancelOrder, "MsgCancelOrder");
export const MsgCancelOrderResponseCodec = marketCodec(MsgCancelOrderResponse, "MsgCancelOrderResponse");

/** Every market message type, for a CosmJS `Registry` or a router. */
export const marketMsgTypes = [MsgPlaceOrderCodec, MsgCancelOrderCodec] as const;
