import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "smol-toml";
import { parseGasPrices } from "../tx/fees.js";
import { DEFAULT_MEMPOOL_LIMITS, type MempoolLimits } from "./mempool.js";

/** The node's settings, read from config/config.toml (CometBFT's layout) and config/app.toml (the Cosmos SDK's). */
export interface NodeConfig {
  moniker: string;
  /** CometBFT RPC listen address, e.g. "tcp://127.0.0.1:26657". */
  rpcAddress: string;
  /** Where the app serves ABCI when CometBFT drives it (CometBFT's proxy_app). */
  proxyApp: string;
  /** Cosmos REST (LCD) listen address, e.g. "tcp://127.0.0.1:1317". */
  restAddress: string;
  /** Time between blocks (CometBFT's consensus.timeout_commit). */
  blockTimeMs: number;
  /** This node's minimum gas prices, e.g. "0.0025uxprt". */
  minGasPrices: string;
  /** Committed versions of state kept queryable; 0 keeps all. */
  pruningKeepRecent: number;
  /**
   * The event attributes the tx index keeps, as `type.key` (the Cosmos SDK's `index-events`);
   * empty keeps all. `tx.height` and `tx.hash` are always searchable.
   */
  indexEvents: string[];
  mempool: MempoolLimits;
}

export const DEFAULT_NODE_CONFIG: NodeConfig = {
  moniker: "persistence-node",
  rpcAddress: "tcp://127.0.0.1:26657",
  proxyApp: "tcp://127.0.0.1:26658",
  restAddress: "tcp://127.0.0.1:1317",
  blockTimeMs: 1000,
  minGasPrices: "0.0025uxprt",
  pruningKeepRecent: 0,
  indexEvents: [],
  mempool: DEFAULT_MEMPOOL_LIMITS,
};

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly code = "invalid_config";
}

/** "1s", "500ms", "2m" as CometBFT durations. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!match) throw new ConfigError(`invalid duration "${text}": expected e.g. 1s or 500ms`);
  const value = Number(match[1]);
  return Math.round(match[2] === "ms" ? value : match[2] === "s" ? value * 1000 : value * 60_000);
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Parses "tcp://host:port" into its host and port. */
export function parseListenAddress(address: string): { host: string; port: number } {
  const match = /^(?:tcp:\/\/)?([^:/]+):(\d+)$/.exec(address);
  if (!match || Number(match[2]) > 65535) throw new ConfigError(`invalid listen address "${address}": expected tcp://host:port`);
  return { host: match[1]!, port: Number(match[2]) };
}

export function writeNodeConfig(configToml: string, appToml: string, config: NodeConfig): void {
  writeFileSync(
    configToml,
    stringify({
      moniker: config.moniker,
      proxy_app: config.proxyApp,
      rpc: { laddr: config.rpcAddress },
      consensus: { timeout_commit: formatDuration(config.blockTimeMs) },
      mempool: { size: config.mempool.maxTxs, max_tx_bytes: config.mempool.maxTxBytes, max_txs_bytes: config.mempool.maxTotalBytes },
    }) + "\n",
  );
  writeFileSync(
    appToml,
    stringify({
      "minimum-gas-prices": config.minGasPrices,
      "pruning-keep-recent": config.pruningKeepRecent,
      "index-events": config.indexEvents,
      api: { enable: true, address: config.restAddress },
    }) + "\n",
  );
}

export function readNodeConfig(configToml: string, appToml: string): NodeConfig {
  const cometbft = readToml(configToml);
  const app = readToml(appToml);
  const section = (doc: Record<string, unknown>, name: string) => (doc[name] ?? {}) as Record<string, unknown>;
  const d = DEFAULT_NODE_CONFIG;
  const config: NodeConfig = {
    moniker: String(cometbft.moniker ?? d.moniker),
    rpcAddress: String(section(cometbft, "rpc").laddr ?? d.rpcAddress),
    proxyApp: String(cometbft.proxy_app ?? d.proxyApp),
    restAddress: String(section(app, "api").address ?? d.restAddress),
    blockTimeMs: parseDuration(String(section(cometbft, "consensus").timeout_commit ?? formatDuration(d.blockTimeMs))),
    minGasPrices: String(app["minimum-gas-prices"] ?? d.minGasPrices),
    pruningKeepRecent: Number(app["pruning-keep-recent"] ?? d.pruningKeepRecent),
    indexEvents: readIndexEvents(app["index-events"] ?? d.indexEvents),
    mempool: {
      maxTxs: Number(section(cometbft, "mempool").size ?? d.mempool.maxTxs),
      maxTxBytes: Number(section(cometbft, "mempool").max_tx_bytes ?? d.mempool.maxTxBytes),
      maxTotalBytes: Number(section(cometbft, "mempool").max_txs_bytes ?? d.mempool.maxTotalBytes),
    },
  };
  validate(config);
  return config;
}

function readIndexEvents(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((tag) => typeof tag === "string")) {
    throw new ConfigError(`index-events must be a list of strings like "message.sender", got ${JSON.stringify(value)}`);
  }
  return value;
}

function readToml(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  try {
    return parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${path}: ${(error as Error).message}`);
  }
}

function validate(config: NodeConfig): void {
  parseListenAddress(config.rpcAddress);
  parseListenAddress(config.proxyApp);
  parseListenAddress(config.restAddress);
  try {
    parseGasPrices(config.minGasPrices);
  } catch (error) {
    throw new ConfigError(`minimum-gas-prices: ${(error as Error).message}`);
  }
  if (config.blockTimeMs < 10) throw new ConfigError("consensus.timeout_commit must be at least 10ms");
  if (!Number.isInteger(config.pruningKeepRecent) || config.pruningKeepRecent === 1 || config.pruningKeepRecent < 0) {
    throw new ConfigError("pruning-keep-recent must be 0 (keep everything) or at least 2");
  }
  for (const tag of config.indexEvents) {
    if (!/^.+\..+$/.test(tag)) throw new ConfigError(`index-events: "${tag}" is not of the form {eventType}.{attributeKey}`);
  }
  for (const [name, value] of Object.entries(config.mempool)) {
    if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`mempool ${name} must be a positive integer`);
  }
}
