import type { Event } from "cosmjs-types/tendermint/abci/types";
import { describe, expect, it } from "vitest";
import { EventManager, indexOnly } from "./events.js";

const event = (type: string, ...keys: string[]): Event => ({ type, attributes: keys.map((key) => ({ key, value: "v", index: true })) });
const indexed = (events: Event[]) => events.flatMap((e) => e.attributes.filter((a) => a.index).map((a) => `${e.type}.${a.key}`));

describe("indexOnly", () => {
  it("marks exactly the attributes whose type.key is listed, dots in types and keys included", () => {
    const mark = indexOnly(["message.sender", "cosmos.bank.v1beta1.EventSend.amount", "x.a.b"]);
    const events = [event("message", "sender", "action"), event("cosmos.bank.v1beta1.EventSend", "amount", "to"), event("x", "a.b", "a"), event("x.a", "b"), event("transfer", "sender")];
    expect(indexed(mark(events))).toEqual(["message.sender", "cosmos.bank.v1beta1.EventSend.amount", "x.a.b", "x.a.b"]);
    // The events given are left as they were.
    expect(indexed(events)).toHaveLength(8);
  });
});

describe("EventManager", () => {
  it("emits attributes in the order written, each marked for indexing", () => {
    const events = new EventManager();
    events.emit("transfer", { recipient: "bob", sender: "alice", amount: "5uxprt" });
    events.emit("message", {});
    expect(events.events).toEqual([
      {
        type: "transfer",
        attributes: [
          { key: "recipient", value: "bob", index: true },
          { key: "sender", value: "alice", index: true },
          { key: "amount", value: "5uxprt", index: true },
        ],
      },
      { type: "message", attributes: [] },
    ]);
  });
});
