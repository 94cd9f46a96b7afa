import { Registry, type GeneratedType } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { toHex } from "../../store/bytes.js";
import { QueryNFTRequest, QueryNftByDocumentRequest, QuerySupplyRequest, QueryBalanceRequest } from "../../generated/persistence/assets/v1/query.js";
import { AssetStatus, Property } from "../../generated/persistence/assets/v1/types.js";
import { assetsMsgTypes, MsgIssueAsset, QueryBalanceResponse, QueryNFTResponse, QueryNftByDocumentResponse, QuerySupplyResponse, queryPath } from "./codecs.js";
import { assetsState, day, document, encoded, eventsOf, fromSeeds, identityGenesis, invoiceProperties, issueInvoice, TxSender } from "./test-fixture.js";

describe("MsgIssueAsset", () => {
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
    const identity = identityGenesis(provider, [{ signer: alice, kycLevel: 2 }, { signer: dave, kycLevel: 2 }], [dave]);
    chain = await AppHarness.start({ genesis: { ...fundedGenesis(accounts), identity } });
    txs = new TxSender(chain, TEST_CHAIN_ID, accounts);
  });
  afterEach(() => chain.close());

  const nft = async (classId: string, id: string) => (await chain.query(queryPath("NFT"), QueryNFTRequest, { classId, id }, QueryNFTResponse)).nft;

  it("tokenizes a document: the issuer owns and maintains it, status issued, properties in schema order", async () => {
    const [faceValue, issueDate, dueDate, obligor] = invoiceProperties();
    const reference = Property.fromPartial({ name: "invoice_number", stringValue: "2024-001" });
    const msg = encoded(MsgIssueAsset, { issuer: alice.address, classId: "invoice", id: "INV-1", documentHash: document("INV-1"), properties: [reference, dueDate!, obligor!, faceValue!, issueDate!] });
    const result = await txs.run(alice, msg);
    expect(result.code, result.log).toBe(0);
    expect(eventsOf(result, "asset_issued")).toEqual([{ class_id: "invoice", id: "INV-1", issuer: alice.address, owner: alice.address, document_hash: toHex(document("INV-1")) }]);
    expect(eventsOf(result, "message")).toContainEqual({ action: "/persistence.assets.v1.MsgIssueAsset", sender: alice.address, module: "assets" });

    expect(await nft("invoice", "INV-1")).toEqual({
      classId: "invoice",
      id: "INV-1",
      owner: alice.address,
      issuer: alice.address,
      maintainer: alice.address,
      status: AssetStatus.ASSET_STATUS_ISSUED,
      documentHash: document("INV-1"),
      properties: [faceValue, issueDate, dueDate, obligor, reference],
      issuedHeight: chain.height,
    });
    expect((await chain.query(queryPath("Supply"), QuerySupplyRequest, { classId: "invoice" }, QuerySupplyResponse)).amount).toBe(1n);
    expect((await chain.query(queryPath("Balance"), QueryBalanceRequest, { owner: alice.address, classId: "invoice" }, QueryBalanceResponse)).amount).toBe(1n);
    const byDocument = await chain.query(queryPath("NftByDocument"), QueryNftByDocumentRequest, { documentHash: document("INV-1") }, QueryNftByDocumentResponse);
    expect([byDocument.classId, byDocument.id, byDocument.nft?.owner]).toEqual(["invoice", "INV-1", alice.address]);
  });

  it("is signed as CosmJS encodes it with the module's registry types", async () => {
    expect(assetsMsgTypes.map(({ typeUrl }) => typeUrl.replace("/persistence.assets.v1.", ""))).toEqual([
      "MsgIssueAsset",
      "MsgTransferAsset",
      "MsgBurnAsset",
      "MsgSetAssetStatus",
      "MsgUpdateProperties",
      "MsgTransferMaintainer",
      "MsgFractionalize",
      "MsgRecombine",
    ]);
    const registry = new Registry([...defaultRegistryTypes, ...assetsMsgTypes.map((codec): [string, GeneratedType] => [codec.typeUrl, codec as unknown as GeneratedType])]);
    const value = { issuer: alice.address, classId: "invoice", id: "INV-7", documentHash: document("INV-7"), properties: invoiceProperties() };
    const any = registry.encodeAsAny({ typeUrl: MsgIssueAsset.typeUrl, value });
    expect(registry.decode(any)).toEqual(value);
    const result = await txs.run(alice, any);
    expect(result.code, result.log).toBe(0);
  });

  it("refuses what the chain's state forbids, changing nothing", async () => {
    expect((await txs.run(alice, issueInvoice(alice, "INV-1"))).code).toBe(0);
    const before = assetsState(chain.app);
    const cases: [string, TestSigner, ReturnType<typeof issueInvoice>, string, number, string][] = [
      ["issuer without attestation", carol, issueInvoice(carol, "INV-2"), "identity", 0, `issuer ${carol.address}`],
      ["frozen issuer (the AML hold stops even the fee)", dave, issueInvoice(dave, "INV-2"), "identity", 16, `${dave.address} (AML hold): account frozen`],
      ["unknown class", alice, encoded(MsgIssueAsset, { issuer: alice.address, classId: "promissory-note", id: "P-1", documentHash: document("P-1"), properties: [] }), "assets", 2, "class promissory-note"],
      ["id already used", alice, issueInvoice(alice, "INV-1", "another document"), "assets", 4, "invoice/INV-1"],
      ["document already tokenized", alice, issueInvoice(alice, "INV-2", "INV-1"), "assets", 5, "is invoice/INV-1"],
      ["missing required property", alice, issueInvoice(alice, "INV-2", "INV-2", invoiceProperties().slice(1)), "assets", 7, "requires property face_value"],
      ["property of another type", alice, issueInvoice(alice, "INV-2", "INV-2", [...invoiceProperties().slice(0, 3), Property.fromPartial({ name: "obligor_commitment", stringValue: "ACME" })]), "assets", 7, "must be of type hash32, got string"],
      ["undeclared property", alice, issueInvoice(alice, "INV-2", "INV-2", [...invoiceProperties(), Property.fromPartial({ name: "colour", stringValue: "red" })]), "assets", 7, "class invoice has no property colour"],
    ];
    for (const [name, signer, msg, codespace, code, log] of cases) {
      const result = await txs.run(signer, msg);
      expect(result.codespace, `${name}: ${result.log}`).toBe(codespace);
      if (code) expect(result.code, name).toBe(code);
      else expect(result.code, name).toBeGreaterThan(1);
      expect(result.log, name).toContain(log);
    }
    expect(assetsState(chain.app)).toEqual(before);
  });

  it("refuses malformed messages before any fee is charged", async () => {
    await chain.block([]);
    const before = chain.app.exportGenesis();
    const issue = (fields: Partial<Parameters<typeof MsgIssueAsset.fromPartial>[0]>) =>
      encoded(MsgIssueAsset, MsgIssueAsset.fromPartial({ issuer: alice.address, classId: "invoice", id: "INV-9", documentHash: document("INV-9"), properties: invoiceProperties(), ...fields }));
    const withProperty = (property: Parameters<typeof Property.fromPartial>[0]) => issue({ properties: [...invoiceProperties().slice(1), property] });
    const cases: [string, ReturnType<typeof issue>, string, number][] = [
      ["invalid issuer", issue({ issuer: "persistence1nope" }), "sdk", 7],
      ["class id with upper case", issue({ classId: "Invoice" }), "assets", 6],
      ["asset id with a slash", issue({ id: "INV/9" }), "assets", 6],
      ["asset id of 101 characters", issue({ id: "x".repeat(101) }), "assets", 6],
      ["document hash of 31 bytes", issue({ documentHash: new Uint8Array(31) }), "assets", 8],
      ["property without value", withProperty({ name: "face_value" }), "assets", 7],
      ["property with two values", withProperty({ name: "face_value", stringValue: "1", uintValue: 1n }), "assets", 7],
      ["property named twice", issue({ properties: [...invoiceProperties(), invoiceProperties()[0]!] }), "assets", 7],
      ["invalid property name", withProperty({ name: "Face Value", stringValue: "1" }), "assets", 7],
      ["string over 256 bytes", withProperty({ name: "invoice_number", stringValue: "é".repeat(129) }), "assets", 7],
      ["timestamp with nanoseconds", withProperty({ name: "due_date", timestampValue: { ...day(1), nanos: 5 } }), "assets", 7],
      ["timestamp after 9999", withProperty({ name: "due_date", timestampValue: { seconds: 253_402_300_800n, nanos: 0 } }), "assets", 7],
      ["hash of 33 bytes", withProperty({ name: "obligor_commitment", hash32Value: new Uint8Array(33) }), "assets", 7],
      ["zero amount", withProperty({ name: "face_value", amountValue: { denom: "uusd", amount: "0" } }), "assets", 7],
      ["invalid denom", withProperty({ name: "face_value", amountValue: { denom: "$", amount: "5" } }), "assets", 7],
      ["33 properties", issue({ properties: Array.from({ length: 33 }, (_, i) => Property.fromPartial({ name: `p${i}`, uintValue: 1n })) }), "assets", 7],
    ];
    for (const [name, msg, codespace, code] of cases) {
      const check = await chain.checkTx(await txs.sign(alice, [msg], false));
      expect([check.codespace, check.code], `${name}: ${check.log}`).toEqual([codespace, code]);
      const result = await txs.invalid(alice, msg);
      expect([result.codespace, result.code], name).toEqual([codespace, code]);
    }
    expect(chain.app.exportGenesis()).toEqual(before);
  });
});
