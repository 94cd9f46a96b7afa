import { formatDecimal } from "../../../types/decimal.js";
import { gatewaySchemas } from "./registry.js";
import { formatDuration, formatProtoTimestamp, type ProtoDuration, type ProtoTimestamp } from "./timestamp.js";
import { isMessageKind, type MessageCodec, type MessageSchema, type ValueKind } from "./schema.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

interface AnyMessage {
  typeUrl: string;
  value: Uint8Array;
}

/**
 * Writes a cosmjs-types message as the Cosmos SDK's grpc-gateway does (gogoproto jsonpb with
 * EmitDefaults and OrigName): proto field names, 64-bit integers as strings, bytes as base64
 * (empty bytes as `null`), enums by name, unset messages as `null`, Timestamps as RFC 3339 and
 * `Any` as `{"@type": url, ...fields}`.
 *
 * @example
 * toGatewayJson(QueryBalanceResponse, { balance: { denom: "uxprt", amount: "5" } });
 * // { balance: { denom: "uxprt", amount: "5" } }
 */
export function toGatewayJson<T>(codec: MessageCodec<T>, value: T): JsonObject {
  return messageToJson(schemaOf(codec), value as object);
}

function schemaOf(codec: MessageCodec): MessageSchema {
  const schema = gatewaySchemas.get(codec.typeUrl);
  if (schema === undefined) throw new Error(`no gateway JSON schema for ${codec.typeUrl}`);
  return schema;
}

function messageToJson(schema: MessageSchema, value: object): JsonObject {
  const properties = value as Record<string, unknown>;
  const json: JsonObject = {};
  for (const field of schema.fields) {
    const property = properties[field.propertyName];
    if (field.repeated) {
      json[field.jsonName] = ((property ?? []) as unknown[]).map((element) =>
        // Elements of repeated bytes are never nil in Go, so even an empty one is "".
        field.kind === "bytes" ? base64(element as Uint8Array) : valueToJson(field.kind, element),
      );
    } else if (!(field.oneof && property === undefined)) {
      json[field.jsonName] = valueToJson(field.kind, property);
    }
  }
  return json;
}

function valueToJson(kind: ValueKind, value: unknown): JsonValue {
  if (isMessageKind(kind)) return value === undefined ? null : messageToJson(schemaOf(kind), value as object);
  if (typeof kind === "object") {
    const number = (value ?? 0) as number;
    const name = kind.enum[number];
    return typeof name === "string" ? name : number;
  }
  switch (kind) {
    case "string":
      return (value ?? "") as string;
    case "bool":
      return (value ?? false) as boolean;
    case "int32":
    case "uint32":
      return (value ?? 0) as number;
    case "int64":
    case "uint64":
      return ((value ?? 0n) as bigint).toString();
    case "bytes": {
      const bytes = value as Uint8Array | undefined;
      return bytes === undefined || bytes.length === 0 ? null : base64(bytes);
    }
    case "timestamp":
      return value === undefined ? null : formatProtoTimestamp(value as ProtoTimestamp);
    case "duration":
      return value === undefined ? null : formatDuration(value as ProtoDuration);
    case "any":
      return value === undefined ? null : anyToJson(value as AnyMessage);
    case "dec":
      return legacyDecToJson((value ?? "") as string);
    case "dec_bytes":
      return legacyDecToJson(new TextDecoder().decode((value ?? new Uint8Array(0)) as Uint8Array));
  }
}

/** A LegacyDec's wire digits ("50000000000000000") as the SDK prints it ("0.050000000000000000"). */
function legacyDecToJson(digits: string): string {
  return formatDecimal(digits === "" ? 0n : BigInt(digits));
}

function anyToJson(any: AnyMessage): JsonObject {
  const schema = gatewaySchemas.get(any.typeUrl);
  if (schema !== undefined) {
    const decoded = tryDecode(schema.codec, any.value);
    if (decoded !== undefined) return { "@type": any.typeUrl, ...messageToJson(schema, decoded) };
  }
  return { "@type": any.typeUrl, value: base64(any.value) };
}

/** Undecodable bytes behind a known type URL are shown raw rather than failing the response. */
function tryDecode(codec: MessageCodec, bytes: Uint8Array): object | undefined {
  try {
    return codec.decode(bytes) as object;
  } catch {
    return undefined;
  }
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}
