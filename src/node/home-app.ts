import { readFileSync } from "node:fs";
import { PersistenceApp } from "../app/app.js";
import { SignatureVerifierPool } from "../crypto/verifier-pool.js";
import { Database } from "../store/database.js";
import { parseGasPrices } from "../tx/fees.js";
import { readNodeConfig, type NodeConfig } from "./config.js";
import { parseGenesisDoc, type GenesisDoc } from "./consensus/genesis-doc.js";
import { homePaths, type HomePaths } from "./home.js";
import type { Logger } from "./logger.js";

export interface HomeAppOptions {
  home: string;
  /** Settings that override the home's config files. */
  config?: Partial<NodeConfig>;
  /** Signature verification threads; 0 verifies on the main thread. Defaults to one per core. */
  signatureWorkers?: number;
  logger: Logger;
}

/** The app of a node home, opened on its database with the home's settings. */
export interface HomeApp {
  paths: HomePaths;
  config: NodeConfig;
  genesis: GenesisDoc;
  /** genesis.json exactly as read. */
  genesisBytes: Buffer;
  db: Database;
  app: PersistenceApp;
  /** Stops the signature workers and closes the database. */
  close(): Promise<void>;
}

/** Opens the app that either driver (the embedded node or the ABCI server) runs for a home. */
export function openHomeApp(options: HomeAppOptions): HomeApp {
  const paths = homePaths(options.home);
  const config = { ...readNodeConfig(paths.configToml, paths.appToml), ...options.config };
  const genesisBytes = readFileSync(paths.genesis);
  const genesis = parseGenesisDoc(genesisBytes);
  const db = Database.open(paths.database);
  const workers = options.signatureWorkers;
  const pool = workers === 0 ? undefined : SignatureVerifierPool.create(workers ? { workers } : {});
  const app = new PersistenceApp({
    db,
    chainId: genesis.chainId,
    minGasPrices: parseGasPrices(config.minGasPrices),
    pruning: { keepRecent: config.pruningKeepRecent },
    signatureVerifier: pool,
    maxTxBytes: config.mempool.maxTxBytes,
    indexEvents: config.indexEvents,
    logger: options.logger,
  });
  return {
    paths,
    config,
    genesis,
    genesisBytes,
    db,
    app,
    async close() {
      await pool?.close();
      await db.close();
    },
  };
}
