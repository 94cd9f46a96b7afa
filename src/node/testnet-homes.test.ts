import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parse } from "smol-toml";
import { afterAll, describe, expect, it } from "vitest";
import { XPRT_GENESIS_SUPPLY } from "../app/genesis-state.js";
import { bytesEqual, toHex } from "../store/bytes.js";
import { encodeAddress } from "../types/address.js";
import { STAKING_DENOM } from "../types/denoms.js";
import { readNodeConfig } from "./config.js";
import { parseGenesisDoc, toRequestInitChain } from "./consensus/genesis-doc.js";
import { loadNodeKey, loadPrivValidatorKey, loadPrivValidatorState, nodeId } from "./consensus/keys.js";
import { homePaths } from "./home.js";
import { openHomeApp } from "./home-app.js";
import { silentLogger } from "./logger.js";
import { readTestnetLayout, TestnetError, writeTestnetHomes, type TestnetLayout, type TestnetNode, type TestnetOptions } from "./testnet-homes.js";

const COMETBFT = fileURLToPath(new URL("../../.cometbft/bin/cometbft", import.meta.url));
const HOLDER = "persistence1w4mykj9l2aw7muvspt97npusmmlgsharg6xpsj";
const ALLOCATIONS = [{ address: HOLDER, coins: [{ denom: STAKING_DENOM, amount: XPRT_GENESIS_SUPPLY }] }];

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "persistence-testnet-"));
  dirs.push(dir);
  return dir;
}
function writeTestnet(options: Partial<TestnetOptions> = {}): TestnetLayout {
  return writeTestnetHomes({ dir: tempDir(), validators: 4, allocations: ALLOCATIONS, ...options });
}
function failure(write: () => unknown): TestnetError {
  try {
    write();
  } catch (error) {
    if (error instanceof TestnetError) return error;
    throw error;
  }
  throw new Error("expected a TestnetError");
}
function cometConfig(home: string): Record<string, any> {
  return parse(readFileSync(homePaths(home).configToml, "utf8"));
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("writeTestnetHomes", () => {
  it("writes a home per validator with its own keys, and testnet.json", () => {
    const layout = writeTestnet();
    expect(layout.chainId).toBe("persistence-testnet-1");
    expect(layout.nodes.map((node) => node.name)).toEqual(["node0", "node1", "node2", "node3"]);
    for (const node of layout.nodes) {
      const paths = homePaths(node.home);
      for (const file of [paths.configToml, paths.appToml, paths.genesis, paths.privValidatorKey, paths.nodeKey, paths.privValidatorState]) expect(existsSync(file), file).toBe(true);
      expect(loadPrivValidatorState(paths.privValidatorState).height).toBe(0n);
      expect(node.nodeId).toBe(nodeId(loadNodeKey(paths.nodeKey).publicKey));
      expect(node.validatorAddress).toBe(toHex(loadPrivValidatorKey(paths.privValidatorKey).address).toUpperCase());
    }
    expect(new Set(layout.nodes.map((node) => node.nodeId)).size).toBe(4);
    expect(new Set(layout.nodes.map((node) => node.validatorAddress)).size).toBe(4);
    expect(existsSync(join(layout.nodes[0]!.home, "..", "testnet.json"))).toBe(true);
  });

  it("shares one genesis: every validator with equal power, whose addresses match the keys, and the allocations", () => {
    const layout = writeTestnet({ chainId: "shared-genesis-7", genesisTimeMs: Date.UTC(2025, 0, 2) });
    const bytes = layout.nodes.map((node) => readFileSync(homePaths(node.home).genesis, "utf8"));
    expect(new Set(bytes).size).toBe(1);
    const genesis = parseGenesisDoc(bytes[0]!);
    expect(genesis.chainId).toBe("shared-genesis-7");
    expect(genesis.genesisTime.seconds).toBe(BigInt(Date.UTC(2025, 0, 2) / 1000));
    expect(genesis.validators).toHaveLength(4);
    expect(new Set(genesis.validators.map((v) => v.votingPower)).size).toBe(1);
    for (const [i, node] of layout.nodes.entries()) {
      const key = loadPrivValidatorKey(homePaths(node.home).privValidatorKey);
      const validator = genesis.validators[i]!;
      expect(validator.name).toBe(node.name);
      expect(bytesEqual(validator.pubKey, key.publicKey)).toBe(true);
      expect(toHex(validator.address).toUpperCase()).toBe(node.validatorAddress);
    }
    const appState = JSON.parse(new TextDecoder().decode(genesis.appState));
    expect(appState.bank.balances).toEqual([{ address: HOLDER, coins: [{ denom: STAKING_DENOM, amount: XPRT_GENESIS_SUPPLY.toString() }] }]);
  });

  it("lays out ports by the plan, and peers every node with all the others", () => {
    const layout = writeTestnet({ basePort: 30000, restBasePort: 2000 });
    for (const [i, node] of layout.nodes.entries()) {
      expect(node).toMatchObject({
        p2pAddress: `tcp://127.0.0.1:${30000 + 10 * i}`,
        rpcUrl: `http://127.0.0.1:${30001 + 10 * i}`,
        abciAddress: `tcp://127.0.0.1:${30002 + 10 * i}`,
        restUrl: `http://127.0.0.1:${2000 + i}`,
      });
      const config = cometConfig(node.home);
      expect(config.p2p.laddr).toBe(node.p2pAddress);
      const peers = (config.p2p.persistent_peers as string).split(",");
      expect(peers).toEqual(layout.nodes.filter((other) => other !== node).map((other) => `${other.nodeId}@127.0.0.1:${Number(other.p2pAddress.split(":")[2])}`));
      expect(peers.join()).not.toContain(node.nodeId);
    }
    const single = writeTestnet({ validators: 1 });
    expect(cometConfig(single.nodes[0]!.home).p2p.persistent_peers).toBe("");
  });

  it("writes a config.toml our readNodeConfig reads and with CometBFT's settings, and app.toml", () => {
    const layout = writeTestnet();
    const node = layout.nodes[1]!;
    const paths = homePaths(node.home);
    expect(readNodeConfig(paths.configToml, paths.appToml)).toMatchObject({
      moniker: "node1",
      rpcAddress: "tcp://127.0.0.1:26667",
      proxyApp: "tcp://127.0.0.1:26668",
      restAddress: "tcp://127.0.0.1:1318",
      blockTimeMs: 1000,
      minGasPrices: "0.0025uxprt",
      pruningKeepRecent: 0,
    });
    const config = cometConfig(node.home);
    expect(config).toMatchObject({
      moniker: "node1",
      proxy_app: "tcp://127.0.0.1:26668",
      abci: "socket",
      rpc: { laddr: "tcp://127.0.0.1:26667" },
      p2p: { laddr: "tcp://127.0.0.1:26666", pex: false, addr_book_strict: false, allow_duplicate_ip: true },
      consensus: { timeout_commit: "1s", timeout_propose: "3000ms", timeout_prevote: "1000ms", timeout_precommit: "1000ms" },
      tx_index: { indexer: "kv" },
    });
    expect(parse(readFileSync(paths.appToml, "utf8"))).toMatchObject({ "minimum-gas-prices": "0.0025uxprt", api: { address: "tcp://127.0.0.1:1318" } });
  });

  it("shortens CometBFT's consensus timeouts in proportion to a short block time", () => {
    const layout = writeTestnet({ validators: 2, blockTimeMs: 200 });
    const home = layout.nodes[0]!.home;
    expect(layout.blockTimeMs).toBe(200);
    expect(cometConfig(home).consensus).toEqual({
      timeout_commit: "200ms",
      timeout_propose: "600ms",
      timeout_propose_delta: "100ms",
      timeout_prevote: "200ms",
      timeout_prevote_delta: "100ms",
      timeout_precommit: "200ms",
      timeout_precommit_delta: "100ms",
      peer_gossip_sleep_duration: "20ms",
    });
    expect(readNodeConfig(homePaths(home).configToml, homePaths(home).appToml).blockTimeMs).toBe(200);
    expect(cometConfig(writeTestnet({ validators: 1, blockTimeMs: 5000 }).nodes[0]!.home).consensus).toMatchObject({ timeout_commit: "5s", timeout_propose: "3000ms" });
  });

  it("refuses a directory that already holds a testnet, and leaves it as it was", () => {
    const dir = tempDir();
    const first = writeTestnetHomes({ dir, validators: 2, allocations: ALLOCATIONS });
    const key = readFileSync(homePaths(first.nodes[0]!.home).privValidatorKey, "utf8");
    const again = failure(() => writeTestnetHomes({ dir, validators: 3, allocations: ALLOCATIONS }));
    expect(again.code).toBe("testnet_exists");
    expect(again.message).toContain("testnet.json");
    expect(readFileSync(homePaths(first.nodes[0]!.home).privValidatorKey, "utf8")).toBe(key);
    expect(existsSync(join(dir, "node2"))).toBe(false);

    rmSync(join(dir, "testnet.json"));
    expect(failure(() => writeTestnetHomes({ dir, validators: 2, allocations: ALLOCATIONS })).message).toContain(join("node0", "config", "genesis.json"));
  });

  it("checks the validator count, the ports, the block time and the genesis before writing anything", () => {
    const dir = tempDir();
    const attempt = (options: Partial<TestnetOptions>) => failure(() => writeTestnetHomes({ dir, validators: 4, allocations: ALLOCATIONS, ...options }));
    for (const validators of [0, 33, 1.5]) expect(attempt({ validators }).message).toContain("1 to 32 validators");
    expect(attempt({ basePort: 65530 }).message).toContain("out of range");
    expect(attempt({ restBasePort: 26667 }).message).toContain("overlap");
    expect(attempt({ blockTimeMs: 5 }).message).toContain("at least 10ms");
    expect(attempt({ validators: 0 }).code).toBe("invalid_testnet");
    expect(() => writeTestnetHomes({ dir, validators: 2, allocations: ALLOCATIONS, chainId: "x".repeat(51) })).toThrow(/chain_id/);
    expect(() => writeTestnetHomes({ dir, validators: 2, allocations: [] })).toThrow(/genesis supply/);
    expect(attempt({ operators: [HOLDER] }).message).toContain("4 validators need 4 operators, not 1");
    expect(existsSync(join(dir, "node0"))).toBe(false);
  });

  it("bonds every validator in staking's genesis, operated by its own funded account: InitChain returns all N", async () => {
    const operators = Array.from({ length: 6 }, (_, i) => encodeAddress(new Uint8Array(20).fill(i + 1)));
    const each = 1_000_000_000n;
    const allocations = [
      { address: HOLDER, coins: [{ denom: STAKING_DENOM, amount: XPRT_GENESIS_SUPPLY - each * 6n }] },
      ...operators.map((address) => ({ address, coins: [{ denom: STAKING_DENOM, amount: each }] })),
    ];
    const layout = writeTestnet({ validators: 6, allocations, operators });
    expect(layout.nodes.map((node) => node.operator)).toEqual(operators);
    expect(readTestnetLayout(join(layout.nodes[0]!.home, "..")).nodes.map((node) => node.operator)).toEqual(operators);
    const home = openHomeApp({ home: layout.nodes[0]!.home, signatureWorkers: 0, logger: silentLogger });
    try {
      const { validators } = await home.app.initChain(toRequestInitChain(home.genesis));
      const keys = layout.nodes.map((node) => toHex(loadPrivValidatorKey(homePaths(node.home).privValidatorKey).publicKey)).sort();
      expect(validators.map((v) => toHex(v.pubKey!.ed25519!)).sort()).toEqual(keys);
      expect(new Set(validators.map((v) => v.power))).toEqual(new Set([10n]));
    } finally {
      await home.close();
    }
  });
});

describe("readTestnetLayout", () => {
  it("reads back what writeTestnetHomes wrote", () => {
    const layout = writeTestnet({ validators: 3, blockTimeMs: 250 });
    expect(readTestnetLayout(join(layout.nodes[0]!.home, ".."))).toEqual(layout);
  });

  it("says when a directory holds no testnet, or a broken testnet.json", () => {
    const dir = tempDir();
    expect(failure(() => readTestnetLayout(dir))).toMatchObject({ code: "testnet_not_found", message: expect.stringContaining("persistence testnet --validators N") });
    writeFileSync(join(dir, "testnet.json"), JSON.stringify({ chain_id: "x", block_time_ms: 1000, nodes: [{ name: "node0" }] }));
    expect(failure(() => readTestnetLayout(dir))).toMatchObject({ code: "invalid_testnet", message: expect.stringContaining("nodes[0].home must be a string") });
    writeFileSync(join(dir, "testnet.json"), "{");
    expect(failure(() => readTestnetLayout(dir)).code).toBe("invalid_testnet");
  });
});

describe.skipIf(!existsSync(COMETBFT))(`CometBFT v0.38 reads the testnet's homes (skipped without ${COMETBFT}: run scripts/install-cometbft.sh)`, () => {
  const cometbft = (...args: string[]) => promisify(execFile)(COMETBFT, args, { env: cometEnv() });

  it("show-node-id and show-validator agree with testnet.json and the genesis, through our config.toml", async () => {
    const layout = writeTestnet({ blockTimeMs: 200 });
    const genesis = parseGenesisDoc(readFileSync(homePaths(layout.nodes[0]!.home).genesis));
    for (const [i, node] of layout.nodes.entries()) {
      expect((await cometbft("show-node-id", "--home", node.home)).stdout.trim()).toBe(node.nodeId);
      const validator = JSON.parse((await cometbft("show-validator", "--home", node.home)).stdout);
      expect(validator).toEqual({ type: "tendermint/PubKeyEd25519", value: Buffer.from(genesis.validators[i]!.pubKey).toString("base64") });
    }
  });

  it("inspect accepts the genesis (CometBFT's GenesisDocFromFile validation), and refuses it once tampered with", async () => {
    const layout = writeTestnet({ validators: 2 });
    const [node0, node1] = layout.nodes as [TestnetNode, TestnetNode];
    expect(await inspectAccepts(node0.home)).toEqual({ accepted: true });

    const genesisFile = homePaths(node1.home).genesis;
    const genesis = JSON.parse(readFileSync(genesisFile, "utf8"));
    genesis.validators[0].address = node1.validatorAddress;
    writeFileSync(genesisFile, JSON.stringify(genesis));
    const refused = await inspectAccepts(node1.home);
    expect(refused.accepted).toBe(false);
    expect(refused.output).toContain("incorrect address for validator");
  }, 30_000);
});

/**
 * Runs `cometbft inspect`, which reads the home's config and genesis before it serves a read-only
 * RPC: accepted once that RPC answers, refused when it exits first.
 */
async function inspectAccepts(home: string): Promise<{ accepted: boolean; output?: string }> {
  const port = await freePort();
  const inspect = spawn(COMETBFT, ["inspect", "--home", home, "--rpc.laddr", `tcp://127.0.0.1:${port}`], { env: cometEnv() });
  let output = "";
  inspect.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  inspect.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => inspect.once("close", resolve));
  try {
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
      if (inspect.exitCode !== null) break;
      const answered = await fetch(`http://127.0.0.1:${port}/blockchain`).then(
        () => true,
        () => false,
      );
      if (answered) return { accepted: true };
      await sleep(100);
    }
    await Promise.race([exited, sleep(5_000)]);
    return { accepted: false, output };
  } finally {
    inspect.kill("SIGKILL");
  }
}

/** The environment without CMTHOME/TMHOME, which would override --home. */
function cometEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "CMTHOME" && name !== "TMHOME"));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
