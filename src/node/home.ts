import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildAppState, type GenesisAllocation } from "../app/genesis-state.js";
import { withGenesisValidators } from "../modules/staking/genesis-builder.js";
import { POWER_REDUCTION } from "../modules/staking/keys.js";
import { isError } from "../types/errors.js";
import { toHex } from "../store/bytes.js";
import { DEFAULT_NODE_CONFIG, writeNodeConfig, type NodeConfig } from "./config.js";
import { defaultConsensusParams, formatGenesisDoc, parseGenesisDoc, type GenesisDoc } from "./consensus/genesis-doc.js";
import {
  Ed25519PrivateKey,
  INITIAL_PRIV_VALIDATOR_STATE,
  nodeId,
  writeNodeKey,
  writePrivValidatorKey,
  writePrivValidatorState,
  type ValidatorKey,
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

/** A new chain's genesis options; its only validator is the home's own. */
export interface InitHomeOptions extends Omit<NewGenesisOptions, "validators"> {
  home: string;
  moniker?: string;
  /** Settings that differ from the defaults. */
  config?: Partial<NodeConfig>;
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
  const moniker = options.moniker ?? DEFAULT_NODE_CONFIG.moniker;
  const keys = generateNodeKeys();
  const operators = options.allocations[0] ? [options.allocations[0].address] : undefined;
  const genesis = formatGenesisDoc(newGenesisDoc({ ...options, validators: [{ key: keys.validatorKey, name: moniker }], operators }));
  writeNodeKeys(paths, keys);
  writeFileSync(paths.genesis, genesis);
  writeNodeConfig(paths.configToml, paths.appToml, { ...DEFAULT_NODE_CONFIG, moniker, ...options.config });
  return { paths, validatorAddress: toHex(keys.validatorKey.address).toUpperCase(), nodeId: nodeId(keys.nodeKey.publicKey), genesis: parseGenesisDoc(genesis) };
}

export interface NodeKeys {
  /** Signs consensus messages (config/priv_validator_key.json). */
  validatorKey: Ed25519PrivateKey;
  /** Identifies the node to its peers (config/node_key.json). */
  nodeKey: Ed25519PrivateKey;
}

export function generateNodeKeys(): NodeKeys {
  return { validatorKey: Ed25519PrivateKey.generate(), nodeKey: Ed25519PrivateKey.generate() };
}

/** Creates the home's config/ and data/ folders and writes the keys and the validator's initial signing state. */
export function writeNodeKeys(paths: HomePaths, keys: NodeKeys): void {
  mkdirSync(join(paths.home, "config"), { recursive: true });
  mkdirSync(join(paths.home, "data"), { recursive: true });
  writePrivValidatorKey(paths.privValidatorKey, keys.validatorKey);
  writeNodeKey(paths.nodeKey, keys.nodeKey);
  writePrivValidatorState(paths.privValidatorState, { ...INITIAL_PRIV_VALIDATOR_STATE });
}

/** Each genesis validator's voting power: all validators of a new chain weigh the same. */
const GENESIS_VOTING_POWER = 10n;

export interface NewGenesisOptions {
  chainId: string;
  /** The validators, each with the same voting power. */
  validators: readonly { key: ValidatorKey; name: string }[];
  /** Who holds the genesis supply. */
  allocations: readonly GenesisAllocation[];
  /** Genesis time in milliseconds since the epoch; now by default. */
  genesisTimeMs?: number;
  /** Block limits that differ from CometBFT's defaults. */
  blockParams?: { maxBytes?: bigint; maxGas?: bigint };
  /** Modules' genesis (by module name) beyond the accounts and balances of the allocations. */
  moduleGenesis?: Record<string, unknown>;
  /**
   * The funded account that operates each validator (same order), as its gentx would: it
   * self-delegates the validator's voting power × 10^6 uxprt in staking's genesis. Absent: the
   * validators are in CometBFT's genesis only.
   */
  operators?: readonly string[];
}

/** The genesis document of a new chain: CometBFT's default consensus params, and an app_state from `buildAppState`. */
export function newGenesisDoc(options: NewGenesisOptions): GenesisDoc {
  const params = defaultConsensusParams();
  return {
    genesisTime: timestampFromMillis(options.genesisTimeMs ?? Date.now()),
    chainId: options.chainId,
    initialHeight: 1n,
    consensusParams: { ...params, block: { ...params.block, ...options.blockParams } },
    validators: options.validators.map(({ key, name }) => ({ address: key.address, pubKey: key.publicKey, votingPower: GENESIS_VOTING_POWER, name })),
    appHash: new Uint8Array(0),
    appState: new TextEncoder().encode(JSON.stringify(appStateWithValidators(options), null, 2)),
  };
}

function appStateWithValidators(options: NewGenesisOptions): Record<string, unknown> {
  const appState = { ...buildAppState(options.allocations), ...options.moduleGenesis };
  if (!options.operators) return appState;
  const specs = options.validators.map(({ key, name }, i) => ({ account: options.operators![i]!, consensusPubkey: key.publicKey, selfDelegation: GENESIS_VOTING_POWER * POWER_REDUCTION, moniker: name }));
  const staked = withGenesisValidators(appState, specs);
  if (isError(staked)) throw new Error(`cannot bond the genesis validators: ${staked.log}`);
  return staked;
}
