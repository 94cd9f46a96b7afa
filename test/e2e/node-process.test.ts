/**
 * End to end: `persistence init` and `persistence start` as a separate process, driven over real
 * sockets by CosmJS exactly as an application would.
 */
import { ics23, iavlSpec, tendermintSpec, verifyExistence, verifyNonExistence } from "@confio/ics23";
import { toAscii } from "@cosmjs/encoding";
import { GasPrice, SigningStargateClient, isDeliverTxFailure } from "@cosmjs/stargate";
import { connectComet, type CometClient } from "@cosmjs/tendermint-rpc";
import { setTimeout as sleep } from "node:timers/promises";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devnetWallet } from "../../src/cli/devnet-accounts.js";
import { accountBalancesPrefix } from "../../src/modules/bank/keys.js";
import { concatBytes, utf8 } from "../../src/store/bytes.js";
import { decodeAddress } from "../../src/types/address.js";
import { ensureCliBuilt, exited, OutputWatcher, runCli, spawnCli } from "../../src/testing/cli-process.js";

const CHAIN_ID = "persistence-e2e-1";

describe("a node process driven by CosmJS", () => {
  let home: string;
  let node: ChildProcessWithoutNullStreams;
  let rpc: string;
  let rest: string;
  let alice: string;
  let bob: string;
  let client: SigningStargateClient;

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "e2e-"));
    const wallet = await devnetWallet(3);
    const [validator, a, b] = (await wallet.getAccounts()).map((account) => account.address) as [string, string, string];
    alice = a;
    bob = b;
    const init = await runCli(["init", "--home", home, "--chain-id", CHAIN_ID, "--genesis-account", validator, "--genesis-account", `${alice}=1000xprt`, "--genesis-account", `${bob}=5xprt,10usd`]);
    expect(init.code, init.stderr).toBe(0);
    node = spawnCli(["start", "--home", home, "--rpc-laddr", "tcp://127.0.0.1:0", "--api-address", "tcp://127.0.0.1:0", "--block-time", "200ms"]);
    const stdout = new OutputWatcher(node.stdout);
    rpc = (await stdout.waitFor(/^RPC: +(http:\/\/\S+)$/m))[1]!;
    rest = (await stdout.waitFor(/^REST: +(http:\/\/\S+)$/m))[1]!;
    client = await SigningStargateClient.connectWithSigner(rpc, wallet, { gasPrice: GasPrice.fromString("0.0025uxprt"), broadcastPollIntervalMs: 100 });
  }, 120_000);

  afterAll(async () => {
    client?.disconnect();
    if (node && node.exitCode === null) {
      node.kill("SIGINT");
      expect(await exited(node)).toBe(0);
    }
    rmSync(home, { recursive: true, force: true });
  });

  it("sends with simulated gas, then finds the tx by hash and by its events", async () => {
    const gas = await client.simulate(alice, [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: alice, toAddress: bob, amount: [{ denom: "uxprt", amount: "250" }] } }], "");
    expect(gas).toBeGreaterThan(10_000);
    const result = await client.sendTokens(alice, bob, [{ denom: "uxprt", amount: "250" }], "auto", "e2e");
    expect(result.code, result.rawLog).toBe(0);
    expect(Number(result.gasUsed)).toBeLessThanOrEqual(Number(result.gasWanted));
    expect((await client.getBalance(bob, "uxprt")).amount).toBe("5000250");
    const tx = await client.getTx(result.transactionHash);
    expect(tx?.height).toBe(result.height);
    expect((await client.searchTx(`transfer.recipient='${bob}'`)).map((t) => t.hash)).toContain(result.transactionHash);
  });

  it("rejects an overspend: the coins stay, only the fee is charged", async () => {
    const aliceBefore = BigInt((await client.getBalance(alice, "uxprt")).amount);
    const bobBefore = (await client.getBalance(bob, "uxprt")).amount;
    const fee = { amount: [{ denom: "uxprt", amount: "1000" }], gas: "200000" };
    const result = await client.sendTokens(alice, bob, [{ denom: "uxprt", amount: (aliceBefore + 1n).toString() }], fee);
    expect(isDeliverTxFailure(result)).toBe(true);
    expect(result.code).toBe(5);
    expect(result.rawLog).toMatch(/insufficient funds$/);
    expect((await client.getBalance(bob, "uxprt")).amount).toBe(bobBefore);
    expect(BigInt((await client.getBalance(alice, "uxprt")).amount)).toBe(aliceBefore - 1000n);
  });

  it("refuses a tx whose fee the account cannot pay, changing nothing at all", async () => {
    const sequence = (await client.getSequence(bob)).sequence;
    const balance = (await client.getBalance(bob, "uxprt")).amount;
    const fee = { amount: [{ denom: "uxprt", amount: "999999999999" }], gas: "200000" };
    await expect(client.sendTokens(bob, alice, [{ denom: "uusd", amount: "1" }], fee)).rejects.toThrow(/insufficient funds/);
    expect((await client.getSequence(bob)).sequence).toBe(sequence);
    expect((await client.getBalance(bob, "uxprt")).amount).toBe(balance);
  });

  it("proves a balance, and the absence of one, with ICS-23 up to the next block header's app hash", async () => {
    const comet = await connectComet(rpc);
    const balanceKey = (address: string, denom: string) =>
      concatBytes(Uint8Array.of(0x02), accountBalancesPrefix(decodeAddress(address) as Uint8Array), utf8(denom));
    const proven = async (key: Uint8Array) => {
      const response = await comet.abciQuery({ path: "/store/bank/key", data: key, prove: true });
      const [iavl, simple] = response.proof!.ops.map((op) => ics23.CommitmentProof.decode(op.data));
      // State after block h is committed to by the header of block h + 1.
      await waitForHeight(comet, response.height! + 1);
      const header = (await comet.block(response.height! + 1)).block.header;
      verifyExistence(simple!.exist!, tendermintSpec, header.appHash, toAscii("bank"), simple!.exist!.value!);
      return { value: response.value, iavl: iavl!, storeRoot: simple!.exist!.value! };
    };
    const present = balanceKey(bob, "uusd");
    const held = await proven(present);
    expect(new TextDecoder().decode(held.value)).toBe("10000000");
    verifyExistence(held.iavl.exist!, iavlSpec, held.storeRoot, present, held.value);

    const absent = balanceKey(bob, "unobody");
    const missing = await proven(absent);
    expect(missing.value).toHaveLength(0);
    verifyNonExistence(missing.iavl.nonexist!, iavlSpec, missing.storeRoot, absent);
    comet.disconnect();
  });

  it("serves the Cosmos REST API for wallets", async () => {
    const account = (await (await fetch(`${rest}/cosmos/auth/v1beta1/accounts/${alice}`)).json()) as { account: Record<string, string> };
    expect(account.account["@type"]).toBe("/cosmos.auth.v1beta1.BaseAccount");
    const nodeInfo = (await (await fetch(`${rest}/cosmos/base/tendermint/v1beta1/node_info`)).json()) as { default_node_info: { network: string } };
    expect(nodeInfo.default_node_info.network).toBe(CHAIN_ID);
  });
});

async function waitForHeight(comet: CometClient, height: number): Promise<void> {
  while ((await comet.status()).syncInfo.latestBlockHeight < height) await sleep(50);
}
