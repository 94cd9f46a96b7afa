/** A CometBFT testnet of real processes for end-to-end tests: start, kill, pause and compare its nodes. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { GenesisAllocation } from "../app/genesis-state.js";
import { acceptsConnections, APP_NODE_FLAGS, endWithin, spawnWithLog, type ProcessRole, type SupervisedChild } from "../cli/testnet-supervisor.js";
import { parseListenAddress } from "../node/config.js";
import { writeTestnetHomes, type TestnetLayout, type TestnetNode } from "../node/testnet-homes.js";

const ROOT = checkoutRoot();
export const COMETBFT_BIN = join(ROOT, ".cometbft", "bin", "cometbft");
const PORTS_PER_NODE = 10;

export interface NodeStatus {
  height: number;
  catchingUp: boolean;
}

export interface BlockHashes {
  blockHash: string;
  appHash: string;
}

interface Running {
  child: SupervisedChild;
  ended: boolean;
}

export class TestnetNetwork {
  private readonly processes = new Map<string, Running>();

  private constructor(
    readonly dir: string,
    readonly layout: TestnetLayout,
  ) {}

  /** Writes the homes of a network on free loopback ports in a temporary directory. */
  static async create(options: { validators: number; allocations: readonly GenesisAllocation[]; blockTimeMs: number }): Promise<TestnetNetwork> {
    if (!existsSync(COMETBFT_BIN)) throw new Error(`${COMETBFT_BIN} is missing: run \`npm run cometbft:install\` (scripts/install-cometbft.sh)`);
    const dir = mkdtempSync(join(tmpdir(), "testnet-"));
    const basePort = await freePortBlock(options.validators * PORTS_PER_NODE);
    const restBasePort = await freePortBlock(options.validators);
    const layout = writeTestnetHomes({ dir, validators: options.validators, allocations: options.allocations, blockTimeMs: options.blockTimeMs, basePort, restBasePort });
    return new TestnetNetwork(dir, layout);
  }

  get nodes(): readonly TestnetNode[] {
    return this.layout.nodes;
  }

  async startAll(): Promise<void> {
    await Promise.all(this.nodes.map((_, i) => this.startApp(i)));
    for (let i = 0; i < this.nodes.length; i++) this.startCometBft(i);
  }

  /** Starts the node's app and CometBFT, the app first. */
  async startNode(i: number): Promise<void> {
    await this.startApp(i);
    this.startCometBft(i);
  }

  /** Starts the app process and waits until it serves ABCI. */
  async startApp(i: number): Promise<void> {
    const node = this.nodes[i]!;
    this.spawn(i, "app", process.execPath, [...APP_NODE_FLAGS, join(ROOT, "bin", "persistence.js"), "start", "--abci", "--home", node.home]);
    const abci = parseListenAddress(node.abciAddress);
    await waitUntil(() => acceptsConnections(abci), 60_000, `${node.name}'s app to serve ABCI (see ${node.home}/logs/app.log)`);
  }

  startCometBft(i: number): void {
    this.spawn(i, "cometbft", COMETBFT_BIN, ["start", "--home", this.nodes[i]!.home]);
  }

  signal(i: number, role: ProcessRole, signal: NodeJS.Signals): void {
    this.running(i, role).child.kill(signal);
  }

  /** Resolves when the process has ended (on its own or by a signal). */
  async exited(i: number, role: ProcessRole): Promise<void> {
    await this.running(i, role).child.exited;
  }

  /**
   * Waits until node i's app has ended and then its CometBFT; resolves whether CometBFT stopped by
   * itself. It starts to stop when its app's connections drop, but in v0.38 that stop can hang: a
   * request its ABCI socket client queues just after the connection broke is never answered, and
   * the stop waits on it forever (cometbft/cometbft#6054). After `graceMs` it is killed, as an
   * operator's supervisor would.
   */
  async cometBftEndedAfterApp(i: number, graceMs = 10_000): Promise<boolean> {
    await this.exited(i, "app");
    return endWithin(this.running(i, "cometbft").child, graceMs);
  }

  isRunning(i: number, role: ProcessRole): boolean {
    const process = this.processes.get(key(i, role));
    return process !== undefined && !process.ended;
  }

  /** Stops a node as an operator would: CometBFT first, then its app. */
  async stopNode(i: number): Promise<void> {
    for (const role of ["cometbft", "app"] as const) {
      if (!this.isRunning(i, role)) continue;
      this.signal(i, role, "SIGTERM");
      await this.exited(i, role);
    }
  }

  async status(i: number): Promise<NodeStatus> {
    const result = (await this.rpc(i, "status")) as { sync_info: { latest_block_height: string; catching_up: boolean } };
    return { height: Number(result.sync_info.latest_block_height), catchingUp: result.sync_info.catching_up };
  }

  async waitForHeight(i: number, height: number, timeoutMs = 60_000): Promise<void> {
    await waitUntil(async () => (await this.status(i).catch(() => ({ height: 0 }))).height >= height, timeoutMs, `${this.nodes[i]!.name} to reach height ${height}`);
  }

  async blockHashes(i: number, height: number): Promise<BlockHashes> {
    const result = (await this.rpc(i, "block", { height: String(height) })) as { block_id: { hash: string }; block: { header: { app_hash: string } } };
    return { blockHash: result.block_id.hash, appHash: result.block.header.app_hash };
  }

  async blockTxs(i: number, height: number): Promise<Uint8Array[]> {
    const result = (await this.rpc(i, "block", { height: String(height) })) as { block: { data: { txs: string[] | null } } };
    return (result.block.data.txs ?? []).map((tx) => Buffer.from(tx, "base64"));
  }

  /** Broadcasts through the node's mempool; returns CheckTx's code, or -1 when the mempool refused the tx. */
  async broadcastTxSync(i: number, tx: Uint8Array): Promise<number> {
    return this.rpc(i, "broadcast_tx_sync", { tx: Buffer.from(tx).toString("base64") }).then(
      (result) => (result as { code: number }).code,
      () => -1,
    );
  }

  /** Whether a committed tx with this hash (hex) is in the node's index. */
  async hasTx(i: number, hash: string): Promise<boolean> {
    // JSON-RPC bodies carry bytes as base64 (only URI queries take 0x-hex).
    return this.rpc(i, "tx", { hash: Buffer.from(hash, "hex").toString("base64") }).then(
      () => true,
      () => false,
    );
  }

  /** The last `lines` lines of every process's log, for a failure's report. */
  logTails(lines: number): string {
    return this.nodes
      .flatMap((node) =>
        (["app", "cometbft"] as const).map((role) => {
          const file = join(node.home, "logs", `${role}.log`);
          const tail = existsSync(file) ? readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n") : "(no log)";
          return `---- ${node.name}'s ${role} (${file}), last ${lines} lines ----\n${tail}`;
        }),
      )
      .join("\n");
  }

  /** Kills every process still running and deletes the network's directory. */
  async close(): Promise<void> {
    for (const process of this.processes.values()) if (!process.ended) process.child.kill("SIGKILL");
    await Promise.all([...this.processes.values()].map((p) => p.child.exited));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(i: number, role: ProcessRole, command: string, args: string[]): void {
    if (this.isRunning(i, role)) throw new Error(`${this.nodes[i]!.name}'s ${role} is already running`);
    const child = spawnWithLog({ command, args, logFile: join(this.nodes[i]!.home, "logs", `${role}.log`) });
    const running: Running = { child, ended: false };
    void child.exited.then(() => (running.ended = true));
    this.processes.set(key(i, role), running);
  }

  private running(i: number, role: ProcessRole): Running {
    const process = this.processes.get(key(i, role));
    if (!process) throw new Error(`${this.nodes[i]!.name}'s ${role} was never started`);
    return process;
  }

  private async rpc(i: number, method: string, params: Record<string, string> = {}): Promise<unknown> {
    const response = await fetch(this.nodes[i]!.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await response.json()) as { result?: unknown; error?: { data?: string; message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.data ?? body.error.message}`);
    return body.result;
  }
}

/** The directory of package.json above this file, from src/ under vitest as from dist/ in benchmarks. */
function checkoutRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    if (dirname(dir) === dir) throw new Error("no package.json above the testnet helper");
    dir = dirname(dir);
  }
  return dir;
}

function key(i: number, role: ProcessRole): string {
  return `${i}/${role}`;
}

export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** The first port of `count` consecutive free loopback ports, in a range where the OS rarely hands out ephemeral ones. */
export async function freePortBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await Promise.all(Array.from({ length: count }, (_, k) => isFree(base + k)));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`found no ${count} consecutive free ports`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
