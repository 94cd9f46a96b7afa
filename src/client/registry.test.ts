import { defaultRegistryTypes } from "@cosmjs/stargate";
import { describe, expect, it } from "vitest";
import { assembleModules } from "../app/assembly.js";
import { persistenceRegistry, persistenceRegistryTypes } from "./registry.js";

describe("the client registry", () => {
  it("adds to CosmJS's defaults exactly the messages the chain handles that they lack", () => {
    const cosmjsKnows = new Set(defaultRegistryTypes.map(([typeUrl]) => typeUrl));
    const handled = assembleModules().modules.flatMap((m) => m.messages.map((h) => h.type.typeUrl)).filter((url) => !cosmjsKnows.has(url));
    expect(persistenceRegistryTypes.map(([typeUrl]) => typeUrl).sort()).toEqual(handled.sort());
  });

  it("encodes and decodes our messages as CosmJS signs them", () => {
    const registry = persistenceRegistry();
    const value = { owner: "persistence1owner", base: "asset/invoice/INV-1", side: 2, price: "10", quantity: "3", expiresAt: undefined };
    const any = registry.encodeAsAny({ typeUrl: "/persistence.market.v1.MsgPlaceOrder", value });
    expect(registry.decode(any)).toEqual(value);
    expect(registry.lookupType("/cosmos.bank.v1beta1.MsgSend")).toBeDefined();
  });
});
