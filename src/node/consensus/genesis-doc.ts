import type { RequestInitChain } from "cosmjs-types/tendermint/abci/types";
import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { bytesEqual, fromHex, toHex } from "../../store/bytes.js";
import { sortValidatorSet, validatorAddress, type ValidatorPower } from "./block-hashing.js";

/**
 * CometBFT v0.38's genesis.json: parsed, validated as CometBFT validates it, written byte for
 * byte as CometBFT writes it, and turned into the RequestInitChain that CometBFT sends the app.
 */

/** Consensus params with every section present, as a genesis document always has them. */
export type GenesisConsensusParams = Required<ConsensusParams>;

export interface GenesisValidator extends ValidatorPower {
  /** First 20 bytes of sha256(pubKey). */
  address: Uint8Array;
  name: string;
}

export interface GenesisDoc {
  genesisTime: Timestamp;
  chainId: string;
  initialHeight: bigint;
  consensusParams: GenesisConsensusParams;
  validators: GenesisValidator[];
  appHash: Uint8Array;
  /** The app_state JSON exactly as it stands in the file; undefined when the file has none. */
  appState: Uint8Array | undefined;
}

/** A genesis document CometBFT would refuse; `field` is the JSON path of the culprit. */
export class GenesisDocError extends Error {
  override readonly name = "GenesisDocError";
  readonly code = "invalid_genesis";

  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`genesis ${field}: ${detail}`);
  }
}

const MAX_CHAIN_ID_LENGTH = 50;
const MAX_BLOCK_SIZE_BYTES = 104_857_600n;
const MAX_TOTAL_VOTING_POWER = (2n ** 63n - 1n) / 8n;
const KNOWN_PUB_KEY_TYPES = ["ed25519", "secp256k1"];
const ED25519_PUB_KEY_TYPE = "tendermint/PubKeyEd25519";
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const NANOS_PER_SECOND = 1_000_000_000n;

/** CometBFT's DefaultConsensusParams. */
export function defaultConsensusParams(): GenesisConsensusParams {
  return {
    block: { maxBytes: 22_020_096n, maxGas: -1n },
    evidence: { maxAgeNumBlocks: 100_000n, maxAgeDuration: { seconds: 48n * 3600n, nanos: 0 }, maxBytes: 1_048_576n },
    validator: { pubKeyTypes: ["ed25519"] },
    version: { app: 0n },
    abci: { voteExtensionsEnableHeight: 0n },
  };
}

/**
 * Reads genesis.json. Missing consensus_params take CometBFT's defaults and a missing or zero
 * initial_height becomes 1, as in CometBFT; genesis_time is required (CometBFT would use the
 * clock) and only ed25519 validator keys are accepted.
 *
 * @example
 * const doc = parseGenesisDoc(readFileSync("genesis.json"));
 * await app.initChain(toRequestInitChain(doc));
 */
