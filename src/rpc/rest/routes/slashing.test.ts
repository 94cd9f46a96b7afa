import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeConsensusAddress } from "../../../modules/slashing/addresses.js";
import { AppHarness } from "../../../testing/app-harness.js";
import type { RestNode } from "../route.js";
import { startRestServer, type RestServer } from "../server.js";

/** The REST API over a real App: queries go to its ABCI query; nothing else is used here. */
function appNode(chain: AppHarness): RestNode {
  const unused = () => {
    throw new Error("not used by the slashing routes");
  };
  return { abciQuery: (request) => chain.app.query(request), nodeInfo: unused, syncInfo: unused, block: unused, tx: unused, txSearch: unused, abciInfo: unused, broadcastTx: unused };
}

const cons = (seed: number) => encodeConsensusAddress(new Uint8Array(20).fill(seed));
const signingInfo = (seed: number, fields: Record<string, unknown> = {}) => ({
  address: cons(seed),
  start_height: "1",
  index_offset: "7",
  jailed_until: "1970-01-01T00:00:00Z",
  tombstoned: false,
  missed_blocks_counter: "0",
  ...fields,
});

describe("slashing REST routes", () => {
  let chain: AppHarness;
  let server: RestServer;

  const get = async (path: string) => {
    const response = await fetch(`${server.address}${path}`);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const infos = [signingInfo(3), signingInfo(1, { missed_blocks_counter: "2" }), signingInfo(2, { tombstoned: true, jailed_until: "9999-12-31T23:59:59Z" })];
    const slashing = {
      params: { signed_blocks_window: "20", min_signed_per_window: "0.05", downtime_jail_duration: "60s", slash_fraction_double_sign: "0.05", slash_fraction_downtime: "0.0001" },
      signing_infos: infos.map((info) => ({ address: info.address, validator_signing_info: info })),
      missed_blocks: [{ address: cons(1), missed_blocks: [{ index: "3", missed: true }, { index: "19", missed: true }] }],
    };
    chain = await AppHarness.start({ genesis: { slashing } });
    // Queries read committed state: the genesis commits with the first block.
    await chain.block([]);
    server = await startRestServer({ node: appNode(chain), host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await chain.close();
  });

  it("serves the params with LegacyDec fields as the SDK's decimals", async () => {
    expect(await get("/cosmos/slashing/v1beta1/params")).toEqual({
      status: 200,
      json: {
        params: {
          signed_blocks_window: "20",
          min_signed_per_window: "0.050000000000000000",
          downtime_jail_duration: "60s",
          slash_fraction_double_sign: "0.050000000000000000",
          slash_fraction_downtime: "0.000100000000000000",
        },
      },
    });
  });

  it("serves one signing info by persistencevalcons address, and refuses unknown or malformed ones", async () => {
    expect(await get(`/cosmos/slashing/v1beta1/signing_infos/${cons(2)}`)).toEqual({
      status: 200,
      json: { val_signing_info: signingInfo(2, { tombstoned: true, jailed_until: "9999-12-31T23:59:59Z" }) },
    });
    expect(await get(`/cosmos/slashing/v1beta1/signing_infos/${cons(9)}`)).toMatchObject({ status: 404, json: { code: 5, message: expect.stringContaining("no validator signing info found") } });
    expect(await get("/cosmos/slashing/v1beta1/signing_infos/persistencevalcons1nope")).toMatchObject({ status: 400, json: { code: 3 } });
  });

  it("pages the signing infos by consensus address", async () => {
    const first = await get("/cosmos/slashing/v1beta1/signing_infos?pagination.limit=2&pagination.count_total=true");
    const page = first.json as { info: { address: string }[]; pagination: { next_key: string; total: string } };
    expect(page.info.map((i) => i.address)).toEqual([cons(1), cons(2)]);
    expect(page.info[0]).toEqual(signingInfo(1, { missed_blocks_counter: "2" }));
    expect(page.pagination.total).toBe("3");
    const next = await get(`/cosmos/slashing/v1beta1/signing_infos?pagination.key=${encodeURIComponent(page.pagination.next_key)}`);
    expect(next.json).toEqual({ info: [signingInfo(3)], pagination: { next_key: null, total: "0" } });
  });
});
