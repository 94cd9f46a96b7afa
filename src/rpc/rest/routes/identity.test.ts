import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvestorClass } from "../../../generated/persistence/identity/v1/requirement.js";
import { MsgAttest, MsgFreeze, MsgRecordDisclosure } from "../../../modules/identity/codecs.js";
import { recordCommitment } from "../../../modules/identity/commitment.js";
import { identityGenesis } from "../../../modules/identity/genesis.js";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../../testing/app-harness.js";
import { TestSigner } from "../../../testing/signer.js";
import type { RestNode } from "../route.js";
import { startRestServer, type RestServer } from "../server.js";

const RECORD = new TextEncoder().encode("passport C01X00T47");
const SALT = new Uint8Array(32).fill(9);
const COMMITMENT = recordCommitment(RECORD, SALT);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

let chain: AppHarness;
let server: RestServer;
let provider: TestSigner;
let subject: TestSigner;
let auditor: TestSigner;
let authority: TestSigner;
/** Block time of the attest tx (height 2) and of the latest block (height 4), as RFC 3339. */
let attestedAt: string;
let latest: string;

/** A RestNode over a real App: the identity routes only read state through ABCI queries. */
function appNode(app: AppHarness["app"]): RestNode {
  const unused = () => {
    throw new Error("not used by the identity routes");
  };
  return { nodeInfo: unused, syncInfo: unused, block: unused, tx: unused, txSearch: unused, abciInfo: unused, broadcastTx: unused, abciQuery: (request) => app.query(request) };
}

async function send(signer: TestSigner, typeUrl: string, value: Uint8Array): Promise<void> {
  const account = BaseAccount.decode((await chain.query("/cosmos.auth.v1beta1.Query/Account", QueryAccountRequest, { address: signer.address }, QueryAccountResponse)).account!.value);
  const tx = await signer.sign({ messages: [{ typeUrl, value }], chainId: TEST_CHAIN_ID, accountNumber: account.accountNumber, sequence: account.sequence });
  const result = (await chain.block([tx])).txResults[0]!;
  if (result.code !== 0) throw new Error(result.log);
}

const time = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");

