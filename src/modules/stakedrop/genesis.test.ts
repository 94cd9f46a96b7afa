import { bech32 } from "@scure/base";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, NO_INFLATION } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { isError } from "../../types/errors.js";
import { defaultStakedropGenesis } from "./genesis.js";
import { withCampaign } from "./genesis-builder.js";
import { afterGenesis, campaignWorld, claimBy, claimMsg, makeStakers, snapshotOf, STAKEDROP_ADDRESS, StakedropReader, Wallet } from "./test-fixture.js";

const PARAMS = { total: 900n, capPerAddress: 500n };
/** The chain's XPRT genesis supply: 100,000,000,000 XPRT. */
const XPRT_GENESIS_SUPPLY = 100_000_000_000n * 1_000_000n;

describe("stakedrop genesis", () => {
  const chains: AppHarness[] = [];
  const start = async (genesis: Record<string, unknown>) => {
    const chain = await AppHarness.start({ genesis });
    chains.push(chain);
    await chain.block([]);
    return chain;
  };
  afterEach(async () => {
    for (const chain of chains.splice(0)) await chain.close();
  });

  it("defaults to the documented params and no campaign", async () => {
    expect(defaultStakedropGenesis()).toEqual({ params: { total: "200000000000", cap_per_address: "5000000000" }, campaign: null, snapshot: null, allocations: [] });
    const chain = await start({});
    expect(await new StakedropReader(chain.app).campaign()).toMatchObject({ code: 3, log: "rpc error: code = NotFound desc = this chain has no stakedrop campaign: no stakedrop campaign" });
    expect(chain.app.exportGenesis().stakedrop).toEqual(defaultStakedropGenesis());
  });

  it("exports the computed allocations with their claims, and the import keeps working", async () => {
    const stakers = await makeStakers(3);
    const signer = await TestSigner.fromSeed(1);
    const snapshot = snapshotOf(
      [
        [stakers[0]!.address, [2n, 0n]],
        [stakers[1]!.address, [1n, 1n]],
        [stakers[2]!.address, [0n, 0n]],
      ],
      [0, 10],
      30,
    );
    const chain = await start(campaignWorld(fundedGenesis([signer]), { snapshot, claimStart: afterGenesis(0), claimEnd: afterGenesis(100), params: PARAMS }));
    const alice = new Wallet(signer, 0n);
    expect((await chain.block([await alice.tx(claimMsg(await claimBy(stakers[1]!, alice.address, alice.address)))])).txResults[0]!.code).toBe(0);

    const exported = chain.app.exportGenesis();
    // Weights 20 and 30 share 900: 360 and 540, capped at 500, so 400 and 500; the zero-weight staker gets nothing.
    expect(exported.stakedrop).toEqual({
      params: { total: "900", cap_per_address: "500" },
      campaign: { claim_start: afterGenesis(0), claim_end: afterGenesis(100), closed: false, swept: "0" },
      snapshot: null,
      allocations: [stakers[0]!, stakers[1]!]
        .map((s) => s.address)
        .sort((a, b) => (Buffer.compare(bech32Bytes(a), bech32Bytes(b)) < 0 ? -1 : 1))
        .map((address) =>
          address === stakers[0]!.address
            ? { cosmos_address: address, weight: "20", amount: "400", claimed: false, receiver: "", claimed_at: null }
            : { cosmos_address: address, weight: "30", amount: "500", claimed: true, receiver: alice.address, claimed_at: afterGenesis(2) },
        ),
    });

    const copy = await start(exported);
    expect(copy.app.exportGenesis().stakedrop).toEqual(exported.stakedrop);
    const read = new StakedropReader(copy.app);
    expect(await read.campaign()).toMatchObject({ allocated: "900", claimed: "500", unclaimed: "400", dust: "0", addresses: 2n, claimedAddresses: 1n });
    const again = (await copy.block([await alice.tx(claimMsg(await claimBy(stakers[1]!, alice.address, alice.address)))])).txResults[0]!;
    expect([again.codespace, again.code]).toEqual(["stakedrop", 5]);
    const first = (await copy.block([await alice.tx(claimMsg(await claimBy(stakers[0]!, alice.address, alice.address)))])).txResults[0]!;
    expect(first.code, first.log).toBe(0);
    expect(await read.balance(STAKEDROP_ADDRESS)).toBe(0n);
  });

  it("funds a campaign from the first account without changing the XPRT genesis supply", async () => {
    const stakers = await makeStakers(1);
    const [a, b] = await Promise.all([TestSigner.fromSeed(1), TestSigner.fromSeed(2)]);
    const appState = {
      bank: {
        balances: [
          { address: a.address, coins: [{ denom: "uusd", amount: "5" }, { denom: "uxprt", amount: String(XPRT_GENESIS_SUPPLY - 10n) }] },
          { address: b.address, coins: [{ denom: "uxprt", amount: "10" }] },
        ],
      },
    };
    const snapshot = snapshotOf([[stakers[0]!.address, [7n]]], [0], 1);
    const funded = withCampaign(appState, { snapshot, claimStart: afterGenesis(0), claimEnd: afterGenesis(9) });
    if (isError(funded)) throw new Error(funded.log);
    const balances = (funded.bank as { balances: unknown[] }).balances;
    expect(balances).toEqual([
      { address: a.address, coins: [{ denom: "uusd", amount: "5" }, { denom: "uxprt", amount: String(XPRT_GENESIS_SUPPLY - 10n - 200_000_000_000n) }] },
      { address: b.address, coins: [{ denom: "uxprt", amount: "10" }] },
      { address: STAKEDROP_ADDRESS, coins: [{ denom: "uxprt", amount: "200000000000" }] },
    ]);
    const chain = await start({ ...funded, mint: NO_INFLATION }); // the first block mints nothing
    const read = new StakedropReader(chain.app);
    expect(await read.campaign()).toMatchObject({ allocated: "5000000000", dust: "195000000000", unclaimed: "200000000000" });
    expect((chain.app.exportGenesis().bank as { supply: unknown[] }).supply).toEqual([
      { denom: "uusd", amount: "5" },
      { denom: "uxprt", amount: String(XPRT_GENESIS_SUPPLY) },
    ]);

    expect(withCampaign(appState, { snapshot, claimStart: afterGenesis(0), claimEnd: afterGenesis(9), funder: b.address })).toMatchObject({
      message: `${b.address} holds 10uxprt, less than the campaign total 200000000000uxprt`,
    });
    expect(withCampaign(funded, { snapshot, claimStart: afterGenesis(0), claimEnd: afterGenesis(9) })).toMatchObject({ message: expect.stringContaining("already has a balance for the stakedrop account") });
  });

  it("refuses inconsistent state", async () => {
    const stakers = await makeStakers(2);
    const signer = await TestSigner.fromSeed(1);
    const [x, y] = [stakers[0]!.address, stakers[1]!.address];
    const snapshot = snapshotOf(
      [
        [x, [1n, 2n]],
        [y, [3n, 4n]],
      ],
      [0, 10],
      20,
    );
    const good = campaignWorld(fundedGenesis([signer]), { snapshot, claimStart: afterGenesis(0), claimEnd: afterGenesis(9), params: PARAMS });
    const stakedrop = good.stakedrop as Record<string, unknown>;
    const campaign = stakedrop.campaign as Record<string, unknown>;
    const allocation = { cosmos_address: x, weight: "1", amount: "400", claimed: false, receiver: "", claimed_at: null };
    const exported = { ...stakedrop, snapshot: null, allocations: [allocation] };
    const withSnapshot = (change: Partial<typeof snapshot>) => ({ ...stakedrop, snapshot: { ...snapshot, ...change } });
    const staker = (address: string, stakes: string[]) => ({ address, stakes });
    const bankHolding = (amount: string) => ({
      ...good.bank as object,
      balances: [...(good.bank as { balances: { address: string }[] }).balances.filter((b) => b.address !== STAKEDROP_ADDRESS), { address: STAKEDROP_ADDRESS, coins: [{ denom: "uxprt", amount }] }],
    });

    const cases: [string, unknown, object?][] = [
      ["total must be a positive whole number", { ...stakedrop, params: { total: "0", cap_per_address: "1" } }],
      ["cap_per_address must be a positive whole number", { ...stakedrop, params: { total: "900", cap_per_address: "-1" } }],
      ["a snapshot given without a campaign", { ...stakedrop, campaign: null }],
      ["claim_end (", { ...stakedrop, campaign: { ...campaign, claim_end: afterGenesis(0) } }],
      ["give either a snapshot (a new campaign) or allocations", { ...stakedrop, allocations: [allocation] }],
      ["a campaign needs a snapshot or allocations", { ...stakedrop, snapshot: null }],
      ["a campaign computed from a snapshot starts open", { ...stakedrop, campaign: { ...campaign, closed: true, swept: "900" } }],
      ["is listed twice", withSnapshot({ stakers: [staker(x, ["1", "2"]), staker(x, ["1", "2"])] })],
      ["has 1 stakes for 2 checkpoints", withSnapshot({ stakers: [staker(x, ["1"])] })],
      ['stake "1.5" at checkpoint 1 is not a whole number', withSnapshot({ stakers: [staker(x, ["1", "1.5"])] })],
      ["invalid Bech32 prefix; expected cosmos, got persistence", withSnapshot({ stakers: [staker(signer.address, ["1", "1"])] })],
      ["only 20-byte key addresses can claim", withSnapshot({ stakers: [staker(bech32.encode("cosmos", bech32.toWords(new Uint8Array(32).fill(7))), ["1", "1"])] })],
      ["must come after", withSnapshot({ checkpoints: [snapshot.checkpoints[1]!, snapshot.checkpoints[0]!] })],
      ["end must be a time in whole seconds", withSnapshot({ end: "2024-01-01T00:00:20.5Z" })],
      ["the snapshot has no checkpoints", withSnapshot({ checkpoints: [] })],
      ["the snapshot has no stakers", withSnapshot({ stakers: [] })],
      ["no staker of the snapshot gets a positive allocation", withSnapshot({ stakers: [staker(x, ["0", "0"])] })],
      ["holds 899uxprt but the campaign's unclaimed total is 900uxprt", stakedrop, bankHolding("899")],
      ["amount \"501\" must be from 1 to the cap 500", { ...exported, allocations: [{ ...allocation, amount: "501" }] }],
      ["the allocations add up to more than the total 900", { ...exported, allocations: [{ ...allocation, amount: "500" }, { ...allocation, cosmos_address: y, amount: "500" }] }],
      ["appears twice", { ...exported, allocations: [allocation, allocation] }],
      ["an unclaimed allocation has no receiver or claimed_at", { ...exported, allocations: [{ ...allocation, receiver: signer.address }] }],
      ["a claimed allocation needs claimed_at", { ...exported, allocations: [{ ...allocation, claimed: true, receiver: signer.address }] }],
      ["the campaign's unclaimed total is 500uxprt", { ...exported, allocations: [{ ...allocation, claimed: true, receiver: signer.address, claimed_at: afterGenesis(1) }] }],
      ["a closed campaign swept 0 and paid 0", { ...exported, campaign: { ...campaign, closed: true } }],
      ["an open campaign has swept nothing", { ...exported, campaign: { ...campaign, swept: "5" } }],
      ["unreadable stakedrop genesis", { ...stakedrop, campaign: { ...campaign, claim_start: "yesterday" } }],
    ];
    for (const [message, module, bank] of cases) {
      const genesis = { ...good, stakedrop: module, ...(bank ? { bank } : {}) };
      const dir = mkdtempSync(join(tmpdir(), "stakedrop-genesis-"));
      await expect(AppHarness.start({ genesis, dir }), message).rejects.toThrow(message);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function bech32Bytes(address: string): Buffer {
  return Buffer.from(bech32.fromWords(bech32.decode(address as `${string}1${string}`).words));
}
