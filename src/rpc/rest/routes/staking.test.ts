import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consensusKey, createValidatorMsg, delegateMsg, redelegateMsg, stakingChain, undelegateMsg, XPRT, type StakingChain, type Wallet } from "../../../modules/staking/test-fixture.js";
import { GENESIS_SECONDS } from "../../../testing/app-harness.js";
import type { RestNode } from "../route.js";
import { startRestServer, type RestServer } from "../server.js";

/** The REST API over a real App: queries go to its ABCI query; nothing else is used here. */
function appNode(staking: StakingChain): RestNode {
  const unused = () => {
    throw new Error("not used by the staking routes");
  };
  return { abciQuery: (request) => staking.chain.app.query(request), nodeInfo: unused, syncInfo: unused, block: unused, tx: unused, txSearch: unused, abciInfo: unused, broadcastTx: unused };
}

/** The RFC 3339 time of harness block `height`. */
const blockTime = (height: bigint, plusSeconds = 0n) => new Date(Number(GENESIS_SECONDS + height + plusSeconds) * 1000).toISOString().replace(".000Z", "Z");
const UNBONDING_SECONDS = 1_814_400n;
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/**
 * Two genesis validators (300 and 200 XPRT) fill the active set (max_validators 2); CAROL creates a
 * third at block 2 that stays unbonded; DAN delegates 40 XPRT to the first at block 3, then
 * unbonds 10 and redelegates 5 to the second at block 4.
 */
