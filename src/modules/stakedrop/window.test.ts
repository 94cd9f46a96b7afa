import { afterEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import {
  afterGenesis,
  attributes,
  campaignWorld,
  claimBy,
  claimMsg,
  COMMUNITY_POOL_ADDRESS,
  FEE_COLLECTOR_ADDRESS,
  makeStakers,
  snapshotOf,
  STAKEDROP_ADDRESS,
  StakedropReader,
  Wallet,
} from "./test-fixture.js";

const PARAMS = { total: 1_000_000n, capPerAddress: 600_000n };

describe("the claim window and the sweep to the community pool", () => {
  const chains: AppHarness[] = [];
  afterEach(async () => {
    for (const chain of chains.splice(0)) await chain.close();
  });

  /** Three stakers weighing 1:1:1; claims open at block 3's time and end at block 6's. */
  async function world() {
    const stakers = await makeStakers(3);
    const signer = await TestSigner.fromSeed(1);
    const snapshot = snapshotOf(
      stakers.map((s) => [s.address, [5n]] as const),
      [0],
      60,
    );
    const genesis = { ...campaignWorld(fundedGenesis([signer]), { snapshot, claimStart: afterGenesis(3), claimEnd: afterGenesis(6), params: PARAMS }) };
    const chain = await AppHarness.start({ genesis });
    chains.push(chain);
    return { chain, stakers, alice: new Wallet(signer, 0n), read: new StakedropReader(chain.app) };
  }

  it("refuses claims before the start and from the end on, then sweeps the unclaimed and the dust once", async () => {
    const { chain, stakers, alice, read } = await world();
    const claim = async (i: number) => (await chain.block([await alice.tx(claimMsg(await claimBy(stakers[i]!, alice.address, alice.address)))])).txResults[0]!;

    for (const height of [1, 2]) {
      const early = await claim(0);
      expect([early.codespace, early.code, height]).toEqual(["stakedrop", 6, height]);
      expect(early.log).toContain(`claims open at ${afterGenesis(3)}; the block time is ${afterGenesis(height)}`);
    }
    const opened = await claim(0); // block 3: the start itself is inside the window
    expect(opened.code, opened.log).toBe(0);
    expect((await claim(1)).code).toBe(0); // block 4
    expect(await read.campaign()).toMatchObject({ allocated: "999999", claimed: "666666", unclaimed: "333334", dust: "1", campaign: { closed: false, swept: "0" } });
    await chain.block([]); // block 5: block 6 allocates no fees, so the pool moves only by the sweep
    const poolBefore = await read.communityPool();

    // Block 6 is at claim_end: the claim is refused, and the same block's EndBlock sweeps.
    const tx = await alice.tx(claimMsg(await claimBy(stakers[2]!, alice.address, alice.address)));
    const last = await chain.block([tx]);
    expect([last.txResults[0]!.codespace, last.txResults[0]!.code]).toEqual(["stakedrop", 7]);
    expect(attributes(last, "stakedrop_closed")).toEqual([{ claimed: "666666uxprt", unclaimed: "333334uxprt", destination: "community_pool", closed_at: afterGenesis(6) }]);
    expect(last.events.find((e) => e.type === "stakedrop_closed")!.attributes).toContainEqual({ key: "mode", value: "EndBlock", index: true });
    expect(attributes(last, "transfer")).toContainEqual({ recipient: COMMUNITY_POOL_ADDRESS, sender: STAKEDROP_ADDRESS, amount: "333334uxprt" });
    expect(await read.balance(STAKEDROP_ADDRESS)).toBe(0n);
    expect(await read.communityPool()).toBe(poolBefore + 333_334n);
    expect(await read.campaign()).toMatchObject({ claimed: "666666", unclaimed: "0", campaign: { closed: true, swept: "333334" } });
    expect(await read.allocation(stakers[2]!.address)).toMatchObject({ allocation: { claimed: false, amount: "333333" } });

    // Closed for good: later blocks neither sweep again nor accept claims.
    const after = await chain.block([await alice.tx(claimMsg(await claimBy(stakers[2]!, alice.address, alice.address)))]);
    expect(after.txResults[0]!.code).toBe(7);
    expect(attributes(after, "stakedrop_closed")).toEqual([]);
    expect(attributes(after, "transfer").filter((t) => t.sender === STAKEDROP_ADDRESS)).toEqual([]);

    // An exported closed campaign imports: the stakedrop account is empty, the pool keeps its uxprt
    // (and, with the copy's first block, gains the fees the export left in the fee collector).
    const exported = chain.app.exportGenesis();
    const [pool, fees] = [await read.communityPool(), await read.balance(FEE_COLLECTOR_ADDRESS)];
    const copy = await AppHarness.start({ genesis: exported });
    chains.push(copy);
    await copy.block([]);
    expect(copy.app.exportGenesis().stakedrop).toEqual(exported.stakedrop);
    expect(await new StakedropReader(copy.app).communityPool()).toBe(pool + fees);
  });

  it("closes with an empty transfer-free sweep when everything was claimed and there is no dust", async () => {
    const stakers = await makeStakers(2);
    const signer = await TestSigner.fromSeed(1);
    const snapshot = snapshotOf(
      stakers.map((s) => [s.address, [1n]] as const),
      [0],
      1,
    );
    const genesis = campaignWorld(fundedGenesis([signer]), { snapshot, claimStart: afterGenesis(0), claimEnd: afterGenesis(3), params: { total: 10n, capPerAddress: 10n } });
    const chain = await AppHarness.start({ genesis });
    chains.push(chain);
    const alice = new Wallet(signer, 0n);
    const claims = await Promise.all(stakers.map(async (s) => alice.tx(claimMsg(await claimBy(s, alice.address, alice.address)))));
    expect((await chain.block(claims)).txResults.map((r) => r.code)).toEqual([0, 0]);
    await chain.block([]);
    const closing = await chain.block([]);
    expect(attributes(closing, "stakedrop_closed")).toEqual([{ claimed: "10uxprt", unclaimed: "0uxprt", destination: "community_pool", closed_at: afterGenesis(3) }]);
    expect(attributes(closing, "transfer").filter((t) => t.sender === STAKEDROP_ADDRESS)).toEqual([]);
    expect(await new StakedropReader(chain.app).campaign()).toMatchObject({ unclaimed: "0", campaign: { closed: true, swept: "0" } });
  });
});
