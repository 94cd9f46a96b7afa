import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { QueryBalanceRequest, QueryBalanceResponse, QueryDenomMetadataRequest, QueryDenomMetadataResponse, QuerySupplyOfRequest, QuerySupplyOfResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import { camelToSnake, renameKeysDeep } from "../../types/json-case.js";
import * as requests from "../../generated/persistence/assets/v1/query.js";
import { AssetClass, AssetStatus, Property } from "../../generated/persistence/assets/v1/types.js";
import { MsgFreeze, MsgRevokeAttestation } from "../../generated/persistence/identity/v1/tx.js";
import {
  MsgBurnAsset,
  MsgFractionalize,
  MsgFractionalizeResponse,
  MsgIssueAsset,
  MsgRecombine,
  MsgRecombineResponse,
  MsgSetAssetStatus,
  MsgTransferAsset,
  QueryFractionResponse,
  QueryNFTResponse,
  queryPath,
} from "./codecs.js";
import { defaultAssetsGenesis } from "./genesis.js";
import { assetsState, document, encoded, eventsOf, fromSeeds, identityGenesis, issueInvoice, testClass, TxSender } from "./test-fixture.js";

const DENOM = "asset/invoice/INV-1";
const ASSETS_MODULE = encodeAddress(moduleAddress("assets"));
/** 32 characters: with a 100-character asset id its denom would exceed bank's 128. */
const LONG_CLASS = "class-with-a-thirty-two-char-id1";

describe("fractions", () => {
  let alice: TestSigner;
  let bob: TestSigner;
  let carol: TestSigner;
  let dave: TestSigner;
  let provider: TestSigner;
  let chain: AppHarness;
  let txs: TxSender;

  beforeEach(async () => {
    [alice, bob, carol, dave, provider] = await fromSeeds((seed) => TestSigner.fromSeed(seed), 1, 2, 3, 4, 5);
    const accounts = [alice, bob, carol, dave, provider];
    const identity = identityGenesis(provider, [alice, bob, dave].map((signer) => ({ signer, kycLevel: 2 })));
    const assets = defaultAssetsGenesis() as { classes: unknown[] };
    const longClass = testClass(LONG_CLASS, { issuerRequirement: undefined, holderRequirement: undefined });
    assets.classes.push(renameKeysDeep(AssetClass.toJSON(longClass), camelToSnake));
    chain = await AppHarness.start({ genesis: { ...fundedGenesis(accounts), identity, assets } });
    txs = new TxSender(chain, TEST_CHAIN_ID, accounts);
    expect((await txs.run(alice, issueInvoice(alice, "INV-1"))).code).toBe(0);
  });
  afterEach(() => chain.close());

  const fractionalize = (by: TestSigner, units: bigint, id = "INV-1", classId = "invoice") => encoded(MsgFractionalize, { owner: by.address, classId, id, units });
  const recombine = (by: TestSigner, denom = DENOM) => encoded(MsgRecombine, { holder: by.address, denom });
  const send = (from: TestSigner, to: TestSigner, amount: bigint) =>
    encoded(MsgSend, MsgSend.fromPartial({ fromAddress: from.address, toAddress: to.address, amount: [{ denom: DENOM, amount: amount.toString() }] }));
  const units = async (holder: TestSigner) =>
    BigInt((await chain.query("/cosmos.bank.v1beta1.Query/Balance", QueryBalanceRequest, { address: holder.address, denom: DENOM }, QueryBalanceResponse)).balance!.amount);
  const supply = async () => BigInt((await chain.query("/cosmos.bank.v1beta1.Query/SupplyOf", QuerySupplyOfRequest, { denom: DENOM }, QuerySupplyOfResponse)).amount!.amount);
  const nft = async () => (await chain.query(queryPath("NFT"), requests.QueryNFTRequest, { classId: "invoice", id: "INV-1" }, QueryNFTResponse)).nft!;
  const response = <T>(data: Uint8Array, codec: { decode(bytes: Uint8Array): T }) => codec.decode(TxMsgData.decode(data).msgResponses[0]!.value);

  it("locks the asset in the module account and mints N units to the owner, with bank metadata", async () => {
    const result = await txs.run(alice, fractionalize(alice, 1000n));
    expect(result.code, result.log).toBe(0);
    expect(response(result.data, MsgFractionalizeResponse)).toEqual({ denom: DENOM });
    expect(eventsOf(result, "asset_fractionalized")).toEqual([{ class_id: "invoice", id: "INV-1", owner: alice.address, denom: DENOM, units: "1000" }]);
    expect(eventsOf(result, "asset_transferred")).toEqual([{ class_id: "invoice", id: "INV-1", sender: alice.address, receiver: ASSETS_MODULE }]);
    expect(eventsOf(result, "coinbase")).toEqual([{ minter: ASSETS_MODULE, amount: `1000${DENOM}` }]);
    expect(eventsOf(result, "transfer")).toContainEqual({ sender: ASSETS_MODULE, recipient: alice.address, amount: `1000${DENOM}` });

    expect(await nft()).toMatchObject({ owner: ASSETS_MODULE, status: AssetStatus.ASSET_STATUS_ISSUED, maintainer: alice.address });
    expect([await units(alice), await supply()]).toEqual([1000n, 1000n]);
    const fraction = await chain.query(queryPath("Fraction"), requests.QueryFractionRequest, { denom: DENOM }, QueryFractionResponse);
    expect(fraction.fraction).toEqual({ denom: DENOM, classId: "invoice", id: "INV-1", units: 1000n });
    expect(fraction.nft?.owner).toBe(ASSETS_MODULE);
    const { metadata } = await chain.query("/cosmos.bank.v1beta1.Query/DenomMetadata", QueryDenomMetadataRequest, { denom: DENOM }, QueryDenomMetadataResponse);
    expect(metadata).toMatchObject({ base: DENOM, display: DENOM, name: "Invoice INV-1", symbol: "INV-1", denomUnits: [{ denom: DENOM, exponent: 0, aliases: [] }] });
  });

  it("trades units as bank coins between compliant holders only, and recombines for the holder of all of them", async () => {
    expect((await txs.run(alice, fractionalize(alice, 1000n))).code).toBe(0);
    expect((await txs.run(alice, send(alice, bob, 400n))).code).toBe(0);
    expect([await units(alice), await units(bob)]).toEqual([600n, 400n]);

    const before = assetsState(chain.app);
    const toCarol = await txs.run(alice, send(alice, carol, 1n));
    expect(toCarol.codespace, toCarol.log).toBe("identity");
    expect(toCarol.log).toContain(`${DENOM} receiver ${carol.address}`);
    const incomplete = await txs.run(alice, recombine(alice));
    expect([incomplete.codespace, incomplete.code]).toEqual(["assets", 18]);
    expect(incomplete.log).toContain(`holds 600 of the 1000 units of ${DENOM}`);
    expect(assetsState(chain.app)).toEqual(before);

    // A holder frozen after receiving units can no longer pass them on (nor pay any fee).
    expect((await txs.run(bob, send(bob, dave, 100n))).code).toBe(0);
    expect((await txs.run(provider, encoded({ ...MsgFreeze, typeUrl: "/persistence.identity.v1.MsgFreeze" }, { authority: provider.address, address: dave.address, reason: "AML hold" }))).code).toBe(0);
    const fromFrozen = await txs.invalid(dave, send(dave, alice, 100n));
    expect([fromFrozen.codespace, fromFrozen.code]).toEqual(["identity", 16]);
    expect(fromFrozen.log).toContain(`${dave.address} (AML hold): account frozen`);

    expect((await txs.run(bob, send(bob, alice, 300n))).code).toBe(0);
    expect(await units(alice)).toBe(900n);
    expect((await txs.run(alice, recombine(alice))).code).toBe(18);
    expect(await units(dave)).toBe(100n);
  });

  it("recombines: burns every unit and hands the asset to the holder", async () => {
    expect((await txs.run(alice, fractionalize(alice, 500n))).code).toBe(0);
    expect((await txs.run(alice, send(alice, bob, 500n))).code).toBe(0);
    const result = await txs.run(bob, recombine(bob));
    expect(result.code, result.log).toBe(0);
    expect(response(result.data, MsgRecombineResponse)).toEqual({ classId: "invoice", id: "INV-1" });
    expect(eventsOf(result, "asset_recombined")).toEqual([{ class_id: "invoice", id: "INV-1", holder: bob.address, denom: DENOM, units: "500" }]);
    expect(eventsOf(result, "burn")).toEqual([{ burner: ASSETS_MODULE, amount: `500${DENOM}` }]);
    expect([await units(bob), await supply()]).toEqual([0n, 0n]);
    expect((await nft()).owner).toBe(bob.address);
    const gone = await chain.app.query({ path: queryPath("Fraction"), data: requests.QueryFractionRequest.encode({ denom: DENOM }).finish(), height: 0n, prove: false });
    expect([gone.codespace, gone.code]).toEqual(["assets", 17]);
    // The asset is whole again: it can be split anew.
    expect((await txs.run(bob, fractionalize(bob, 2n))).code).toBe(0);
    expect(await supply()).toBe(2n);
  });

  it("refuses to split what the sender may not, and to move or burn a locked asset", async () => {
    const longId = "L".repeat(100);
    const longAsset = encoded(MsgIssueAsset, {
      issuer: bob.address,
      classId: LONG_CLASS,
      id: longId,
      documentHash: document("long"),
      properties: [Property.fromPartial({ name: "amount", amountValue: { denom: "uusd", amount: "1" } })],
    });
    expect((await txs.run(bob, longAsset)).code).toBe(0);
    expect((await txs.run(alice, fractionalize(alice, 10n))).code).toBe(0);
    const before = assetsState(chain.app);
    const cases: [string, TestSigner, { typeUrl: string; value: Uint8Array }, number, string][] = [
      ["already split", alice, fractionalize(alice, 10n), 14, "invoice/INV-1 is split into fractions"],
      ["transfer of a locked asset", alice, encoded(MsgTransferAsset, { sender: alice.address, classId: "invoice", id: "INV-1", receiver: bob.address }), 14, "split into fractions"],
      ["burn of a locked asset", alice, encoded(MsgBurnAsset, { owner: alice.address, classId: "invoice", id: "INV-1" }), 14, "split into fractions"],
      ["above the cap", bob, fractionalize(bob, 1_000_000_001n, longId, LONG_CLASS), 15, "at most 1000000000 units"],
      ["denom too long", bob, fractionalize(bob, 10n, longId, LONG_CLASS), 16, "has 139 characters"],
      ["not the owner", alice, fractionalize(alice, 10n, longId, LONG_CLASS), 9, "does not own"],
      ["unknown fraction", bob, recombine(bob, "asset/invoice/INV-404"), 17, "asset/invoice/INV-404"],
    ];
    for (const [name, signer, msg, code, log] of cases) {
      const result = await txs.run(signer, msg);
      expect([result.codespace, result.code], `${name}: ${result.log}`).toEqual(["assets", code]);
      expect(result.log, name).toContain(log);
    }
    expect(assetsState(chain.app)).toEqual(before);
    // The maintainer still drives the status of a split asset.
    expect((await txs.run(alice, encoded(MsgSetAssetStatus, { maintainer: alice.address, classId: "invoice", id: "INV-1", status: AssetStatus.ASSET_STATUS_PAID }))).code).toBe(0);
    // The owner receives the units, so it must still meet the holder requirement.
    expect((await txs.run(bob, issueInvoice(bob, "INV-B"))).code).toBe(0);
    expect((await txs.run(provider, encoded({ ...MsgRevokeAttestation, typeUrl: "/persistence.identity.v1.MsgRevokeAttestation" }, { provider: provider.address, subject: bob.address }))).code).toBe(0);
    const unattested = await txs.run(bob, fractionalize(bob, 10n, "INV-B"));
    expect([unattested.codespace, unattested.log]).toEqual(["identity", expect.stringContaining(`asset/invoice/INV-B receiver ${bob.address}`)]);
    expect((await chain.query(queryPath("NFT"), requests.QueryNFTRequest, { classId: "invoice", id: "INV-B" }, QueryNFTResponse)).nft!.owner).toBe(bob.address);
    for (const [name, msg, code] of [
      ["one unit", fractionalize(alice, 1n), 15],
      ["not a fraction denom", recombine(alice, "uusd"), 17],
    ] as const) {
      const result = await txs.invalid(alice, msg);
      expect([result.codespace, result.code], name).toEqual(["assets", code]);
    }
  });
});