export function parseGenesisDoc(json: string | Uint8Array): GenesisDoc {
  const text = typeof json === "string" ? json : decodeUtf8(json);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new GenesisDocError("(document)", `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = readObject(parsed, "(document)");
  if (root["genesis_time"] === undefined) throw new GenesisDocError("genesis_time", "is required");
  const initialHeight = readInt64(root, "initial_height", "initial_height");
  const appStateText = rawTopLevelMember(text, "app_state");
  const doc: GenesisDoc = {
    genesisTime: readTime(root, "genesis_time", "genesis_time"),
    chainId: readString(root, "chain_id", "chain_id"),
    initialHeight: initialHeight === 0n ? 1n : initialHeight,
    consensusParams:
      root["consensus_params"] === undefined || root["consensus_params"] === null
        ? defaultConsensusParams()
        : readConsensusParams(readObject(root["consensus_params"], "consensus_params")),
    validators: readValidators(root["validators"]),
    appHash: readHex(root, "app_hash", "app_hash"),
    appState: appStateText === undefined ? undefined : new TextEncoder().encode(appStateText),
  };
  validateGenesisDoc(doc);
  return doc;
}

/** Checks what CometBFT's GenesisDoc.ValidateAndComplete and ConsensusParams.ValidateBasic check. */
export function validateGenesisDoc(doc: GenesisDoc): void {
  if (doc.chainId === "") throw new GenesisDocError("chain_id", "must not be empty");
  const chainIdLength = new TextEncoder().encode(doc.chainId).length;
  if (chainIdLength > MAX_CHAIN_ID_LENGTH) {
    throw new GenesisDocError("chain_id", `is ${chainIdLength} bytes long, at most ${MAX_CHAIN_ID_LENGTH} allowed`);
  }
  if (doc.initialHeight < 1n) throw new GenesisDocError("initial_height", `must be at least 1, got ${doc.initialHeight}`);
  const timeProblem = timestampProblem(doc.genesisTime);
  if (timeProblem !== undefined) throw new GenesisDocError("genesis_time", timeProblem);
  validateConsensusParams(doc.consensusParams);
  validateValidators(doc.validators);
  if (doc.appState !== undefined && doc.appState.length > 0) {
    try {
      JSON.parse(decodeUtf8(doc.appState));
    } catch {
      throw new GenesisDocError("app_state", "is not valid JSON");
    }
  }
}

function validateConsensusParams(params: GenesisConsensusParams): void {
  const { block, evidence, validator, abci } = params;
  const fail = (field: string, detail: string) => new GenesisDocError(`consensus_params.${field}`, detail);
  if (block.maxBytes === 0n) throw fail("block.max_bytes", "cannot be 0");
  if (block.maxBytes < -1n) throw fail("block.max_bytes", `must be -1 or greater than 0, got ${block.maxBytes}`);
  if (block.maxBytes > MAX_BLOCK_SIZE_BYTES) {
    throw fail("block.max_bytes", `is too big: ${block.maxBytes} > ${MAX_BLOCK_SIZE_BYTES}`);
  }
  if (block.maxGas < -1n) throw fail("block.max_gas", `must be -1 or more, got ${block.maxGas}`);
  if (evidence.maxAgeNumBlocks <= 0n) {
    throw fail("evidence.max_age_num_blocks", `must be greater than 0, got ${evidence.maxAgeNumBlocks}`);
  }
  if (durationNanos(evidence.maxAgeDuration) <= 0n) throw fail("evidence.max_age_duration", "must be greater than 0");
  const maxBytes = block.maxBytes === -1n ? MAX_BLOCK_SIZE_BYTES : block.maxBytes;
  if (evidence.maxBytes > maxBytes) {
    throw fail("evidence.max_bytes", `is greater than the block's max bytes, ${evidence.maxBytes} > ${maxBytes}`);
  }
  if (evidence.maxBytes < 0n) throw fail("evidence.max_bytes", `must not be negative, got ${evidence.maxBytes}`);
  if (abci.voteExtensionsEnableHeight < 0n) throw fail("abci.vote_extensions_enable_height", "must not be negative");
  if (validator.pubKeyTypes.length === 0) throw fail("validator.pub_key_types", "must not be empty");
  validator.pubKeyTypes.forEach((type, i) => {
    if (!KNOWN_PUB_KEY_TYPES.includes(type)) throw fail(`validator.pub_key_types[${i}]`, `unknown key type "${type}"`);
  });
}

function validateValidators(validators: readonly GenesisValidator[]): void {
  let total = 0n;
  const seen = new Set<string>();
  validators.forEach((v, i) => {
    const field = `validators[${i}]`;
    if (v.pubKey.length !== 32) throw new GenesisDocError(`${field}.pub_key`, "must be a 32-byte ed25519 key");
    if (v.votingPower <= 0n) throw new GenesisDocError(`${field}.power`, `must be positive, got ${v.votingPower}`);
    const address = validatorAddress(v.pubKey);
    if (!bytesEqual(v.address, address)) {
      const expected = toHex(address).toUpperCase();
      throw new GenesisDocError(`${field}.address`, `is not the address of its pub_key, which is ${expected}`);
    }
    if (seen.has(toHex(address))) throw new GenesisDocError(field, "duplicates an earlier validator");
    seen.add(toHex(address));
    total += v.votingPower;
  });
  if (total > MAX_TOTAL_VOTING_POWER) {
    throw new GenesisDocError("validators", `total power ${total} exceeds the maximum ${MAX_TOTAL_VOTING_POWER}`);
  }
}

/**
 * genesis.json as CometBFT's GenesisDoc.SaveAs writes it: two-space indent, 64-bit integers as
 * strings, app_state re-indented in place, no trailing newline.
 */