describe("staking REST routes", () => {
  let staking: StakingChain;
  let server: RestServer;
  let first: Wallet;
  let second: Wallet;
  let carol: Wallet;
  let dan: Wallet;

  const get = async (path: string) => {
    const response = await fetch(`${server.address}/cosmos/staking/v1beta1${path}`);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    staking = await stakingChain({ accounts: 4, validators: [{ account: 0, tokens: 300n * XPRT }, { account: 1, tokens: 200n * XPRT }], params: { max_validators: 2 } });
    [first, second, carol, dan] = staking.wallets as [Wallet, Wallet, Wallet, Wallet];
    const { chain } = staking;
    const blocks = [
      [await carol.tx(createValidatorMsg(carol, { key: consensusKey(2), amount: 50n * XPRT, moniker: "carol" }))],
      [await dan.tx(delegateMsg(dan.address, first.operator, 40n * XPRT))],
      [await dan.tx(undelegateMsg(dan.address, first.operator, 10n * XPRT)), await dan.tx(redelegateMsg(dan.address, first.operator, second.operator, 5n * XPRT))],
    ];
    for (const txs of blocks) {
      const { txResults } = await chain.block(txs);
      expect(txResults.map((r) => r.code), txResults.map((r) => r.log).join("; ")).toEqual(txs.map(() => 0));
    }
    server = await startRestServer({ node: appNode(staking), host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await staking?.chain.close();
  });

  it("serves a validator with LegacyDec rates and shares as the SDK's decimals and its key as an ed25519 Any", async () => {
    expect(await get(`/validators/${carol.operator}`)).toEqual({
      status: 200,
      json: {
        validator: {
          operator_address: carol.operator,
          consensus_pubkey: { "@type": "/cosmos.crypto.ed25519.PubKey", key: base64(consensusKey(2)) },
          jailed: false,
          status: "BOND_STATUS_UNBONDED",
          tokens: "50000000",
          delegator_shares: "50000000.000000000000000000",
          description: { moniker: "carol", identity: "", website: "", security_contact: "", details: "" },
          unbonding_height: "0",
          unbonding_time: "1970-01-01T00:00:00Z",
          commission: { commission_rates: { rate: "0.100000000000000000", max_rate: "0.200000000000000000", max_change_rate: "0.010000000000000000" }, update_time: blockTime(2n) },
          min_self_delegation: "1",
          unbonding_on_hold_ref_count: "0",
          unbonding_ids: [],
        },
      },
    });
  });

  it("filters validators by status and pages them", async () => {
    const operators = (json: Record<string, unknown>) => (json.validators as { operator_address: string }[]).map((v) => v.operator_address);
    const bonded = await get("/validators?status=BOND_STATUS_BONDED");
    expect(operators(bonded.json).sort()).toEqual([first.operator, second.operator].sort());
    expect((await get("/validators?status=BOND_STATUS_UNBONDED")).json).toMatchObject({ validators: [{ operator_address: carol.operator }], pagination: { next_key: null, total: "1" } });
    const all = (await get("/validators")).json;
    const page = (await get("/validators?pagination.limit=2&pagination.count_total=true")).json as { pagination: { next_key: string; total: string } };
    expect(operators(page).concat(operators(all).slice(2))).toEqual(operators(all));
    expect(page.pagination.total).toBe("3");
    const rest = (await get(`/validators?pagination.key=${encodeURIComponent(page.pagination.next_key)}`)).json;
    expect(operators(rest)).toEqual(operators(all).slice(2));
    expect(await get("/validators?status=BOND_STATUS_SOMETIMES")).toMatchObject({ status: 400, json: { code: 3 } });
  });

  it("serves delegations by validator, by delegator and by pair, with their balances", async () => {
    const danDelegation = { delegation: { delegator_address: dan.address, validator_address: first.operator, shares: "25000000.000000000000000000" }, balance: { denom: "uxprt", amount: "25000000" } };
    expect(await get(`/validators/${first.operator}/delegations/${dan.address}`)).toEqual({ status: 200, json: { delegation_response: danDelegation } });
    const byValidator = (await get(`/validators/${first.operator}/delegations`)).json as { delegation_responses: { delegation: { delegator_address: string } }[]; pagination: unknown };
    expect(byValidator.delegation_responses.map((d) => d.delegation.delegator_address).sort()).toEqual([first.address, dan.address].sort());
    expect(byValidator.delegation_responses).toContainEqual(danDelegation);
    const byDelegator = (await get(`/delegations/${dan.address}`)).json as { delegation_responses: unknown[] };
    expect(byDelegator.delegation_responses).toHaveLength(2);
    expect(byDelegator.delegation_responses).toContainEqual({
      delegation: { delegator_address: dan.address, validator_address: second.operator, shares: "5000000.000000000000000000" },
      balance: { denom: "uxprt", amount: "5000000" },
    });
    expect(await get(`/validators/${first.operator}/delegations/${carol.address}`)).toMatchObject({ status: 404, json: { code: 5, message: expect.stringContaining("not found") } });
  });

  it("serves unbonding delegations by pair, validator and delegator", async () => {
    const unbond = {
      delegator_address: dan.address,
      validator_address: first.operator,
      entries: [{ creation_height: "4", completion_time: blockTime(4n, UNBONDING_SECONDS), initial_balance: "10000000", balance: "10000000", unbonding_id: expect.any(String), unbonding_on_hold_ref_count: "0" }],
    };
    expect(await get(`/validators/${first.operator}/delegations/${dan.address}/unbonding_delegation`)).toEqual({ status: 200, json: { unbond } });
    expect((await get(`/validators/${first.operator}/unbonding_delegations`)).json).toEqual({ unbonding_responses: [unbond], pagination: { next_key: null, total: "1" } });
    expect((await get(`/delegators/${dan.address}/unbonding_delegations`)).json).toEqual({ unbonding_responses: [unbond], pagination: { next_key: null, total: "1" } });
    expect(await get(`/validators/${second.operator}/delegations/${dan.address}/unbonding_delegation`)).toMatchObject({ status: 404, json: { code: 5 } });
  });

  it("serves redelegations with their entries' destination shares and balances", async () => {
    const entry = { creation_height: "4", completion_time: blockTime(4n, UNBONDING_SECONDS), initial_balance: "5000000", shares_dst: "5000000.000000000000000000", unbonding_id: expect.any(String), unbonding_on_hold_ref_count: "0" };
    const response = {
      redelegation: { delegator_address: dan.address, validator_src_address: first.operator, validator_dst_address: second.operator, entries: [entry] },
      entries: [{ redelegation_entry: entry, balance: "5000000" }],
    };
    expect((await get(`/delegators/${dan.address}/redelegations`)).json).toEqual({ redelegation_responses: [response], pagination: { next_key: null, total: "1" } });
    const pair = await get(`/delegators/${dan.address}/redelegations?src_validator_addr=${first.operator}&dst_validator_addr=${second.operator}`);
    expect(pair.json).toEqual({ redelegation_responses: [response], pagination: null });
    expect(await get(`/delegators/${dan.address}/redelegations?src_validator_addr=${second.operator}&dst_validator_addr=${first.operator}`)).toMatchObject({ status: 404, json: { code: 5 } });
  });

  it("serves a delegator's validators", async () => {
    const validators = (await get(`/delegators/${dan.address}/validators`)).json as { validators: { operator_address: string; tokens: string }[] };
    expect(validators.validators.map((v) => [v.operator_address, v.tokens]).sort()).toEqual([[first.operator, "325000000"], [second.operator, "205000000"]].sort());
    expect(await get(`/delegators/${dan.address}/validators/${second.operator}`)).toMatchObject({ status: 200, json: { validator: { operator_address: second.operator, status: "BOND_STATUS_BONDED", tokens: "205000000" } } });
    expect(await get(`/delegators/${dan.address}/validators/${carol.operator}`)).toMatchObject({ status: 404, json: { code: 5 } });
  });

  it("serves the pool and params, and no historical info", async () => {
    expect(await get("/pool")).toEqual({ status: 200, json: { pool: { not_bonded_tokens: "60000000", bonded_tokens: "530000000" } } });
    expect(await get("/params")).toEqual({
      status: 200,
      json: { params: { unbonding_time: "1814400s", max_validators: 2, max_entries: 7, historical_entries: 0, bond_denom: "uxprt", min_commission_rate: "0.000000000000000000" } },
    });
    expect(await get("/historical_info/3")).toMatchObject({ status: 404, json: { code: 5, message: expect.stringContaining("historical info") } });
    expect(await get("/historical_info/three")).toMatchObject({ status: 400, json: { code: 3 } });
  });

  it("refuses malformed and unknown addresses", async () => {
    expect(await get(`/validators/${dan.address}`)).toMatchObject({ status: 400, json: { code: 3 } });
    expect(await get(`/delegations/${first.operator}`)).toMatchObject({ status: 400, json: { code: 3 } });
    expect(await get(`/validators/${dan.operator}`)).toMatchObject({ status: 404, json: { code: 5, message: expect.stringContaining("not found") } });
  });
});
