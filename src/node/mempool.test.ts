import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifySecp256k1Signature } from "../crypto/secp256k1.js";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../testing/app-harness.js";
import { TestSigner } from "../testing/signer.js";
import type { BatchSignatureVerifier, SignatureCheck } from "../tx/signatures.js";
import { Mempool } from "./mempool.js";

/** Verifies for real, but only once the test opens it: CheckTx calls stay in flight until then. */
class GatedVerifier implements BatchSignatureVerifier {
  private opened: Promise<void> = Promise.resolve();
  private open: () => void = () => {};

  close(): void {
    this.opened = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  async verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    await this.opened;
    return checks.map((c) => verifySecp256k1Signature(c.publicKey, c.signBytes, c.signature));
  }
}

describe("Mempool", () => {
  let alice: TestSigner;
  let bob: TestSigner;
  let chain: AppHarness;
  let verifier: GatedVerifier;
  let mempool: Mempool;

  beforeEach(async () => {
    alice = await TestSigner.fromSeed(1);
    bob = await TestSigner.fromSeed(2);
    verifier = new GatedVerifier();
    chain = await AppHarness.start({ genesis: fundedGenesis([alice, bob]), app: { signatureVerifier: verifier } });
    await chain.block([]);
    mempool = new Mempool(chain.app);
  });
  afterEach(() => chain.close());

  const transfer = (sequence: bigint) =>
    alice.sign({
      messages: [{ typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: alice.address, toAddress: bob.address, amount: [{ denom: "uxprt", amount: "1" }] }) }],
      chainId: TEST_CHAIN_ID,
      accountNumber: 0n,
      sequence,
    });

  /** Finalizes and commits an empty block as the block producer does: the mempool held from the commit on. */
  async function commitEmptyBlock(): Promise<{ updated: Promise<void> }> {
    await chain.app.finalizeBlock(chain.nextBlock([]));
    mempool.hold();
    await chain.app.commit();
    chain.height += 1n;
    return { updated: mempool.update([]) };
  }

  it("rechecks a tx whose CheckTx was in flight during the commit, and admits later txs after the rechecks", async () => {
    const [first, inFlight, later] = await Promise.all([transfer(0n), transfer(1n), transfer(2n)]);
    expect((await mempool.add(first)).code).toBe(0);

    verifier.close();
    const inFlightAnswer = mempool.add(inFlight);
    const { updated } = await commitEmptyBlock();
    // Held: it reaches the app only after the rechecks of `first` and `inFlight` are queued.
    const laterAnswer = mempool.add(later);
    verifier.release();

    const answers = await Promise.all([inFlightAnswer, laterAnswer, updated]);
    expect(answers[0]!.code, answers[0]!.log).toBe(0);
    expect(answers[1]!.code, answers[1]!.log).toBe(0);
    expect(mempool.reap(1_000_000, -1n)).toEqual([first, inFlight, later]);
  });

  it("drops, at the update, a tx that no longer passes against the committed state", async () => {
    const [zero, one] = await Promise.all([transfer(0n), transfer(1n)]);
    expect((await mempool.add(zero)).code).toBe(0);
    expect((await mempool.add(one)).code).toBe(0);
    // Another node's block spends sequence 0 with different bytes: both pending txs are now stale.
    const elsewhere = await alice.sign({
      messages: [{ typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: alice.address, toAddress: bob.address, amount: [{ denom: "uxprt", amount: "2" }] }) }],
      chainId: TEST_CHAIN_ID,
      accountNumber: 0n,
      sequence: 0n,
    });
    await chain.app.finalizeBlock(chain.nextBlock([elsewhere]));
    mempool.hold();
    await chain.app.commit();
    chain.height += 1n;
    await mempool.update([elsewhere]);
    // `one` carries sequence 1, which the committed state now expects: it stays; `zero` goes.
    expect(mempool.reap(1_000_000, -1n)).toEqual([one]);
  });
});
