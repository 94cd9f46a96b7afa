import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { connect } from "node:net";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A command to run, with its stdout and stderr appended to `logFile`. */
export interface ProcessSpec {
  command: string;
  args: readonly string[];
  logFile: string;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the process could not be started, when it could not. */
  error?: string;
}

/** What the supervisor needs of a running process. */
export interface SupervisedChild {
  kill(signal: NodeJS.Signals): void;
  /** Resolves once the process has ended (or failed to start). */
  readonly exited: Promise<ChildExit>;
}

export type SpawnChild = (spec: ProcessSpec) => SupervisedChild;

/** Whether something accepts TCP connections at the address now. */
export type PortProbe = (address: { host: string; port: number }) => Promise<boolean>;

export type ProcessRole = "app" | "cometbft";

/** The Node flags an app process runs with, as bin/persistence.js's shebang sets them. */
export const APP_NODE_FLAGS = ["--max-semi-space-size=64"];

/** One node of the network: its app, which serves ABCI at `abci`, and the CometBFT that drives it. */
export interface SupervisedNode {
  name: string;
  app: ProcessSpec;
  abci: { host: string; port: number };
  cometbft: ProcessSpec;
}

export interface SupervisorOptions {
  /** Says what happened, for people: a process that ended on its own, one that had to be killed. */
  report(message: string): void;
  /** `spawnWithLog` by default. */
  spawn?: SpawnChild;
  /** `acceptsConnections` by default. */
  probe?: PortProbe;
  /** How long an app may take to serve ABCI; 60s by default. */
  startTimeoutMs?: number;
  /** How long a process may take to stop after SIGTERM before it gets SIGKILL; 10s by default. */
  stopTimeoutMs?: number;
}

/** The network could not be started; what was started has been stopped. */
export class SupervisorError extends Error {
  override readonly name = "SupervisorError";
  readonly code = "testnet_start_failed";
}

interface Supervised {
  node: string;
  role: ProcessRole;
  spec: ProcessSpec;
  child: SupervisedChild;
  exit?: ChildExit;
}

const PROBE_INTERVAL_MS = 100;

/**
 * Runs a network of app + CometBFT process pairs: the apps first, each CometBFT once every app
 * serves ABCI. A process that ends on its own is reported and the others keep running. `stop`
 * ends every CometBFT before any app, so no app loses its consensus engine mid-block: SIGTERM,
 * then SIGKILL after a timeout.
 *
 * @example
 * const supervisor = new TestnetSupervisor({ report: (message) => output.note(message) });
 * await supervisor.start(nodes);
 * process.once("SIGINT", () => void supervisor.stop());
 * await supervisor.finished(); // "stopped", or "ended" when every process ended on its own
 */
export class TestnetSupervisor {
  readonly #options: Required<SupervisorOptions>;
  readonly #processes: Supervised[] = [];
  #starting = false;
  #stopping: Promise<void> | undefined;
  #finish!: (how: "stopped" | "ended") => void;
  readonly #finished = new Promise<"stopped" | "ended">((resolve) => (this.#finish = resolve));

  constructor(options: SupervisorOptions) {
    this.#options = { spawn: spawnWithLog, probe: acceptsConnections, startTimeoutMs: 60_000, stopTimeoutMs: 10_000, ...options };
  }

