import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { CacheKV } from "../../store/cache-kv.js";
import type { KVReader } from "../../store/kv.js";
import { decodeAddress } from "../../types/address.js";
import { Context, unmeteredGas } from "../../types/context.js";
import * as requests from "../../generated/persistence/assets/v1/query.js";
import { AssetStatus } from "../../generated/persistence/assets/v1/types.js";
import { MsgBurnAsset, MsgFractionalize, MsgSetAssetStatus, MsgTransferAsset, QueryNFTsResponse, queryPath } from "./codecs.js";
import { defaultAssetsGenesis } from "./genesis.js";
import { encoded, fromSeeds, identityGenesis, issueInvoice, TxSender } from "./test-fixture.js";

const EMPTY: KVReader = { get: () => undefined, has: () => false, iterate: () => [] };

type Json = Record<string, any>;

describe("assets genesis", () => {
  let alice: TestSigner;
  let bob: TestSigner;
  let provider: TestSigner;
  let chain: AppHarness;
  let exported: Json;

  beforeEach(async () => {
    [alice, bob, provider] = await fromSeeds((seed) => TestSigner.fromSeed(seed), 1, 2, 3);
    const identity = identityGenesis(provider, [{ signer: alice, kycLevel: 2 }, { signer: bob, kycLevel: 1 }]);
    chain = await AppHarness.start({ genesis: { ...fundedGenesis([alice, bob, provider]), identity } });
    const txs = new TxSender(chain, TEST_CHAIN_ID, [alice, bob, provider]);
    const status = (id: string, value: AssetStatus) => encoded(MsgSetAssetStatus, { maintainer: alice.address, classId: "invoice", id, status: value });
    for (const msg of [
      issueInvoice(alice, "INV-1"),
      issueInvoice(alice, "INV-2"),
      issueInvoice(alice, "INV-3"),
      encoded(MsgTransferAsset, { sender: alice.address, classId: "invoice", id: "INV-2", receiver: bob.address }),
      encoded(MsgFractionalize, { owner: alice.address, classId: "invoice", id: "INV-1", units: 100n }),
      status("INV-3", AssetStatus.ASSET_STATUS_PAID),
      status("INV-3", AssetStatus.ASSET_STATUS_SETTLED),
      encoded(MsgBurnAsset, { owner: alice.address, classId: "invoice", id: "INV-3" }),
    ]) {
      const result = await txs.run(alice, msg);
      expect(result.code, result.log).toBe(0);
    }
    await chain.block([]); // allocates the last fees, as the copy's first block would
    exported = chain.app.exportGenesis() as Json;
  });
  afterEach(() => chain.close());

  /** Imports an app_state through the App's own modules, in genesis order, into a fresh state. */
  const importInto = (ctx: Context, appState: Json) => {
    for (const module of chain.app.modules) {
      const error = module.initGenesis(ctx, appState[module.name] ?? module.defaultGenesis());
      if (error) return `${module.name}: ${error.log}`;
    }
    return undefined;
  };
  const freshContext = () => new Context({ height: 1n, time: { seconds: 1_700_000_000n, nanos: 0 }, chainId: TEST_CHAIN_ID }, "genesis", new CacheKV(EMPTY), unmeteredGas());
  const importState = (appState: Json) => importInto(freshContext(), appState);

  it("starts a new chain with the five classes and no assets", async () => {
    const fresh = await AppHarness.start({ genesis: fundedGenesis([alice]) });
    try {
      await fresh.block([]);
      const assets = fresh.app.exportGenesis().assets as Json;
      expect(assets).toEqual(defaultAssetsGenesis());
      expect(assets.params).toEqual({ max_fraction_units: "1000000000" });
      expect(assets.classes.map((c: Json) => [c.id, c.issuer_requirement, c.holder_requirement])).toEqual([
        ["bill-of-lading", { min_kyc_level: 2, trader: true }, { min_kyc_level: 1 }],
        ["commodity-lot", { min_kyc_level: 2, trader: true }, { min_kyc_level: 1 }],
        ["invoice", { min_kyc_level: 1 }, { min_kyc_level: 1 }],
        ["letter-of-credit", { min_kyc_level: 2 }, { min_kyc_level: 1, investor_classes: ["INVESTOR_CLASS_PROFESSIONAL", "INVESTOR_CLASS_ACCREDITED"] }],
        ["warehouse-receipt", { min_kyc_level: 2, trader: true }, { min_kyc_level: 1 }],
      ]);
    } finally {
      await fresh.close();
    }
  });

  it("exports what a new chain imports into the same state, indexes and reservations included", async () => {
    const assets = exported.assets as Json;
    expect(assets.assets.map((a: Json) => [a.id, a.owner, a.status])).toEqual([
      ["INV-1", expect.stringMatching(/^persistence1/), "ASSET_STATUS_ISSUED"],
      ["INV-2", bob.address, "ASSET_STATUS_ISSUED"],
    ]);
    expect(assets.fractions).toEqual([{ denom: "asset/invoice/INV-1", class_id: "invoice", id: "INV-1", units: "100" }]);
    expect(assets.retired).toEqual([{ class_id: "invoice", id: "INV-3", document_hash: expect.any(String) }]);

    const copy = await AppHarness.start({ genesis: exported });
    try {
      await copy.block([]);
      expect(copy.app.exportGenesis()).toEqual(exported);
      const owned = await copy.query(queryPath("NFTs"), requests.QueryNFTsRequest, { owner: bob.address }, QueryNFTsResponse);
      expect(owned.nfts.map((n) => n.id)).toEqual(["INV-2"]);
      // Bob has not signed yet, so his sequence is 0 on the new chain too.
      const reused = await new TxSender(copy, TEST_CHAIN_ID, [alice, bob, provider]).run(bob, issueInvoice(bob, "INV-4", "INV-3"));
      expect([reused.codespace, reused.code]).toEqual(["assets", 5]);
    } finally {
      await copy.close();
    }
  });

  it("stores addresses in canonical form and properties in schema order, as a tx would", () => {
    const state = structuredClone(exported);
    state.assets.assets[1].owner = bob.address.toUpperCase();
    state.assets.assets[1].properties.reverse();
    const ctx = freshContext();
    expect(importInto(ctx, state)).toBeUndefined();
    const keeper = chain.app.keepers.assets;
    const asset = keeper.getAsset(ctx, "invoice", "INV-2")!;
    expect(asset.owner).toBe(bob.address);
    expect(asset.properties.map((p) => p.name)).toEqual(["face_value", "issue_date", "due_date", "obligor_commitment"]);
    expect(keeper.ownerIndex(ctx, decodeAddress(bob.address) as Uint8Array, "invoice").has(new TextEncoder().encode("INV-2"))).toBe(true);
  });

  it("refuses inconsistent state, naming what is wrong", () => {
    expect(importState(exported)).toBeUndefined();
    const mutate = (change: (assets: Json, state: Json) => void): Json => {
      const state = structuredClone(exported);
      change(state.assets, state);
      return state;
    };
    const cases: [string, Json, string][] = [
      ["cap below 2", mutate((a) => (a.params.max_fraction_units = "1")), "max_fraction_units must be at least 2"],
      ["class twice", mutate((a) => a.classes.push(a.classes[0])), "class bill-of-lading: is declared twice"],
      ["class id", mutate((a) => (a.classes[0].id = "B")), "class B: class id \"B\" must be 3 to 32 characters"],
      ["untyped property", mutate((a) => delete a.classes[2].properties[0].type), "class invoice: property face_value has no valid type"],
      ["unknown class", mutate((a) => (a.assets[1].class_id = "promissory-note")), "asset promissory-note/INV-2: unknown class"],
      ["owner", mutate((a) => (a.assets[1].owner = "persistence1nope")), "asset invoice/INV-2: owner:"],
      ["status", mutate((a) => delete a.assets[1].status), "asset invoice/INV-2: unknown status"],
      ["properties", mutate((a) => a.assets[1].properties.shift()), "asset invoice/INV-2: class invoice requires property face_value"],
      ["document twice", mutate((a) => (a.assets[1].document_hash = a.assets[0].document_hash)), "asset invoice/INV-2: document hash is used twice"],
      ["retired id in use", mutate((a) => (a.retired[0].id = "INV-2")), "retired asset invoice/INV-2: id is used twice"],
      ["fraction of a free asset", mutate((a) => (a.assets[0].owner = bob.address)), "fraction asset/invoice/INV-1: its asset is not held by the module account"],
      ["units differ from supply", mutate((a) => (a.fractions[0].units = "99")), "fraction asset/invoice/INV-1: bank's supply is 100, not 99 units"],
      ["denom of another asset", mutate((a) => (a.fractions[0].id = "INV-2")), "the denom of invoice/INV-2 is asset/invoice/INV-2"],
      ["locked without fraction", mutate((a) => (a.fractions = [])), "1 assets are held by the module account but 0 fractions are declared"],
      ["malformed number", mutate((a) => (a.assets[0].issued_height = "many")), "cannot read the assets genesis"],
    ];
    for (const [name, state, message] of cases) {
      const error = importState(state);
      expect(error, name).toMatch(/^assets: /);
      expect(error, name).toContain(message);
    }
  });
});
