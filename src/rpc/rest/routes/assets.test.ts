import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssetStatus } from "../../../generated/persistence/assets/v1/types.js";
import { MsgFractionalize, MsgSetAssetStatus } from "../../../modules/assets/codecs.js";
import { document, encoded, fromSeeds, identityGenesis, issueInvoice, TxSender } from "../../../modules/assets/test-fixture.js";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../../testing/app-harness.js";
import { TestSigner } from "../../../testing/signer.js";
import { encodeAddress, moduleAddress } from "../../../types/address.js";
import type { RestNode } from "../route.js";
import { startRestServer, type RestServer } from "../server.js";

const ASSETS_MODULE = encodeAddress(moduleAddress("assets"));
const urlSafe = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url") + "=";

let chain: AppHarness;
let server: RestServer;
let alice: TestSigner;
let bob: TestSigner;

/** A RestNode over a real App: the assets routes only read state through ABCI queries. */
function appNode(app: AppHarness["app"]): RestNode {
  const unused = () => {
    throw new Error("not used by the assets routes");
  };
  return { nodeInfo: unused, syncInfo: unused, block: unused, tx: unused, txSearch: unused, abciInfo: unused, broadcastTx: unused, abciQuery: (request) => app.query(request) };
}

beforeAll(async () => {
  let provider: TestSigner;
  [alice, bob, provider] = await fromSeeds((seed) => TestSigner.fromSeed(seed), 31, 32, 33);
  chain = await AppHarness.start({ genesis: { ...fundedGenesis([alice, bob, provider]), identity: identityGenesis(provider, [{ signer: alice, kycLevel: 1 }]) } });
  const txs = new TxSender(chain, TEST_CHAIN_ID, [alice, bob, provider]);
  for (const msg of [
    issueInvoice(alice, "INV-1"),
    issueInvoice(alice, "INV-2"),
    encoded(MsgSetAssetStatus, { maintainer: alice.address, classId: "invoice", id: "INV-1", status: AssetStatus.ASSET_STATUS_PLEDGED }),
    encoded(MsgFractionalize, { owner: alice.address, classId: "invoice", id: "INV-2", units: 40n }),
  ]) {
    const result = await txs.run(alice, msg);
    expect(result.code, result.log).toBe(0);
  }
  server = await startRestServer({ node: appNode(chain.app), host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  await server.close();
  await chain.close();
});

async function get(path: string): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.address}/persistence/assets/v1${path}`);
  return { status: response.status, json: await response.json() };
}

describe("assets REST routes", () => {
  it("serves an asset in the gateway's JSON: snake_case, enums by name, bytes base64, oneof values only when set", async () => {
    const { status, json } = await get("/nfts/invoice/INV-1");
    expect(status).toBe(200);
    expect(json).toEqual({
      nft: {
        class_id: "invoice",
        id: "INV-1",
        owner: alice.address,
        issuer: alice.address,
        maintainer: alice.address,
        status: "ASSET_STATUS_PLEDGED",
        document_hash: Buffer.from(document("INV-1")).toString("base64"),
        properties: [
          { name: "face_value", amount_value: { denom: "uusd", amount: "1000000000" } },
          { name: "issue_date", timestamp_value: "2024-01-01T00:00:00Z" },
          { name: "due_date", timestamp_value: "2024-03-31T00:00:00Z" },
          { name: "obligor_commitment", hash32_value: Buffer.from(document("obligor")).toString("base64") },
        ],
        issued_height: "1",
      },
    });
  });

  it("lists classes and assets with pagination, and answers the count queries", async () => {
    const classes = await get("/classes?pagination.limit=2&pagination.count_total=true");
    expect(classes.json.classes.map((c: { id: string }) => c.id)).toEqual(["bill-of-lading", "commodity-lot"]);
    expect(classes.json.pagination).toEqual({ next_key: expect.any(String), total: "5" });
    const invoice = (await get("/classes/invoice")).json.class;
    expect(invoice.holder_requirement).toEqual({ min_kyc_level: 1, jurisdictions: [], investor_classes: [], trader: false });
    expect(invoice.properties[0]).toEqual({ name: "face_value", type: "PROPERTY_TYPE_AMOUNT", required: true, mutable: false });

    expect((await get(`/nfts?owner=${alice.address}`)).json.nfts.map((n: { id: string }) => n.id)).toEqual(["INV-1"]);
    expect((await get(`/nfts?class_id=invoice&owner=${ASSETS_MODULE}`)).json.nfts.map((n: { id: string }) => n.id)).toEqual(["INV-2"]);
    expect((await get("/nfts?class_id=invoice&pagination.limit=1")).json.nfts.map((n: { id: string }) => n.id)).toEqual(["INV-1"]);
    expect((await get("/owner/invoice/INV-2")).json).toEqual({ owner: ASSETS_MODULE });
    expect((await get("/supply/invoice")).json).toEqual({ amount: "2" });
    expect((await get(`/balance/${alice.address}/invoice`)).json).toEqual({ amount: "1" });
    expect((await get("/params")).json).toEqual({ params: { max_fraction_units: "1000000000" } });
  });

  it("finds a fraction by its denom (slashes included) and an asset by its document", async () => {
    const fraction = await get("/fractions/asset/invoice/INV-2");
    expect(fraction.json.fraction).toEqual({ denom: "asset/invoice/INV-2", class_id: "invoice", id: "INV-2", units: "40" });
    expect(fraction.json.nft.owner).toBe(ASSETS_MODULE);
    const byDocument = await get(`/nft_by_document/${urlSafe(document("INV-2"))}`);
    expect([byDocument.json.class_id, byDocument.json.id, byDocument.json.nft.id]).toEqual(["invoice", "INV-2", "INV-2"]);
  });

  it("maps the module's errors to gRPC statuses", async () => {
    expect(await get("/nfts/invoice/INV-9")).toEqual({ status: 404, json: { code: 5, message: "asset invoice/INV-9: asset not found", details: [] } });
    expect(await get("/classes/promissory-note")).toEqual({ status: 404, json: { code: 5, message: "class promissory-note: asset class not found", details: [] } });
    expect((await get("/nfts?class_id=Invoice")).status).toBe(400);
    expect((await get("/nft_by_document/AAAA")).json).toMatchObject({ code: 3, message: "document hash must be 32 bytes, got 3: invalid document hash" });
    expect((await get("/nft_by_document/not-base64!")).status).toBe(400);
    expect((await get("/fractions/uusd")).status).toBe(404);
  });
});
