import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { XPRT_GENESIS_SUPPLY } from "../app/genesis-state.js";
import { Database } from "../store/database.js";
import { TestSigner } from "../testing/signer.js";
import { initHome } from "./home.js";
import { EmbeddedNode } from "./node.js";

const CHAIN_ID = "persistence-pipeline-1";

describe("EmbeddedNode block pipeline", () => {
  let home: string;
  let node: EmbeddedNode;
  let alice: TestSigner;

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "node-pipeline-"));
    alice = await TestSigner.fromSeed(1);
    initHome({ home, chainId: CHAIN_ID, allocations: [{ address: alice.address, coins: [{ denom: "uxprt", amount: XPRT_GENESIS_SUPPLY }] }] });
    node = await EmbeddedNode.open({ home, signatureWorkers: 0 });
    await node.produceBlock();
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await node.stop();
    rmSync(home, { recursive: true, force: true });
  });

  const send = (sequence: bigint) =>
    alice.sign({
      messages: [{ typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: alice.address, toAddress: alice.address, amount: [{ denom: "uxprt", amount: "1" }] }) }],
      chainId: CHAIN_ID,
      accountNumber: 0n,
      sequence,
    });

  it("executes a block on the state the last one made while that one is written, and publishes each once it is on disk", async () => {
    const published: bigint[] = [];
    node.subscribe((event) => {
      if (event.type === "NewBlock") published.push(event.block.block.header!.height);
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let writeStarted!: () => void;
    const writing = new Promise<void>((resolve) => (writeStarted = resolve));
    const commit = Database.prototype.commit;
    vi.spyOn(Database.prototype, "commit").mockImplementationOnce(function (this: Database) {
      writeStarted();
      return commit.call(this).then(() => gate);
    });
    let thirdExecuted!: () => void;
    const executed = new Promise<void>((resolve) => (thirdExecuted = resolve));
    const finalize = node.app.finalizeBlock.bind(node.app);
    vi.spyOn(node.app, "finalizeBlock").mockImplementation(async (request) => {
      const results = await finalize(request);
      if (request.height === 3n) thirdExecuted();
      return results;
    });

    expect((await node.broadcastTx(await send(0n))).code).toBe(0);
    const second = node.produceBlock();
    await writing;
    // Sequence 1 passes CheckTx only on the state block 2 makes, and executes in block 3 only on it.
    expect((await node.broadcastTx(await send(1n))).code).toBe(0);
    const third = node.produceBlock();
    await executed;
    expect(published).toEqual([]);
    expect(node.syncInfo().latestBlockHeight).toBe(1n);

    release();
    const [block2, block3] = await Promise.all([second, third]);
    expect(published).toEqual([2n, 3n]);
    expect(block3.results.txResults.map((r) => r.code)).toEqual([0]);
    expect(block3.stored.block.header!.appHash).toEqual(block2.results.appHash);
    expect(node.syncInfo().latestBlockHeight).toBe(3n);
  });
});
