import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { CacheKV } from "../../store/cache-kv.js";
import type { KVReader } from "../../store/kv.js";
import { decodeAddress, encodeAddress, moduleAddress } from "../../types/address.js";
import { Context, unmeteredGas } from "../../types/context.js";
import { ErrUnauthorized, type ErrorCode } from "../../types/errors.js";
import { AssetStatus } from "../../generated/persistence/assets/v1/types.js";
import { ErrAssetLocked, ErrAssetNotFound, ErrFractionNotFound, ErrInvalidStatus, ErrInvalidTransition, ErrNotOwner } from "./errors.js";
import type { AssetsKeeper } from "./keeper.js";
import { document, fromSeeds, identityGenesis, invoiceProperties } from "./test-fixture.js";

const EMPTY: KVReader = { get: () => undefined, has: () => false, iterate: () => [] };
const MARKET = moduleAddress("market");

/**
 * The API market and lending call, on the keepers of a real assembled App: the App's own
 * modules import the genesis into a state of the test's, as initChain would.
 */
describe("the assets keeper API other modules use", () => {
  let alice: TestSigner;
  let bob: TestSigner;
  let carol: TestSigner;
  let chain: AppHarness;
  let keeper: AssetsKeeper;
  let ctx: Context;

  beforeEach(async () => {
    let provider: TestSigner;
    [alice, bob, carol, provider] = await fromSeeds((seed) => TestSigner.fromSeed(seed), 1, 2, 3, 4);
    const genesis: Record<string, unknown> = { ...fundedGenesis([alice, bob, carol, provider]), identity: identityGenesis(provider, [{ signer: alice, kycLevel: 1 }]) };
    chain = await AppHarness.start({ genesis });
    keeper = chain.app.keepers.assets;
    ctx = new Context({ height: 2n, time: { seconds: 1_700_000_002n, nanos: 0 }, chainId: TEST_CHAIN_ID }, "finalize", new CacheKV(EMPTY), unmeteredGas());
    for (const module of chain.app.modules) expect(module.initGenesis(ctx, genesis[module.name] ?? module.defaultGenesis())).toBeUndefined();
    for (const id of ["INV-1", "INV-2"]) {
      expect(keeper.issue(ctx, { issuer: bytes(alice), classId: "invoice", id, documentHash: document(id), properties: invoiceProperties() })).toBeUndefined();
    }
    expect(keeper.fractionalize(ctx, "invoice", "INV-2", bytes(alice), 100n)).toBe("asset/invoice/INV-2");
  });
  afterEach(() => chain.close());

  const bytes = (signer: TestSigner) => decodeAddress(signer.address) as Uint8Array;
  const lastEvent = () => {
    const event = ctx.events.events.at(-1)!;
    return { type: event.type, ...Object.fromEntries(event.attributes.map((a) => [a.key, a.value])) };
  };

  it("holderRequirement: the class's holder requirement for a whole asset or a fraction denom", () => {
    const invoice = keeper.getClass(ctx, "invoice")!.holderRequirement;
    expect(invoice).toMatchObject({ minKycLevel: 1 });
    expect(keeper.holderRequirement(ctx, "nft:invoice/INV-1")).toEqual(invoice);
    expect(keeper.holderRequirement(ctx, "asset/invoice/INV-2")).toEqual(invoice);
    const refusals: [string, ErrorCode][] = [
      ["nft:invoice/INV-404", ErrAssetNotFound],
      ["nft:invoice", ErrAssetNotFound],
      [`nft:${"c".repeat(259)}/x`, ErrAssetNotFound],
      ["nft:invoice/INV-2", ErrAssetLocked],
      ["asset/invoice/INV-1", ErrFractionNotFound],
      ["uusd", ErrFractionNotFound],
    ];
    for (const [asset, kind] of refusals) expect(keeper.holderRequirement(ctx, asset), asset).toMatchObject({ kind });
  });

  it("transferNft: moves an asset from its owner without compliance checks", () => {
    expect(keeper.transferNft(ctx, "invoice", "INV-1", bytes(alice), MARKET)).toBeUndefined();
    expect(lastEvent()).toEqual({ type: "asset_transferred", class_id: "invoice", id: "INV-1", sender: alice.address, receiver: encodeAddress(MARKET) });
    // Carol holds no attestation: the caller is responsible for compliance.
    expect(keeper.transferNft(ctx, "invoice", "INV-1", MARKET, bytes(carol))).toBeUndefined();
    expect(keeper.getAsset(ctx, "invoice", "INV-1")!.owner).toBe(carol.address);
    expect(keeper.balance(ctx, bytes(carol), "invoice")).toBe(1n);
    expect(keeper.balance(ctx, MARKET, "invoice")).toBe(0n);

    expect(keeper.transferNft(ctx, "invoice", "INV-1", bytes(alice), bytes(bob))).toMatchObject({ kind: ErrNotOwner });
    expect(keeper.transferNft(ctx, "invoice", "INV-2", bytes(alice), bytes(bob))).toMatchObject({ kind: ErrAssetLocked });
    expect(keeper.transferNft(ctx, "invoice", "INV-404", bytes(alice), bytes(bob))).toMatchObject({ kind: ErrAssetNotFound });
    expect(keeper.transferNft(ctx, "invoice", "INV-1", bytes(carol), keeper.moduleAddress)).toMatchObject({ kind: ErrUnauthorized });
    expect(keeper.getAsset(ctx, "invoice", "INV-1")!.owner).toBe(carol.address);
  });

  it("setStatus: follows the transition table without the maintainer check", () => {
    expect(keeper.setStatus(ctx, "invoice", "INV-1", AssetStatus.ASSET_STATUS_PLEDGED)).toBeUndefined();
    expect(lastEvent()).toEqual({ type: "asset_status_changed", class_id: "invoice", id: "INV-1", from: "issued", to: "pledged" });
    expect(keeper.setStatus(ctx, "invoice", "INV-1", AssetStatus.ASSET_STATUS_FINANCED)).toBeUndefined();
    expect(keeper.setStatus(ctx, "invoice", "INV-1", AssetStatus.ASSET_STATUS_DEFAULTED)).toBeUndefined();
    expect(keeper.getAsset(ctx, "invoice", "INV-1")!.status).toBe(AssetStatus.ASSET_STATUS_DEFAULTED);
    // A fractionalized asset's status moves too (lending may finance its fractions).
    expect(keeper.setStatus(ctx, "invoice", "INV-2", AssetStatus.ASSET_STATUS_PLEDGED)).toBeUndefined();

    expect(keeper.setStatus(ctx, "invoice", "INV-1", AssetStatus.ASSET_STATUS_ISSUED)).toMatchObject({ kind: ErrInvalidTransition });
    expect(keeper.setStatus(ctx, "invoice", "INV-1", AssetStatus.ASSET_STATUS_UNSPECIFIED)).toMatchObject({ kind: ErrInvalidStatus });
    expect(keeper.setStatus(ctx, "invoice", "INV-1", 42 as AssetStatus)).toMatchObject({ kind: ErrInvalidStatus });
    expect(keeper.setStatus(ctx, "invoice", "INV-404", AssetStatus.ASSET_STATUS_PAID)).toMatchObject({ kind: ErrAssetNotFound });
    expect(keeper.getAsset(ctx, "invoice", "INV-1")!.status).toBe(AssetStatus.ASSET_STATUS_DEFAULTED);
  });
});
