import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XPRT_GENESIS_SUPPLY } from "../app/genesis-state.js";
import { ensureCliBuilt, runCli, type CliOptions } from "../testing/cli-process.js";
import { DEVNET_MNEMONIC, devnetWallet } from "./devnet-accounts.js";
import { runNode, type RunningNode } from "./run-node.js";

const PASSPHRASE = "cli test passphrase";
const EXPORT_PASSPHRASE = "export test passphrase";

// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("the persistence command, built, against a running node", { timeout: 60_000 }, () => {
  const homes: string[] = [];
  let home: string;
  let running: RunningNode;
  let node: string;
  let alice: string;
  let bob: string;
  let bobMnemonic: string;

  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "persistence-cli-"));
    homes.push(dir);
    return dir;
  };
  /** The CLI with the test home as $PERSISTENCE_HOME and the keyring passphrase in the environment. */
  const cli = (args: string[], options: CliOptions = {}) =>
    runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const balance = async (address: string, denom: string) => {
    const result = await cli(["query", "bank", "balances", address, "--node", node, "--output", "json"]);
    return BigInt(result.json().balances.find((c: { denom: string }) => c.denom === denom)?.amount ?? 0);
  };

  beforeAll(async () => {
    await ensureCliBuilt();
    home = tempDir();
    const recovered = await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` });
    expect(recovered.code, recovered.stderr).toBe(0);
    alice = recovered.json().address;
    const created = await cli(["keys", "add", "bob", "--output", "json"]);
    expect(created.code, created.stderr).toBe(0);
    ({ address: bob, mnemonic: bobMnemonic } = created.json());
    const init = await cli(["init", "--chain-id", "cli-test-1", "--genesis-account", "alice", "--genesis-account", "bob=1000xprt,5usd", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    expect(init.json().genesis_accounts).toEqual([
      { address: alice, coins: [{ denom: "uxprt", amount: String(XPRT_GENESIS_SUPPLY - 1_000_000_000n), display: "99,999,999,000.000000 XPRT" }] },
      {
        address: bob,
        coins: [
          { denom: "uusd", amount: "5000000", display: "5.000000 USD" },
          { denom: "uxprt", amount: "1000000000", display: "1,000.000000 XPRT" },
        ],
      },
    ]);
    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    for (const dir of homes) rmSync(dir, { recursive: true, force: true });
  });

  it("keys add: recovers CosmJS's key from a mnemonic on stdin, or creates a 24-word one shown once", async () => {
    const devnet = await (await devnetWallet(2)).getAccounts();
    expect(alice).toBe(devnet[1]!.address);
    expect(bobMnemonic.split(" ")).toHaveLength(24);

    const list = await cli(["keys", "list", "--output", "json"]);
    expect(list.json().map((k: { name: string; address: string }) => [k.name, k.address])).toEqual([
      ["alice", alice],
      ["bob", bob],
    ]);
    const show = await cli(["keys", "show", "bob"]);
    expect(show.stdout).toContain(`address: ${bob}`);
    expect(show.stdout).not.toContain(bobMnemonic);
    expect((await cli(["keys", "show", "alice", "--address"])).stdout.trim()).toBe(alice);

    const exists = await cli(["keys", "add", "alice", "--output", "json"]);
    expect(exists.code).toBe(1);
    expect(exists.json().error.code).toBe("key_exists");
    const badName = await cli(["keys", "add", "../escape", "--output", "json"]);
    expect(badName.json().error.code).toBe("invalid_key_name");
    const badMnemonic = await cli(["keys", "add", "carol", "--recover", "--output", "json"], { input: "not a mnemonic\n" });
    expect(badMnemonic.json().error.code).toBe("invalid_mnemonic");
  });

  it("keys export / import / delete: armored round trip, wrong passphrases change nothing", async () => {
    const exported = await cli(["keys", "export", "alice"], { env: { PERSISTENCE_EXPORT_PASSPHRASE: EXPORT_PASSPHRASE } });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^-----BEGIN PERSISTENCE PRIVATE KEY-----\n[\s\S]*-----END PERSISTENCE PRIVATE KEY-----\n$/);
    const file = join(tempDir(), "alice.armor");
    writeFileSync(file, exported.stdout);

    const wrongKeyring = await cli(["keys", "export", "alice", "--output", "json"], { env: { PERSISTENCE_KEYRING_PASSPHRASE: "not the passphrase", PERSISTENCE_EXPORT_PASSPHRASE: EXPORT_PASSPHRASE } });
    expect(wrongKeyring.code).toBe(1);
    expect(wrongKeyring.json()).toEqual({ error: { code: "wrong_passphrase", message: expect.stringContaining("wrong passphrase") } });
    const wrongExport = await cli(["keys", "import", "alice2", file, "--output", "json"], { env: { PERSISTENCE_EXPORT_PASSPHRASE: "another passphrase" } });
    expect(wrongExport.json().error.code).toBe("wrong_passphrase");
    expect((await cli(["keys", "list", "--output", "json"])).json()).toHaveLength(2);

    const imported = await cli(["keys", "import", "alice2", file, "--output", "json"], { env: { PERSISTENCE_EXPORT_PASSPHRASE: EXPORT_PASSPHRASE } });
    expect(imported.code, imported.stdout).toBe(0);
    expect(imported.json()).toMatchObject({ name: "alice2", address: alice, hd_path: null });

    const declined = await cli(["keys", "delete", "alice2"], { input: "n\n" });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain("nothing was deleted");
    const deleted = await cli(["keys", "delete", "alice2", "--yes", "--output", "json"]);
    expect(deleted.json()).toMatchObject({ name: "alice2", deleted: true });
    const gone = await cli(["keys", "show", "alice2", "--output", "json"]);
    expect(gone.code).toBe(1);
    expect(gone.json().error.code).toBe("key_not_found");
  });

  it("init: enforces the genesis supply rule with a clear message, and refuses an initialised home", async () => {
    const fresh = tempDir();
    const short = await cli(["init", "--home", fresh, "--chain-id", "x-1", "--genesis-account", `${alice}=1000xprt`]);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("the genesis supply is exactly 100,000,000,000.000000 XPRT (100000000000000000uxprt)");
    const shortJson = await cli(["init", "--home", fresh, "--chain-id", "x-1", "--genesis-account", `${alice}=1000xprt`, "--output", "json"]);
    expect(shortJson.json().error.code).toBe("genesis_supply_mismatch");
    const twoOpen = await cli(["init", "--home", fresh, "--chain-id", "x-1", "--genesis-account", alice, "--genesis-account", bob, "--output", "json"]);
    expect(twoOpen.json().error.code).toBe("invalid_genesis_account");
    const badAddress = await cli(["init", "--home", fresh, "--chain-id", "x-1", "--genesis-account", "persistence1qqqq", "--output", "json"]);
    expect(badAddress.json().error.code).toBe("invalid_address");

    const again = await cli(["init", "--chain-id", "cli-test-1", "--genesis-account", "alice", "--output", "json"]);
    expect(again.code).toBe(1);
    expect(again.json().error).toMatchObject({ code: "home_exists", message: expect.stringContaining("already initialized") });
  });

  it("tx bank send: prints the hash first, then the block; the coins move", async () => {
    const before = await balance(bob, "uxprt");
    const sent = await cli(["tx", "bank", "send", "alice", bob, "1.5xprt", "--yes", "--node", node]);
    expect(sent.code, sent.stderr).toBe(0);
    const [hashLine, includedLine] = sent.stdout.trim().split("\n");
    const hash = /^txhash: ([0-9A-F]{64})$/.exec(hashLine!)![1]!;
    const height = Number(/^included in block (\d+): code 0, gas used \d+ of \d+$/.exec(includedLine!)![1]);
    expect(sent.stderr).toContain("send 1.500000 XPRT (1500000uxprt)");
    expect(await balance(bob, "uxprt")).toBe(before + 1_500_000n);

    const tx = await cli(["query", "tx", hash.toLowerCase(), "--node", node, "--output", "json"]);
    expect(tx.json()).toMatchObject({ txhash: hash, height, code: 0, messages: [{ "@type": "/cosmos.bank.v1beta1.MsgSend", from_address: alice, to_address: bob, amount: [{ denom: "uxprt", amount: "1500000", display: "1.500000 XPRT" }] }] });
    const block = await cli(["query", "block", String(height), "--node", node, "--output", "json"]);
    expect(block.json()).toMatchObject({ height, chain_id: "cli-test-1", txs: expect.arrayContaining([hash]) });

    const json = await cli(["tx", "bank", "send", "bob", alice, "2usd", "--memo", "thanks", "--yes", "--node", node, "--output", "json"]);
    expect(json.code, json.stdout + json.stderr).toBe(0);
    const [signed, included] = json.jsonLines();
    expect(signed).toEqual({ txhash: expect.stringMatching(/^[0-9A-F]{64}$/), status: "signed" });
    expect(included).toMatchObject({ txhash: signed.txhash, status: "included", code: 0, amount: [{ denom: "uusd", amount: "2000000", display: "2.000000 USD" }] });
    const memo = await cli(["query", "tx", signed.txhash, "--node", node]);
    expect(memo.stdout).toContain("memo:   thanks");
    expect(memo.stdout).toContain("amount: 2.000000 USD (2000000uusd)");
  });

  it("tx bank send: retries a sequence mismatch once, saying so", async () => {
    const sent = await cli(["tx", "bank", "send", "alice", bob, "1uxprt", "--sequence", "0", "--yes", "--node", node, "--output", "json"]);
    expect(sent.code, sent.stdout + sent.stderr).toBe(0);
    expect(sent.stderr).toMatch(/account sequence mismatch: signed with 0, the node expects \d+; signing again with \d+ and retrying once/);
    const lines = sent.jsonLines();
    expect(lines.map((line) => line.status)).toEqual(["signed", "signed", "included"]);
    expect(lines[2].txhash).toBe(lines[1].txhash);
  });

  it("reports refusals and failures with stable codes and the chain's code, exiting 1", async () => {
    const send = (args: string[]) => cli(["tx", "bank", "send", ...args, "--yes", "--node", node, "--output", "json"]);

    const simulated = await send(["bob", alice, "5000xprt"]);
    expect(simulated.code).toBe(1);
    expect(simulated.json().error).toMatchObject({ code: "insufficient_funds", codespace: "sdk", abci_code: 5 });

    const delivered = await send(["bob", alice, "5000xprt", "--gas", "200000"]);
    expect(delivered.code).toBe(1);
    const [signed, failed] = delivered.jsonLines();
    expect(failed.error).toMatchObject({ code: "insufficient_funds", codespace: "sdk", abci_code: 5, txhash: signed.txhash, height: expect.any(Number) });

    const checkTx = await send(["bob", alice, "1uxprt", "--gas", "200000", "--fees", "1uxprt"]);
    expect(checkTx.code).toBe(1);
    expect(checkTx.jsonLines().at(-1).error).toMatchObject({ code: "insufficient_fee", codespace: "sdk", abci_code: 13, txhash: expect.any(String) });

    expect((await send(["bob", "persistence1notanaddress", "1uxprt"])).json().error.code).toBe("invalid_address");
    expect((await send(["nobody", alice, "1uxprt"])).json().error.code).toBe("key_not_found");
    expect((await send(["bob", alice, "1.5uxprt"])).json().error.code).toBe("invalid_coins");
    const unreachable = await cli(["status", "--node", `http://127.0.0.1:${await closedPort()}`, "--output", "json"]);
    expect(unreachable.json().error.code).toBe("node_unreachable");
    const usage = await cli(["tx", "bank", "send", "bob", "--output", "json"]);
    expect(usage.code).toBe(1);
    expect(usage.json().error).toMatchObject({ code: "usage_error", message: expect.stringContaining("missing required argument") });
    const unknownTx = await cli(["query", "tx", "AB".repeat(32), "--node", node, "--output", "json"]);
    expect(unknownTx.json().error.code).toBe("tx_not_found");
  });

  it("status and query block describe the chain", async () => {
    const status = await cli(["status", "--node", node, "--output", "json"]);
    expect(status.json()).toMatchObject({ chain_id: "cli-test-1", catching_up: false, latest_block_hash: expect.stringMatching(/^[0-9A-F]{64}$/) });
    expect(status.json().latest_block_height).toBeGreaterThan(0);
    expect((await cli(["status", "--node", node])).stdout).toContain("chain id:     cli-test-1");
    const latest = await cli(["query", "block", "--node", node, "--output", "json"]);
    expect(latest.json().height).toBeGreaterThanOrEqual(status.json().latest_block_height);
  });

  it("start refuses a home without a genesis", async () => {
    const result = await cli(["start", "--home", tempDir(), "--output", "json"]);
    expect(result.code).toBe(1);
    expect(result.json().error.code).toBe("home_not_initialized");
  });

  it("every command has --help with --home and --output", async () => {
    const leaves = [
      ["init"],
      ["start"],
      ["devnet"],
      ["keys", "add"],
      ["keys", "list"],
      ["keys", "show"],
      ["keys", "export"],
      ["keys", "import"],
      ["keys", "delete"],
      ["tx", "bank", "send"],
      ["query", "bank", "balances"],
      ["query", "tx"],
      ["query", "block"],
      ["status"],
    ];
    const groups = [[], ["keys"], ["tx"], ["tx", "bank"], ["query"], ["query", "bank"]];
    const results = await Promise.all([...leaves, ...groups].map((path) => cli([...path, "--help"])));
    results.forEach((result, i) => {
      const path = [...leaves, ...groups][i]!;
      expect(result.code, path.join(" ")).toBe(0);
      expect(result.stdout).toContain(`Usage: persistence ${path.join(" ")}`.trim());
      if (i < leaves.length) expect(result.stdout, path.join(" ")).toMatch(/--home <dir>[\s\S]*--output <format>/);
    });
  }, 60_000);
});

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}
