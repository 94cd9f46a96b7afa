import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeConsensusAddress } from "../../modules/slashing/addresses.js";
import { ensureCliBuilt, runCli, type CliOptions } from "../../testing/cli-process.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { runNode, type RunningNode } from "../run-node.js";

const PASSPHRASE = "slashing cli test passphrase";
const CHAIN_ID = "slashing-cli-1";
const cons = (seed: number) => encodeConsensusAddress(new Uint8Array(20).fill(seed));

// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("persistence tx slashing / query slashing, built, against a running node", { timeout: 60_000 }, () => {
  let home: string;
  let running: RunningNode;
  let node: string;
  let alice: string;

  const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const query = (args: string[]) => cli(["query", "slashing", ...args, "--node", node, "--output", "json"]);

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-slashing-cli-"));
    alice = (await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` })).json().address;
    const init = await cli(["init", "--chain-id", CHAIN_ID, "--genesis-account", "alice", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    // Two signing infos from genesis, one of a tombstoned validator.
    const path = join(home, "config", "genesis.json");
    const genesis = JSON.parse(readFileSync(path, "utf8"));
    const info = (seed: number, tombstoned: boolean) => ({
      address: cons(seed),
      validator_signing_info: { address: cons(seed), start_height: "1", index_offset: "0", jailed_until: tombstoned ? "9999-12-31T23:59:59Z" : "1970-01-01T00:00:00Z", tombstoned, missed_blocks_counter: "0" },
    });
    genesis.app_state.slashing = { ...genesis.app_state.slashing, signing_infos: [info(1, false), info(2, true)] };
    writeFileSync(path, JSON.stringify(genesis));
    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("shows the params, one signing info and the list, in JSON and for people", async () => {
    const params = (await query(["params"])).json();
    expect(params).toMatchObject({ params: { signed_blocks_window: "100", min_signed_per_window: "0.500000000000000000", slash_fraction_double_sign: "0.050000000000000000" } });
    const one = await query(["signing-info", cons(2)]);
    expect(one.json()).toEqual({ val_signing_info: info(2) });
    const text = await cli(["query", "slashing", "signing-info", cons(2), "--node", node]);
    expect(text.stdout).toContain("tombstoned for double signing: jailed forever");
    const list = (await query(["signing-infos", "--limit", "1"])).json();
    expect(list.info.map((i: { address: string }) => i.address)).toEqual([cons(1)]);
    expect(list.pagination.total).toBe("3"); // and the genesis validator's own

    function info(seed: number) {
      return { address: cons(seed), start_height: "1", index_offset: "0", jailed_until: "9999-12-31T23:59:59Z", tombstoned: true, missed_blocks_counter: "0" };
    }
  });

  it("reports refusals with the slashing error names", async () => {
    expect((await query(["signing-info", cons(9)])).json().error).toMatchObject({ code: "no_validator_signing_info_found", codespace: "slashing", abci_code: 8 });
    expect((await query(["signing-info", alice])).json().error.code).toBe("invalid_address");
    const unjail = await cli(["tx", "slashing", "unjail", "alice", "--yes", "--node", node, "--output", "json"]);
    const operator = encodeAddress(decodeAddress(alice) as Uint8Array, "persistencevaloper");
    // `init` made alice, the first genesis account, the operator of the node's validator.
    expect(unjail.json().error).toMatchObject({ code: "validator_not_jailed_cannot_be_unjailed", codespace: "slashing", abci_code: 5, message: expect.stringContaining(operator) });
  });
});
