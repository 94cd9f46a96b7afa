import { describe, expect, it } from "vitest";
import {
  compareDecimals,
  conditionMatchesValue,
  flattenEvents,
  matches,
  parseEventQuery,
  parseTime,
  QueryParseError,
  type EventLike,
} from "./event-query.js";

function event(type: string, attributes: Record<string, string | string[]>): EventLike {
  return {
    type,
    attributes: Object.entries(attributes).flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map((v) => ({ key, value: v })),
    ),
  };
}

const txEvents: EventLike[] = [
  event("tm", { event: "Tx" }),
  event("tx", { hash: "ABCD", height: "12" }),
  event("message", { action: "/cosmos.bank.v1beta1.MsgSend", sender: "persistence1alice" }),
  event("transfer", { recipient: ["persistence1bob", "persistence1carol"], amount: "1500uxprt" }),
  event("loan", { due: "2025-03-01T12:00:00.5Z", opened: "2024-12-31", rate: "0.0725" }),
];

describe("parseEventQuery", () => {
  it("parses every operator and operand kind", () => {
    const query = parseEventQuery(
      "tm.event = 'Tx' AND tx.height>=5 AND a.b<2.5 AND c-d.e_f > 3 AND x.y <= DATE 2024-01-02 AND t.u CONTAINS 'z' AND k.v EXISTS AND w.w = TIME 2024-01-02T03:04:05+01:00",
    );
    expect(query.conditions.map((c) => [c.tag, c.op, c.operand?.kind])).toEqual([
      ["tm.event", "=", "string"],
      ["tx.height", ">=", "number"],
      ["a.b", "<", "number"],
      ["c-d.e_f", ">", "number"],
      ["x.y", "<=", "date"],
      ["t.u", "CONTAINS", "string"],
      ["k.v", "EXISTS", undefined],
      ["w.w", "=", "time"],
    ]);
    expect(query.text).toBe(
      "tm.event = 'Tx' AND tx.height >= 5 AND a.b < 2.5 AND c-d.e_f > 3 AND x.y <= DATE 2024-01-02 AND t.u CONTAINS 'z' AND k.v EXISTS AND w.w = TIME 2024-01-02T03:04:05+01:00",
    );
  });

  it("gives equal queries equal canonical text", () => {
    expect(parseEventQuery("tm.event='NewBlock'").text).toBe(parseEventQuery("  tm.event =  'NewBlock' ").text);
  });

  it("keeps spaces and symbols inside string operands", () => {
    expect(parseEventQuery("a.b = 'x AND y=1'").conditions[0]!.operand).toEqual({ kind: "string", text: "x AND y=1" });
  });

  it.each([
    ["", /end of query/],
    ["tm.event", /wanted operator/],
    ["tm.event =", /wanted operand/],
    ["tm.event = 'Tx", /unterminated string/],
    ["tm.event = 'Tx' tx.height = 5", /want AND/],
    ["tm.event = 'Tx' AND", /end of query/],
    ["tm.event CONTAINS 5", /wanted string/],
    ["a.b > 'x'", /wanted number or date or time/],
    ["a.b = DATE 2024-13-01", /invalid DATE/],
    ["a.b = TIME 2024-01-01T00:00:00", /invalid TIME/],
    ["a.b = DATE 1800-01-01", /out of range/],
    ["a.b == 5", /got operator =/],
    ["a.b = 5 OR c.d = 6", /want AND/],
    ["a.b ! 5", /invalid input !/],
  ])("rejects %j", (text, message) => {
    expect(() => parseEventQuery(text)).toThrow(QueryParseError);
    expect(() => parseEventQuery(text)).toThrow(message);
  });
});

describe("matches", () => {
  const cases: [string, boolean][] = [
    ["tm.event='Tx'", true],
    ["tm.event='NewBlock'", false],
    ["tm.event='Tx' AND message.sender='persistence1alice'", true],
    ["message.sender='persistence1alice' AND transfer.recipient='persistence1carol'", true],
    ["transfer.recipient='persistence1dave'", false],
    ["transfer.recipient CONTAINS 'bob'", true],
    ["tx.height = 12", true],
    ["tx.height = 12.0", true],
    ["tx.height > 11.99", true],
    ["tx.height >= 13", false],
    ["tx.height < 100 AND tx.height > 2", true],
    ["transfer.amount > 1499", true],
    ["transfer.amount = 1500", true],
    ["transfer.amount CONTAINS 'uxprt'", true],
    ["loan.rate < 0.08", true],
    ["loan.rate > 0.0725", false],
    ["loan.rate >= 0.07250", true],
    ["message.sender > 1", false],
    ["loan.due > TIME 2025-03-01T12:00:00Z", true],
    ["loan.due < TIME 2025-03-01T13:00:00+01:00", false],
    ["loan.opened = DATE 2024-12-31", true],
    ["loan.opened < DATE 2025-01-01", true],
    ["loan.due < DATE 2026-01-01", false],
    ["loan.rate EXISTS", true],
    ["loan.fee EXISTS", false],
    ["loan EXISTS", true],
    ["message = ''", true],
  ];
  it.each(cases)("%s -> %s", (text, expected) => {
    expect(matches(parseEventQuery(text), txEvents)).toBe(expected);
  });

  it("matches nothing against no events", () => {
    expect(matches(parseEventQuery("a.b EXISTS"), [])).toBe(false);
  });

  it("ignores events without a type and attributes without a key", () => {
    const flattened = flattenEvents([event("", { x: "1" }), { type: "a", attributes: [{ key: "", value: "2" }, { key: "b", value: "3" }] }]);
    expect([...flattened]).toEqual([["a.b", ["3"]]]);
  });

  it("compares huge integers exactly", () => {
    const events = [event("supply", { total: "100000000000000000000000000000001" })];
    expect(matches(parseEventQuery("supply.total > 100000000000000000000000000000000"), events)).toBe(true);
    expect(matches(parseEventQuery("supply.total = 100000000000000000000000000000000"), events)).toBe(false);
  });
});

describe("helpers", () => {
  it("compares decimals exactly", () => {
    expect(compareDecimals("007", "7")).toBe(0);
    expect(compareDecimals("7.10", "7.1")).toBe(0);
    expect(compareDecimals("10", "9.999")).toBeGreaterThan(0);
    expect(compareDecimals("0.1", "0.09")).toBeGreaterThan(0);
    expect(compareDecimals("5.", "5")).toBe(0);
  });

  it("reads numbers from the leading digits of a value, as CometBFT does", () => {
    const { conditions } = parseEventQuery("a.b = 8");
    expect(conditionMatchesValue(conditions[0]!, "8uxprt")).toBe(true);
    expect(conditionMatchesValue(conditions[0]!, "-8")).toBe(false);
    expect(conditionMatchesValue(conditions[0]!, "uxprt")).toBe(false);
  });

  it("parses RFC 3339 times with offsets and nanoseconds", () => {
    expect(parseTime("1970-01-01T00:00:01.000000002Z")).toBe(1_000_000_002n);
    expect(parseTime("1970-01-01T01:00:00+01:00")).toBe(0n);
    expect(parseTime("2023-02-29T00:00:00Z")).toBeUndefined();
    expect(parseTime("2024-01-01 00:00:00Z")).toBeUndefined();
  });
});
