/** Runs the built `persistence` command as a child process, for tests that drive it as a user would. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin", "persistence.js");
const BUILT_MAIN = join(ROOT, "dist", "src", "cli", "main.js");
const BUILD_LOCK = join(ROOT, "dist", ".cli-test-build.lock");
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 120_000;

/**
 * Runs `npm run build` unless dist/ is newer than every source file. Test files run in parallel
 * workers, so one builds while the others wait for its lock.
 */
export async function ensureCliBuilt(): Promise<void> {
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  while (!isBuildFresh()) {
    if (!tryLock()) {
      await sleep(250);
      continue;
    }
    try {
      if (isBuildFresh()) return;
      const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
      // tsc still writes every file when some other module has a type error; the typecheck step reports those.
      if (!isBuildFresh()) throw new Error(`npm run build did not produce ${BUILT_MAIN}:\n${build.stdout}${build.stderr}`);
    } finally {
      rmSync(BUILD_LOCK, { recursive: true, force: true });
    }
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(BUILD_LOCK);
    return true;
  } catch {
    const lock = statSync(BUILD_LOCK, { throwIfNoEntry: false });
    if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
    return false;
  }
}

function isBuildFresh(): boolean {
  return existsSync(BUILT_MAIN) && statSync(BUILT_MAIN).mtimeMs >= newestSource(join(ROOT, "src"));
}

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return Math.max(newest, newestSource(path));
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? Math.max(newest, statSync(path).mtimeMs) : newest;
  }, 0);
}

export interface CliOptions {
  /** Added to the environment (which never includes the user's own PERSISTENCE_* settings). */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed. */
  input?: string;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout as one JSON document. */
  json(): any;
  /** stdout as JSON lines. */
  jsonLines(): any[];
}

/** Runs `persistence <args>` to completion. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, options);
  child.stdin.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code,
        stdout,
        stderr,
        json: () => JSON.parse(stdout),
        jsonLines: () =>
          stdout
            .split("\n")
            .filter((line) => line.trim() !== "")
            .map((line) => JSON.parse(line)),
      }),
    );
  });
}

/** Starts `persistence <args>` and leaves it running. */
export function spawnCli(args: readonly string[], options: CliOptions = {}): ChildProcessWithoutNullStreams {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("PERSISTENCE_")));
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...env, ...options.env } });
}

/** Collects a running child's output and waits for lines in it. */
export class OutputWatcher {
  private text = "";

  constructor(stream: NodeJS.ReadableStream) {
    stream.on("data", (chunk: Buffer) => (this.text += chunk.toString()));
  }

  get output(): string {
    return this.text;
  }

  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.text);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs}ms in:\n${this.text}`);
      await sleep(50);
    }
  }
}

/** Resolves with a child's exit code (or signal name) once it ends. */
export function exited(child: ChildProcessWithoutNullStreams): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
}

/** Runs `persistence devnet|start` on `home` with ephemeral loopback ports and 200 ms blocks; resolves with its RPC address. */
export async function startNodeProcess(command: "devnet" | "start", home: string, options: CliOptions = {}): Promise<{ child: ChildProcessWithoutNullStreams; rpc: string }> {
  const child = spawnCli([command, "--home", home, "--rpc-laddr", "tcp://127.0.0.1:0", "--api-address", "tcp://127.0.0.1:0", "--block-time", "200ms"], options);
  const rpc = (await new OutputWatcher(child.stdout).waitFor(/^RPC: +(http:\/\/\S+)$/m))[1]!;
  return { child, rpc };
}

/** Stops a node process as Ctrl-C does and waits for it to exit. */
export async function stopNodeProcess(child: ChildProcessWithoutNullStreams | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null) return;
  child.kill("SIGINT");
  await exited(child);
}
