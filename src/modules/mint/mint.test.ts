import { QueryClient, setupMintExtension } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { QueryTotalSupplyRequest, QueryTotalSupplyResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import type { Event } from "cosmjs-types/tendermint/abci/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CacheKV } from "../../store/cache-kv.js";
import { AppHarness, fundedGenesis } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { Context, unmeteredGas } from "../../types/context.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { ErrInvalidMintParams } from "./errors.js";
import { defaultMintGenesis, exportMintGenesis, initMintGenesis } from "./genesis.js";
import { MintKeeper } from "./keeper.js";
import { bondedRatio, nextInflationRate } from "./minter.js";
import { mintModule } from "./module.js";
import { DEFAULT_MINT_PARAMS } from "./params.js";

const attributesOf = (events: readonly Event[], type: string) => events.filter((e) => e.type === type).map((e) => Object.fromEntries(e.attributes.map((a) => [a.key, a.value])));

/** CosmJS's query client over the App's ABCI query, as a node would serve it. */
function cosmjsClient(chain: AppHarness) {
  const comet = {
    abciQuery: async (params: { path: string; data: Uint8Array; height?: number }) => {
      const result = await chain.app.query({ path: params.path, data: params.data, height: BigInt(params.height ?? 0), prove: false });
      return { ...result, height: Number(result.height) || Number(chain.height) };
    },
  } as unknown as CometClient;
  return QueryClient.withExtensions(comet, setupMintExtension);
}

describe("mint on the App", () => {
  let chain: AppHarness;
  const supply = async () => BigInt((await chain.query("/cosmos.bank.v1beta1.Query/TotalSupply", QueryTotalSupplyRequest, {}, QueryTotalSupplyResponse)).supply.find((c) => c.denom === "uxprt")!.amount);

  beforeAll(async () => {
    // 300,000 XPRT: 13 % a year is about 6,179 uxprt a block.
    const signers = await Promise.all([1, 2, 3].map((seed) => TestSigner.fromSeed(seed)));
    chain = await AppHarness.start({ genesis: { ...fundedGenesis(signers, 100_000_000_000n), mint: defaultMintGenesis() } });
    await chain.block([]);
  });
  afterAll(() => chain.close());

  it("mints each block's provision into the fee collector, growing the supply by exactly that", async () => {
    let inflation = parseDecimal((chain.app.exportGenesis().mint as { minter: { inflation: string } }).minter.inflation)!;
    for (let block = 2; block <= 5; block++) {
      const before = await supply();
      const result = await chain.block([]);
      // Nothing is bonded: inflation climbs toward the maximum by a block's share of 13 %.
      inflation = nextInflationRate({ inflation, annualProvisions: 0n }, DEFAULT_MINT_PARAMS, bondedRatio(0n, before));
      const minted = (inflation * before) / (DEFAULT_MINT_PARAMS.blocksPerYear * ONE);
      expect(minted).toBeGreaterThan(6000n);
      expect(attributesOf(result.events, "mint")).toEqual([
        { bonded_ratio: "0.000000000000000000", inflation: formatDecimal(inflation), annual_provisions: formatDecimal(inflation * before), amount: minted.toString(), mode: "BeginBlock" },
      ]);
      expect(attributesOf(result.events, "coinbase")[0]).toMatchObject({ amount: `${minted}uxprt` });
      expect(await supply()).toBe(before + minted);
    }
  });

  it("answers CosmJS's mint queries (inflation and annual provisions as the SDK's decimal bytes)", async () => {
    const mint = cosmjsClient(chain).mint;
    const params = await mint.params();
    expect([params.mintDenom, params.inflationMax.toString(), params.goalBonded.toString(), params.blocksPerYear]).toEqual(["uxprt", "0.2", "0.67", 6_311_520n]);
    const exported = chain.app.exportGenesis().mint as { minter: { inflation: string; annual_provisions: string } };
    expect((await mint.inflation()).toString()).toBe(exported.minter.inflation.replace(/\.?0+$/, ""));
    expect((await mint.annualProvisions()).toString()).toBe(exported.minter.annual_provisions.replace(/\.?0+$/, ""));
  });
});

describe("mint genesis and governance params", () => {
  const EMPTY = { get: () => undefined, has: () => false, iterate: () => [] };
  const world = () => {
    const keeper = new MintKeeper({ getSupply: () => 0n, mintCoins: () => undefined, sendCoinsFromModuleToModule: () => undefined }, { bondDenom: () => "uxprt", totalBondedTokens: () => 0n });
    const ctx = new Context({ height: 1n, time: { seconds: 1n, nanos: 0 }, chainId: "test" }, "block", new CacheKV(EMPTY), unmeteredGas());
    return { keeper, ctx, module: mintModule(keeper) };
  };

  it("round-trips its genesis and refuses invalid params", () => {
    const { keeper, ctx } = world();
    const genesis = { minter: { inflation: "0.150000000000000000", annual_provisions: "12.500000000000000000" }, params: { mint_denom: "uxprt", inflation_rate_change: "0.1", inflation_max: "0.3", inflation_min: "0.05", goal_bonded: "0.5", blocks_per_year: "100" } };
    expect(initMintGenesis(keeper, ctx, genesis)).toBeUndefined();
    const exported = exportMintGenesis(keeper, ctx) as typeof genesis;
    expect(exported.minter).toEqual(genesis.minter);
    expect(exported.params).toMatchObject({ inflation_max: "0.300000000000000000", blocks_per_year: "100" });
    expect(initMintGenesis(keeper, ctx, exported)).toBeUndefined();
    expect(exportMintGenesis(keeper, ctx)).toEqual(exported);
    for (const bad of [{ inflation_max: "0.01" }, { goal_bonded: "0" }, { blocks_per_year: "0" }, { mint_denom: "" }, { inflation_rate_change: "1.5" }]) {
      expect(ErrInvalidMintParams.is(initMintGenesis(keeper, ctx, { ...genesis, params: { ...genesis.params, ...bad } }))).toBe(true);
    }
  });

  it("lets governance change one param at a time, validated as genesis, refusing without a change", () => {
    const { keeper, ctx, module } = world();
    expect(module.params!.set(ctx, "inflation_max", "0.25")).toBeUndefined();
    expect(keeper.getParams(ctx).inflationMax).toBe(ONE / 4n);
    expect(module.params!.get(ctx)).toMatchObject({ inflation_max: "0.250000000000000000", mint_denom: "uxprt" });
    const below = module.params!.set(ctx, "inflation_max", "0.01");
    expect(ErrInvalidMintParams.is(below) && below.log).toContain("must be greater than or equal to min inflation");
    expect(ErrInvalidMintParams.is(module.params!.set(ctx, "no_such_param", "1"))).toBe(true);
    expect(keeper.getParams(ctx).inflationMax).toBe(ONE / 4n);
  });
});
