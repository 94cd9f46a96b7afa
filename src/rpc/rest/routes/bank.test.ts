import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RestServer } from "../server.js";
import { ALICE, startTestRestServer, type TestNode } from "../test-fixture.js";

let server: RestServer;
let node: TestNode;

beforeAll(async () => ({ server, node } = await startTestRestServer()));
afterAll(() => server.close());

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.address}${path}`);
  return { status: response.status, text: await response.text() };
}

const xprtMetadata = {
  description: "The staking and fee token of Persistence",
  denom_units: [
    { denom: "uxprt", exponent: 0, aliases: [] },
    { denom: "xprt", exponent: 6, aliases: [] },
  ],
  base: "uxprt",
  display: "xprt",
  name: "Persistence",
  symbol: "XPRT",
  uri: "",
  uri_hash: "",
};

describe("balances", () => {
  it("lists all balances of an address", async () => {
    expect(await get(`/cosmos/bank/v1beta1/balances/${ALICE}`)).toEqual({
      status: 200,
      text: '{"balances":[{"denom":"uusd","amount":"2500000"},{"denom":"uxprt","amount":"1000000"}],"pagination":{"next_key":null,"total":"2"}}',
    });
  });

  it("maps every pagination query parameter onto the PageRequest", async () => {
    const { text } = await get(
      `/cosmos/bank/v1beta1/balances/${ALICE}?pagination.key=AQ%3D%3D&pagination.offset=0&pagination.limit=1&pagination.count_total=true&pagination.reverse=1&resolve_denom=false`,
    );
    expect(JSON.parse(text)).toEqual({ balances: [{ denom: "uusd", amount: "2500000" }], pagination: { next_key: "AQ==", total: "2" } });
    expect(node.queries.at(-1)).toEqual({
      path: "/cosmos.bank.v1beta1.Query/AllBalances",
      height: 0n,
      request: {
        address: ALICE,
        pagination: { key: new Uint8Array([1]), offset: 0n, limit: 1n, countTotal: true, reverse: true },
        resolveDenom: false,
      },
    });
  });

  it("leaves pagination unset when no pagination parameter is given", async () => {
    await get(`/cosmos/bank/v1beta1/spendable_balances/${ALICE}`);
    expect(node.queries.at(-1)).toMatchObject({ path: "/cosmos.bank.v1beta1.Query/SpendableBalances", request: { pagination: undefined } });
  });

  it("rejects malformed pagination values with 400", async () => {
    for (const query of ["pagination.limit=-1", "pagination.limit=abc", "pagination.key=%%%", "pagination.reverse=yes", "pagination.limit=1&pagination.limit=2"]) {
      const { status, text } = await get(`/cosmos/bank/v1beta1/balances/${ALICE}?${query}`);
      expect(status, query).toBe(400);
      expect(JSON.parse(text), query).toMatchObject({ code: 3, details: [] });
    }
  });

  it("returns one balance by denom", async () => {
    expect((await get(`/cosmos/bank/v1beta1/balances/${ALICE}/by_denom?denom=uxprt`)).text).toBe(
      '{"balance":{"denom":"uxprt","amount":"1000000"}}',
    );
  });

  it("returns spendable balances", async () => {
    expect(JSON.parse((await get(`/cosmos/bank/v1beta1/spendable_balances/${ALICE}`)).text)).toEqual({
      balances: [
        { denom: "uusd", amount: "2500000" },
        { denom: "uxprt", amount: "1000000" },
      ],
      pagination: { next_key: null, total: "2" },
    });
  });

  it("answers 400 for an invalid address", async () => {
    const { status, text } = await get("/cosmos/bank/v1beta1/balances/not-an-address");
    expect(status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      code: 3,
      message: "invalid address: decoding bech32 failed: not-an-address: invalid request",
      details: [],
    });
  });
});

describe("supply, params and metadata", () => {
  it("returns the total supply and the supply of one denom", async () => {
    expect((await get("/cosmos/bank/v1beta1/supply")).text).toBe(
      '{"supply":[{"denom":"uusd","amount":"2500000"},{"denom":"uxprt","amount":"100000000000000000"}],"pagination":{"next_key":null,"total":"2"}}',
    );
    expect((await get("/cosmos/bank/v1beta1/supply/by_denom?denom=uxprt")).text).toBe(
      '{"amount":{"denom":"uxprt","amount":"100000000000000000"}}',
    );
  });

  it("returns the params", async () => {
    expect((await get("/cosmos/bank/v1beta1/params")).text).toBe('{"params":{"send_enabled":[],"default_send_enabled":true}}');
  });

  it("returns denom metadata, all and by denom", async () => {
    expect((await get("/cosmos/bank/v1beta1/denoms_metadata")).text).toBe(
      JSON.stringify({ metadatas: [xprtMetadata], pagination: { next_key: null, total: "1" } }),
    );
    expect((await get("/cosmos/bank/v1beta1/denoms_metadata/uxprt")).text).toBe(JSON.stringify({ metadata: xprtMetadata }));
  });

  it("passes a denom with slashes whole", async () => {
    const { status } = await get("/cosmos/bank/v1beta1/denoms_metadata/ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2");
    expect(status).toBe(404);
    expect(node.queries.at(-1)?.request).toEqual({ denom: "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2" });
  });
});
