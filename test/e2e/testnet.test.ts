/**
 * End to end on real CometBFT v0.38: four validators, each an app process driven over ABCI by a
 * CometBFT process, used through CosmJS, and put through crashes, pauses and a long absence.
 */
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { devnetAllocations, devnetWallet } from "../../src/cli/devnet-accounts.js";
import { parseGenesisDoc } from "../../src/node/consensus/genesis-doc.js";
import { replayChain } from "../../src/testing/chain-replay.js";
import { ensureCliBuilt } from "../../src/testing/cli-process.js";
import { TestnetNetwork } from "../../src/testing/testnet-network.js";

const VALIDATORS = 4;
const GAS_PRICE = GasPrice.fromString("0.0025uxprt");

describe("a 4-validator CometBFT network", () => {
  let network: TestnetNetwork;
  let accounts: string[];
  let wallet: Awaited<ReturnType<typeof devnetWallet>>;
  /** Hashes of every tx a client saw committed, to check at the end that none was lost. */
  const committed: string[] = [];

  beforeAll(async () => {
    await ensureCliBuilt();
    wallet = await devnetWallet(VALIDATORS + 1);
    accounts = (await wallet.getAccounts()).map((a) => a.address);
    network = await TestnetNetwork.create({ validators: VALIDATORS, allocations: devnetAllocations(accounts), blockTimeMs: 200 });
    await network.startAll();
    for (let i = 0; i < VALIDATORS; i++) await network.waitForHeight(i, 2);
  }, 120_000);

  afterAll(async () => {
    await network?.close();
  });

  // The processes' logs go with the network's directory: a failure shows how each one ended.
  beforeEach(({ onTestFailed }) => onTestFailed(() => console.error(network.logTails(40))));

  /** Sends `amount` uxprt from account `from` to account 0 through node `via`; returns the tx hash. */
  async function send(via: number, from: number, amount: number): Promise<string> {
    const client = await SigningStargateClient.connectWithSigner(network.nodes[via]!.rpcUrl, wallet, { gasPrice: GAS_PRICE, broadcastPollIntervalMs: 100, broadcastTimeoutMs: 30_000 });
    try {
      const result = await client.sendTokens(accounts[from]!, accounts[0]!, [{ denom: "uxprt", amount: String(amount) }], "auto");
      expect(result.code, result.rawLog).toBe(0);
      committed.push(result.transactionHash);
      return result.transactionHash;
    } finally {
      client.disconnect();
    }
  }

  async function height(i: number): Promise<number> {
    return (await network.status(i)).height;
  }

  /** Every node has the same block hash and app hash at each height up to the lowest common one. */
  async function expectSameChain(fromHeight = 1): Promise<number> {
    const top = Math.min(...(await Promise.all(network.nodes.map((_, i) => height(i)))));
    for (let h = fromHeight; h <= top; h++) {
      const hashes = await Promise.all(network.nodes.map((_, i) => network.blockHashes(i, h)));
      for (const other of hashes.slice(1)) expect(other, `height ${h}`).toEqual(hashes[0]);
    }
    return top;
  }

  /** Node `i` rejoins: it reaches a height the others reached after it came back, with their hashes. */
  async function expectCaughtUp(i: number, reference: number): Promise<void> {
    const target = (await height(reference)) + 2;
    await network.waitForHeight(i, target, 90_000);
    // The rejoined node may commit `target` a moment before the reference does.
    await network.waitForHeight(reference, target);
    expect(await network.blockHashes(i, target)).toEqual(await network.blockHashes(reference, target));
  }

  it("finalises blocks, lands txs sent to any node, and every node agrees at every height", async () => {
    for (let node = 0; node < VALIDATORS; node++) await send(node, node + 1, 1000 + node);
    const top = await expectSameChain();
    expect(top).toBeGreaterThan(2);
    for (const hash of committed) for (let i = 0; i < VALIDATORS; i++) expect(await network.hasTx(i, hash)).toBe(true);
  }, 120_000);

  it("serves the Cosmos REST API over CometBFT's RPC", async () => {
    const balance = (await (await fetch(`${network.nodes[1]!.restUrl}/cosmos/bank/v1beta1/balances/${accounts[0]}/by_denom?denom=uxprt`)).json()) as { balance: { amount: string } };
    expect(BigInt(balance.balance.amount)).toBeGreaterThan(0n);
    const tx = (await (await fetch(`${network.nodes[2]!.restUrl}/cosmos/tx/v1beta1/txs/${committed[0]}`)).json()) as { tx_response: { code: number; txhash: string } };
    expect(tx.tx_response).toMatchObject({ code: 0, txhash: committed[0] });
  }, 30_000);

  it("goes on without a validator whose app was killed, which then catches up", async () => {
    network.signal(3, "app", "SIGKILL");
    await network.cometBftEndedAfterApp(3);
    await send(0, 1, 11);
    await network.startNode(3);
    await expectCaughtUp(3, 0);
  }, 120_000);

  it("goes on without a validator whose CometBFT was killed, which then catches up with the same app", async () => {
    network.signal(2, "cometbft", "SIGKILL");
    await network.exited(2, "cometbft");
    await send(1, 2, 12);
    expect(network.isRunning(2, "app")).toBe(true);
    network.startCometBft(2);
    await expectCaughtUp(2, 0);
  }, 120_000);

  it("goes on while a validator is paused with SIGSTOP, which catches up after SIGCONT", async () => {
    network.signal(1, "cometbft", "SIGSTOP");
    network.signal(1, "app", "SIGSTOP");
    const paused = await height(0);
    await send(0, 3, 13);
    await network.waitForHeight(0, paused + 5);
    network.signal(1, "app", "SIGCONT");
    network.signal(1, "cometbft", "SIGCONT");
    await expectCaughtUp(1, 0);
  }, 120_000);

  it("takes back a validator that was stopped for 30 blocks", async () => {
    await network.stopNode(3);
    const stopped = await height(0);
    await send(2, 4, 14);
    await network.waitForHeight(0, stopped + 30, 90_000);
    await network.startNode(3);
    await expectCaughtUp(3, 0);
  }, 180_000);

  it("lost no committed tx, and all nodes still agree at every height", async () => {
    await sleep(500);
    await expectSameChain();
    for (const hash of committed) for (let i = 0; i < VALIDATORS; i++) expect(await network.hasTx(i, hash), `${hash} on node${i}`).toBe(true);
  }, 60_000);

  it("gives the same app hashes when its blocks are replayed into a fresh App", async () => {
    const genesis = parseGenesisDoc(readFileSync(join(network.nodes[0]!.home, "config", "genesis.json")));
    const top = await height(0);
    expect(await replayChain(network.nodes[0]!.rpcUrl, genesis, top - 1)).toEqual([]);
  }, 60_000);
});
