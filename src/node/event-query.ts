/**
 * CometBFT's event query language (v0.38, libs/pubsub/query): conditions joined by `AND`, each
 * `tag op operand`, e.g. `tm.event='Tx' AND transfer.amount > 5 AND tx.height <= 100`.
 * Used by WebSocket subscriptions and by `tx_search`.
 */

export type QueryOperator = "=" | "<" | "<=" | ">" | ">=" | "CONTAINS" | "EXISTS";

/** An operand as written; `text` is the literal without its quotes or `DATE`/`TIME` label. */
export type QueryOperand =
  | { kind: "string"; text: string }
  | { kind: "number"; text: string }
  | { kind: "date"; text: string; nanos: bigint }
  | { kind: "time"; text: string; nanos: bigint };

export interface QueryCondition {
  /** Composite key `type.attribute`, e.g. `message.sender`. */
  tag: string;
  op: QueryOperator;
  /** Absent for `EXISTS` only. */
  operand?: QueryOperand;
}

export interface EventQuery {
  conditions: QueryCondition[];
  /** Canonical text (`tag op operand` joined by ` AND `): equal queries have equal text. */
  text: string;
}

/** A query that does not follow the grammar; the message names the offset. */
export class QueryParseError extends Error {
  override readonly name = "QueryParseError";
}

/** An ABCI event as far as matching is concerned (cosmjs-types `Event` fits). */
export interface EventLike {
  type: string;
  attributes: readonly { key: string; value: string }[];
}

/** Events flattened to composite key `type.key` -> values, in emission order. */
export type EventMap = ReadonlyMap<string, readonly string[]>;

/**
 * Parses a query, throwing {@link QueryParseError} when it is malformed.
 *
 * @example
 * const query = parseEventQuery("tm.event='Tx' AND tx.height > 5");
 * matches(query, [{ type: "tm", attributes: [{ key: "event", value: "Tx" }] }]); // false: no tx.height
 */
export function parseEventQuery(input: string): EventQuery {
  const tokens = new Scanner(input);
  const conditions = [parseCondition(tokens)];
  for (let token = tokens.next(); token !== undefined; token = tokens.next()) {
    if (token.kind !== "AND") throw new QueryParseError(`offset ${token.offset}: got ${describe(token)}, want AND operator`);
    conditions.push(parseCondition(tokens));
  }
  return { conditions, text: conditions.map(conditionText).join(" AND ") };
}

/** Flattens events as CometBFT's event bus does: events without a type and attributes without a key are dropped. */
export function flattenEvents(events: readonly EventLike[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const event of events) {
    if (event.type === "") continue;
    for (const { key, value } of event.attributes) {
      if (key === "") continue;
      const tag = `${event.type}.${key}`;
      const values = map.get(tag);
      if (values) values.push(value);
      else map.set(tag, [value]);
    }
  }
  return map;
}

/** Whether every condition holds for some value of its tag in `events`. */
export function matches(query: EventQuery, events: readonly EventLike[]): boolean {
  return matchesEventMap(query, flattenEvents(events));
}

/**
 * {@link matches} over already flattened events. As in CometBFT, a tag naming an event type
 * rather than an attribute (`message EXISTS`) is matched against the empty string, and no
 * events match no query.
 */
export function matchesEventMap(query: EventQuery, events: EventMap): boolean {
  if (events.size === 0) return false;
  let types: Set<string> | undefined;
  return query.conditions.every((condition) => {
    if (events.get(condition.tag)?.some((value) => conditionMatchesValue(condition, value))) return true;
    types ??= eventTypes(events);
    return types.has(condition.tag) && conditionMatchesValue(condition, "");
  });
}

/**
 * Whether one attribute value satisfies a condition. Numbers compare exactly as decimals, taking
 * the leading digits of the value as CometBFT does (`8uxprt` reads as 8); dates and times compare
 * as instants.
 */
