import { describe, expect, it } from "vitest";
import { isError } from "../../types/errors.js";
import { bech, GovWorld } from "./test-fixture.js";

/** The governance params hook of the modules that existed before gov, through the real modules. */
function world(): GovWorld {
  const w = new GovWorld();
  const error = w.init();
  if (error) throw new Error(error.log);
  return w;
}

const paramsOf = (w: GovWorld, name: string) => w.modules.find((m) => m.name === name)!.params!;

describe("module params for governance", () => {
  it("reads every changeable key as genesis JSON", () => {
    const w = world();
    expect(paramsOf(w, "auth").get(w.ctx())).toEqual({
      max_memo_characters: "256",
      tx_sig_limit: "7",
      tx_size_cost_per_byte: "10",
      sig_verify_cost_ed25519: "590",
      sig_verify_cost_secp256k1: "1000",
    });
    expect(paramsOf(w, "bank").get(w.ctx())).toEqual({ default_send_enabled: true });
    expect(paramsOf(w, "assets").get(w.ctx())).toEqual({ max_fraction_units: "1000000000" });
    expect(paramsOf(w, "identity").get(w.ctx())).toEqual({ providers: [], auditors: [], authorities: [] });
    expect(paramsOf(w, "market").get(w.ctx())).toMatchObject({ maker_fee_rate: "0.001000000000000000", max_fills_per_order: 50 });
  });

  it("sets valid values", () => {
    const w = world();
    const ctx = w.ctx();
    expect(paramsOf(w, "auth").set(ctx, "max_memo_characters", "512")).toBeUndefined();
    expect(paramsOf(w, "bank").set(ctx, "default_send_enabled", false)).toBeUndefined();
    expect(paramsOf(w, "assets").set(ctx, "max_fraction_units", "1000")).toBeUndefined();
    expect(paramsOf(w, "market").set(ctx, "max_fills_per_order", 10)).toBeUndefined();
    expect(paramsOf(w, "identity").set(ctx, "authorities", [{ address: bech(5), name: "FIU" }])).toBeUndefined();
    expect(paramsOf(w, "identity").set(ctx, "authorities", [{ address: bech(6), name: "FIU 2" }])).toBeUndefined();
    expect(paramsOf(w, "auth").get(ctx).max_memo_characters).toBe("512");
    expect(paramsOf(w, "bank").get(ctx).default_send_enabled).toBe(false);
    expect(paramsOf(w, "assets").get(ctx).max_fraction_units).toBe("1000");
    expect(paramsOf(w, "market").get(ctx).max_fills_per_order).toBe(10);
    // A registry change replaces the whole list.
    expect(paramsOf(w, "identity").get(ctx).authorities).toEqual([{ address: bech(6), name: "FIU 2" }]);
  });

  it("refuses unknown keys and invalid values, changing nothing", () => {
    const w = world();
    const cases: [string, string, unknown][] = [
      ["auth", "max_memo_characters", "0"],
      ["auth", "max_memo_characters", "x"],
      ["auth", "nope", "1"],
      ["bank", "default_send_enabled", "yes"],
      ["assets", "max_fraction_units", "1"],
      ["market", "maker_fee_rate", "1.5"],
      ["market", "max_fills_per_order", "ten"],
      ["market", "max_fills_per_order", 0],
      ["identity", "providers", [{ address: "cosmos1xyz", name: "x" }]],
      ["identity", "providers", [{ address: bech(7), name: "a" }, { address: bech(7), name: "b" }]],
      ["identity", "providers", { address: bech(7) }],
      ["identity", "nope", []],
    ];
    for (const [module, key, value] of cases) {
      const before = w.snapshot();
      const error = paramsOf(w, module).set(w.ctx(), key, value);
      expect(isError(error), `${module}/${key}=${JSON.stringify(value)}`).toBe(true);
      expect(w.snapshot()).toBe(before);
    }
  });
});
