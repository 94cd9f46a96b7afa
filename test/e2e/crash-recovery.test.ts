/**
 * Crash safety: the node process is killed with SIGKILL at random moments while transactions
 * stream in, and restarted on the same home each time. Nothing it reported committed may be
 * lost, and it must resume exactly where its last commit left it.
 */
import { toHex } from "@cosmjs/encoding";
import { SigningStargateClient, StargateClient } from "@cosmjs/stargate";
import { connectComet, type CometClient } from "@cosmjs/tendermint-rpc";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { devnetWallet } from "../../src/cli/devnet-accounts.js";
import { sha256 } from "../../src/store/hash.js";
import { ensureCliBuilt, exited, OutputWatcher, runCli, spawnCli } from "../../src/testing/cli-process.js";

const CHAIN_ID = "persistence-crash-1";
const KILLS = 10;
const SENDERS = 3;

/** A small deterministic generator, so a failing schedule of kills can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

interface Committed {
  hash: string;
  height: number;
}

interface Opened {
  height: number;
  appHash: string;
}

describe("crash safety under SIGKILL", () => {
  const home = mkdtempSync(join(tmpdir(), "crash-"));
  let node: ChildProcessWithoutNullStreams | undefined;

  afterAll(async () => {
    if (node && node.exitCode === null && node.signalCode === null) {
      node.kill("SIGKILL");
      await exited(node);
    }
    rmSync(home, { recursive: true, force: true });
  });

  async function start(port: number, blockTime: string): Promise<Opened> {
    node = spawnCli(["start", "--home", home, "--rpc-laddr", `tcp://127.0.0.1:${port}`, "--api-address", "tcp://127.0.0.1:0", "--block-time", blockTime]);
    const stdout = new OutputWatcher(node.stdout);
    const opened = await stdout.waitFor(/opened \S+ at height (\d+), app hash ([0-9A-F]*)/);
    await stdout.waitFor(/^RPC: /m);
    return { height: Number(opened[1]), appHash: opened[2]! };
  }

  async function kill(): Promise<void> {
    node!.kill("SIGKILL");
    expect(await exited(node!)).toBe("SIGKILL");
  }

  it("never loses a commit, resumes at its last height and app hash, and restarts idempotently", async () => {
    await ensureCliBuilt();
    const wallet = await devnetWallet(SENDERS + 1);
    const addresses = (await wallet.getAccounts()).map((a) => a.address);
    const init = await runCli(["init", "--home", home, "--chain-id", CHAIN_ID, ...addresses.flatMap((a, i) => ["--genesis-account", i === 0 ? a : `${a}=1000000xprt`])]);
    expect(init.code, init.stderr).toBe(0);
    // Prune hard, so nodes of old versions are being deleted (in the background) when the kills land.
    const appToml = join(home, "config", "app.toml");
    writeFileSync(appToml, readFileSync(appToml, "utf8").replace("pruning-keep-recent = 0", "pruning-keep-recent = 3"));
    const port = await freePort();
    const rpc = `http://127.0.0.1:${port}`;
    const seed = Date.now() % 1_000_000;
    const next = random(seed);
    const committed: Committed[] = [];
    const observed = new Map<number, { blockHash: string; appHash: string }>();
    let streaming = true;

    const stream = async (sender: string, recipient: string) => {
      const signer = await SigningStargateClient.offline(wallet);
      while (streaming) {
        try {
          const reader = await StargateClient.connect(rpc);
          const { accountNumber, sequence } = await reader.getSequence(sender);
          const fee = { amount: [{ denom: "uxprt", amount: "500" }], gas: "100000" };
          const msg = { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: sender, toAddress: recipient, amount: [{ denom: "uxprt", amount: "1" }] } };
          const signed = await signer.sign(sender, [msg], fee, "", { accountNumber, sequence, chainId: CHAIN_ID });
          const bytes = TxRaw.encode(signed).finish();
          const hash = toHex(sha256(bytes)).toUpperCase();
          await reader.broadcastTxSync(bytes);
          for (;;) {
            const found = await reader.getTx(hash);
            if (found) {
              expect(found.code).toBe(0);
              committed.push({ hash, height: found.height });
              break;
            }
            await sleep(30);
          }
          reader.disconnect();
        } catch {
          await sleep(50); // the node is down or restarting
        }
      }
    };

    const watch = async (comet: CometClient) => {
      const status = await comet.status();
      const height = status.syncInfo.latestBlockHeight;
      const block = await comet.block(height);
      observed.set(height, { blockHash: toHex(block.blockId.hash), appHash: toHex(block.block.header.appHash) });
      return height;
    };

    await start(port, "100ms");
    const streams = addresses.slice(1).map((sender, i) => stream(sender, addresses[(i + 2) % addresses.length]!));

    for (let kills = 0; kills < KILLS; kills++) {
      await sleep(150 + next() * 1000);
      const comet = await connectComet(rpc);
      const lastSeen = await watch(comet);
      comet.disconnect();
      await kill();
      const opened = await start(port, "100ms");
      expect(opened.height, `seed ${seed}`).toBeGreaterThanOrEqual(lastSeen);
      // Every block seen before the crash is still there, unchanged.
      const after = await connectComet(rpc);
      for (const [height, seen] of observed) {
        const block = await after.block(height);
        expect(toHex(block.blockId.hash), `block ${height}, seed ${seed}`).toBe(seen.blockHash);
        expect(toHex(block.block.header.appHash)).toBe(seen.appHash);
      }
      // The first block after the restart commits to the state the node reopened with.
      while ((await after.status()).syncInfo.latestBlockHeight <= opened.height) await sleep(20);
      expect(toHex((await after.block(opened.height + 1)).block.header.appHash).toUpperCase()).toBe(opened.appHash);
      after.disconnect();
    }
    streaming = false;
    await Promise.all(streams);
    expect(committed.length).toBeGreaterThan(KILLS);
    console.log(`crash test (seed ${seed}): ${KILLS} kills, ${committed.length} txs confirmed, ${observed.size} blocks checked`);

    // Everything reported committed is still found, in the same block.
    const reader = await StargateClient.connect(rpc);
    for (const tx of committed) expect((await reader.getTx(tx.hash))?.height, tx.hash).toBe(tx.height);
    reader.disconnect();

    // The kept versions are whole: reads with proofs at each of them walk their trees.
    const proofs = await connectComet(rpc);
    const latest = (await proofs.status()).syncInfo.latestBlockHeight;
    for (let height = latest - 2; height <= latest; height++) {
      const response = await proofs.abciQuery({ path: "/store/acc/key", data: Uint8Array.of(0x02), prove: true, height });
      expect(response.code, `height ${height}: ${response.log}`).toBe(0);
      expect(response.proof?.ops).toHaveLength(2);
    }
    const pruned = await proofs.abciQuery({ path: "/store/acc/key", data: Uint8Array.of(0x02), prove: true, height: latest - 5 });
    expect(pruned.code).not.toBe(0);
    proofs.disconnect();

    // Restarting without producing blocks changes nothing: same height, same app hash.
    await kill();
    const first = await start(port, "60s");
    await kill();
    const second = await start(port, "60s");
    expect(second).toEqual(first);
    const comet = await connectComet(rpc);
    const info = await comet.abciInfo();
    expect(info.lastBlockHeight).toBe(first.height);
    expect(toHex(info.lastBlockAppHash!).toUpperCase()).toBe(first.appHash);
    comet.disconnect();
    node!.kill("SIGINT");
    expect(await exited(node!)).toBe(0);
  }, 300_000);
});