export function conditionMatchesValue(condition: QueryCondition, value: string): boolean {
  const { op, operand } = condition;
  if (op === "EXISTS" || operand === undefined) return true;
  switch (operand.kind) {
    case "string":
      return op === "=" ? value === operand.text : op === "CONTAINS" && value.includes(operand.text);
    case "number": {
      const number = /^\d+(\.\d+)?/.exec(value)?.[0];
      return number !== undefined && orderHolds(op, compareDecimals(number, operand.text));
    }
    case "date": {
      const nanos = parseDate(value);
      return nanos !== undefined && orderHolds(op, compareBigints(nanos, operand.nanos));
    }
    case "time": {
      const nanos = parseTime(value);
      return nanos !== undefined && orderHolds(op, compareBigints(nanos, operand.nanos));
    }
  }
}

/** Compares two non-negative decimals written as `digits[.digits]`, exactly. */
export function compareDecimals(a: string, b: string): number {
  const [aInt, aFrac] = splitDecimal(a);
  const [bInt, bFrac] = splitDecimal(b);
  if (aInt.length !== bInt.length) return aInt.length - bInt.length;
  if (aInt !== bInt) return aInt < bInt ? -1 : 1;
  const width = Math.max(aFrac.length, bFrac.length);
  const x = aFrac.padEnd(width, "0");
  const y = bFrac.padEnd(width, "0");
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Nanoseconds since the Unix epoch of a `yyyy-mm-dd` date at UTC midnight, or undefined. */
export function parseDate(text: string): bigint | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  return instant(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0);
}

/** Nanoseconds since the Unix epoch of an RFC 3339 timestamp (fraction optional), or undefined. */
export function parseTime(text: string): bigint | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(text);
  if (!m) return undefined;
  const base = instant(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (base === undefined) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== "Z") {
    const hours = Number(m[10]);
    const minutes = Number(m[11]);
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (hours * 60 + minutes);
  }
  const fraction = BigInt((m[7] ?? "").padEnd(9, "0"));
  return base + fraction - BigInt(offsetMinutes) * 60_000_000_000n;
}

function instant(year: number, month: number, day: number, hour: number, minute: number, second: number): bigint | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined; // e.g. February 30th rolled over
  date.setUTCHours(hour, minute, second, 0);
  return BigInt(date.getTime()) * 1_000_000n;
}

function splitDecimal(text: string): [string, string] {
  const [int = "", frac = ""] = text.split(".");
  return [int.replace(/^0+(?=\d)/, ""), frac.replace(/0+$/, "")];
}

function compareBigints(a: bigint, b: bigint): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function orderHolds(op: QueryOperator, order: number): boolean {
  switch (op) {
    case "=":
      return order === 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    default:
      return false;
  }
}

function eventTypes(events: EventMap): Set<string> {
  const types = new Set<string>();
  for (const tag of events.keys()) {
    const dot = tag.lastIndexOf(".");
    if (dot > 0) types.add(tag.slice(0, dot));
  }
  return types;
}

function conditionText({ tag, op, operand }: QueryCondition): string {
  if (operand === undefined) return `${tag} ${op}`;
  const literal = { string: `'${operand.text}'`, number: operand.text, date: `DATE ${operand.text}`, time: `TIME ${operand.text}` }[operand.kind];
  return `${tag} ${op} ${literal}`;
}

// Parser

function parseCondition(tokens: Scanner): QueryCondition {
  const tag = tokens.require("tag");
  const opToken = tokens.require("operator");
  const op = opToken.text as QueryOperator;
  if (op === "EXISTS") return { tag: tag.text, op };
  const operandToken = tokens.require("operand");
  const allowed =
    op === "CONTAINS" ? ["string"] : op === "=" ? ["string", "number", "date", "time"] : ["number", "date", "time"];
  if (!allowed.includes(operandToken.kind)) {
    throw new QueryParseError(`offset ${operandToken.offset}: got ${describe(operandToken)}, wanted ${allowed.join(" or ")} after ${op}`);
  }
  return { tag: tag.text, op, operand: toOperand(operandToken) };
}

