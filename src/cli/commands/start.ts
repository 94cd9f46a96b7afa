import type { Command } from "commander";
import { parseDuration, parseListenAddress, type NodeConfig } from "../../node/config.js";
import { isInitialized } from "../../node/home.js";
import type { RunningNode } from "../run-node.js";
import { defineAction, withCommonOptions, type ActionContext } from "../command-context.js";
import { CliError } from "../errors.js";

/** As config.toml's timeout_commit allows. */
const MIN_BLOCK_TIME_MS = 10;

export interface NodeRunOptions {
  rpcLaddr?: string;
  apiAddress?: string;
  blockTime?: string;
}

/** `persistence start`: runs the node of an initialised home until SIGINT or SIGTERM. */
export function registerStart(program: Command): void {
  const start = withNodeRunOptions(withCommonOptions(program.command("start").description("run the node: produce blocks and serve the CometBFT RPC and Cosmos REST APIs")));
  defineAction<NodeRunOptions>(start, (context) =>
    runNodeUntilStopped(context, async (running) => {
      const info = endpoints(running);
      context.output.result(info, [`${info.chain_id} is running at height ${info.height}`, ...describeEndpoints(info), "stop it with Ctrl-C"]);
    }),
  );
}

export function withNodeRunOptions(command: Command): Command {
  return command
    .option("--rpc-laddr <tcp://host:port>", "CometBFT RPC listen address, instead of config.toml's (port 0 picks a free port)")
    .option("--api-address <tcp://host:port>", "Cosmos REST listen address, instead of app.toml's")
    .option("--block-time <duration>", "time between blocks, e.g. 1s or 200ms, instead of config.toml's");
}

/**
 * Opens the home's node with its servers, lets `started` report it, and on SIGINT or SIGTERM
 * closes the servers, lets the block in progress commit and closes the database. After the
 * first signal the handlers are gone, so a second one ends the process at once as usual.
 */
export async function runNodeUntilStopped(context: ActionContext<NodeRunOptions>, started: (running: RunningNode) => Promise<void>): Promise<void> {
  const { home } = context.options;
  if (!isInitialized(home)) {
    throw new CliError("home_not_initialized", `${home} has no genesis: initialise it with \`persistence init\`, or run \`persistence devnet\``);
  }
  const stopRequested = nextStopSignal();
  // Loaded here, not at the top: the node brings the database and the app, which other commands never need.
  const { runNode } = await import("../run-node.js");
  const running = await runNode({ home, config: configOverrides(context.options), logger: context.output.logger() });
  try {
    await started(running);
  } catch (error) {
    await running.stop();
    throw error;
  }
  const signal = await stopRequested;
  context.output.note(`${signal} received: stopping (closing the servers, committing the block in progress)`);
  await running.stop();
  context.output.note("stopped cleanly");
}

export interface Endpoints {
  chain_id: string;
  height: bigint;
  rpc: string;
  rest: string;
}

export function endpoints(running: RunningNode): Endpoints {
  return { chain_id: running.node.chainId, height: running.node.syncInfo().latestBlockHeight, rpc: running.rpcAddress, rest: running.restAddress };
}

export function describeEndpoints(info: Endpoints): string[] {
  return [`RPC:  ${info.rpc}`, `REST: ${info.rest}`];
}

/** The command line's settings, checked as the config files' are. */
function configOverrides(options: NodeRunOptions): Partial<NodeConfig> {
  const overrides: Partial<NodeConfig> = {};
  if (options.rpcLaddr !== undefined) {
    parseListenAddress(options.rpcLaddr);
    overrides.rpcAddress = options.rpcLaddr;
  }
  if (options.apiAddress !== undefined) {
    parseListenAddress(options.apiAddress);
    overrides.restAddress = options.apiAddress;
  }
  if (options.blockTime !== undefined) {
    overrides.blockTimeMs = parseDuration(options.blockTime);
    if (overrides.blockTimeMs < MIN_BLOCK_TIME_MS) throw new CliError("invalid_config", `--block-time must be at least ${MIN_BLOCK_TIME_MS}ms`);
  }
  return overrides;
}

function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
