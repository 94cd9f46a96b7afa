import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import * as requests from "../../generated/persistence/assets/v1/query.js";
import { Property } from "../../generated/persistence/assets/v1/types.js";
import { PageRequest } from "../../generated/persistence/base/query/v1/pagination.js";
import {
  MsgFractionalize,
  MsgIssueAsset,
  MsgTransferAsset,
  QueryBalanceResponse,
  QueryClassResponse,
  QueryClassesResponse,
  QueryFractionResponse,
  QueryNFTsResponse,
  QueryOwnerResponse,
  QueryParamsResponse,
  QuerySupplyResponse,
  queryPath,
} from "./codecs.js";
import { day, document, encoded, fromSeeds, identityGenesis, issueInvoice, TxSender } from "./test-fixture.js";

const ASSETS_MODULE = encodeAddress(moduleAddress("assets"));

describe("assets queries", () => {
  let alice: TestSigner;
  let bob: TestSigner;
  let chain: AppHarness;

  beforeAll(async () => {
    let provider: TestSigner;
    [alice, bob, provider] = await fromSeeds((seed) => TestSigner.fromSeed(seed), 1, 2, 3);
    const identity = identityGenesis(provider, [{ signer: alice, kycLevel: 2, trader: true }, { signer: bob, kycLevel: 1 }]);
    chain = await AppHarness.start({ genesis: { ...fundedGenesis([alice, bob, provider]), identity } });
    const txs = new TxSender(chain, TEST_CHAIN_ID, [alice, bob, provider]);
    const lot = encoded(MsgIssueAsset, {
      issuer: alice.address,
      classId: "commodity-lot",
      id: "LOT-1",
      documentHash: document("LOT-1"),
      properties: [
        Property.fromPartial({ name: "commodity", stringValue: "cocoa" }),
        Property.fromPartial({ name: "quantity", uintValue: 20_000n }),
        Property.fromPartial({ name: "unit", stringValue: "kg" }),
        Property.fromPartial({ name: "origin", stringValue: "GH" }),
        Property.fromPartial({ name: "production_date", timestampValue: day(-30) }),
      ],
    });
    for (const msg of [
      issueInvoice(alice, "INV-1"),
      issueInvoice(alice, "INV-2"),
      issueInvoice(alice, "INV-3"),
      lot,
      encoded(MsgTransferAsset, { sender: alice.address, classId: "invoice", id: "INV-2", receiver: bob.address }),
      encoded(MsgFractionalize, { owner: alice.address, classId: "invoice", id: "INV-3", units: 250n }),
    ]) {
      const result = await txs.run(alice, msg);
      expect(result.code, result.log).toBe(0);
    }
  });
  afterAll(() => chain.close());

  const ids = (response: { nfts: { classId: string; id: string }[] }) => response.nfts.map((n) => `${n.classId}/${n.id}`);
  const nfts = (request: Partial<requests.QueryNFTsRequest>) => chain.query(queryPath("NFTs"), requests.QueryNFTsRequest, request, QueryNFTsResponse);
  const failure = async (method: string, codec: { encode(message: never): { finish(): Uint8Array } }, request: object) => {
    const result = await chain.app.query({ path: queryPath(method), data: codec.encode(request as never).finish(), height: 0n, prove: false });
    return [result.codespace, result.code, result.log];
  };

  it("Params, Class and Classes (paginated, in id order)", async () => {
    expect((await chain.query(queryPath("Params"), requests.QueryParamsRequest, {}, QueryParamsResponse)).params).toEqual({ maxFractionUnits: 1_000_000_000n });
    const invoice = (await chain.query(queryPath("Class"), requests.QueryClassRequest, { classId: "invoice" }, QueryClassResponse)).class!;
    expect(invoice.properties.map((p) => `${p.name}${p.required ? "!" : ""}${p.mutable ? "~" : ""}`)).toEqual([
      "face_value!",
      "issue_date!",
      "due_date!",
      "obligor_commitment!",
      "invoice_number",
      "amount_paid~",
    ]);
    const all = await chain.query(queryPath("Classes"), requests.QueryClassesRequest, {}, QueryClassesResponse);
    expect(all.classes.map((c) => c.id)).toEqual(["bill-of-lading", "commodity-lot", "invoice", "letter-of-credit", "warehouse-receipt"]);
    expect(all.pagination?.total).toBe(5n);
    const first = await chain.query(queryPath("Classes"), requests.QueryClassesRequest, { pagination: { limit: 2n } }, QueryClassesResponse);
    expect(first.classes.map((c) => c.id)).toEqual(["bill-of-lading", "commodity-lot"]);
    const next = await chain.query(queryPath("Classes"), requests.QueryClassesRequest, { pagination: { key: first.pagination!.nextKey, limit: 2n } }, QueryClassesResponse);
    expect(next.classes.map((c) => c.id)).toEqual(["invoice", "letter-of-credit"]);
    expect(await failure("Class", requests.QueryClassRequest, { classId: "promissory-note" })).toEqual(["assets", 2, "rpc error: code = NotFound desc = class promissory-note: asset class not found"]);
    expect((await failure("Class", requests.QueryClassRequest, { classId: "Bad!" })).slice(0, 2)).toEqual(["assets", 6]);
  });

  it("NFTs by class, owner, both or neither, paginated", async () => {
    expect(ids(await nfts({}))).toEqual(["invoice/INV-1", "invoice/INV-2", "invoice/INV-3", "commodity-lot/LOT-1"]);
    expect(ids(await nfts({ classId: "commodity-lot" }))).toEqual(["commodity-lot/LOT-1"]);
    expect(ids(await nfts({ owner: alice.address }))).toEqual(["invoice/INV-1", "commodity-lot/LOT-1"]);
    expect(ids(await nfts({ owner: bob.address, classId: "invoice" }))).toEqual(["invoice/INV-2"]);
    expect(ids(await nfts({ owner: ASSETS_MODULE, classId: "invoice" }))).toEqual(["invoice/INV-3"]);
    expect(ids(await nfts({ owner: bob.address, classId: "commodity-lot" }))).toEqual([]);

    const page = await nfts({ classId: "invoice", pagination: PageRequest.fromPartial({ limit: 2n, countTotal: true }) });
    expect([ids(page), page.pagination?.total]).toEqual([["invoice/INV-1", "invoice/INV-2"], 3n]);
    const rest = await nfts({ classId: "invoice", pagination: PageRequest.fromPartial({ key: page.pagination!.nextKey, limit: 2n }) });
    expect([ids(rest), rest.pagination?.nextKey]).toEqual([["invoice/INV-3"], new Uint8Array(0)]);
    const reversed = await nfts({ owner: alice.address, pagination: PageRequest.fromPartial({ reverse: true, limit: 1n }) });
    expect(ids(reversed)).toEqual(["commodity-lot/LOT-1"]);

    expect((await failure("NFTs", requests.QueryNFTsRequest, { owner: "persistence1nope", classId: "", id: "" })).slice(0, 2)).toEqual(["sdk", 7]);
    expect((await failure("NFTs", requests.QueryNFTsRequest, { classId: "x" })).slice(0, 2)).toEqual(["assets", 6]);
  });

  it("Owner, Supply, Balance, Fraction and NftByDocument", async () => {
    expect((await chain.query(queryPath("Owner"), requests.QueryOwnerRequest, { classId: "invoice", id: "INV-2" }, QueryOwnerResponse)).owner).toBe(bob.address);
    const supply = (classId: string) => chain.query(queryPath("Supply"), requests.QuerySupplyRequest, { classId }, QuerySupplyResponse);
    expect([(await supply("invoice")).amount, (await supply("commodity-lot")).amount, (await supply("bill-of-lading")).amount]).toEqual([3n, 1n, 0n]);
    const balance = (owner: string, classId = "invoice") => chain.query(queryPath("Balance"), requests.QueryBalanceRequest, { owner, classId }, QueryBalanceResponse);
    expect([(await balance(alice.address)).amount, (await balance(bob.address)).amount, (await balance(ASSETS_MODULE)).amount, (await balance(alice.address, "commodity-lot")).amount]).toEqual([
      1n,
      1n,
      1n,
      1n,
    ]);
    const fraction = await chain.query(queryPath("Fraction"), requests.QueryFractionRequest, { denom: "asset/invoice/INV-3" }, QueryFractionResponse);
    expect(fraction.fraction).toEqual({ denom: "asset/invoice/INV-3", classId: "invoice", id: "INV-3", units: 250n });
    expect(fraction.nft?.documentHash).toEqual(document("INV-3"));

    expect(await failure("Owner", requests.QueryOwnerRequest, { classId: "invoice", id: "INV-9" })).toEqual(["assets", 3, "rpc error: code = NotFound desc = asset invoice/INV-9: asset not found"]);
    expect((await failure("Supply", requests.QuerySupplyRequest, { classId: "promissory-note" })).slice(0, 2)).toEqual(["assets", 2]);
    expect((await failure("Balance", requests.QueryBalanceRequest, { owner: "", classId: "invoice" })).slice(0, 2)).toEqual(["sdk", 7]);
    expect((await failure("Fraction", requests.QueryFractionRequest, { denom: "uusd" })).slice(0, 2)).toEqual(["assets", 17]);
    expect((await failure("NftByDocument", requests.QueryNftByDocumentRequest, { documentHash: new Uint8Array(31) })).slice(0, 2)).toEqual(["assets", 8]);
    expect((await failure("NftByDocument", requests.QueryNftByDocumentRequest, { documentHash: document("never") })).slice(0, 2)).toEqual(["assets", 3]);
  });
});