function toOperand(token: Token): QueryOperand {
  switch (token.kind) {
    case "date":
      return { kind: "date", text: token.text, nanos: token.nanos! };
    case "time":
      return { kind: "time", text: token.text, nanos: token.nanos! };
    case "number":
      return { kind: "number", text: token.text };
    default:
      return { kind: "string", text: token.text };
  }
}

// Scanner

type TokenKind = "tag" | "string" | "number" | "date" | "time" | "AND" | "operator";

interface Token {
  kind: TokenKind;
  text: string;
  offset: number;
  /** For dates and times: the instant in nanoseconds since the epoch. */
  nanos?: bigint;
}

const TAG_CHAR = /[\p{L}\p{Nd}._-]/u;
const FIRST_TAG_CHAR = /[\p{L}\p{Nd}_]/u;

class Scanner {
  private position = 0;

  constructor(private readonly input: string) {}

  /** The next token, or undefined at the end of the input. */
  next(): Token | undefined {
    const input = this.input;
    while (this.position < input.length && /\s/u.test(input[this.position]!)) this.position++;
    if (this.position >= input.length) return undefined;
    const start = this.position;
    const ch = input[start]!;
    if (ch >= "0" && ch <= "9") {
      const text = /^\d+(\.\d*)?/.exec(input.slice(start))![0];
      this.position += text.length;
      return { kind: "number", text, offset: start };
    }
    if (ch === "'") {
      const end = input.indexOf("'", start + 1);
      if (end < 0) throw new QueryParseError(`offset ${start}: unterminated string`);
      this.position = end + 1;
      return { kind: "string", text: input.slice(start + 1, end), offset: start };
    }
    if (ch === "<" || ch === ">") {
      const text = input[start + 1] === "=" ? `${ch}=` : ch;
      this.position += text.length;
      return { kind: "operator", text, offset: start };
    }
    if (ch === "=") {
      this.position++;
      return { kind: "operator", text: "=", offset: start };
    }
    if (FIRST_TAG_CHAR.test(ch)) return this.scanWord(start);
    throw new QueryParseError(`offset ${start}: invalid input ${ch}`);
  }

  /** The next token, which must be of the given kind. */
  require(kind: "tag" | "operator" | "operand"): Token {
    const token = this.next();
    if (token === undefined) throw new QueryParseError(`offset ${this.position}: unexpected end of query, wanted ${kind}`);
    const ok = kind === "operand" ? ["string", "number", "date", "time"].includes(token.kind) : token.kind === kind;
    if (!ok) throw new QueryParseError(`offset ${token.offset}: got ${describe(token)}, wanted ${kind}`);
    return token;
  }

  private scanWord(start: number): Token {
    const input = this.input;
    let end = start + 1;
    while (end < input.length && TAG_CHAR.test(input[end]!)) end++;
    const word = input.slice(start, end);
    this.position = end;
    // As in CometBFT, DATE and TIME label an operand only when a single space follows them.
    if ((word === "DATE" || word === "TIME") && input[end] === " ") return this.scanInstant(word, end + 1);
    if (word === "AND") return { kind: "AND", text: word, offset: start };
    if (word === "EXISTS" || word === "CONTAINS") return { kind: "operator", text: word, offset: start };
    return { kind: "tag", text: word, offset: start };
  }

  private scanInstant(label: "DATE" | "TIME", start: number): Token {
    const chars = label === "DATE" ? /^[\d-]*/ : /^[\dTZ:+-]*/;
    const text = chars.exec(this.input.slice(start))![0];
    this.position = start + text.length;
    const nanos = label === "DATE" ? parseDate(text) : parseTime(text);
    if (nanos === undefined) throw new QueryParseError(`offset ${start}: invalid ${label} value ${JSON.stringify(text)}`);
    const year = Number(text.slice(0, 4));
    if (year < 1900 || year > 2999) throw new QueryParseError(`offset ${start}: ${label} year ${year} out of range`);
    return { kind: label === "DATE" ? "date" : "time", text, offset: start, nanos };
  }
}

function describe(token: Token): string {
  return token.kind === "operator" || token.kind === "AND" ? `operator ${token.text}` : `${token.kind} ${JSON.stringify(token.text)}`;
}
