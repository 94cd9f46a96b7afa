import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCliBuilt, runCli, type CliOptions } from "../../testing/cli-process.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { runNode, type RunningNode } from "../run-node.js";

const PASSPHRASE = "distribution cli test passphrase";

// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("persistence tx distribution / query distribution / query mint, built, against a running node", { timeout: 60_000 }, () => {
  let home: string;
  let running: RunningNode;
  let node: string;
  let alice: string;
  let bob: string;

  const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const tx = (args: string[]) => cli(["tx", "distribution", ...args, "--yes", "--node", node, "--output", "json"]);
  const query = (module: string, args: string[]) => cli(["query", module, ...args, "--node", node, "--output", "json"]);

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-distribution-cli-"));
    alice = (await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` })).json().address;
    bob = (await cli(["keys", "add", "bob", "--output", "json"])).json().address;
    const init = await cli(["init", "--chain-id", "distribution-cli-1", "--genesis-account", "alice", "--genesis-account", "bob=1000xprt", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("reads mint's inflation, annual provisions and params", async () => {
    const inflation = await query("mint", ["inflation"]);
    expect(inflation.code, inflation.stderr).toBe(0);
    expect(inflation.json().inflation).toMatch(/^0\.1[0-9]{17}$/);
    expect((await query("mint", ["params"])).json()).toMatchObject({ params: { mint_denom: "uxprt", inflation_max: "0.200000000000000000", goal_bonded: "0.670000000000000000" } });
    const provisions = await query("mint", ["annual-provisions"]);
    expect(BigInt(provisions.json().annual_provisions.split(".")[0])).toBeGreaterThan(0n);
    expect((await cli(["query", "mint", "inflation", "--node", node])).stdout).toMatch(/^inflation: 1[0-9.]+% a year/);
  });

  it("funds the community pool, sets a withdraw address, and reports a refused withdrawal by its error's name", async () => {
    const funded = await tx(["fund-community-pool", "bob", "2xprt"]);
    expect(funded.code, funded.stdout + funded.stderr).toBe(0);
    expect(funded.jsonLines()[1]).toMatchObject({ status: "included", code: 0 });
    const pool = BigInt((await query("distribution", ["community-pool"])).json().pool.find((c: { denom: string }) => c.denom === "uxprt").amount.split(".")[0]);
    expect(pool).toBeGreaterThanOrEqual(2_000_000n);

    const set = await tx(["set-withdraw-addr", "bob", alice]);
    expect(set.jsonLines()[1]).toMatchObject({ status: "included", code: 0, withdraw_address: alice });
    const refused = await tx(["set-withdraw-addr", "bob", "persistence1notanaddress"]);
    expect(refused.code).not.toBe(0);
    expect(refused.json().error).toMatchObject({ code: "invalid_address" });

    const valoper = encodeAddress(decodeAddress(bob) as Uint8Array, "persistencevaloper");
    const withdraw = await tx(["withdraw-rewards", "bob", valoper]);
    expect(withdraw.code).not.toBe(0);
    expect(withdraw.jsonLines().at(-1)).toMatchObject({ error: { code: "validator_does_not_exist" } });
    expect((await query("distribution", ["params"])).json()).toEqual({
      params: { community_tax: "0.020000000000000000", base_proposer_reward: "0.000000000000000000", bonus_proposer_reward: "0.000000000000000000", withdraw_addr_enabled: true },
    });
    expect((await query("distribution", ["rewards", bob])).json()).toEqual({ rewards: [], total: [] });
  });
});
