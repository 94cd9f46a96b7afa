/**
 * The determinism guard on the embedded node: the blocks it produced, replayed into a fresh App
 * through the RPC as a consensus engine would feed them, give the same app and results hashes.
 */
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devnetAllocations, devnetWallet } from "../../src/cli/devnet-accounts.js";
import { initHome } from "../../src/node/home.js";
import { EmbeddedNode } from "../../src/node/node.js";
import { startCometRpcServer, type CometRpcServer } from "../../src/rpc/cometbft/server.js";
import { replayChain } from "../../src/testing/chain-replay.js";

describe("replaying the embedded node's chain into a fresh App", () => {
  let home: string;
  let node: EmbeddedNode;
  let rpc: CometRpcServer;
  let lastReplayable: number;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "determinism-"));
    const wallet = await devnetWallet(3);
    const [alice, bob, carol] = (await wallet.getAccounts()).map((a) => a.address) as [string, string, string];
    initHome({ home, chainId: "persistence-replay-1", allocations: devnetAllocations([alice, bob, carol]), config: { blockTimeMs: 50 } });
    node = await EmbeddedNode.open({ home, signatureWorkers: 0 });
    rpc = await startCometRpcServer({ node, host: "127.0.0.1", port: 0 });
    await node.start();
    const client = await SigningStargateClient.connectWithSigner(rpc.address, wallet, { gasPrice: GasPrice.fromString("0.0025uxprt"), broadcastPollIntervalMs: 50 });
    for (const [from, to, amount] of [[alice, bob, "1000"], [bob, carol, "7"], [carol, alice, "3"]] as const) {
      await client.sendTokens(from, to, [{ denom: "uxprt", amount }], "auto");
    }
    const overspend = await client.sendTokens(carol, bob, [{ denom: "uusd", amount: "999999999999999999" }], { amount: [{ denom: "uxprt", amount: "500" }], gas: "200000" });
    expect(overspend.code).toBe(5);
    lastReplayable = (await client.getHeight()) - 1;
    client.disconnect();
  }, 60_000);

  afterAll(async () => {
    await rpc?.close();
    await node?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("gives the same app hash and results hash at every height", async () => {
    expect(await replayChain(rpc.address, node.genesis, lastReplayable)).toEqual([]);
  });

  it("notices a replay that diverges", async () => {
    const appState = JSON.parse(new TextDecoder().decode(node.genesis.appState)) as { bank: { denom_metadata: { description: string }[] } };
    appState.bank.denom_metadata[0]!.description += " (changed)";
    const otherState = new TextEncoder().encode(JSON.stringify(appState));
    const mismatches = await replayChain(rpc.address, { ...node.genesis, appState: otherState }, 2);
    expect(mismatches[0]).toMatchObject({ height: 1, what: "app hash" });
  });
});
