import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createValidatorMsg, delegateMsg, valoperOf, voteOf, Wallet } from "../../../modules/distribution/app-test-fixture.js";
import { AppHarness, fundedGenesis } from "../../../testing/app-harness.js";
import { TestSigner } from "../../../testing/signer.js";
import { ONE } from "../../../types/decimal.js";
import type { RestNode } from "../route.js";
import { startRestServer, type RestServer } from "../server.js";

function appNode(chain: AppHarness): RestNode {
  const unused = () => {
    throw new Error("not used by the distribution routes");
  };
  return { abciQuery: (request) => chain.app.query(request), nodeInfo: unused, syncInfo: unused, block: unused, tx: unused, txSearch: unused, abciInfo: unused, broadcastTx: unused };
}

/** One validator (20 % commission) and Alice's delegation; block 3 allocates block 2's fee of 5,000 uxprt. */
describe("distribution and mint REST routes", () => {
  let chain: AppHarness;
  let server: RestServer;
  let alice: string;
  let valoper: string;
  const get = async (path: string) => {
    const response = await fetch(`${server.address}${path}`);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const signers = await Promise.all([1, 2].map((seed) => TestSigner.fromSeed(seed)));
    chain = await AppHarness.start({ genesis: fundedGenesis(signers) });
    const [validator, delegator] = signers.map((s, i) => new Wallet(s, BigInt(i))) as [Wallet, Wallet];
    [alice, valoper] = [delegator.address, valoperOf(validator)];
    await chain.block([await validator.tx(createValidatorMsg(validator, 1, 1_000_000n, ONE / 5n))]);
    await chain.block([await delegator.tx(delegateMsg(delegator, valoper, 3_000_000n))]);
    await chain.block([], { votes: [voteOf(1, 4n)] });
    server = await startRestServer({ node: appNode(chain), host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await chain.close();
  });

  it("serves Keplr's reads: a delegator's rewards, the community pool, params", async () => {
    // 5,000 − 2 % = 4,900; 20 % commission leaves 3,920 for 1 : 3 → Alice 2,940.
    expect(await get(`/cosmos/distribution/v1beta1/delegators/${alice}/rewards`)).toEqual({
      status: 200,
      json: { rewards: [{ validator_address: valoper, reward: [{ denom: "uxprt", amount: "2940.000000000000000000" }] }], total: [{ denom: "uxprt", amount: "2940.000000000000000000" }] },
    });
    expect((await get("/cosmos/distribution/v1beta1/community_pool")).json).toEqual({ pool: [{ denom: "uxprt", amount: "5100.000000000000000000" }] });
    expect((await get("/cosmos/distribution/v1beta1/params")).json).toEqual({
      params: { community_tax: "0.020000000000000000", base_proposer_reward: "0.000000000000000000", bonus_proposer_reward: "0.000000000000000000", withdraw_addr_enabled: true },
    });
  });

  it("serves a validator's books and a delegator's, and refuses bad addresses", async () => {
    expect((await get(`/cosmos/distribution/v1beta1/validators/${valoper}/commission`)).json).toEqual({ commission: { commission: [{ denom: "uxprt", amount: "980.000000000000000000" }] } });
    expect((await get(`/cosmos/distribution/v1beta1/validators/${valoper}/outstanding_rewards`)).json).toEqual({ rewards: { rewards: [{ denom: "uxprt", amount: "4900.000000000000000000" }] } });
    expect((await get(`/cosmos/distribution/v1beta1/validators/${valoper}`)).json).toMatchObject({ self_bond_rewards: [{ denom: "uxprt", amount: "980.000000000000000000" }] });
    expect((await get(`/cosmos/distribution/v1beta1/validators/${valoper}/slashes?starting_height=1&ending_height=100`)).json).toEqual({ slashes: [], pagination: { next_key: null, total: "0" } });
    expect((await get(`/cosmos/distribution/v1beta1/delegators/${alice}/rewards/${valoper}`)).json).toEqual({ rewards: [{ denom: "uxprt", amount: "2940.000000000000000000" }] });
    expect((await get(`/cosmos/distribution/v1beta1/delegators/${alice}/validators`)).json).toEqual({ validators: [valoper] });
    expect((await get(`/cosmos/distribution/v1beta1/delegators/${alice}/withdraw_address`)).json).toEqual({ withdraw_address: alice });
    expect(await get(`/cosmos/distribution/v1beta1/delegators/${alice}/rewards/${alice}`)).toMatchObject({ status: 400, json: { code: 3 } });
    expect(await get(`/cosmos/distribution/v1beta1/validators/${valoperOf({ address: alice })}/commission`)).toMatchObject({ status: 404, json: { code: 5 } });
  });

  it("serves mint's params, inflation and annual provisions as decimals", async () => {
    expect((await get("/cosmos/mint/v1beta1/inflation")).json).toEqual({ inflation: "0.000000000000000000" });
    expect((await get("/cosmos/mint/v1beta1/annual_provisions")).json).toEqual({ annual_provisions: "0.000000000000000000" });
    expect((await get("/cosmos/mint/v1beta1/params")).json).toEqual({
      params: { mint_denom: "uxprt", inflation_rate_change: "0.000000000000000000", inflation_max: "0.000000000000000000", inflation_min: "0.000000000000000000", goal_bonded: "0.670000000000000000", blocks_per_year: "6311520" },
    });
  });
});
