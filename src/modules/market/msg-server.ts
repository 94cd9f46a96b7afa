import { MsgCancelOrder, MsgCancelOrderResponse, MsgPlaceOrder, MsgPlaceOrderResponse } from "../../generated/persistence/market/v1/tx.js";
import { Side } from "../../generated/persistence/market/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import { ErrInvalidRequest, isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgHandler } from "../../types/module.js";
import { parseBase } from "./asset.js";
import { MsgCancelOrderCodec, MsgCancelOrderResponseCodec, MsgPlaceOrderCodec, MsgPlaceOrderResponseCodec } from "./codecs.js";
import { ErrInvalidOrder } from "./errors.js";
import type { MarketKeeper } from "./keeper.js";
import { checkExpiry, parseAmount } from "./validate.js";

function owner(address: string): Uint8Array | AppError {
  const bytes = decodeAddress(address);
  return isError(bytes) ? bytes.kind.wrap(`invalid owner address: ${bytes.message}`) : bytes;
}

/** The checks of a MsgPlaceOrder that need no state, and its values. */
function readPlaceOrder(msg: MsgPlaceOrder) {
  const address = owner(msg.owner);
  if (isError(address)) return address;
  const base = parseBase(msg.base);
  if (isError(base)) return base;
  if (msg.side !== Side.SIDE_BUY && msg.side !== Side.SIDE_SELL) return ErrInvalidOrder.wrap("side must be SIDE_BUY or SIDE_SELL");
  const price = parseAmount(msg.price, "price");
  if (isError(price)) return price;
  const quantity = parseAmount(msg.quantity, "quantity");
  if (isError(quantity)) return quantity;
  if (base.kind === "nft" && quantity !== 1n) return ErrInvalidOrder.wrap(`an NFT trades whole: quantity must be 1, got ${quantity}`);
  const expiry = checkExpiry(msg.expiresAt);
  if (expiry) return expiry;
  return { owner: address, base: msg.base, side: msg.side, price, quantity, ...(msg.expiresAt ? { expiresAt: msg.expiresAt } : {}) };
}

export function marketMessages(keeper: MarketKeeper): MsgHandler[] {
  return [
    msgHandler<MsgPlaceOrder>({
      type: MsgPlaceOrderCodec,
      signers: (msg) => [msg.owner],
      validate: (msg) => {
        const request = readPlaceOrder(msg);
        return isError(request) ? request : undefined;
      },
      execute: (ctx, msg) => {
        const request = readPlaceOrder(msg);
        if (isError(request)) return request;
        const result = keeper.placeOrder(ctx, request);
        if (isError(result)) return result;
        const response: MsgPlaceOrderResponse = { orderId: result.orderId, filledQuantity: result.filled.toString(), restingQuantity: result.resting.toString() };
        return { typeUrl: MsgPlaceOrderResponseCodec.typeUrl, value: MsgPlaceOrderResponse.encode(response).finish() };
      },
    }),
    msgHandler<MsgCancelOrder>({
      type: MsgCancelOrderCodec,
      signers: (msg) => [msg.owner],
      validate: (msg) => {
        const address = owner(msg.owner);
        if (isError(address)) return address;
        return msg.orderId === 0n ? ErrInvalidRequest.wrap("order_id must be positive") : undefined;
      },
      execute: (ctx, msg) => {
        const address = owner(msg.owner);
        if (isError(address)) return address;
        const error = keeper.cancelOrder(ctx, address, msg.orderId);
        return error ?? { typeUrl: MsgCancelOrderResponseCodec.typeUrl, value: MsgCancelOrderResponse.encode({}).finish() };
      },
    }),
  ];
}