  /** Whether `stop` has been called. */
  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  /**
   * Starts every node's app, waits until each serves ABCI, then starts every CometBFT. Returns
   * early when `stop` is called meanwhile. When an app ends or does not serve ABCI in time, stops
   * everything and throws a SupervisorError saying which.
   */
  async start(nodes: readonly SupervisedNode[]): Promise<void> {
    this.#starting = true;
    const apps = nodes.map((node) => this.#launch(node.name, "app", node.app));
    try {
      await Promise.all(nodes.map((node, i) => this.#waitForAbci(node, apps[i]!)));
      const ended = apps.find((app) => app.exit !== undefined);
      if (ended && !this.stopping) throw new SupervisorError(`${ended.node}'s app ${describeExit(ended.exit!)} while the others started; see ${ended.spec.logFile}`);
    } catch (error) {
      await this.stop();
      throw error;
    } finally {
      this.#starting = false;
    }
    if (this.stopping) return;
    for (const node of nodes) this.#launch(node.name, "cometbft", node.cometbft);
  }

  /** Stops every CometBFT, then every app. Calling it again returns the same promise. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await this.#stopAll("cometbft");
      await this.#stopAll("app");
      this.#finish("stopped");
    })();
    return this.#stopping;
  }

  /** SIGKILLs every process still running, at once: for a second Ctrl-C, or the supervisor's own exit. */
  killRemaining(): void {
    for (const supervised of this.#running()) supervised.child.kill("SIGKILL");
  }

  /** Resolves with "stopped" once `stop` has finished, or "ended" once every process has ended on its own. */
  finished(): Promise<"stopped" | "ended"> {
    return this.#finished;
  }

  #launch(node: string, role: ProcessRole, spec: ProcessSpec): Supervised {
    const supervised: Supervised = { node, role, spec, child: this.#options.spawn(spec) };
    this.#processes.push(supervised);
    void supervised.child.exited.then((exit) => {
      supervised.exit = exit;
      // While starting, `start` reports a failure itself; while stopping, ends are expected.
      if (this.#starting || this.stopping) return;
      const others = this.#running().length;
      this.#options.report(`${node}'s ${role} ${describeExit(exit)}; see ${spec.logFile}${others > 0 ? `. The other ${others} processes keep running` : ""}`);
      if (others === 0) this.#finish("ended");
    });
    return supervised;
  }

  async #waitForAbci(node: SupervisedNode, app: Supervised): Promise<void> {
    const address = `${node.abci.host}:${node.abci.port}`;
    const deadline = Date.now() + this.#options.startTimeoutMs;
    while (!this.stopping) {
      if (app.exit) throw new SupervisorError(`${node.name}'s app ${describeExit(app.exit)} before serving ABCI on ${address}; see ${app.spec.logFile}`);
      if (await this.#options.probe(node.abci)) return;
      if (Date.now() > deadline) {
        throw new SupervisorError(`${node.name}'s app did not serve ABCI on ${address} within ${this.#options.startTimeoutMs / 1000}s; see ${app.spec.logFile}`);
      }
      await sleep(PROBE_INTERVAL_MS);
    }
  }

  async #stopAll(role: ProcessRole): Promise<void> {
    await Promise.all(this.#running(role).map((supervised) => this.#stopOne(supervised)));
  }

  async #stopOne(supervised: Supervised): Promise<void> {
    supervised.child.kill("SIGTERM");
    if (await endWithin(supervised.child, this.#options.stopTimeoutMs)) return;
    this.#options.report(`${supervised.node}'s ${supervised.role} did not stop within ${this.#options.stopTimeoutMs / 1000}s of SIGTERM: killed it`);
  }

  #running(role?: ProcessRole): Supervised[] {
    return this.#processes.filter((supervised) => supervised.exit === undefined && (role === undefined || supervised.role === role));
  }
}

/** Waits up to `graceMs` for the child to end, then SIGKILLs it; resolves whether it ended by itself. */
export async function endWithin(child: SupervisedChild, graceMs: number): Promise<boolean> {
  const timer = new AbortController();
  const ended = await Promise.race([child.exited.then(() => true), sleep(graceMs, false, { signal: timer.signal })]);
  timer.abort();
  if (!ended) {
    child.kill("SIGKILL");
    await child.exited;
  }
  return ended;
}

function describeExit(exit: ChildExit): string {
  if (exit.error !== undefined) return `could not start (${exit.error})`;
  return exit.signal !== null ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
}

/**
 * Starts a process with stdout and stderr appended to its log file. It gets a process group of
 * its own, so a Ctrl-C in the terminal reaches only the supervisor, which stops it in order.
 */
export function spawnWithLog(spec: ProcessSpec): SupervisedChild {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = openSync(spec.logFile, "a");
  try {
    const child = spawn(spec.command, spec.args, { stdio: ["ignore", log, log], detached: true });
    const exited = new Promise<ChildExit>((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal }));
      child.once("error", (error) => resolve({ code: null, signal: null, error: error.message }));
    });
    return { kill: (signal) => void child.kill(signal), exited };
  } finally {
    closeSync(log);
  }
}

/** Connects to the address and hangs up at once. */
export function acceptsConnections(address: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(address.port, address.host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => {
      socket.destroy();
      resolve(false);
    });
  });
}
