import type { comet38 } from "@cosmjs/tendermint-rpc";
import { InvalidArgumentError, Option, type Command } from "commander";
import { Timestamp } from "../../generated/google/protobuf/timestamp.js";
import { MsgPlaceOrderResponse } from "../../generated/persistence/market/v1/tx.js";
import { Side } from "../../generated/persistence/market/v1/types.js";
import { parseBase } from "../../modules/market/asset.js";
import { MsgCancelOrderCodec, MsgPlaceOrderCodec } from "../../modules/market/codecs.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import { isError } from "../../types/errors.js";
import { defineAction } from "../command-context.js";
import { CliError } from "../errors.js";
import { formatCoin, parseCoinsArgument } from "../money.js";
import { signAndBroadcast, txMessage, type Outcome } from "../tx/signed-tx.js";
import { eventAttribute, firstMsgResponse } from "../tx/single-message-tx.js";
import { withTxOptions, type TxOptions } from "../tx/tx-options.js";

interface PlaceOptions extends TxOptions {
  expiresAt?: Timestamp;
}

/** `persistence tx market …`: place and cancel limit orders. */
export function registerMarketTx(tx: Command): void {
  const market = tx.command("market").description("market module transactions: limit orders on RWA NFTs and fractions, paid in USD");

  const place = withTxOptions(
    market
      .command("place-order <key> <side> <quantity> <base> <price>")
      .description("place a limit order to buy or sell <quantity> units of <base> at <price> per unit (usd or uusd), e.g. buy 10 asset/invoice/INV-1 1.25usd"),
  )
    .addOption(new Option("--expires-at <time>", "block time from which the order no longer trades, RFC 3339, e.g. 2027-06-30T00:00:00Z (default: until cancelled)").argParser(parseTime))
    .addHelpText(
      "after",
      [
        "",
        "<side> is buy or sell. <base> is a fraction denom (asset/<class>/<id>) or a whole NFT",
        "(nft:<class>/<id>, quantity 1). The order first fills against the other side at the resting",
        "orders' prices, best price first; what is left rests on the book. A buy escrows its price plus",
        "the worst-case fee per unit; unused escrow comes back.",
        "",
        "Example:",
        "  persistence tx market place-order alice buy 10 asset/invoice/INV-1 1.25usd --yes",
      ].join("\n"),
    );
  defineAction<PlaceOptions>(place, async (context, key, sideText, quantityText, base, priceText) => {
    const side = parseSide(sideText!);
    const quantity = parseQuantity(quantityText!);
    const price = parsePrice(priceText!);
    const asset = parseBase(base!);
    if (isError(asset)) throw new CliError("invalid_base", asset.message);
    const expiresAt = context.options.expiresAt;
    await signAndBroadcast(context, {
      keyName: key!,
      build: (owner) => ({
        messages: [txMessage(MsgPlaceOrderCodec, MsgPlaceOrderCodec.fromPartial({ owner, base, side, price: price.toString(), quantity: quantity.toString(), expiresAt }))],
        summary: [
          `${sideText} ${quantity} ${base} at ${formatCoin({ denom: STABLECOIN_DENOM, amount: price })} per unit`,
          ...(expiresAt ? [`  expires: ${Timestamp.toJSON(expiresAt) as string}`] : []),
        ],
      }),
      describe: placed,
    });
  });

  const cancel = withTxOptions(market.command("cancel-order <key> <order-id>").description("cancel your open order and get its escrow back"));
  defineAction<TxOptions>(cancel, async (context, key, idText) => {
    const orderId = parseOrderId(idText!);
    await signAndBroadcast(context, {
      keyName: key!,
      build: (owner) => ({ messages: [txMessage(MsgCancelOrderCodec, { owner, orderId })], summary: [`cancel order ${orderId}`] }),
      describe: (result) => {
        const refund = eventAttribute(result, "order_cancelled", "refund");
        return { json: { order_id: orderId.toString(), refund }, text: [`order ${orderId} cancelled, refunded ${refund}`] };
      },
    });
  });
}

/** The order id, what filled (with each trade) and what rests, from the tx's response and events. */
function placed(result: comet38.TxData): Outcome {
  const response = firstMsgResponse(result, MsgPlaceOrderResponse);
  const trades = result.events
    .filter((e) => e.type === "trade")
    .map((e) => Object.fromEntries(e.attributes.filter((a) => a.key !== "msg_index").map((a) => [a.key, a.value])));
  return {
    json: { order_id: response.orderId.toString(), filled_quantity: response.filledQuantity, resting_quantity: response.restingQuantity, trades },
    text: [
      `order ${response.orderId}: filled ${response.filledQuantity}, resting ${response.restingQuantity}`,
      ...trades.map((t) => `  trade: ${t.quantity} at ${formatCoin({ denom: STABLECOIN_DENOM, amount: BigInt(t.price!) })} with order ${t.maker_order_id} (fee ${t.taker_fee})`),
    ],
  };
}

function parseSide(text: string): Side {
  if (text === "buy") return Side.SIDE_BUY;
  if (text === "sell") return Side.SIDE_SELL;
  throw new CliError("invalid_side", `invalid side "${text}": expected buy or sell`);
}

function parseQuantity(text: string): bigint {
  if (!/^[1-9]\d{0,37}$/.test(text)) throw new CliError("invalid_quantity", `invalid quantity "${text}": expected a positive whole number of base units`);
  return BigInt(text);
}

/** A price per unit in usd or uusd: "1.25usd" or "1250000uusd". */
function parsePrice(text: string): bigint {
  const coins = parseCoinsArgument(text);
  if (coins.length !== 1 || coins[0]!.denom !== STABLECOIN_DENOM) throw new CliError("invalid_price", `invalid price "${text}": expected an amount of usd or uusd, e.g. 1.25usd`);
  return coins[0]!.amount;
}

export function parseOrderId(text: string): bigint {
  if (!/^[1-9]\d{0,19}$/.test(text) || BigInt(text) >= 2n ** 64n) throw new CliError("invalid_order_id", `invalid order id "${text}": expected a positive whole number`);
  return BigInt(text);
}

/** RFC 3339 in UTC, fractional seconds kept to the nanosecond. */
function parseTime(text: string): Timestamp {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new InvalidArgumentError("expected an RFC 3339 UTC time such as 2027-06-30T00:00:00Z");
  }
  return Timestamp.fromJSON(text);
}