export function formatGenesisDoc(doc: GenesisDoc): string {
  validateGenesisDoc(doc);
  const params = doc.consensusParams;
  const document: Record<string, unknown> = {
    genesis_time: formatRfc3339Nanos(doc.genesisTime),
    chain_id: doc.chainId,
    initial_height: doc.initialHeight.toString(),
    consensus_params: {
      block: { max_bytes: params.block.maxBytes.toString(), max_gas: params.block.maxGas.toString() },
      evidence: {
        max_age_num_blocks: params.evidence.maxAgeNumBlocks.toString(),
        max_age_duration: durationNanos(params.evidence.maxAgeDuration).toString(),
        max_bytes: params.evidence.maxBytes.toString(),
      },
      validator: { pub_key_types: params.validator.pubKeyTypes },
      version: { app: params.version.app.toString() },
      abci: { vote_extensions_enable_height: params.abci.voteExtensionsEnableHeight.toString() },
    },
  };
  if (doc.validators.length > 0) {
    document["validators"] = doc.validators.map((v) => ({
      address: toHex(v.address).toUpperCase(),
      pub_key: { type: ED25519_PUB_KEY_TYPE, value: Buffer.from(v.pubKey).toString("base64") },
      power: v.votingPower.toString(),
      name: v.name,
    }));
  }
  document["app_hash"] = toHex(doc.appHash).toUpperCase();
  let compact = JSON.stringify(document);
  if (doc.appState !== undefined && doc.appState.length > 0) {
    compact = `${compact.slice(0, -1)},"app_state":${decodeUtf8(doc.appState)}}`;
  }
  return indentLikeGo(compact);
}

/**
 * The RequestInitChain CometBFT sends for this genesis: validators in validator set order and
 * app_state_bytes the raw app_state text.
 */
export function toRequestInitChain(doc: GenesisDoc): RequestInitChain {
  return {
    time: doc.genesisTime,
    chainId: doc.chainId,
    consensusParams: doc.consensusParams,
    validators: sortValidatorSet(doc.validators).map((v) => ({ pubKey: { ed25519: v.pubKey }, power: v.votingPower })),
    appStateBytes: doc.appState ?? new Uint8Array(0),
    initialHeight: doc.initialHeight,
  };
}

// ---- RFC 3339 time, as Go's time.RFC3339Nano writes and reads it ----

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;
const MIN_SECONDS = -62_135_596_800n; // 0001-01-01T00:00:00Z
const MAX_SECONDS = 253_402_300_799n; // 9999-12-31T23:59:59Z

/**
 * Parses an RFC 3339 time with up to nanosecond precision (digits past the ninth are dropped,
 * as Go drops them) into a UTC Timestamp.
 *
 * @example
 * parseRfc3339Nanos("2023-05-17T14:12:48.347696215Z") // { seconds: 1684332768n, nanos: 347696215 }
 */
export function parseRfc3339Nanos(text: string): Timestamp {
  const match = RFC3339.exec(text);
  if (match === null) throw new RangeError(`"${text}" is not an RFC 3339 time such as 2024-01-31T12:00:00.5Z`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number, number, number, number, number, number,
  ];
  const dateValid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  if (!dateValid || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`"${text}" is not a valid date and time`);
  }
  const nanos = match[7] === undefined ? 0 : Number(match[7].slice(0, 9).padEnd(9, "0"));
  const zone = match[8]!;
  let offsetSeconds = 0;
  if (zone !== "Z") {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMinutes = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetMinutes > 59) throw new RangeError(`"${text}" has an invalid zone offset`);
    offsetSeconds = (zone[0] === "-" ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const seconds = BigInt(daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds);
  const timestamp = { seconds, nanos };
  const problem = timestampProblem(timestamp);
  if (problem !== undefined) throw new RangeError(`"${text}": ${problem}`);
  return timestamp;
}

/**
 * Formats a Timestamp as CometBFT does in JSON: UTC, trailing zeros of the fraction dropped.
 *
 * @example
 * formatRfc3339Nanos({ seconds: 1684332768n, nanos: 347696215 }) // "2023-05-17T14:12:48.347696215Z"
 */
