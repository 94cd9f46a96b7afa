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

interface StartOptions extends NodeRunOptions {
  abci?: boolean;
}

/** `persistence start`: runs the node of an initialised home until SIGINT or SIGTERM. */
export function registerStart(program: Command): void {
  const start = withNodeRunOptions(withCommonOptions(program.command("start").description("run the node: produce blocks and serve the CometBFT RPC and Cosmos REST APIs")))
    .option("--abci", "let CometBFT drive the app instead: serve ABCI on config.toml's proxy_app, and REST over CometBFT's RPC (rpc.laddr)");
  defineAction<StartOptions>(start, (context) => {
    if (context.options.abci) return runAbciUntilStopped(context);
    return runNodeUntilStopped(context, async (running) => {
      const info = endpoints(running);
      context.output.result(info, [`${info.chain_id} is running at height ${info.height}`, ...describeEndpoints(info), "stop it with Ctrl-C"]);
    });
  });
}

async function runAbciUntilStopped(context: ActionContext<StartOptions>): Promise<void> {
  if (context.options.blockTime !== undefined) throw new CliError("invalid_option", "--block-time is CometBFT's timeout_commit under --abci: set it in config.toml");
  const { runAbciApp } = await import("../run-abci.js");
  await runUntilStopped(
    context,
    () => runAbciApp({ home: context.options.home, config: configOverrides(context.options), logger: context.output.logger() }),
    async (running) => {
      const info = { chain_id: running.chainId, height: running.height, abci: running.abciAddress, rest: running.restAddress, cometbft_rpc: running.cometRpcUrl };
      context.output.result(info, [`${info.chain_id} app at height ${info.height} waits for CometBFT`, `ABCI: ${info.abci}`, `REST: ${info.rest} (reading CometBFT at ${info.cometbft_rpc})`, "stop it with Ctrl-C"]);
    },
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
 * closes the servers, lets the block in progress commit and closes the database.
 */
export async function runNodeUntilStopped(context: ActionContext<NodeRunOptions>, started: (running: RunningNode) => Promise<void>): Promise<void> {
  // Loaded here, not at the top: the node brings the database and the app, which other commands never need.
  const { runNode } = await import("../run-node.js");
  const { home } = context.options;
  await runUntilStopped(context, () => runNode({ home, config: configOverrides(context.options), logger: context.output.logger() }), started);
}

/** After the first signal the handlers are gone, so a second one ends the process at once as usual. */
async function runUntilStopped<T extends { stop(): Promise<void> }>(context: ActionContext<NodeRunOptions>, open: () => Promise<T>, started: (running: T) => Promise<void>): Promise<void> {
  const { home } = context.options;
  if (!isInitialized(home)) {
    throw new CliError("home_not_initialized", `${home} has no genesis: initialise it with \`persistence init\`, or run \`persistence devnet\``);
  }
  const stopRequested = nextStopSignal();
  const running = await open();
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
