import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RestServer } from "../server.js";
import {
  ALICE,
  ALICE_PUBKEY,
  BOB,
  FEE_COLLECTOR,
  startTestRestServer,
  testAddress,
  type TestNode,
} from "../test-fixture.js";

let server: RestServer;
let node: TestNode;

beforeAll(async () => ({ server, node } = await startTestRestServer()));
afterAll(() => server.close());

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.address}${path}`);
  return { status: response.status, text: await response.text() };
}

const feeCollector = {
  "@type": "/cosmos.auth.v1beta1.ModuleAccount",
  base_account: { address: FEE_COLLECTOR, pub_key: null, account_number: "1", sequence: "0" },
  name: "fee_collector",
  permissions: [],
};

describe("GET /cosmos/auth/v1beta1/accounts/{address}", () => {
  it("returns a new account without a public key", async () => {
    expect(await get(`/cosmos/auth/v1beta1/accounts/${BOB}`)).toEqual({
      status: 200,
      text: `{"account":{"@type":"/cosmos.auth.v1beta1.BaseAccount","address":"${BOB}","pub_key":null,"account_number":"0","sequence":"0"}}`,
    });
  });

  it("returns an account with its public key", async () => {
    const { text } = await get(`/cosmos/auth/v1beta1/accounts/${ALICE}`);
    expect(text).toBe(
      JSON.stringify({
        account: {
          "@type": "/cosmos.auth.v1beta1.BaseAccount",
          address: ALICE,
          pub_key: { "@type": "/cosmos.crypto.secp256k1.PubKey", key: Buffer.from(ALICE_PUBKEY).toString("base64") },
          account_number: "7",
          sequence: "3",
        },
      }),
    );
  });

  it("answers 404 with gRPC NotFound for an unknown account", async () => {
    const unknown = testAddress(42);
    expect(await get(`/cosmos/auth/v1beta1/accounts/${unknown}`)).toEqual({
      status: 404,
      text: `{"code":5,"message":"account ${unknown} not found: key not found","details":[]}`,
    });
  });

  it("answers 400 with gRPC InvalidArgument for an invalid address", async () => {
    const { status, text } = await get("/cosmos/auth/v1beta1/accounts/cosmos1notpersistence");
    expect(status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ code: 3, details: [] });
  });

  it("reads state at the height of x-cosmos-block-height and reports it back", async () => {
    const response = await fetch(`${server.address}/cosmos/auth/v1beta1/accounts/${BOB}`, {
      headers: { "x-cosmos-block-height": "2" },
    });
    expect(response.headers.get("x-cosmos-block-height")).toBe("2");
    expect(node.queries.at(-1)).toMatchObject({ path: "/cosmos.auth.v1beta1.Query/Account", height: 2n });
  });
});

describe("other auth routes", () => {
  it("lists accounts with pagination", async () => {
    const { text } = await get("/cosmos/auth/v1beta1/accounts?pagination.limit=1&pagination.offset=1");
    expect(JSON.parse(text)).toEqual({
      accounts: [
        {
          "@type": "/cosmos.auth.v1beta1.BaseAccount",
          address: ALICE,
          pub_key: { "@type": "/cosmos.crypto.secp256k1.PubKey", key: Buffer.from(ALICE_PUBKEY).toString("base64") },
          account_number: "7",
          sequence: "3",
        },
      ],
      pagination: { next_key: "Ag==", total: "0" },
    });
  });

  it("returns the params", async () => {
    expect((await get("/cosmos/auth/v1beta1/params")).text).toBe(
      '{"params":{"max_memo_characters":"256","tx_sig_limit":"7","tx_size_cost_per_byte":"10","sig_verify_cost_ed25519":"590","sig_verify_cost_secp256k1":"1000"}}',
    );
  });

  it("returns module accounts, all and by name", async () => {
    expect((await get("/cosmos/auth/v1beta1/module_accounts")).text).toBe(JSON.stringify({ accounts: [feeCollector] }));
    expect((await get("/cosmos/auth/v1beta1/module_accounts/fee_collector")).text).toBe(
      JSON.stringify({ account: feeCollector }),
    );
  });
});