export function formatRfc3339Nanos(timestamp: Timestamp): string {
  const problem = timestampProblem(timestamp);
  if (problem !== undefined) throw new RangeError(`cannot format time: ${problem}`);
  const seconds = Number(timestamp.seconds);
  const days = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - days * 86_400;
  const [year, month, day] = civilFromDays(days);
  const fraction = timestamp.nanos === 0 ? "" : `.${String(timestamp.nanos).padStart(9, "0").replace(/0+$/, "")}`;
  return (
    `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T` +
    `${pad(Math.floor(secondOfDay / 3600), 2)}:${pad(Math.floor((secondOfDay % 3600) / 60), 2)}:${pad(secondOfDay % 60, 2)}` +
    `${fraction}Z`
  );
}

function timestampProblem(timestamp: Timestamp): string | undefined {
  if (timestamp.seconds < MIN_SECONDS || timestamp.seconds > MAX_SECONDS) return "the year must be within 0001..9999";
  if (!Number.isInteger(timestamp.nanos) || timestamp.nanos < 0 || timestamp.nanos > 999_999_999) {
    return `nanos must be within 0..999999999, got ${timestamp.nanos}`;
  }
  return undefined;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

// ---- reading JSON fields as CometBFT's JSON codec reads them ----

function readConsensusParams(params: Record<string, unknown>): GenesisConsensusParams {
  // A missing field reads as Go's zero value, which validation then judges, as in CometBFT.
  const section = (name: string) => readObject(params[name] ?? {}, `consensus_params.${name}`);
  const block = section("block");
  const evidence = section("evidence");
  const validator = section("validator");
  const version = section("version");
  const abci = section("abci");
  const pubKeyTypes = validator["pub_key_types"] ?? [];
  if (!Array.isArray(pubKeyTypes) || !pubKeyTypes.every((t) => typeof t === "string")) {
    throw new GenesisDocError("consensus_params.validator.pub_key_types", "must be a list of strings");
  }
  const maxAgeNanos = readInt64(evidence, "max_age_duration", "consensus_params.evidence.max_age_duration");
  return {
    block: {
      maxBytes: readInt64(block, "max_bytes", "consensus_params.block.max_bytes"),
      maxGas: readInt64(block, "max_gas", "consensus_params.block.max_gas"),
    },
    evidence: {
      maxAgeNumBlocks: readInt64(evidence, "max_age_num_blocks", "consensus_params.evidence.max_age_num_blocks"),
      maxAgeDuration: { seconds: maxAgeNanos / NANOS_PER_SECOND, nanos: Number(maxAgeNanos % NANOS_PER_SECOND) },
      maxBytes: readInt64(evidence, "max_bytes", "consensus_params.evidence.max_bytes"),
    },
    validator: { pubKeyTypes: pubKeyTypes as string[] },
    version: { app: readUint64(version, "app", "consensus_params.version.app") },
    abci: {
      voteExtensionsEnableHeight: readInt64(
        abci,
        "vote_extensions_enable_height",
        "consensus_params.abci.vote_extensions_enable_height",
      ),
    },
  };
}

function readValidators(value: unknown): GenesisValidator[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new GenesisDocError("validators", "must be a list");
  return value.map((entry, i) => {
    const field = `validators[${i}]`;
    const validator = readObject(entry, field);
    const pubKey = readObject(validator["pub_key"], `${field}.pub_key`);
    if (pubKey["type"] !== ED25519_PUB_KEY_TYPE) {
      const type = JSON.stringify(pubKey["type"]);
      const detail = `must be "${ED25519_PUB_KEY_TYPE}" (only ed25519 is supported), got ${type}`;
      throw new GenesisDocError(`${field}.pub_key.type`, detail);
    }
    const keyBase64 = pubKey["value"];
    if (typeof keyBase64 !== "string" || !/^[A-Za-z0-9+/]{43}=$/.test(keyBase64)) {
      throw new GenesisDocError(`${field}.pub_key.value`, "must be a base64 32-byte key");
    }
    const key = new Uint8Array(Buffer.from(keyBase64, "base64"));
    const address = readHex(validator, "address", `${field}.address`);
    return {
      // CometBFT fills in a missing address; a wrong one fails validation.
      address: address.length === 0 ? validatorAddress(key) : address,
      pubKey: key,
      votingPower: readInt64(validator, "power", `${field}.power`),
      name: validator["name"] === undefined ? "" : readString(validator, "name", `${field}.name`),
    };
  });
}

function readObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GenesisDocError(field, "must be a JSON object");
  }
  return value as Record<string, unknown>;
}

