import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MsgClaimResponse } from "../../generated/persistence/stakedrop/v1/tx.js";
import { AppHarness, fundedGenesis } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { claimMessage } from "./adr036.js";
import {
  afterGenesis,
  attributes,
  CHAIN_ID,
  campaignWorld,
  claimBy,
  claimMsg,
  COMMUNITY_POOL_ADDRESS,
  makeStakers,
  signArbitrary,
  snapshotOf,
  STAKEDROP_ADDRESS,
  StakedropReader,
  Wallet,
  type Staker,
} from "./test-fixture.js";

/** secp256k1's group order: (r, n − s) is the high-S twin of a valid (r, s). */
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function highS(signature: Uint8Array): Uint8Array {
  const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString("hex")}`);
  return new Uint8Array([...signature.subarray(0, 32), ...Buffer.from((CURVE_ORDER - s).toString(16).padStart(64, "0"), "hex")]);
}

describe("MsgClaim through the App, with ADR-036 signatures made by CosmJS as Keplr makes them", () => {
  let chain: AppHarness;
  let read: StakedropReader;
  let stakers: Staker[];
  let alice: Wallet;
  let bob: TestSigner;
  let carol: TestSigner;

  beforeAll(async () => {
    stakers = await makeStakers(5);
    const [a, b, c] = await Promise.all([1, 2, 3].map((i) => TestSigner.fromSeed(i)));
    [bob, carol] = [b!, c!];
    alice = new Wallet(a!, 0n);
    // Weights (uatom·s): 400,000, 600,000, 300,000 and 4,000; the fifth staker is not in the snapshot.
    const snapshot = snapshotOf(
      [
        [stakers[0]!.address, [1000n, 1000n]],
        [stakers[1]!.address, [0n, 2000n]],
        [stakers[2]!.address, [3000n, 0n]],
        [stakers[3]!.address, [10n, 10n]],
      ],
      [0, 100],
      400,
    );
    const params = { total: 1_000_000n, capPerAddress: 400_000n };
    const genesis = campaignWorld(fundedGenesis([a!, b!, c!]), { snapshot, claimStart: afterGenesis(0), claimEnd: afterGenesis(1000), params });
    chain = await AppHarness.start({ genesis });
    await chain.block([]); // queries read committed state
    read = new StakedropReader(chain.app);
  });
  afterAll(() => chain.close());

  it("allocated the campaign at genesis: the largest weight capped, the rest pro rata, rounded down", async () => {
    const amounts = await Promise.all(stakers.slice(0, 4).map(async (s) => ((await read.allocation(s.address)) as { allocation: { amount: string } }).allocation.amount));
    // 600,000 is capped at 400,000; 600,000 is left for 704,000 of weight.
    expect(amounts).toEqual(["340909", "400000", "255681", "3409"]);
    expect(await read.campaign()).toMatchObject({ allocated: "999999", claimed: "0", unclaimed: "1000000", dust: "1", addresses: 4n, claimedAddresses: 0n });
    expect(await read.balance(STAKEDROP_ADDRESS)).toBe(1_000_000n);
  });

  it("pays the allocation to the receiver the staker signed for, whoever sends the tx", async () => {
    const before = await read.balance(bob.address);
    const claim = await claimBy(stakers[0]!, alice.address, bob.address);
    const tx = await alice.tx(claimMsg(claim));
    expect((await chain.checkTx(tx)).code).toBe(0);
    const result = (await chain.block([tx])).txResults[0]!;
    expect(result.code, result.log).toBe(0);
    expect(MsgClaimResponse.decode(TxMsgData.decode(result.data).msgResponses[0]!.value)).toEqual({ amount: "340909" });
    expect(await read.balance(bob.address)).toBe(before + 340_909n);
    expect(await read.balance(STAKEDROP_ADDRESS)).toBe(1_000_000n - 340_909n);
    expect(attributes(result, "stakedrop_claim")).toEqual([{ cosmos_address: stakers[0]!.address, receiver: bob.address, sender: alice.address, amount: "340909uxprt" }]);
    expect(attributes(result, "transfer")).toContainEqual({ recipient: bob.address, sender: STAKEDROP_ADDRESS, amount: "340909uxprt" });

    expect(await read.allocation(stakers[0]!.address)).toEqual({
      allocation: { cosmosAddress: stakers[0]!.address, weight: "400000", amount: "340909", claimed: true, receiver: bob.address, claimedAt: { seconds: 1_700_000_002n, nanos: 0 } },
    });
    expect(await read.campaign()).toMatchObject({ claimed: "340909", unclaimed: "659091", claimedAddresses: 1n });
  });

  it("refuses replays, wrong signers, wrong receivers and everything else, changing nothing but the fee and sequence", async () => {
    const good = await claimBy(stakers[1]!, alice.address, carol.address);
    const signedForBob = await signArbitrary(stakers[1]!, claimMessage(CHAIN_ID, bob.address));
    const byOtherKey = await signArbitrary(stakers[2]!, claimMessage(CHAIN_ID, carol.address));
    const otherChain = await signArbitrary(stakers[1]!, claimMessage("persistence-other-1", carol.address));
    const rawText = await signArbitrary(stakers[1]!, `Claim Persistence StakeDrop to ${carol.address}`);
    const toPool = await claimBy(stakers[1]!, alice.address, COMMUNITY_POOL_ADDRESS);
    const cases: [string, Parameters<typeof claimMsg>[0], string, number][] = [
      ["replay of a claimed address", await claimBy(stakers[0]!, alice.address, bob.address), "stakedrop", 5],
      ["message names another receiver", { ...good, signature: signedForBob.signature }, "stakedrop", 9],
      ["signature by another key, with the staker's pubkey", { ...good, signature: byOtherKey.signature }, "stakedrop", 9],
      ["signed for another chain", { ...good, signature: otherChain.signature }, "stakedrop", 9],
      ["signed a different text", { ...good, signature: rawText.signature }, "stakedrop", 9],
      ["high-S twin of a valid signature", { ...good, signature: highS(good.signature) }, "stakedrop", 9],
      ["address not in the snapshot", await claimBy(stakers[4]!, alice.address, carol.address), "stakedrop", 4],
      ["receiver is a module account", toPool, "sdk", 4],
    ];
    for (const [name, fields, codespace, code] of cases) {
      const before = chain.app.exportGenesis();
      const tx = await alice.tx(claimMsg(fields));
      const result = (await chain.block([tx])).txResults[0]!;
      expect([result.codespace, result.code], `${name}: ${result.log}`).toEqual([codespace, code]);
      const after = chain.app.exportGenesis();
      expect(after.stakedrop, name).toEqual(before.stakedrop);
      expect(balanceOf(after, STAKEDROP_ADDRESS), name).toBe(balanceOf(before, STAKEDROP_ADDRESS));
    }
    // The genuine claim still goes through afterwards.
    const result = (await chain.block([await alice.tx(claimMsg(good))])).txResults[0]!;
    expect(result.code, result.log).toBe(0);
    expect(attributes(result, "stakedrop_claim")[0]).toMatchObject({ cosmos_address: stakers[1]!.address, receiver: carol.address, amount: "400000uxprt" });
  });

  it("refuses malformed claims before any fee is charged", async () => {
    const good = await claimBy(stakers[2]!, alice.address, carol.address);
    const cases: [string, Parameters<typeof claimMsg>[0], string, number][] = [
      ["pubkey of another key", { ...good, pubkey: stakers[3]!.pubkey }, "stakedrop", 8],
      ["uncompressed-length pubkey", { ...good, pubkey: new Uint8Array(65).fill(4) }, "stakedrop", 2],
      ["short signature", { ...good, signature: good.signature.subarray(0, 63) }, "stakedrop", 2],
      ["persistence address as the staker", { ...good, cosmosAddress: carol.address }, "sdk", 7],
      ["cosmos address as the receiver", { ...good, receiver: stakers[2]!.address }, "sdk", 7],
      ["invalid sender", { ...good, sender: "persistence1nope" }, "sdk", 7],
    ];
    for (const [name, fields, codespace, code] of cases) {
      const check = await chain.checkTx(await alice.tx(claimMsg(fields)));
      alice.rollback();
      expect([check.codespace, check.code], `${name}: ${check.log}`).toEqual([codespace, code]);
    }
  });
});

function balanceOf(genesis: Record<string, unknown>, address: string): string | undefined {
  const balances = (genesis.bank as { balances: { address: string; coins: { denom: string; amount: string }[] }[] }).balances;
  return balances.find((b) => b.address === address)?.coins.find((c) => c.denom === "uxprt")?.amount;
}
