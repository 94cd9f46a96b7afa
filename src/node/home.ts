import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildAppState, type GenesisAllocation } from "../app/genesis-state.js";
import { toHex } from "../store/bytes.js";
import { DEFAULT_NODE_CONFIG, writeNodeConfig, type NodeConfig } from "./config.js";
import { defaultConsensusParams, formatGenesisDoc, parseGenesisDoc, type GenesisConsensusParams, type GenesisDoc } from "./consensus/genesis-doc.js";
import {
  Ed25519PrivateKey,
  INITIAL_PRIV_VALIDATOR_STATE,
  nodeId,
  writeNodeKey,
  writePrivValidatorKey,
  writePrivValidatorState,
} from "./consensus/keys.js";
import { timestampFromMillis } from "./time.js";

/** The files of a node's home directory, laid out as CometBFT and the Cosmos SDK lay them out. */
export interface HomePaths {
  home: string;
  configToml: string;
  appToml: string;
  genesis: string;
  privValidatorKey: string;
  nodeKey: string;
  privValidatorState: string;
  /** The LMDB environment holding state, blocks, results and the tx index. */
  database: string;
}

export function homePaths(home: string): HomePaths {
  const config = join(home, "config");
  const data = join(home, "data");
  return {
    home,
    configToml: join(config, "config.toml"),
    appToml: join(config, "app.toml"),
    genesis: join(config, "genesis.json"),
    privValidatorKey: join(config, "priv_validator_key.json"),
    nodeKey: join(config, "node_key.json"),
    privValidatorState: join(data, "priv_validator_state.json"),
    database: join(data, "application.db"),
  };
}

export function isInitialized(home: string): boolean {
  return existsSync(homePaths(home).genesis);
}

export interface InitHomeOptions {
  home: string;
  chainId: string;
  moniker?: string;
  /** Who holds the genesis supply. */
  allocations: readonly GenesisAllocation[];
  /** Settings that differ from the defaults. */
  config?: Partial<NodeConfig>;
  /** Genesis time in milliseconds since the epoch; now by default. */
  genesisTimeMs?: number;
  /** Block limits that differ from CometBFT's defaults. */
  blockParams?: { maxBytes?: bigint; maxGas?: bigint };
}

export interface InitializedHome {
  paths: HomePaths;
  validatorAddress: string;
  nodeId: string;
  genesis: GenesisDoc;
}

export class HomeError extends Error {
  override readonly name = "HomeError";
  readonly code = "home_exists";
}

/**
 * Creates a node home: validator and node keys, a genesis with this node as the only validator
 * and the given allocations, and config files. Refuses to touch a home that already has a genesis.
 */
export function initHome(options: InitHomeOptions): InitializedHome {
  const paths = homePaths(options.home);
  if (existsSync(paths.genesis)) throw new HomeError(`${options.home} is already initialized (${paths.genesis} exists)`);
  mkdirSync(join(options.home, "config"), { recursive: true });
  mkdirSync(join(options.home, "data"), { recursive: true });
  const moniker = options.moniker ?? DEFAULT_NODE_CONFIG.moniker;

  const validatorKey = Ed25519PrivateKey.generate();
  const nodeKey = Ed25519PrivateKey.generate();
  writePrivValidatorKey(paths.privValidatorKey, validatorKey);
  writeNodeKey(paths.nodeKey, nodeKey);
  writePrivValidatorState(paths.privValidatorState, { ...INITIAL_PRIV_VALIDATOR_STATE });

  const genesis: GenesisDoc = {
    genesisTime: timestampFromMillis(options.genesisTimeMs ?? Date.now()),
    chainId: options.chainId,
    initialHeight: 1n,
    consensusParams: withBlockParams(defaultConsensusParams(), options.blockParams),
    validators: [{ address: validatorKey.address, pubKey: validatorKey.publicKey, votingPower: 10n, name: moniker }],
    appHash: new Uint8Array(0),
    appState: new TextEncoder().encode(JSON.stringify(buildAppState(options.allocations), null, 2)),
  };
  writeFileSync(paths.genesis, formatGenesisDoc(genesis));
  writeNodeConfig(paths.configToml, paths.appToml, { ...DEFAULT_NODE_CONFIG, moniker, ...options.config });
  return { paths, validatorAddress: toHex(validatorKey.address).toUpperCase(), nodeId: nodeId(nodeKey.publicKey), genesis: parseGenesisDoc(readFileSync(paths.genesis)) };
}

function withBlockParams(params: GenesisConsensusParams, block: InitHomeOptions["blockParams"]): GenesisConsensusParams {
  return { ...params, block: { ...params.block, ...block } };
}
