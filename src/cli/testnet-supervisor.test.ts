import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { acceptsConnections, endWithin, spawnWithLog, SupervisorError, TestnetSupervisor, type ChildExit, type ProcessSpec, type SupervisedChild, type SupervisedNode } from "./testnet-supervisor.js";

/** A process that only ends when told to: on the signals in `endsOn`, or by `end`. */
class FakeChild implements SupervisedChild {
  readonly exited: Promise<ChildExit>;
  #resolve!: (exit: ChildExit) => void;

  constructor(
    readonly name: string,
    private readonly events: string[],
    private readonly endsOn: readonly NodeJS.Signals[],
  ) {
    this.exited = new Promise((resolve) => (this.#resolve = resolve));
  }

  kill(signal: NodeJS.Signals): void {
    this.events.push(`${signal} ${this.name}`);
    if (this.endsOn.includes(signal)) this.end({ code: null, signal });
  }

  end(exit: ChildExit): void {
    this.#resolve(exit);
  }
}

/** Node i's processes are named by their log files; the command says which signals end them. */
function fakeNetwork(count: number, options: { stubborn?: string[]; abciAfterProbes?: number } = {}) {
  const events: string[] = [];
  const children = new Map<string, FakeChild>();
  const probes = new Map<number, number>();
  const reports: string[] = [];
  const spawn = (spec: ProcessSpec) => {
    const child = new FakeChild(spec.logFile, events, options.stubborn?.includes(spec.logFile) ? ["SIGKILL"] : ["SIGTERM", "SIGKILL"]);
    children.set(spec.logFile, child);
    events.push(`spawn ${spec.logFile}`);
    return child;
  };
  const probe = async ({ port }: { port: number }) => {
    const count = (probes.get(port) ?? 0) + 1;
    probes.set(port, count);
    const open = count > (options.abciAfterProbes ?? 0);
    if (open) events.push(`abci ${port}`);
    return open;
  };
  const nodes: SupervisedNode[] = Array.from({ length: count }, (_, i) => ({
    name: `node${i}`,
    app: { command: "app", args: [], logFile: `app${i}` },
    abci: { host: "127.0.0.1", port: 1000 + i },
    cometbft: { command: "cometbft", args: [], logFile: `cometbft${i}` },
  }));
  const supervisor = new TestnetSupervisor({ report: (message) => reports.push(message), spawn, probe, stopTimeoutMs: 50, startTimeoutMs: 300 });
  return { supervisor, nodes, events, children, reports, child: (name: string) => children.get(name)! };
}

describe("TestnetSupervisor", () => {
  it("starts every app, waits until each serves ABCI, then starts CometBFT", async () => {
    const { supervisor, nodes, events } = fakeNetwork(3, { abciAfterProbes: 2 });
    await supervisor.start(nodes);
    expect(events.slice(0, 3)).toEqual(["spawn app0", "spawn app1", "spawn app2"]);
    const firstComet = events.indexOf("spawn cometbft0");
    expect(events.slice(3, firstComet).filter((event) => event.startsWith("abci")).sort()).toEqual(["abci 1000", "abci 1001", "abci 1002"]);
    expect(events.slice(firstComet)).toEqual(["spawn cometbft0", "spawn cometbft1", "spawn cometbft2"]);
  });

  it("stops every CometBFT before any app, and SIGKILLs what SIGTERM does not stop", async () => {
    const { supervisor, nodes, events, reports } = fakeNetwork(2, { stubborn: ["cometbft1"] });
    await supervisor.start(nodes);
    events.length = 0;
    await supervisor.stop();
    expect(events).toEqual(["SIGTERM cometbft0", "SIGTERM cometbft1", "SIGKILL cometbft1", "SIGTERM app0", "SIGTERM app1"]);
    expect(reports).toEqual(["node1's cometbft did not stop within 0.05s of SIGTERM: killed it"]);
    expect(await supervisor.finished()).toBe("stopped");
    expect(supervisor.stop()).toBe(supervisor.stop());
  });

  it("reports a process that ends on its own and keeps the others running; ends when all have ended", async () => {
    const { supervisor, nodes, events, reports, child } = fakeNetwork(2);
    await supervisor.start(nodes);
    events.length = 0;
    child("cometbft1").end({ code: 1, signal: null });
    await sleep(0);
    expect(reports).toEqual(["node1's cometbft exited with code 1; see cometbft1. The other 3 processes keep running"]);
    expect(events).toEqual([]);

    for (const name of ["app0", "app1", "cometbft0"]) child(name).end({ code: null, signal: "SIGKILL" });
    expect(await supervisor.finished()).toBe("ended");
    expect(reports.at(-1)).toBe("node0's cometbft was ended by SIGKILL; see cometbft0");
  });

  it("stops what it started and says which app failed when one ends before serving ABCI", async () => {
    const { supervisor, nodes, events, reports, child } = fakeNetwork(3, { abciAfterProbes: Number.POSITIVE_INFINITY });
    const started = supervisor.start(nodes);
    await sleep(150);
    child("app1").end({ code: 2, signal: null });
    await expect(started).rejects.toThrow(new SupervisorError("node1's app exited with code 2 before serving ABCI on 127.0.0.1:1001; see app1"));
    expect(events.filter((event) => !event.startsWith("abci"))).toEqual(["spawn app0", "spawn app1", "spawn app2", "SIGTERM app0", "SIGTERM app2"]);
    expect(reports).toEqual([]);
  });

  it("gives up on an app that does not serve ABCI in time", async () => {
    const { supervisor, nodes } = fakeNetwork(1, { abciAfterProbes: Number.POSITIVE_INFINITY });
    await expect(supervisor.start(nodes)).rejects.toThrow("node0's app did not serve ABCI on 127.0.0.1:1000 within 0.3s; see app0");
  });

  it("returns from start without starting CometBFT when stopped meanwhile", async () => {
    const { supervisor, nodes, events } = fakeNetwork(2, { abciAfterProbes: Number.POSITIVE_INFINITY });
    const started = supervisor.start(nodes);
    await sleep(50);
    await supervisor.stop();
    await started;
    expect(events.filter((event) => !event.startsWith("abci"))).toEqual(["spawn app0", "spawn app1", "SIGTERM app0", "SIGTERM app1"]);
    expect(await supervisor.finished()).toBe("stopped");
  });
});

describe("endWithin", () => {
  it("leaves a process that ends within the grace period alone, and SIGKILLs one that does not", async () => {
    const events: string[] = [];
    const prompt = new FakeChild("prompt", events, []);
    setTimeout(() => prompt.end({ code: 0, signal: null }), 10);
    expect(await endWithin(prompt, 1_000)).toBe(true);
    const hung = new FakeChild("hung", events, ["SIGKILL"]);
    expect(await endWithin(hung, 20)).toBe(false);
    expect(await hung.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(events).toEqual(["SIGKILL hung"]);
  });
});

describe("spawnWithLog and acceptsConnections", () => {
  const dir = mkdtempSync(join(tmpdir(), "persistence-supervisor-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("appends a process's stdout and stderr to its log file, and reports how it ended", async () => {
    const logFile = join(dir, "logs", "child.log");
    const script = "console.log('to stdout'); console.error('to stderr'); setInterval(() => {}, 1000)";
    const child = spawnWithLog({ command: process.execPath, args: ["-e", script], logFile });
    for (let i = 0; i < 100 && !readLog(logFile).includes("to stderr"); i++) await sleep(20);
    child.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: null, signal: "SIGTERM" });
    expect(readLog(logFile)).toBe("to stdout\nto stderr\n");

    const again = spawnWithLog({ command: process.execPath, args: ["-e", "process.exit(3)"], logFile });
    expect(await again.exited).toEqual({ code: 3, signal: null });
    expect(readLog(logFile)).toBe("to stdout\nto stderr\n");
    const missing = await spawnWithLog({ command: join(dir, "no-such-binary"), args: [], logFile }).exited;
    expect(missing.error).toContain("ENOENT");
  });

  it("tells a listening port from a closed one", async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    expect(await acceptsConnections({ host: "127.0.0.1", port })).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await acceptsConnections({ host: "127.0.0.1", port })).toBe(false);
  });
});

function readLog(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
