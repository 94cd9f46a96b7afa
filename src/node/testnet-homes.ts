import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse, stringify } from "smol-toml";
import type { GenesisAllocation } from "../app/genesis-state.js";
import { toHex } from "../store/bytes.js";
import { DEFAULT_NODE_CONFIG, writeNodeConfig } from "./config.js";
import { formatGenesisDoc } from "./consensus/genesis-doc.js";
import { nodeId } from "./consensus/keys.js";
import { generateNodeKeys, homePaths, newGenesisDoc, writeNodeKeys } from "./home.js";

export const DEFAULT_TESTNET_CHAIN_ID = "persistence-testnet-1";
export const DEFAULT_TESTNET_BASE_PORT = 26656;
export const DEFAULT_TESTNET_REST_BASE_PORT = 1317;
export const MAX_TESTNET_VALIDATORS = 32;
/** The file in a testnet's directory that describes its nodes. */
const TESTNET_LAYOUT_FILE = "testnet.json";

/** How far apart the CometBFT ports of consecutive nodes lie (see writeTestnetHomes). */
const PORT_STRIDE = 10;
/** CometBFT's consensus timeouts for a 1s timeout_commit (its defaults); shorter block times scale them down. */
const DEFAULT_TIMEOUTS_MS = {
  timeout_propose: 3000,
  timeout_propose_delta: 500,
  timeout_prevote: 1000,
  timeout_prevote_delta: 500,
  timeout_precommit: 1000,
  timeout_precommit_delta: 500,
  peer_gossip_sleep_duration: 100,
};
const DEFAULT_BLOCK_TIME_MS = 1000;
/** As config.toml's timeout_commit allows. */
const MIN_BLOCK_TIME_MS = 10;

/** One validator node of a local testnet. */
export interface TestnetNode {
  /** node0, node1, …: its moniker and its home's folder name. */
  name: string;
  /** Its home: CometBFT's and the app's, shared. */
  home: string;
  /** The p2p node id (hex of its node key's address). */
  nodeId: string;
  /** Its validator's consensus address, upper-case hex as in genesis.json. */
  validatorAddress: string;
  /** The account (persistence1…) that operates its validator in staking; absent when staking has no genesis validators. */
  operator?: string;
  /** CometBFT's p2p listen address. */
  p2pAddress: string;
  /** CometBFT's RPC, as clients use it. */
  rpcUrl: string;
  /** Where the app serves ABCI for CometBFT (config.toml's proxy_app). */
  abciAddress: string;
  /** The app's Cosmos REST API, as clients use it. */
  restUrl: string;
}

export interface TestnetLayout {
  chainId: string;
  /** CometBFT's timeout_commit. */
  blockTimeMs: number;
  nodes: TestnetNode[];
}

export interface TestnetOptions {
  /** The testnet's directory; node i's home is `dir/node{i}`. */
  dir: string;
  /** How many validators (and nodes): 1 to 32. */
  validators: number;
  /** Who holds the genesis supply. */
  allocations: readonly GenesisAllocation[];
  /**
   * The funded account operating each validator (one per validator, in node order): it
   * self-delegates the validator's power in staking's genesis. Default: the first allocations,
   * one per validator, when there are as many; else staking has no genesis validators and the
   * network runs on genesis.json's validators alone.
   */
  operators?: readonly string[];
  /** Modules' genesis beyond accounts and balances, by module name. */
  moduleGenesis?: Record<string, unknown>;
  chainId?: string;
  /** Node i's p2p port is basePort + 10·i; 26656 by default. */
  basePort?: number;
  /** Node i's REST port is restBasePort + i; 1317 by default. */
  restBasePort?: number;
  /** CometBFT's timeout_commit; 1000 by default. Shorter times shorten the other consensus timeouts in proportion. */
  blockTimeMs?: number;
  /** Genesis time in milliseconds since the epoch; now by default. */
  genesisTimeMs?: number;
}

/** A testnet that cannot be written or read; `code` is a stable string for the CLI. */
export class TestnetError extends Error {
  override readonly name = "TestnetError";

