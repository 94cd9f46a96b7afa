import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { marketWorld } from "../../modules/market/test-fixture.js";
import { ensureCliBuilt, runCli, type CliOptions } from "../../testing/cli-process.js";
import { encodeAddress } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { runNode, type RunningNode } from "../run-node.js";

const PASSPHRASE = "pools cli test passphrase";
const OFFICIAL = encodeAddress(new Uint8Array(20).fill(0x52));

// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("persistence tx/query pools, built, against a running node", { timeout: 60_000 }, () => {
  let home: string;
  let running: RunningNode;
  let node: string;
  let alice: string;
  let bob: string;

  const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const tx = (args: string[]) => cli(["tx", "pools", ...args, "--yes", "--node", node, "--output", "json"]);
  const query = (args: string[]) => cli(["query", "pools", ...args, "--node", node, "--output", "json"]);
  const included = async (args: string[]) => {
    const result = await tx(args);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const [signed, done] = result.jsonLines();
    expect(signed).toEqual({ txhash: expect.stringMatching(/^[0-9A-F]{64}$/), status: "signed" });
    expect(done).toMatchObject({ txhash: signed.txhash, status: "included", code: 0 });
    return { json: done, stderr: result.stderr };
  };

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-pools-cli-"));
    const recovered = await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` });
    expect(recovered.code, recovered.stderr).toBe(0);
    alice = recovered.json().address;
    bob = (await cli(["keys", "add", "bob", "--output", "json"])).json().address;
    const init = await cli(["init", "--chain-id", "pools-cli-1", "--genesis-account", "alice", "--genesis-account", "bob=1000xprt,5000usd", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    // Alice and bob are KYC'd (level 1); alice also has 1,000 USD.
    const world = marketWorld({ signers: [{ address: alice }, { address: bob }], official: { address: OFFICIAL }, verified: [{ address: alice }, { address: bob }] });
    const genesisPath = join(home, "config", "genesis.json");
    const genesis = JSON.parse(readFileSync(genesisPath, "utf8"));
    genesis.app_state.identity = world.identity;
    const aliceBalance = genesis.app_state.bank.balances.find((b: { address: string }) => b.address === alice);
    aliceBalance.coins = [{ denom: "uusd", amount: "1000000000" }, ...aliceBalance.coins];
    writeFileSync(genesisPath, JSON.stringify(genesis, null, 2));
    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("opens a pool, invests in both tranches, closes the epoch and claims the tokens", async () => {
    const created = await included(["create-pool", "alice", "--senior-apr", "5%", "--min-junior-ratio", "0.2", "--max-junior-ratio", "50%", "--max-reserve", "100000usd", "--discount-apr", "0.1", "--epoch", "0", "--min-kyc-level", "1"]);
    expect(created.json).toMatchObject({ pool_id: "1" });
    expect(created.stderr).toContain("senior 5% APR, junior 20%–50%");
    await included(["invest", "bob", "1", "senior", "800usd"]);
    await included(["invest", "alice", "1", "junior", "200usd"]);
    expect((await query(["orders", "1", bob])).json().orders[0]).toMatchObject({ order: { invest: "800000000", tranche: "TRANCHE_SENIOR" }, state: "ORDER_STATE_OPEN" });
    expect((await included(["close-epoch", "bob", "1"])).json).toMatchObject({ epoch: "1" });
    expect((await query(["orders", "1", bob])).json().orders[0]).toMatchObject({ order: { claimable_tokens: "800000000" }, state: "ORDER_STATE_EXECUTED" });
    expect((await included(["claim", "bob", "1", "senior"])).json).toMatchObject({ tokens: "800000000", uusd: "0" });
    const pool = (await query(["pool", "1"])).json().pool;
    expect(pool).toMatchObject({ senior_denom: "pool/1/senior", pool: { reserve: "1000000000", epoch: "2", senior_supply: "800000000", junior_supply: "200000000" } });
    expect((await query(["epoch", "1", "1"])).json().result.junior).toMatchObject({ invested: "200000000", minted: "200000000", price: "1.000000000000000000" });
    expect((await cli(["query", "pools", "epoch", "1", "1", "--node", node])).stdout).toContain("junior: 1 USD per token, invested");
    expect((await query(["pools"])).json().pools).toHaveLength(1);
    const text = await cli(["query", "pools", "pool", "1", "--node", node]);
    expect(text.stdout).toContain("senior pool/1/senior");
  });

  it("reports refusals and bad arguments with their codes", async () => {
    const missing = await tx(["invest", "bob", "9", "senior", "1usd"]);
    expect(missing.code).toBe(1);
    expect(missing.json().error).toMatchObject({ codespace: "pools", abci_code: 3 });
    for (const [args, code] of [
      [["invest", "bob", "1", "middle", "1usd"], "invalid_tranche"],
      [["invest", "bob", "x", "senior", "1usd"], "invalid_pool_id"],
      [["redeem", "bob", "1", "senior", "1.5"], "invalid_tokens"],
      [["finance-loan", "alice", "1", "0"], "invalid_loan_id"],
    ] as const) {
      const result = await tx([...args]);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.json().error.code, args.join(" ")).toBe(code);
    }
    expect((await query(["orders", "1", "cosmos1xyz"])).json().error.code).toBe("invalid_address");
    for (const command of ["create-pool", "invest", "redeem", "close-epoch", "claim", "finance-loan"]) expect((await cli(["tx", "pools", command, "--help"])).code).toBe(0);
  });
});
