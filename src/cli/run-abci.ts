import { startAbciServer, type AbciServer } from "../abci/server.js";
import { parseListenAddress, type NodeConfig } from "../node/config.js";
import { openHomeApp } from "../node/home-app.js";
import type { Logger } from "../node/logger.js";
import { cometBftRestNode } from "../rpc/rest/cometbft-backend.js";
import { startRestServer } from "../rpc/rest/server.js";

export interface AbciAppOptions {
  home: string;
  /** Settings that override the home's config files. */
  config?: Partial<NodeConfig>;
  logger: Logger;
}

export interface RunningAbciApp {
  chainId: string;
  /** The last committed height when the app opened. */
  height: bigint;
  abciAddress: string;
  restAddress: string;
  /** CometBFT's RPC, which the REST API reads blocks and txs from. */
  cometRpcUrl: string;
  stop(): Promise<void>;
}

/**
 * Opens a home's app for CometBFT to drive: serves ABCI on config.toml's proxy_app (where the
 * home's CometBFT connects) and the Cosmos REST API, which reads blocks and txs through that
 * CometBFT's RPC. `stop` closes the servers, then the database; state is only ever persisted
 * in Commit, so a stop between blocks loses nothing CometBFT will not replay.
 */
export async function runAbciApp(options: AbciAppOptions): Promise<RunningAbciApp> {
  const opened = openHomeApp(options);
  const { config, app } = opened;
  const cometRpcUrl = httpUrl(config.rpcAddress);
  const restListen = parseListenAddress(config.restAddress);
  let abci: AbciServer | undefined;
  try {
    abci = await startAbciServer({ app, address: config.proxyApp, logger: options.logger });
    const rest = await startRestServer({ node: cometBftRestNode({ rpcUrl: cometRpcUrl }), host: restListen.host, port: restListen.port });
    const info = await app.info({ version: "", blockVersion: 0n, p2pVersion: 0n, abciVersion: "" });
    options.logger.info(`opened ${opened.genesis.chainId} at height ${info.lastBlockHeight}; serving ABCI on ${abci.address} for CometBFT`);
    const server = abci;
    return {
      chainId: opened.genesis.chainId,
      height: info.lastBlockHeight,
      abciAddress: abci.address,
      restAddress: rest.address,
      cometRpcUrl,
      async stop() {
        await Promise.all([rest.close(), server.close()]);
        await opened.close();
      },
    };
  } catch (error) {
    await abci?.close();
    await opened.close();
    throw error;
  }
}

/** The URL a client uses for a listen address ("tcp://0.0.0.0:26657" → "http://127.0.0.1:26657"). */
function httpUrl(listenAddress: string): string {
  const { host, port } = parseListenAddress(listenAddress);
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${reachable}:${port}`;
}
