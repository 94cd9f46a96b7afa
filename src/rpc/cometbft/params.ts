import { RpcError } from "./json-rpc.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A method's arguments, read as CometBFT reads them from JSON-RPC params (an object by name or
 * an array by position) or from a URI query string. Absent or null arguments take their Go zero
 * value. Accepted forms per type:
 *
 * | type        | JSON-RPC                              | URI                                  |
 * | ----------- | ------------------------------------- | ------------------------------------ |
 * | integer     | `"5"` (CometBFT's form) or `5`        | `5` or `"5"`                         |
 * | bool        | `true`                                | `true`                               |
 * | string      | `"text"`                              | `"text"`, `0x74657874`, or raw text  |
 * | bytes       | base64 (even when it starts with 0x)  | `0x`-prefixed hex, or `"raw text"`   |
 * | hex bytes   | hex, with or without `0x`             | `0x`-prefixed hex, or `"raw text"`   |
 *
 * Every malformed argument throws an {@link RpcError} with code -32602.
 */
export class Params {
  private constructor(
    private readonly values: ReadonlyMap<string, unknown>,
    private readonly fromUri: boolean,
  ) {}

  /** Params of a JSON-RPC request for a method taking `names`. */
  static fromJson(params: unknown, names: readonly string[]): Params {
    if (params === undefined || params === null) return new Params(new Map(), false);
    if (Array.isArray(params)) {
      if (params.length !== names.length) {
        throw invalid(false, `expected ${names.length} parameters (${names.join(",")}), got ${params.length}`);
      }
      return new Params(new Map(names.map((name, i) => [name, params[i]])), false);
    }
    if (typeof params === "object") return new Params(new Map(Object.entries(params)), false);
    throw invalid(false, "unknown type for JSON params, expected map or array");
  }

  /** Params of a URI request, e.g. `/block?height=5`. Empty values count as absent. */
  static fromQuery(query: URLSearchParams): Params {
    const values = new Map<string, unknown>();
    for (const [name, value] of query) if (value !== "" && !values.has(name)) values.set(name, value);
    return new Params(values, true);
  }

  optionalInt64(name: string): bigint | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === null) return undefined;
    const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : this.unquoted(value);
    if (typeof text !== "string" || !/^-?\d+$/.test(text)) throw this.invalid(`${name}: invalid integer ${JSON.stringify(value)}`);
    const number = BigInt(text);
    if (number < INT64_MIN || number > INT64_MAX) throw this.invalid(`${name}: ${text} overflows int64`);
    return number;
  }

  int64(name: string): bigint {
    return this.optionalInt64(name) ?? 0n;
  }

  optionalInt(name: string): number | undefined {
    const value = this.optionalInt64(name);
    return value === undefined ? undefined : Number(value);
  }

  bool(name: string): boolean {
    const value = this.values.get(name);
    if (value === undefined || value === null) return false;
    if (typeof value === "boolean") return value;
    if (this.fromUri && (value === "true" || value === "false")) return value === "true";
    throw this.invalid(`${name}: expected a boolean, got ${JSON.stringify(value)}`);
  }

  string(name: string): string {
    const value = this.values.get(name);
    if (value === undefined || value === null) return "";
    if (!this.fromUri) {
      if (typeof value !== "string") throw this.invalid(`${name}: expected a string, got ${JSON.stringify(value)}`);
      return value;
    }
    const text = value as string;
    if (/^0x/i.test(text)) return new TextDecoder().decode(this.hex(name, text.slice(2)));
    return this.unquoted(text) as string;
  }

  /** A Go `[]byte` argument (a tx, a hash). */
  bytes(name: string): Uint8Array {
    const value = this.values.get(name);
    if (value === undefined || value === null) return new Uint8Array(0);
    if (typeof value !== "string") throw this.invalid(`${name}: expected a string, got ${JSON.stringify(value)}`);
    if (this.fromUri) return /^0x/i.test(value) ? this.hex(name, value.slice(2)) : this.rawQuoted(name, value);
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)) {
      throw this.invalid(`${name}: expected base64, got ${JSON.stringify(value)}`);
    }
    return new Uint8Array(Buffer.from(value, "base64"));
  }

  /** A CometBFT `HexBytes` argument (abci_query's data). */
  hexBytes(name: string): Uint8Array {
    const value = this.values.get(name);
    if (value === undefined || value === null) return new Uint8Array(0);
    if (typeof value !== "string") throw this.invalid(`${name}: expected a hex string, got ${JSON.stringify(value)}`);
    if (this.fromUri && !/^0x/i.test(value)) return this.rawQuoted(name, value);
    return this.hex(name, value.replace(/^0x/i, ""));
  }

  /** A URI value written as a JSON string ("5", "text") stands for its content. */
  private unquoted(value: unknown): unknown {
    if (!this.fromUri || typeof value !== "string" || !value.startsWith('"')) return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw this.invalid(`invalid quoted string ${value}`);
    }
  }

  private rawQuoted(name: string, value: string): Uint8Array {
    const text = this.unquoted(value);
    if (!value.startsWith('"') || typeof text !== "string") {
      throw this.invalid(`${name}: expected 0x-prefixed hex or a quoted string, got ${value}`);
    }
    return new TextEncoder().encode(text);
  }

  private hex(name: string, digits: string): Uint8Array {
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(digits)) throw this.invalid(`${name}: invalid hex ${JSON.stringify(digits)}`);
    return new Uint8Array(Buffer.from(digits, "hex"));
  }

  private invalid(detail: string): RpcError {
    return invalid(this.fromUri, detail);
  }
}

function invalid(fromUri: boolean, detail: string): RpcError {
  return RpcError.invalidParams(`error converting ${fromUri ? "http" : "json"} params to arguments: ${detail}`);
}
