import { MsgCancelOrder, MsgCancelOrderResponse, MsgPlaceOrder, MsgPlaceOrderResponse } from "../../generated/persistence/market/v1/tx.js";

/** A ts-proto codec with its type URL, as the tx decoder, CosmJS's Registry and the REST JSON need. */
export type TypedCodec<T> = T & { readonly typeUrl: string };

const PACKAGE = "persistence.market.v1";

export function typed<T extends object>(codec: T, name: string): TypedCodec<T> {
  return { ...codec, typeUrl: `/${PACKAGE}.${name}` };
}

export const MsgPlaceOrderCodec = typed(MsgPlaceOrder, "MsgPlaceOrder");
export const MsgPlaceOrderResponseCodec = typed(MsgPlaceOrderResponse, "MsgPlaceOrderResponse");
export const MsgCancelOrderCodec = typed(MsgCancelOrder, "MsgCancelOrder");
export const MsgCancelOrderResponseCodec = typed(MsgCancelOrderResponse, "MsgCancelOrderResponse");

/** The market's messages for a CosmJS `Registry` (`new Registry([...defaultRegistryTypes, ...marketRegistryTypes])`). */
export const marketRegistryTypes = [
  [MsgPlaceOrderCodec.typeUrl, MsgPlaceOrder],
  [MsgCancelOrderCodec.typeUrl, MsgCancelOrder],
] as const;
