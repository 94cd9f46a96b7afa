import { describe, expect, it } from "vitest";
import { assembleModules } from "../app/assembly.js";
import { persistenceRegistry, persistenceRegistryTypes } from "./registry.js";

describe("the client registry", () => {
  it("knows every message the chain's modules handle, and nothing else of ours", () => {
    const handled = assembleModules().modules.flatMap((m) => m.messages.map((h) => h.type.typeUrl)).filter((url) => url.startsWith("/persistence."));
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
