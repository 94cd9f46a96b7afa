import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterGenesis, campaignWorld, claimBy, claimMsg, makeStakers, snapshotOf, Wallet, type Staker } from "../../../modules/stakedrop/test-fixture.js";
import { AppHarness, fundedGenesis } from "../../../testing/app-harness.js";
import { TestSigner } from "../../../testing/signer.js";
import type { RestNode } from "../route.js";
import { startRestServer, type RestServer } from "../server.js";

/** The REST API over a real App: queries go to its ABCI query; nothing else is used here. */
function appNode(chain: AppHarness): RestNode {
  const unused = () => {
    throw new Error("not used by the stakedrop routes");
  };
  return { abciQuery: (request) => chain.app.query(request), nodeInfo: unused, syncInfo: unused, block: unused, tx: unused, txSearch: unused, abciInfo: unused, broadcastTx: unused };
}

describe("stakedrop REST routes", () => {
  let chain: AppHarness;
  let server: RestServer;
  let stakers: Staker[];
  let alice: string;

  const get = async (path: string) => {
    const response = await fetch(`${server.address}${path}`);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    stakers = await makeStakers(3);
    const signer = await TestSigner.fromSeed(1);
    alice = signer.address;
    const snapshot = snapshotOf(
      stakers.map((s, i) => [s.address, [BigInt(i + 1)]] as const),
      [0],
      10,
    );
    chain = await AppHarness.start({
      genesis: campaignWorld(fundedGenesis([signer]), { snapshot, claimStart: afterGenesis(0), claimEnd: afterGenesis(1000), params: { total: 600n, capPerAddress: 250n } }),
    });
    const wallet = new Wallet(signer, 0n);
    await chain.block([await wallet.tx(claimMsg(await claimBy(stakers[1]!, alice, alice)))]);
    server = await startRestServer({ node: appNode(chain), host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await chain.close();
  });

  it("serves the campaign in the gateway's JSON", async () => {
    // Weights 10:20:30 share 600 under a cap of 250: 30 is capped, 350 left for 10:20.
    expect(await get("/persistence/stakedrop/v1/campaign")).toEqual({
      status: 200,
      json: {
        params: { total: "600", cap_per_address: "250" },
        campaign: { claim_start: afterGenesis(0), claim_end: afterGenesis(1000), closed: false, swept: "0" },
        allocated: "599",
        claimed: "233",
        unclaimed: "367",
        dust: "1",
        addresses: "3",
        claimed_addresses: "1",
      },
    });
  });

  it("serves one allocation by cosmos address, and refuses unknown or invalid ones", async () => {
    expect(await get(`/persistence/stakedrop/v1/allocations/${stakers[1]!.address}`)).toEqual({
      status: 200,
      json: { allocation: { cosmos_address: stakers[1]!.address, weight: "20", amount: "233", claimed: true, receiver: alice, claimed_at: afterGenesis(1) } },
    });
    expect((await get(`/persistence/stakedrop/v1/allocations/${stakers[0]!.address}`)).json).toMatchObject({ allocation: { amount: "116", claimed: false, receiver: "", claimed_at: null } });
    const [unknown] = await makeStakers(4).then((all) => all.slice(3));
    expect(await get(`/persistence/stakedrop/v1/allocations/${unknown!.address}`)).toMatchObject({ status: 404, json: { code: 5, message: expect.stringContaining("is not in the stakedrop snapshot") } });
    expect(await get(`/persistence/stakedrop/v1/allocations/${alice}`)).toMatchObject({ status: 400, json: { code: 3 } });
  });

  it("pages all allocations by address bytes", async () => {
    const first = await get("/persistence/stakedrop/v1/allocations?pagination.limit=2&pagination.count_total=true");
    expect(first.status).toBe(200);
    const page = first.json as { allocations: { cosmos_address: string }[]; pagination: { next_key: string; total: string } };
    expect(page.allocations).toHaveLength(2);
    expect(page.pagination.total).toBe("3");
    const next = await get(`/persistence/stakedrop/v1/allocations?pagination.key=${encodeURIComponent(page.pagination.next_key)}`);
    const rest = (next.json as { allocations: { cosmos_address: string }[] }).allocations;
    expect(rest).toHaveLength(1);
    expect([...page.allocations, ...rest].map((a) => a.cosmos_address).sort()).toEqual(stakers.map((s) => s.address).sort());
  });
});