function readString(object: Record<string, unknown>, key: string, field: string): string {
  const value = object[key] ?? "";
  if (typeof value !== "string") throw new GenesisDocError(field, "must be a string");
  return value;
}

function readTime(object: Record<string, unknown>, key: string, field: string): Timestamp {
  try {
    return parseRfc3339Nanos(readString(object, key, field));
  } catch (error) {
    if (error instanceof RangeError) throw new GenesisDocError(field, error.message);
    throw error;
  }
}

function readInt64(object: Record<string, unknown>, key: string, field: string): bigint {
  const value = readIntegerString(object, key, field);
  if (value < INT64_MIN || value > INT64_MAX) throw new GenesisDocError(field, "is out of the int64 range");
  return value;
}

function readUint64(object: Record<string, unknown>, key: string, field: string): bigint {
  const value = readIntegerString(object, key, field);
  if (value < 0n || value > UINT64_MAX) throw new GenesisDocError(field, "is out of the uint64 range");
  return value;
}

function readIntegerString(object: Record<string, unknown>, key: string, field: string): bigint {
  const value = object[key];
  if (value === undefined) return 0n;
  if (typeof value !== "string" || !/^-?\d+$/.test(value)) {
    const hint = 'such as "10" (CometBFT writes 64-bit integers as strings)';
    throw new GenesisDocError(field, `must be an integer in a string, ${hint}, got ${JSON.stringify(value)}`);
  }
  return BigInt(value);
}

function readHex(object: Record<string, unknown>, key: string, field: string): Uint8Array {
  const value = readString(object, key, field);
  if (!/^([0-9A-Fa-f]{2})*$/.test(value)) throw new GenesisDocError(field, "must be hex");
  return fromHex(value);
}

function durationNanos(duration: Duration): bigint {
  return duration.seconds * NANOS_PER_SECOND + BigInt(duration.nanos);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new GenesisDocError("(document)", "is not valid UTF-8");
  }
}

// ---- raw JSON text, as Go's json.RawMessage keeps it and json.Indent lays it out ----

/** A member of the top-level object of valid JSON `text`, exactly as written; the last one if repeated. */
function rawTopLevelMember(text: string, key: string): string | undefined {
  let found: string | undefined;
  let i = skipSpace(text, skipSpace(text, 0) + 1);
  while (text[i] !== "}") {
    const keyEnd = stringEnd(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const end = valueEnd(text, valueStart);
    if (name === key) found = text.slice(valueStart, end);
    i = skipSpace(text, end);
    if (text[i] === ",") i = skipSpace(text, i + 1);
  }
  return found;
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

function skipSpace(text: string, i: number): number {
  while (isSpace(text[i])) i++;
  return i;
}

/** Index just past the string literal starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}

function valueEnd(text: string, start: number): number {
  const c = text[start];
  if (c === '"') return stringEnd(text, start);
  if (c === "{" || c === "[") {
    let depth = 0;
    let i = start;
    do {
      const d = text[i];
      if (d === '"') {
        i = stringEnd(text, i);
        continue;
      }
      if (d === "{" || d === "[") depth++;
      else if (d === "}" || d === "]") depth--;
      i++;
    } while (depth > 0);
    return i;
  }
  let i = start;
  while (i < text.length && !isSpace(text[i]) && text[i] !== "," && text[i] !== "}" && text[i] !== "]") i++;
  return i;
}

// Go's json.Marshal escapes these inside strings (HTML safety), and json.Indent keeps that.
const GO_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** Lays out valid JSON as Go's json.Marshal followed by json.Indent(…, "", "  ") does. */
function indentLikeGo(text: string): string {
  let out = "";
  let depth = 0;
  let openedContainer = false;
  const newline = () => "\n" + "  ".repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (isSpace(c)) continue;
    const closes = c === "}" || c === "]";
    if (openedContainer && !closes) {
      depth++;
      out += newline();
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end).replace(/[<>&\u2028\u2029]/g, (ch) => GO_ESCAPES[ch]!);
      i = end - 1;
    } else if (c === ",") {
      out += "," + newline();
    } else if (c === ":") {
      out += ": ";
    } else if (closes) {
      // An empty container stays on one line: {} or [].
      if (!openedContainer) {
        depth--;
        out += newline();
      }
      out += c;
    } else {
      out += c;
    }
    openedContainer = c === "{" || c === "[";
  }
  return out;
}
