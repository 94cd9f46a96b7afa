import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCliBuilt, runCli } from "../../testing/cli-process.js";
import { NOT_BONDED_POOL_ADDRESS } from "../../modules/staking/genesis-builder.js";
import { devnetOperatorWallet, devnetWallet } from "../devnet-accounts.js";

describe("persistence testnet, as a child process (writes homes; starts no network)", { timeout: 60_000 }, () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "persistence-testnet-cli-"));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    await ensureCliBuilt();
  }, 120_000);

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("--validators 4 --output json: prints the layout it wrote to testnet.json, with a genesis funding the devnet accounts", async () => {
    const dir = tempDir();
    const written = await runCli(["testnet", "--validators", "4", "--home", dir, "--output", "json"]);
    expect(written.code, written.stdout + written.stderr).toBe(0);
    const layout = written.json();
    expect(layout).toEqual(JSON.parse(readFileSync(join(dir, "testnet.json"), "utf8")));
    expect(layout).toMatchObject({ chain_id: "persistence-testnet-1", block_time_ms: 1000 });
    expect(layout.nodes).toHaveLength(4);
    expect(layout.nodes[0]).toMatchObject({
      name: "node0",
      home: join(dir, "node0"),
      p2p: "tcp://127.0.0.1:26656",
      rpc: "http://127.0.0.1:26657",
      abci: "tcp://127.0.0.1:26658",
      rest: "http://127.0.0.1:1317",
      node_id: expect.stringMatching(/^[0-9a-f]{40}$/),
      validator_address: expect.stringMatching(/^[0-9A-F]{40}$/),
    });
    expect(layout.nodes[3]).toMatchObject({ p2p: "tcp://127.0.0.1:26686", rpc: "http://127.0.0.1:26687", abci: "tcp://127.0.0.1:26688", rest: "http://127.0.0.1:1320" });

    const genesis = JSON.parse(readFileSync(join(dir, "node3", "config", "genesis.json"), "utf8"));
    expect(genesis.validators.map((v: { address: string }) => v.address)).toEqual(layout.nodes.map((node: { validator_address: string }) => node.validator_address));
    const devnet = (await (await devnetWallet()).getAccounts()).map((account) => account.address);
    const operators = (await (await devnetOperatorWallet(4)).getAccounts()).map((account) => account.address);
    expect(layout.nodes.map((node: { operator: string }) => node.operator)).toEqual(operators);
    expect(genesis.app_state.bank.balances.map((b: { address: string }) => b.address)).toEqual([...devnet, ...operators, NOT_BONDED_POOL_ADDRESS]);
    expect(genesis.app_state.staking.delegations.map((d: { delegator_address: string }) => d.delegator_address)).toEqual(operators);

    const again = await runCli(["testnet", "--validators", "4", "--home", dir, "--output", "json"]);
    expect(again.code).toBe(1);
    expect(again.json().error.code).toBe("testnet_exists");
  });

  it("text output names the endpoints and how to start; options are checked", async () => {
    const dir = tempDir();
    const written = await runCli(["testnet", "init", "--validators", "2", "--home", dir, "--block-time", "200ms", "--base-port", "36656", "--rest-base-port", "2317"]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain("node0: RPC http://127.0.0.1:36657  REST http://127.0.0.1:2317");
    expect(written.stdout).toContain("node1: RPC http://127.0.0.1:36667  REST http://127.0.0.1:2318");
    expect(written.stdout).toContain(`start it with: persistence testnet start --home ${dir}`);
    expect(readFileSync(join(dir, "node1", "config", "config.toml"), "utf8")).toContain('timeout_commit = "200ms"');

    const seven = tempDir();
    expect((await runCli(["testnet", "--validators", "7", "--home", seven, "--output", "json"])).code).toBe(0);
    const staking = JSON.parse(readFileSync(join(seven, "node0", "config", "genesis.json"), "utf8")).app_state.staking;
    expect(staking.validators.map((v: { description: { moniker: string } }) => v.description.moniker)).toEqual(["node0", "node1", "node2", "node3", "node4", "node5", "node6"]);
    expect(new Set(staking.delegations.map((d: { delegator_address: string }) => d.delegator_address)).size).toBe(7);
    const help = await runCli(["testnet", "init", "--help"]);
    expect(help.stdout).toContain("persistence keys add node0 --recover --index 100");

    const tooMany = await runCli(["testnet", "--validators", "33", "--home", tempDir(), "--output", "json"]);
    expect(tooMany.json().error).toMatchObject({ code: "invalid_testnet", message: expect.stringContaining("1 to 32 validators") });
    const notANumber = await runCli(["testnet", "--validators", "four", "--home", tempDir(), "--output", "json"]);
    expect(notANumber.json().error.code).toBe("usage_error");
  });

  it("start: says when there is no testnet, no CometBFT binary, or a port of the network is taken", async () => {
    const empty = tempDir();
    const none = await runCli(["testnet", "start", "--home", empty, "--output", "json"]);
    expect(none.code).toBe(1);
    expect(none.json().error.code).toBe("testnet_not_found");

    const dir = tempDir();
    const port = await listen();
    const rpcPort = (port.address() as AddressInfo).port;
    try {
      // node0's CometBFT RPC (base port + 1) is the port taken.
      expect((await runCli(["testnet", "--validators", "1", "--home", dir, "--base-port", String(rpcPort - 1), "--rest-base-port", String(rpcPort + 100)])).code).toBe(0);
      const missing = await runCli(["testnet", "start", "--home", dir, "--cometbft", join(dir, "no-cometbft"), "--output", "json"]);
      expect(missing.json().error).toMatchObject({ code: "cometbft_not_found", message: expect.stringContaining("scripts/install-cometbft.sh") });
      const busy = await runCli(["testnet", "start", "--home", dir, "--cometbft", "/bin/true", "--output", "json"]);
      expect(busy.json().error).toMatchObject({ code: "port_in_use", message: expect.stringContaining(`127.0.0.1:${rpcPort} (node0's CometBFT RPC)`) });
    } finally {
      await new Promise((resolve) => port.close(resolve));
    }
  });
});

function listen(): Promise<Server> {
  const server = createServer((socket) => socket.end());
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
