import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCliBuilt, exited, OutputWatcher, runCli, spawnCli } from "../../testing/cli-process.js";
import { DEVNET_MNEMONIC, devnetWallet } from "../devnet-accounts.js";

describe("persistence devnet, as a child process", () => {
  let home: string;
  const children: ChildProcessWithoutNullStreams[] = [];

  /** Starts the devnet on free ports and waits for it to print its RPC address. */
  const startDevnet = async () => {
    const child = spawnCli(["devnet", "--home", home, "--rpc-laddr", "tcp://127.0.0.1:0", "--api-address", "tcp://127.0.0.1:0", "--block-time", "200ms"]);
    children.push(child);
    const stdout = new OutputWatcher(child.stdout);
    const stderr = new OutputWatcher(child.stderr);
    const rpc = (await stdout.waitFor(/^RPC: +(http:\/\/\S+)$/m))[1]!;
    return { child, stdout, stderr, rpc };
  };
  const latestHeight = async (rpc: string) => (await runCli(["status", "--node", rpc, "--output", "json"])).json().latest_block_height as number;

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-devnet-"));
  }, 120_000);

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(home, { recursive: true, force: true });
  });

  it("initialises once, serves a chain the CLI can use, stops cleanly on SIGINT and resumes at its height", async () => {
    const [validator, alice, bob] = (await (await devnetWallet(3)).getAccounts()).map((a) => a.address);
    const first = await startDevnet();
    expect(first.stdout.output).toContain(`mnemonic: ${DEVNET_MNEMONIC}`);
    expect(first.stdout.output).toMatch(/WARNING: this mnemonic is PUBLIC/);
    expect(first.stdout.output).toMatch(new RegExp(`alice +${alice}\\n +1,000,000\\.000000 USD \\(1000000000000uusd\\)\\n +10,000,000\\.000000 XPRT \\(10000000000000uxprt\\)`));
    expect(first.stdout.output).toContain(`validator ${validator}`);
    expect(first.stderr.output).toContain("initialised persistence-local-1");
    const chainJson = JSON.parse(readFileSync(join(home, "config", "chain.json"), "utf8"));
    expect(chainJson).toMatchObject({ chain_id: "persistence-local-1", apis: { rpc: [{ address: first.rpc }] } });
    expect(existsSync(join(home, "config", "assetlist.json"))).toBe(true);

    while ((await latestHeight(first.rpc)) < 3) await sleep(100);
    const sent = await runCli(["tx", "bank", "send", "alice", bob!, "1xprt", "--keyring-backend", "test", "--home", home, "--node", first.rpc, "--yes", "--output", "json"]);
    expect(sent.code, sent.stdout + sent.stderr).toBe(0);
    const { txhash, height: txHeight } = sent.jsonLines().at(-1);

    const heightBeforeStop = await latestHeight(first.rpc);
    first.child.kill("SIGINT");
    expect(await exited(first.child)).toBe(0);
    expect(first.stderr.output).toContain("stopped cleanly");

    const second = await startDevnet();
    const reopenedAt = Number((await second.stdout.waitFor(/opened persistence-local-1 at height (\d+)/))[1]);
    expect(reopenedAt).toBeGreaterThanOrEqual(heightBeforeStop);
    expect(second.stderr.output).not.toContain("initialised");
    const found = await runCli(["query", "tx", txhash, "--node", second.rpc, "--output", "json"]);
    expect(found.json()).toMatchObject({ txhash, height: txHeight, code: 0 });
    second.child.kill("SIGTERM");
    expect(await exited(second.child)).toBe(0);
  }, 90_000);
});