  constructor(
    readonly code: "testnet_exists" | "testnet_not_found" | "invalid_testnet",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Writes the homes of a local testnet of `validators` nodes, all on 127.0.0.1, for CometBFT
 * v0.38 processes driving `persistence start --abci`: `dir/node0` … `dir/node{N-1}`, each with
 * its own validator and node keys, one shared genesis.json (every validator with the same
 * power), a config.toml for both CometBFT and the app, and app.toml; then `dir/testnet.json`
 * (see `readTestnetLayout`).
 *
 * Ports of node i (basePort 26656 and restBasePort 1317 by default, so node0's CometBFT RPC is 26657):
 * - p2p: basePort + 10·i
 * - CometBFT RPC: basePort + 1 + 10·i
 * - ABCI (the app, config.toml's proxy_app): basePort + 2 + 10·i
 * - Cosmos REST (the app): restBasePort + i
 *
 * Every node lists all the others as persistent peers. A block time under 1s shortens
 * CometBFT's propose, prevote and precommit timeouts (and its gossip sleep) in proportion.
 * Refuses a directory that already holds a testnet, or any of its node homes.
 *
 * @example
 * const layout = writeTestnetHomes({ dir: "/tmp/testnet", validators: 4, allocations, blockTimeMs: 200 });
 * layout.nodes[0].rpcUrl // "http://127.0.0.1:26657"
 */
export function writeTestnetHomes(options: TestnetOptions): TestnetLayout {
  const dir = resolve(options.dir);
  const chainId = options.chainId ?? DEFAULT_TESTNET_CHAIN_ID;
  const blockTimeMs = options.blockTimeMs ?? DEFAULT_BLOCK_TIME_MS;
  const plans = planNodes(dir, options);
  if (!Number.isInteger(blockTimeMs) || blockTimeMs < MIN_BLOCK_TIME_MS) throw new TestnetError("invalid_testnet", `the block time must be at least ${MIN_BLOCK_TIME_MS}ms`);
  const existing = [join(dir, TESTNET_LAYOUT_FILE), ...plans.map((plan) => homePaths(plan.home).genesis)].find((path) => existsSync(path));
  if (existing) throw new TestnetError("testnet_exists", `${dir} already holds a testnet (${existing} exists): choose another directory or delete it`);

  if (options.operators && options.operators.length !== plans.length) {
    throw new TestnetError("invalid_testnet", `${plans.length} validators need ${plans.length} operators, not ${options.operators.length}`);
  }
  const operators = options.operators ?? (options.allocations.length >= plans.length ? options.allocations.slice(0, plans.length).map((a) => a.address) : undefined);
  const keys = plans.map(() => generateNodeKeys());
  const genesis = formatGenesisDoc(
    newGenesisDoc({
      chainId,
      validators: keys.map(({ validatorKey }, i) => ({ key: validatorKey, name: plans[i]!.name })),
      allocations: options.allocations,
      moduleGenesis: options.moduleGenesis,
      genesisTimeMs: options.genesisTimeMs,
      // All or none: CometBFT takes InitChain's set, so a validator without an operator would be left out.
      operators,
    }),
  );
  const nodes: TestnetNode[] = plans.map((plan, i) => ({
    ...plan,
    nodeId: nodeId(keys[i]!.nodeKey.publicKey),
    validatorAddress: toHex(keys[i]!.validatorKey.address).toUpperCase(),
    ...(operators ? { operator: operators[i]! } : {}),
  }));
  for (const [i, node] of nodes.entries()) {
    const paths = homePaths(node.home);
    writeNodeKeys(paths, keys[i]!);
    writeFileSync(paths.genesis, genesis);
    writeNodeConfig(paths.configToml, paths.appToml, {
      ...DEFAULT_NODE_CONFIG,
      moniker: node.name,
      rpcAddress: listenAddress(node.rpcUrl),
      proxyApp: node.abciAddress,
      restAddress: listenAddress(node.restUrl),
      blockTimeMs,
    });
    addCometBftSettings(paths.configToml, node, nodes, blockTimeMs);
  }
  const layout = { chainId, blockTimeMs, nodes };
  writeFileSync(join(dir, TESTNET_LAYOUT_FILE), `${JSON.stringify(layoutToJson(layout), null, 2)}\n`);
  return layout;
}

/** Reads `dir/testnet.json`, as `writeTestnetHomes` wrote it. */
export function readTestnetLayout(dir: string): TestnetLayout {
  const path = join(dir, TESTNET_LAYOUT_FILE);
  if (!existsSync(path)) throw new TestnetError("testnet_not_found", `${dir} holds no testnet (no ${TESTNET_LAYOUT_FILE}): create one with \`persistence testnet --validators N --home ${dir}\``);
  try {
    return layoutFromJson(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    throw new TestnetError("invalid_testnet", `${path}: ${(error as Error).message}`);
  }
}

/** testnet.json, and the CLI's JSON, in snake_case as the rest of the CLI's JSON. */
export interface TestnetLayoutJson {
  chain_id: string;
  block_time_ms: number;
  nodes: {
    name: string;
    home: string;
    node_id: string;
    validator_address: string;
    p2p: string;
    rpc: string;
    abci: string;
    rest: string;
    operator?: string;
  }[];
}

export function layoutToJson(layout: TestnetLayout): TestnetLayoutJson {
  return {
    chain_id: layout.chainId,
    block_time_ms: layout.blockTimeMs,
    nodes: layout.nodes.map((node) => ({
      name: node.name,
      home: node.home,
      node_id: node.nodeId,
      validator_address: node.validatorAddress,
      p2p: node.p2pAddress,
      rpc: node.rpcUrl,
      abci: node.abciAddress,
      rest: node.restUrl,
      ...(node.operator ? { operator: node.operator } : {}),
    })),
  };
}

function layoutFromJson(json: unknown): TestnetLayout {
  const file = json as Partial<TestnetLayoutJson>;
  if (typeof file.chain_id !== "string" || !Number.isInteger(file.block_time_ms) || !Array.isArray(file.nodes) || file.nodes.length === 0) {
    throw new Error("expected chain_id, block_time_ms and a list of nodes");
  }
  return {
    chainId: file.chain_id,
    blockTimeMs: file.block_time_ms!,
    nodes: file.nodes.map((node, i) => {
      const fields = ["name", "home", "node_id", "validator_address", "p2p", "rpc", "abci", "rest"] as const;
      const missing = fields.find((field) => typeof node?.[field] !== "string");
      if (missing) throw new Error(`nodes[${i}].${missing} must be a string`);
      if (node.operator !== undefined && typeof node.operator !== "string") throw new Error(`nodes[${i}].operator must be a string`);
      return {
        name: node.name,
        home: node.home,
        nodeId: node.node_id,
        validatorAddress: node.validator_address,
        p2pAddress: node.p2p,
        rpcUrl: node.rpc,
        abciAddress: node.abci,
        restUrl: node.rest,
        ...(node.operator ? { operator: node.operator } : {}),
      };
    }),
  };
}

type NodePlan = Omit<TestnetNode, "nodeId" | "validatorAddress">;

/** Names, homes and addresses of the nodes, after checking the count and that every port is distinct and valid. */
function planNodes(dir: string, options: TestnetOptions): NodePlan[] {
  const { validators } = options;
  if (!Number.isInteger(validators) || validators < 1 || validators > MAX_TESTNET_VALIDATORS) {
    throw new TestnetError("invalid_testnet", `a testnet has 1 to ${MAX_TESTNET_VALIDATORS} validators, not ${validators}`);
  }
  const basePort = options.basePort ?? DEFAULT_TESTNET_BASE_PORT;
  const restBasePort = options.restBasePort ?? DEFAULT_TESTNET_REST_BASE_PORT;
  const ports = Array.from({ length: validators }, (_, i) => ({
    p2p: basePort + PORT_STRIDE * i,
    rpc: basePort + 1 + PORT_STRIDE * i,
    abci: basePort + 2 + PORT_STRIDE * i,
    rest: restBasePort + i,
  }));
  const all = ports.flatMap((p) => [p.p2p, p.rpc, p.abci, p.rest]);
  const invalid = all.find((port) => !Number.isInteger(port) || port < 1 || port > 65535);
  if (invalid !== undefined) throw new TestnetError("invalid_testnet", `port ${invalid} is out of range: the ports must lie within 1 to 65535`);
  if (new Set(all).size !== all.length) {
    throw new TestnetError("invalid_testnet", `the REST ports ${restBasePort}-${restBasePort + validators - 1} overlap the CometBFT ports ${basePort}-${basePort + PORT_STRIDE * (validators - 1) + 2}`);
  }
  return ports.map((p, i) => ({
    name: `node${i}`,
    home: join(dir, `node${i}`),
    p2pAddress: `tcp://127.0.0.1:${p.p2p}`,
    rpcUrl: `http://127.0.0.1:${p.rpc}`,
    abciAddress: `tcp://127.0.0.1:${p.abci}`,
    restUrl: `http://127.0.0.1:${p.rest}`,
  }));
}

/**
 * Adds CometBFT's own settings to the config.toml that `writeNodeConfig` wrote (which holds the
 * keys both read: moniker, proxy_app, rpc.laddr, consensus.timeout_commit, mempool). Keys left
 * out take CometBFT's defaults.
 */
function addCometBftSettings(configToml: string, node: TestnetNode, nodes: readonly TestnetNode[], blockTimeMs: number): void {
  const config = parse(readFileSync(configToml, "utf8"));
  const scale = Math.min(1, blockTimeMs / DEFAULT_BLOCK_TIME_MS);
  const timeouts = Object.fromEntries(Object.entries(DEFAULT_TIMEOUTS_MS).map(([key, ms]) => [key, `${Math.max(1, Math.round(ms * scale))}ms`]));
  const peers = nodes.filter((peer) => peer !== node).map((peer) => `${peer.nodeId}@${peer.p2pAddress.replace("tcp://", "")}`);
  const updated = {
    ...config,
    abci: "socket",
    p2p: {
      laddr: node.p2pAddress,
      persistent_peers: peers.join(","),
      // Every node knows every other: nothing to discover, and loopback addresses are fine.
      pex: false,
      addr_book_strict: false,
      allow_duplicate_ip: true,
    },
    consensus: { ...(config.consensus as Record<string, unknown>), ...timeouts },
    tx_index: { indexer: "kv" },
  };
  writeFileSync(configToml, `${stringify(updated)}\n`);
}

/** http://127.0.0.1:26657 → tcp://127.0.0.1:26657 */
function listenAddress(url: string): string {
  return url.replace(/^http:\/\//, "tcp://");
}