beforeAll(async () => {
  [provider, subject, auditor, authority] = (await Promise.all([21, 22, 23, 24].map((seed) => TestSigner.fromSeed(seed)))) as [TestSigner, TestSigner, TestSigner, TestSigner];
  chain = await AppHarness.start({
    genesis: {
      ...fundedGenesis([provider, subject, auditor, authority]),
      identity: identityGenesis({
        providers: [{ address: provider.address, name: "Acme KYC" }],
        auditors: [{ address: auditor.address, name: "Audit & Co" }],
        authorities: [{ address: authority.address, name: "FIU" }],
      }),
    },
  });
  await chain.block([]);
  const expiry = { seconds: chain.nextBlock([]).time!.seconds + 1000n, nanos: 250_000_000 };
  attestedAt = time(chain.nextBlock([]).time!.seconds);
  const attest = MsgAttest.fromPartial({
    provider: provider.address,
    subject: subject.address,
    kycLevel: 3,
    jurisdiction: "CH",
    investorClass: InvestorClass.INVESTOR_CLASS_ACCREDITED,
    trader: false,
    expiry,
    commitment: COMMITMENT,
  });
  await send(provider, MsgAttest.typeUrl, MsgAttest.encode(attest).finish());
  await send(provider, MsgRecordDisclosure.typeUrl, MsgRecordDisclosure.encode({ provider: provider.address, auditor: auditor.address, subject: subject.address }).finish());
  await send(authority, MsgFreeze.typeUrl, MsgFreeze.encode({ authority: authority.address, address: auditor.address, reason: "review" }).finish());
  latest = time(chain.nextBlock([]).time!.seconds - 1n);
  server = await startRestServer({ node: appNode(chain.app), host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await server.close();
  await chain.close();
});

async function get(path: string): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.address}/persistence/identity/v1${path}`);
  return { status: response.status, json: await response.json() };
}

describe("identity REST routes", () => {
  it("lists the registries with pagination", async () => {
    expect(await get("/providers")).toEqual({ status: 200, json: { providers: [{ address: provider.address, name: "Acme KYC" }], pagination: { next_key: null, total: "1" } } });
    expect((await get("/auditors")).json.auditors).toEqual([{ address: auditor.address, name: "Audit & Co" }]);
    expect((await get("/authorities?pagination.limit=1")).json).toEqual({ authorities: [{ address: authority.address, name: "FIU" }], pagination: { next_key: null, total: "0" } });
  });

  it("shows attestations in the gateway's JSON: enums by name, bytes in base64, RFC 3339 times", async () => {
    const attestation = {
      subject: subject.address,
      provider: provider.address,
      kyc_level: 3,
      jurisdiction: "CH",
      investor_class: "INVESTOR_CLASS_ACCREDITED",
      trader: false,
      expiry: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.250Z$/),
      commitment: base64(COMMITMENT),
      issued_at: attestedAt,
      issued_height: "2",
      revoked: false,
      revoked_at: null,
    };
    expect(await get(`/attestations/${subject.address}`)).toEqual({ status: 200, json: { attestations: [attestation], pagination: { next_key: null, total: "1" } } });
    expect((await get(`/status/${subject.address}`)).json).toEqual({ frozen: false, freeze: null, denied: false, deny_list_entry: null, attestations: [attestation] });
    expect((await get(`/status/${auditor.address}`)).json).toMatchObject({ frozen: true, freeze: { address: auditor.address, authority: authority.address, reason: "review" } });
  });

  it("checks compliance from requirement.* query parameters, repeated ones once per value", async () => {
    const pass = await get(`/check_compliance/${subject.address}?requirement.min_kyc_level=2&requirement.jurisdictions=DE&requirement.jurisdictions=CH&requirement.investor_classes=INVESTOR_CLASS_ACCREDITED`);
    expect(pass).toEqual({ status: 200, json: { ok: true, reason: "", codespace: "", code: 0, time: latest } });
    const fail = await get(`/check_compliance/${subject.address}?requirement.investor_classes=1&requirement.investor_classes=2`);
    expect(fail.json).toMatchObject({ ok: false, codespace: "identity", code: 20, reason: `${subject.address} is attested as accredited, the requirement allows retail, professional: investor class not allowed` });
    expect((await get(`/check_compliance/${auditor.address}`)).json).toMatchObject({ ok: false, code: 16 });
  });

  it("answers bad requests with the gateway's error body", async () => {
    expect(await get(`/check_compliance/${subject.address}?requirement.min_kyc_level=4294967296`)).toMatchObject({ status: 400, json: { code: 3 } });
    expect(await get(`/check_compliance/${subject.address}?requirement.investor_classes=GOLD`)).toMatchObject({ status: 400, json: { code: 3 } });
    expect(await get(`/check_compliance/${subject.address}?requirement.jurisdictions=XX`)).toMatchObject({
      status: 400,
      json: { code: 3, message: 'jurisdiction "XX" is not an ISO 3166-1 alpha-2 code (upper case, e.g. DE): invalid claim requirement', details: [] },
    });
    expect(await get("/attestations/persistence1nope")).toMatchObject({ status: 400, json: { code: 3 } });
  });

  it("lists the deny list, frozen accounts and disclosures", async () => {
    expect((await get("/deny_list")).json).toEqual({ entries: [], pagination: { next_key: null, total: "0" } });
    expect((await get("/frozen_accounts")).json.freezes).toEqual([{ address: auditor.address, authority: authority.address, reason: "review", frozen_at: latest }]);
    expect((await get(`/disclosures/${subject.address}`)).json.disclosures).toEqual([
      { id: "1", subject: subject.address, provider: provider.address, auditor: auditor.address, commitment: base64(COMMITMENT), disclosed_at: expect.any(String), height: "3" },
    ]);
  });

  it("verifies a disclosed record posted as JSON", async () => {
    const post = async (body: object): Promise<{ status: number; json: any }> => {
      const response = await fetch(`${server.address}/persistence/identity/v1/verify_disclosure`, { method: "POST", body: JSON.stringify(body) });
      return { status: response.status, json: await response.json() };
    };
    const request = { subject: subject.address, provider: provider.address, record: base64(RECORD), salt: base64(SALT) };
    expect(await post(request)).toEqual({ status: 200, json: { valid: true, commitment: base64(COMMITMENT), computed: base64(COMMITMENT) } });
    expect((await post({ ...request, record: base64(new TextEncoder().encode("passport C01X00T48")) })).json.valid).toBe(false);
    expect(await post({ ...request, salt: "AAAA" })).toMatchObject({ status: 400, json: { code: 3, message: "the salt must be 32 bytes, got 3: invalid salt" } });
    expect(await post({ ...request, provider: auditor.address })).toMatchObject({ status: 404, json: { code: 5 } });
  });
});
