import { describe, expect, it } from "vitest";
import { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { CacheKV } from "../../store/cache-kv.js";
import type { KVReader } from "../../store/kv.js";
import { GENESIS_SECONDS } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { decodeAddress } from "../../types/address.js";
import { Context, unmeteredGas } from "../../types/context.js";
import { ONE } from "../../types/decimal.js";
import { isError } from "../../types/errors.js";
import { IdentityKeeper } from "../identity/keeper.js";
import type { PoolsBankKeeper, PoolsLendingKeeper } from "./expected-keepers.js";
import { PoolsKeeper } from "./keeper.js";
import { poolsModule } from "./module.js";

const EMPTY: KVReader = { get: () => undefined, has: () => false, iterate: () => [] };
const unused = () => {
  throw new Error("not used here");
};

/** Pools over an in-memory state with the real identity keeper; bank and lending are never reached by these calls. */
function world() {
  const bank: PoolsBankKeeper = { getBalance: () => 0n, getSupply: () => 0n, supplies: () => EMPTY, sendCoinsFromAccountToModule: unused, sendCoinsFromModuleToAccount: unused, mintCoins: unused, burnCoins: unused };
  const lending: PoolsLendingKeeper = { fundLoan: unused, getLoan: unused, debt: unused, addHooks: () => undefined };
  const keeper = new PoolsKeeper(bank, new IdentityKeeper(), lending);
  const module = poolsModule(keeper);
  const state = new CacheKV(EMPTY);
  const ctx = new Context({ height: 1n, time: { seconds: GENESIS_SECONDS, nanos: 0 }, chainId: "pools-params" }, "finalize", state, unmeteredGas());
  expect(module.initGenesis(ctx, module.defaultGenesis())).toBeUndefined();
  return { keeper, ctx, params: module.params! };
}

describe("pools params and tranche holder requirements", () => {
  it("lists every param by its snake_case key and changes one only when the whole params stay valid", () => {
    const { keeper, ctx, params } = world();
    expect(params.get(ctx)).toEqual({ originator_requirement: {}, max_settle_epochs: 100 });
    expect(params.set(ctx, "max_settle_epochs", 7)).toBeUndefined();
    expect(keeper.getParams(ctx).maxSettleEpochs).toBe(7);
    for (const [key, value, log] of [
      ["max_settle_epochs", 0, "max_settle_epochs must be 1 to 1000"],
      ["max_settle_epochs", 1001, "max_settle_epochs must be 1 to 1000"],
      ["fee", "1", "unknown pools param fee"],
    ] as const) {
      const error = params.set(ctx, key, value);
      expect(isError(error) && error.log).toContain(log);
      expect(keeper.getParams(ctx).maxSettleEpochs).toBe(7);
    }
    expect(params.set(ctx, "originator_requirement", { min_kyc_level: 2 })).toBeUndefined();
    expect(keeper.getParams(ctx).originatorRequirement.minKycLevel).toBe(2);
  });

  it("answers a tranche token's holder requirement with its pool's investor requirement", async () => {
    const { keeper, ctx } = world();
    const originator = decodeAddress((await TestSigner.fromSeed(3)).address) as Uint8Array;
    const terms = { seniorApr: ONE / 20n, minJuniorRatio: ONE / 5n, maxJuniorRatio: ONE / 2n, maxReserve: 1_000n, discountApr: ONE / 10n, minEpochSeconds: 10n };
    expect(keeper.createPool(ctx, originator, { ...terms, investorRequirement: ClaimRequirement.fromPartial({ minKycLevel: 2 }) })).toBe(1n);
    expect(keeper.holderRequirement(ctx, "pool/1/junior")).toMatchObject({ minKycLevel: 2 });
    for (const denom of ["pool/2/senior", "pool/1/mezzanine", "asset/invoice/f1"]) expect(isError(keeper.holderRequirement(ctx, denom))).toBe(true);
  });
});
