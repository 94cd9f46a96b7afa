import { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { camelCase, type EnumObject } from "./json/schema.js";
import { GatewayError, GrpcCode } from "./errors.js";

/**
 * Parsers for request values as grpc-gateway reads them from query strings and JSON bodies.
 * Each throws an InvalidArgument GatewayError naming the parameter.
 */

const MAX_UINT64 = 2n ** 64n - 1n;
const MAX_INT64 = 2n ** 63n - 1n;

function invalid(name: string, value: string, expected: string): GatewayError {
  return new GatewayError(GrpcCode.InvalidArgument, `invalid value ${JSON.stringify(value)} for ${name}: ${expected}`);
}

export function parseUint64(value: string, name: string): bigint {
  if (!/^\d{1,20}$/.test(value) || BigInt(value) > MAX_UINT64) {
    throw invalid(name, value, "expected an unsigned 64-bit integer");
  }
  return BigInt(value);
}

export function parseInt64(value: string, name: string): bigint {
  if (!/^-?\d{1,19}$/.test(value) || BigInt(value) > MAX_INT64 || BigInt(value) < -MAX_INT64 - 1n) {
    throw invalid(name, value, "expected a 64-bit integer");
  }
  return BigInt(value);
}

/** Go's strconv.ParseBool spellings. */
export function parseBool(value: string, name: string): boolean {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(value)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(value)) return false;
  throw invalid(name, value, "expected a boolean");
}

/** Standard or URL-safe base64, padded, as the gateway accepts bytes. */
export function parseBase64(value: string, name: string): Uint8Array {
  const standard = /^[A-Za-z0-9+/]*={0,2}$/.test(value);
  const urlSafe = /^[A-Za-z0-9_-]*={0,2}$/.test(value);
  if ((!standard && !urlSafe) || value.length % 4 !== 0) throw invalid(name, value, "expected base64");
  return new Uint8Array(Buffer.from(value, "base64"));
}

/** An enum given by its name or its number. */
export function parseEnum(value: string | number, values: EnumObject, name: string): number {
  const number = typeof value === "number" || /^\d+$/.test(value) ? Number(value) : values[value];
  if (typeof number === "number" && number >= 0 && typeof values[number] === "string") return number;
  const names = Object.keys(values).filter((key) => {
    const member = values[key];
    return typeof member === "number" && member >= 0;
  });
  throw invalid(name, String(value), `expected one of ${names.join(", ")}`);
}

/** The one value of a query parameter; a non-repeated field given twice is an error, as in the gateway. */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) {
    throw new GatewayError(GrpcCode.InvalidArgument, `too many values for query parameter ${name}`);
  }
  return values[0];
}

export function queryString(query: URLSearchParams, name: string): string {
  return queryValue(query, name) ?? "";
}

export function queryBool(query: URLSearchParams, name: string): boolean {
  const value = queryValue(query, name);
  return value === undefined ? false : parseBool(value, name);
}

export function queryUint64(query: URLSearchParams, name: string): bigint {
  const value = queryValue(query, name);
  return value === undefined ? 0n : parseUint64(value, name);
}

/** `pagination.*` query parameters as a PageRequest, or undefined when none is given. */
export function pageRequest(query: URLSearchParams): PageRequest | undefined {
  if (![...query.keys()].some((key) => key.startsWith("pagination."))) return undefined;
  const key = queryValue(query, "pagination.key");
  return PageRequest.fromPartial({
    key: key === undefined ? new Uint8Array() : parseBase64(key, "pagination.key"),
    offset: queryUint64(query, "pagination.offset"),
    limit: queryUint64(query, "pagination.limit"),
    countTotal: queryBool(query, "pagination.count_total"),
    reverse: queryBool(query, "pagination.reverse"),
  });
}

/** A field of a JSON body, under its proto name or its lowerCamel JSON name, as jsonpb accepts both. */
function bodyField(body: Readonly<Record<string, unknown>>, protoName: string): unknown {
  return body[protoName] ?? body[camelCase(protoName)];
}

export function bodyBytes(body: Readonly<Record<string, unknown>>, protoName: string): Uint8Array {
  const value = bodyField(body, protoName);
  if (value === undefined || value === null) return new Uint8Array();
  if (typeof value !== "string") throw invalid(protoName, JSON.stringify(value), "expected a base64 string");
  return parseBase64(value, protoName);
}

export function bodyEnum(body: Readonly<Record<string, unknown>>, protoName: string, values: EnumObject): number {
  const value = bodyField(body, protoName);
  if (value === undefined || value === null) return 0;
  if (typeof value !== "string" && typeof value !== "number") {
    throw invalid(protoName, JSON.stringify(value), "expected an enum name or number");
  }
  return parseEnum(value, values, protoName);
}
