import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import * as requests from "../../generated/persistence/assets/v1/query.js";
import { AssetStatus, Property } from "../../generated/persistence/assets/v1/types.js";
import {
  MsgBurnAsset,
  MsgIssueAsset,
  MsgSetAssetStatus,
  MsgTransferAsset,
  MsgTransferMaintainer,
  MsgUpdateProperties,
  QueryBalanceResponse,
  QueryNFTResponse,
  QueryNFTsResponse,
  QueryNftByDocumentResponse,
  QuerySupplyResponse,
  queryPath,
} from "./codecs.js";
import { assetsState, day, document, encoded, eventsOf, fromSeeds, identityGenesis, invoiceProperties, issueInvoice, TxSender } from "./test-fixture.js";

const { ASSET_STATUS_ISSUED: ISSUED, ASSET_STATUS_PLEDGED: PLEDGED, ASSET_STATUS_FINANCED: FINANCED } = AssetStatus;
const { ASSET_STATUS_PAID: PAID, ASSET_STATUS_SETTLED: SETTLED, ASSET_STATUS_DEFAULTED: DEFAULTED } = AssetStatus;

describe("an asset's life: transfers, status, maintainer, properties, burning", () => {
  let alice: TestSigner;
  let bob: TestSigner;
  let carol: TestSigner;
  let provider: TestSigner;
  let chain: AppHarness;
  let txs: TxSender;

  beforeEach(async () => {
    [alice, bob, carol, provider] = await fromSeeds((seed) => TestSigner.fromSeed(seed), 1, 2, 3, 4);
    const accounts = [alice, bob, carol, provider];
    const identity = identityGenesis(provider, [{ signer: alice, kycLevel: 2 }, { signer: bob, kycLevel: 1 }]);
    chain = await AppHarness.start({ genesis: { ...fundedGenesis(accounts), identity } });
    txs = new TxSender(chain, TEST_CHAIN_ID, accounts);
    expect((await txs.run(alice, issueInvoice(alice, "INV-1"))).code).toBe(0);
  });
  afterEach(() => chain.close());

  const nft = async (id = "INV-1") => (await chain.query(queryPath("NFT"), requests.QueryNFTRequest, { classId: "invoice", id }, QueryNFTResponse)).nft!;
  const balance = async (owner: string) =>
    (await chain.query(queryPath("Balance"), requests.QueryBalanceRequest, { owner, classId: "invoice" }, QueryBalanceResponse)).amount;
  const transfer = (from: TestSigner, to: string, id = "INV-1") => encoded(MsgTransferAsset, { sender: from.address, classId: "invoice", id, receiver: to });
  const setStatus = (by: TestSigner, status: AssetStatus, id = "INV-1") => encoded(MsgSetAssetStatus, { maintainer: by.address, classId: "invoice", id, status });
  const expectRefused = async (cases: [string, TestSigner, { typeUrl: string; value: Uint8Array }, string, number, string][]) => {
    const before = assetsState(chain.app);
    for (const [name, signer, msg, codespace, code, log] of cases) {
      const result = await txs.run(signer, msg);
      expect(result.codespace, `${name}: ${result.log}`).toBe(codespace);
      if (code) expect(result.code, name).toBe(code);
      expect(result.log, name).toContain(log);
    }
    expect(assetsState(chain.app)).toEqual(before);
  };

  it("transfers between compliant holders, moving the owner indexes", async () => {
    const result = await txs.run(alice, transfer(alice, bob.address));
    expect(result.code, result.log).toBe(0);
    expect(eventsOf(result, "asset_transferred")).toEqual([{ class_id: "invoice", id: "INV-1", sender: alice.address, receiver: bob.address }]);
    expect((await nft()).owner).toBe(bob.address);
    expect((await nft()).maintainer).toBe(alice.address);
    expect([await balance(alice.address), await balance(bob.address)]).toEqual([0n, 1n]);
    const owned = await chain.query(queryPath("NFTs"), requests.QueryNFTsRequest, { owner: bob.address }, QueryNFTsResponse);
    expect(owned.nfts.map((a) => a.id)).toEqual(["INV-1"]);
    expect((await chain.query(queryPath("NFTs"), requests.QueryNFTsRequest, { owner: alice.address }, QueryNFTsResponse)).nfts).toEqual([]);
  });

  it("refuses transfers by others, to non-compliant or module accounts, and of unknown assets", async () => {
    const letterOfCredit = encoded(MsgIssueAsset, {
      issuer: alice.address,
      classId: "letter-of-credit",
      id: "LC-1",
      documentHash: document("LC-1"),
      properties: [
        Property.fromPartial({ name: "amount", amountValue: { denom: "uusd", amount: "5000000" } }),
        Property.fromPartial({ name: "issuing_bank", stringValue: "Test Bank" }),
        Property.fromPartial({ name: "applicant_commitment", hash32Value: document("applicant") }),
        Property.fromPartial({ name: "beneficiary_commitment", hash32Value: document("beneficiary") }),
        Property.fromPartial({ name: "issue_date", timestampValue: day(0) }),
        Property.fromPartial({ name: "expiry_date", timestampValue: day(180) }),
      ],
    });
    expect((await txs.run(alice, letterOfCredit)).code).toBe(0);
    const feeCollector = encodeAddress(moduleAddress("fee_collector"));
    await expectRefused([
      ["not the owner", bob, transfer(bob, carol.address), "assets", 9, `${bob.address} does not own invoice/INV-1`],
      ["receiver without attestation", alice, transfer(alice, carol.address), "identity", 0, `receiver ${carol.address}`],
      // Alice (retail) may issue a letter of credit but not hold one: only professionals may.
      ["sender not a permitted holder", alice, encoded(MsgTransferAsset, { sender: alice.address, classId: "letter-of-credit", id: "LC-1", receiver: bob.address }), "identity", 0, `sender ${alice.address}`],
      ["module account", alice, transfer(alice, feeCollector), "sdk", 4, "not allowed to receive assets"],
      ["unknown asset", alice, transfer(alice, bob.address, "INV-404"), "assets", 3, "invoice/INV-404"],
    ]);
    const invalid = await txs.invalid(alice, transfer(alice, "persistence1nope"));
    expect([invalid.codespace, invalid.code]).toEqual(["sdk", 7]);
  });

  it("moves through the status table by the maintainer only, emitting each change", async () => {
    for (const status of [PLEDGED, ISSUED, PLEDGED, FINANCED, PAID, SETTLED]) {
      const result = await txs.run(alice, setStatus(alice, status));
      expect(result.code, result.log).toBe(0);
    }
    expect((await txs.run(alice, issueInvoice(alice, "INV-2"))).code).toBe(0);
    const defaulted = await txs.run(alice, setStatus(alice, DEFAULTED, "INV-2"));
    expect(eventsOf(defaulted, "asset_status_changed")).toEqual([{ class_id: "invoice", id: "INV-2", from: "issued", to: "defaulted" }]);
    expect((await nft()).status).toBe(SETTLED);
    expect((await nft("INV-2")).status).toBe(DEFAULTED);

    await expectRefused([
      ["settled is final", alice, setStatus(alice, PAID), "assets", 12, "cannot move from settled to paid"],
      ["defaulted cannot be financed", alice, setStatus(alice, FINANCED, "INV-2"), "assets", 12, "from defaulted to financed"],
      ["not the maintainer", bob, setStatus(bob, SETTLED, "INV-2"), "assets", 10, `${bob.address} does not maintain invoice/INV-2`],
      ["unknown asset", alice, setStatus(alice, PAID, "INV-404"), "assets", 3, "invoice/INV-404"],
    ]);
    const unspecified = await txs.invalid(alice, setStatus(alice, AssetStatus.ASSET_STATUS_UNSPECIFIED));
    expect([unspecified.codespace, unspecified.code]).toEqual(["assets", 11]);
  });

  it("hands the maintainer role on to an account meeting the issuer requirement", async () => {
    const handOver = (from: TestSigner, to: string) => encoded(MsgTransferMaintainer, { maintainer: from.address, classId: "invoice", id: "INV-1", newMaintainer: to });
    await expectRefused([
      ["successor without attestation", alice, handOver(alice, carol.address), "identity", 0, `new maintainer ${carol.address}`],
      ["not the maintainer", bob, handOver(bob, bob.address), "assets", 10, "does not maintain"],
    ]);
    const invalid = await txs.invalid(alice, handOver(alice, "persistence1nope"));
    expect([invalid.codespace, invalid.code]).toEqual(["sdk", 7]);
    const result = await txs.run(alice, handOver(alice, bob.address));
    expect(result.code, result.log).toBe(0);
    expect(eventsOf(result, "asset_maintainer_changed")).toEqual([{ class_id: "invoice", id: "INV-1", from: alice.address, to: bob.address }]);
    expect((await nft()).maintainer).toBe(bob.address);
    expect((await txs.run(alice, setStatus(alice, PLEDGED))).code).toBe(10);
    expect((await txs.run(bob, setStatus(bob, PLEDGED))).code).toBe(0);
    expect((await nft()).owner).toBe(alice.address);
  });

  it("lets the maintainer change mutable properties only", async () => {
    const update = (by: TestSigner, properties: Property[]) => encoded(MsgUpdateProperties, { maintainer: by.address, classId: "invoice", id: "INV-1", properties });
    const paid = Property.fromPartial({ name: "amount_paid", amountValue: { denom: "uusd", amount: "250000000" } });
    const result = await txs.run(alice, update(alice, [paid]));
    expect(result.code, result.log).toBe(0);
    expect(eventsOf(result, "asset_properties_updated")).toEqual([{ class_id: "invoice", id: "INV-1", maintainer: alice.address, properties: "amount_paid" }]);
    expect((await nft()).properties).toEqual([...invoiceProperties(), paid]);

    const morePaid = Property.fromPartial({ name: "amount_paid", amountValue: { denom: "uusd", amount: "500000000" } });
    expect((await txs.run(alice, update(alice, [morePaid]))).code).toBe(0);
    expect((await nft()).properties.at(-1)).toEqual(morePaid);
    await expectRefused([
      ["immutable property", alice, update(alice, [Property.fromPartial({ name: "face_value", amountValue: { denom: "uusd", amount: "1" } })]), "assets", 7, "face_value of class invoice is immutable"],
      ["not the maintainer", bob, update(bob, [paid]), "assets", 10, "does not maintain"],
      ["wrong type", alice, update(alice, [Property.fromPartial({ name: "amount_paid", uintValue: 5n })]), "assets", 7, "must be of type amount, got uint"],
    ]);
    const empty = await txs.invalid(alice, update(alice, []));
    expect([empty.codespace, empty.code]).toEqual(["assets", 7]);
  });

  it("burns a settled asset for its owner, keeping its id and document reserved", async () => {
    const burn = (by: TestSigner) => encoded(MsgBurnAsset, { owner: by.address, classId: "invoice", id: "INV-1" });
    await expectRefused([["not settled", alice, burn(alice), "assets", 13, "invoice/INV-1 is issued"]]);
    for (const status of [PAID, SETTLED]) expect((await txs.run(alice, setStatus(alice, status))).code).toBe(0);
    expect((await txs.run(alice, transfer(alice, bob.address))).code).toBe(0);
    await expectRefused([["not the owner", alice, burn(alice), "assets", 9, "does not own"]]);

    const result = await txs.run(bob, burn(bob));
    expect(result.code, result.log).toBe(0);
    expect(eventsOf(result, "asset_burned")).toEqual([{ class_id: "invoice", id: "INV-1", owner: bob.address }]);
    const missing = await chain.app.query({ path: queryPath("NFT"), data: requests.QueryNFTRequest.encode({ classId: "invoice", id: "INV-1" }).finish(), height: 0n, prove: false });
    expect([missing.codespace, missing.code, missing.log]).toEqual(["assets", 3, "rpc error: code = NotFound desc = asset invoice/INV-1: asset not found"]);
    expect(await balance(bob.address)).toBe(0n);
    expect((await chain.query(queryPath("Supply"), requests.QuerySupplyRequest, { classId: "invoice" }, QuerySupplyResponse)).amount).toBe(0n);
    const byDocument = await chain.query(queryPath("NftByDocument"), requests.QueryNftByDocumentRequest, { documentHash: document("INV-1") }, QueryNftByDocumentResponse);
    expect(byDocument).toEqual({ classId: "invoice", id: "INV-1", nft: undefined });

    await expectRefused([
      ["burned id", alice, issueInvoice(alice, "INV-1", "a new document"), "assets", 4, "invoice/INV-1"],
      ["burned document", alice, issueInvoice(alice, "INV-2", "INV-1"), "assets", 5, "is invoice/INV-1"],
    ]);
  });
});
