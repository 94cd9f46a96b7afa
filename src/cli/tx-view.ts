import { toBase64, toHex } from "@cosmjs/encoding";
import { decodeTxRaw, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";
import type { comet38 } from "@cosmjs/tendermint-rpc";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { camelToSnake, renameKeysDeep } from "../types/json-case.js";
import { coinJson, formatCoin, fromWireCoin } from "./money.js";

const registry = new Registry(defaultRegistryTypes);

type TxResponse = comet38.TxResponse;

/** An included tx as `query tx --output json` shows it: result, fee, memo and decoded messages (snake_case). */
export function txJson(tx: TxResponse) {
  const decoded = decodeTxRaw(tx.tx);
  return {
    txhash: toHex(tx.hash).toUpperCase(),
    height: tx.height,
    index: tx.index,
    code: tx.result.code,
    codespace: tx.result.codespace ?? "",
    raw_log: tx.result.log ?? "",
    gas_used: tx.result.gasUsed,
    gas_wanted: tx.result.gasWanted,
    fee: (decoded.authInfo.fee?.amount ?? []).map((c) => coinJson(fromWireCoin(c))),
    memo: decoded.body.memo,
    messages: decoded.body.messages.map(messageJson),
  };
}

export function describeTx(tx: TxResponse): string[] {
  const view = txJson(tx);
  return [
    `txhash: ${view.txhash}`,
    `height: ${view.height} (index ${view.index})`,
    `code:   ${view.code}${view.codespace ? ` (codespace ${view.codespace})` : ""}`,
    `gas:    ${view.gas_used} used of ${view.gas_wanted}`,
    `fee:    ${view.fee.length ? view.fee.map((c) => formatCoin(fromWireCoin(c))).join(", ") : "none"}`,
    ...(view.memo ? [`memo:   ${view.memo}`] : []),
    "messages:",
    ...view.messages.flatMap((message) => describeValue(message, "  ")),
    ...(view.raw_log ? [`log:    ${view.raw_log}`] : []),
  ];
}

/** A message decoded with CosmJS's registry; one it does not know stays as base64 bytes. */
function messageJson(message: Any): Record<string, unknown> {
  const type = registry.lookupType(message.typeUrl) as { decode(bytes: Uint8Array): unknown; toJSON?(value: unknown): unknown } | undefined;
  if (!type?.toJSON) return { "@type": message.typeUrl, value: toBase64(message.value) };
  return { "@type": message.typeUrl, ...(withCoinDisplays(renameKeysDeep(type.toJSON(type.decode(message.value)), camelToSnake)) as object) };
}

/** Adds the display form to every { denom, amount } inside a value. */
function withCoinDisplays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withCoinDisplays);
  if (value === null || typeof value !== "object") return value;
  if (isWireCoin(value)) return coinJson(fromWireCoin(value));
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withCoinDisplays(inner)]));
}

function isWireCoin(value: object): value is { denom: string; amount: string } {
  const { denom, amount } = value as { denom?: unknown; amount?: unknown };
  return Object.keys(value).length === 2 && typeof denom === "string" && typeof amount === "string" && /^\d+$/.test(amount);
}

/** Indented "key: value" lines; coins read as "1.000000 XPRT (1000000uxprt)". */
function describeValue(value: unknown, indent: string, key?: string): string[] {
  const label = key === undefined ? "" : `${key}: `;
  if (Array.isArray(value) && value.length > 0 && value.every(isCoinJson)) return [`${indent}${label}${value.map((c) => formatCoin(fromWireCoin(c))).join(", ")}`];
  if (isCoinJson(value)) return [`${indent}${label}${formatCoin(fromWireCoin(value))}`];
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const head = key === undefined ? [] : [`${indent}${key}:`];
    const inner = key === undefined ? indent : `${indent}  `;
    return [...head, ...Object.entries(value).flatMap(([k, v]) => describeValue(v, inner, k))];
  }
  return [`${indent}${label}${Array.isArray(value) ? JSON.stringify(value) : String(value)}`];
}

function isCoinJson(value: unknown): value is ReturnType<typeof coinJson> {
  return value !== null && typeof value === "object" && "display" in value && "denom" in value && "amount" in value;
}
