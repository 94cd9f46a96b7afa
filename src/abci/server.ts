import { lstatSync, unlinkSync } from "node:fs";
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import type { AbciApplication } from "../app/abci.js";
import { AbciConnection, type AbciLogger } from "./connection.js";

export interface AbciServerOptions {
  app: AbciApplication;
  /** "tcp://host:port" (port 0 picks a free one) or "unix:///path" */
  address: string;
  logger?: AbciLogger;
}

export interface AbciServer {
  /** the bound address, e.g. "tcp://127.0.0.1:26658" */
  readonly address: string;
  /** stops listening and closes all connections */
  close(): Promise<void>;
}

export class InvalidAbciAddressError extends Error {
  override readonly name = "InvalidAbciAddressError";
}

type ListenTarget = { host: string; port: number } | { path: string };

const silentLogger: AbciLogger = { info() {}, error() {} };

/**
 * Serves the App to CometBFT over ABCI 2.0's socket protocol (CometBFT's `proxy_app`), the
 * driver beside the embedded node: CometBFT opens four connections (consensus, mempool, query,
 * snapshot) and each is served by an {@link AbciConnection}.
 *
 * @example
 * const abci = await startAbciServer({ app, address: "tcp://127.0.0.1:26658" });
 * // cometbft start --proxy_app tcp://127.0.0.1:26658
 * await abci.close();
 */
export async function startAbciServer(options: AbciServerOptions): Promise<AbciServer> {
  const logger = options.logger ?? silentLogger;
  const target = parseAbciAddress(options.address);
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    const name = `ABCI connection ${++connections}`;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    logger.info(`${name} opened`);
    new AbciConnection(socket, options.app, logger, name);
  });
  await listen(server, target);
  const bound = server.address();
  const address = typeof bound === "string" ? `unix://${bound}` : tcpAddress(bound!);
  return {
    address,
    close: () =>
      new Promise((resolve) => {
        // The callback's only possible error is "not running", which a second close may see.
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** CometBFT's proxy_app forms; as its ProtocolAndAddress, an address without a scheme is TCP. */
function parseAbciAddress(address: string): ListenTarget {
  const unix = /^unix:\/\/(.+)$/.exec(address);
  if (unix) return { path: unix[1]! };
  const tcp = /^(?:tcp:\/\/)?(?:\[([^\]]+)\]|([^:/[\]]+)):(\d{1,5})$/.exec(address);
  if (tcp && Number(tcp[3]) <= 65535) return { host: tcp[1] ?? tcp[2]!, port: Number(tcp[3]) };
  throw new InvalidAbciAddressError(`invalid ABCI address "${address}": expected tcp://host:port or unix:///path`);
}

function tcpAddress({ address, family, port }: AddressInfo): string {
  return `tcp://${family === "IPv6" ? `[${address}]` : address}:${port}`;
}

async function listen(server: Server, target: ListenTarget): Promise<void> {
  try {
    await listenOnce(server, target);
  } catch (error) {
    if (!("path" in target) || (error as NodeJS.ErrnoException).code !== "EADDRINUSE" || !(await isStaleSocket(target.path))) throw error;
    // A unix socket file left by a process that died without closing its server.
    unlinkSync(target.path);
    await listenOnce(server, target);
  }
}

function listenOnce(server: Server, target: ListenTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(target, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Whether `path` is a unix socket that nothing listens on. */
async function isStaleSocket(path: string): Promise<boolean> {
  if (!lstatSync(path, { throwIfNoEntry: false })?.isSocket()) return false;
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once("connect", () => {
      probe.destroy();
      resolve(false);
    });
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}
