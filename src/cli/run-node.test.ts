import { QueryClient, setupBankExtension, GasPrice, SigningStargateClient, StargateClient, isDeliverTxFailure } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initHome } from "../node/home.js";
import { encodeAddress } from "../types/address.js";
import { devnetAllocations, devnetWallet, DEVNET_CHAIN_ID } from "./devnet-accounts.js";
import { runNode, type RunningNode } from "./run-node.js";

describe("a running node, driven through CosmJS", () => {
  let home: string;
  let running: RunningNode;
  let alice: string;
  let bob: string;
  let client: SigningStargateClient;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "node-"));
    const wallet = await devnetWallet(2);
    [alice, bob] = (await wallet.getAccounts()).map((a) => a.address) as [string, string];
    initHome({
      home,
      chainId: DEVNET_CHAIN_ID,
      allocations: devnetAllocations([alice, bob]),
      config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 },
    });
    running = await runNode({ home, signatureWorkers: 1 });
    client = await SigningStargateClient.connectWithSigner(running.rpcAddress, wallet, { gasPrice: GasPrice.fromString("0.0025uxprt"), broadcastPollIntervalMs: 100 });
  });

  afterAll(async () => {
    client?.disconnect();
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("connects and reads chain id, accounts and balances", async () => {
    expect(await client.getChainId()).toBe(DEVNET_CHAIN_ID);
    const account = await client.getAccount(alice);
    expect(account?.address).toBe(alice);
    expect(account?.accountNumber).toBe(0n);
    expect((await client.getBalance(bob, "uxprt")).amount).toBe("10000000000000");
    expect(await client.getAccount(encodeAddress(new Uint8Array(20).fill(7)))).toBeNull();
  });

  it("sends with auto gas, then finds the tx by hash and by events", async () => {
    const before = BigInt((await client.getBalance(bob, "uxprt")).amount);
    const result = await client.sendTokens(alice, bob, [{ denom: "uxprt", amount: "12345" }], "auto", "first transfer");
    expect(result.code, result.rawLog).toBe(0);
    expect(BigInt((await client.getBalance(bob, "uxprt")).amount)).toBe(before + 12345n);
    const found = await client.getTx(result.transactionHash);
    expect(found?.height).toBe(result.height);
    const bySender = await client.searchTx(`message.sender='${alice}'`);
    expect(bySender.map((tx) => tx.hash)).toContain(result.transactionHash);
    const byHeight = await client.searchTx([{ key: "tx.height", value: String(result.height) }]);
    expect(byHeight.map((tx) => tx.hash)).toContain(result.transactionHash);
  });

  it("rejects an overspend in the block and changes nothing but the fee", async () => {
    const before = BigInt((await client.getBalance(bob, "uxprt")).amount);
    const sequence = (await client.getSequence(alice)).sequence;
    const result = await client.sendTokens(alice, bob, [{ denom: "uxprt", amount: "999999999999999999999" }], { amount: [{ denom: "uxprt", amount: "500" }], gas: "200000" });
    expect(isDeliverTxFailure(result)).toBe(true);
    expect(result.code).toBe(5);
    expect(BigInt((await client.getBalance(bob, "uxprt")).amount)).toBe(before);
    expect((await client.getSequence(alice)).sequence).toBe(sequence + 1);
  });

  it("serves the read-only StargateClient and raw bank queries", async () => {
    const reader = await StargateClient.connect(running.rpcAddress);
    expect(await reader.getHeight()).toBeGreaterThan(0);
    const block = await reader.getBlock();
    expect(block.header.chainId).toBe(DEVNET_CHAIN_ID);
    reader.disconnect();
    const comet = await connectComet(running.rpcAddress);
    const bank = QueryClient.withExtensions(comet, setupBankExtension).bank;
    // The genesis 100 billion XPRT, plus the few seconds of inflation minted since.
    const supply = BigInt((await bank.supplyOf("uxprt")).amount);
    expect(supply).toBeGreaterThan(100_000_000_000_000_000n);
    expect(supply).toBeLessThan(100_000_000_000_000_000n + 100_000_000_000_000_000n / 10_000n);
    comet.disconnect();
  });
});
