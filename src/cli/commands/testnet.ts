import { Option, type Command } from "commander";
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDuration, parseListenAddress } from "../../node/config.js";
import {
  DEFAULT_TESTNET_BASE_PORT,
  DEFAULT_TESTNET_CHAIN_ID,
  DEFAULT_TESTNET_REST_BASE_PORT,
  layoutToJson,
  MAX_TESTNET_VALIDATORS,
  readTestnetLayout,
  writeTestnetHomes,
  type TestnetLayout,
} from "../../node/testnet-homes.js";
import { defineAction, type ActionContext } from "../command-context.js";
import { DEVNET_OPERATOR_INDEX, DEVNET_OPERATOR_XPRT, devnetAllocations, devnetModuleGenesis, devnetOperatorWallet, devnetWallet } from "../devnet-accounts.js";
import { CliError } from "../errors.js";
import { OUTPUT_FORMATS } from "../output.js";
import { acceptsConnections, APP_NODE_FLAGS, TestnetSupervisor, type SupervisedNode } from "../testnet-supervisor.js";

const COMETBFT_VERSION = "0.38";
const PORT_PLAN = `
Ports of node i (all on 127.0.0.1):
  p2p           --base-port + 10·i        (26656, 26666, …)
  CometBFT RPC  --base-port + 1 + 10·i    (26657, 26667, …)
  ABCI (app)    --base-port + 2 + 10·i    (26658, 26668, …)
  REST (app)    --rest-base-port + i      (1317, 1318, …)`;

const OPERATORS = `
Validator i is operated by the devnet mnemonic's account at HD index ${DEVNET_OPERATOR_INDEX}+i
(m/44'/118'/0'/0/${DEVNET_OPERATOR_INDEX + 0}, …), funded with ${DEVNET_OPERATOR_XPRT / 1_000_000n} XPRT; it self-delegates 10 XPRT at genesis,
so staking starts with all N validators bonded, equal in power. Sign as node0's operator with:
  persistence keys add node0 --recover --index ${DEVNET_OPERATOR_INDEX}   (the devnet mnemonic on stdin)`;

const EXAMPLE = "Example:\n  persistence testnet --validators 4 --home ./testnet --block-time 200ms\n  persistence testnet start --home ./testnet";

interface TestnetOptions {
  validators: string;
  chainId: string;
  basePort: string;
  restBasePort: string;
  blockTime: string;
}

interface TestnetStartOptions {
  cometbft?: string;
}

/**
 * `persistence testnet [init]`: writes the homes of a local multi-validator network, and
 * `persistence testnet start` runs it, one app and one CometBFT process per validator. The
 * `testnet` command itself has no options, so that `--home` reaches the subcommand wherever it stands.
 */
export function registerTestnet(program: Command): void {
  const testnet = program
    .command("testnet")
    .description(`a local network of N validators on CometBFT ${COMETBFT_VERSION}: write its homes (testnet init, the default), then run it (testnet start)`)
    .addHelpText("after", `${PORT_PLAN}\n\n${EXAMPLE}`);
  const init = withTestnetOptions(
    testnet
      .command("init", { isDefault: true })
      .description("write a local network of N validators: one home each under --home, one genesis funding the devnet accounts, and testnet.json"),
  )
    .option("--validators <n>", `how many validators, 1 to ${MAX_TESTNET_VALIDATORS}`, "4")
    .option("--chain-id <id>", "the network's chain id", DEFAULT_TESTNET_CHAIN_ID)
    .option("--base-port <port>", "node i's p2p port is this + 10·i, its CometBFT RPC port this + 1 + 10·i, its ABCI port this + 2 + 10·i", String(DEFAULT_TESTNET_BASE_PORT))
    .option("--rest-base-port <port>", "node i's Cosmos REST port is this + i", String(DEFAULT_TESTNET_REST_BASE_PORT))
    .option("--block-time <duration>", "CometBFT's timeout_commit, e.g. 1s or 200ms; under 1s, the other consensus timeouts shrink in proportion", "1s")
    .addHelpText("after", `${PORT_PLAN}\n${OPERATORS}\n\n${EXAMPLE}`);
  defineAction<TestnetOptions>(init, async (context) => {
    const { home, chainId, blockTime } = context.options;
    const addresses = (await (await devnetWallet()).getAccounts()).map((account) => account.address);
    const validators = parseInteger("--validators", context.options.validators);
    // An out-of-range count derives no keys: writeTestnetHomes refuses it with its own message.
    const operatorCount = validators >= 1 && validators <= MAX_TESTNET_VALIDATORS ? validators : 0;
    const operators = (await (await devnetOperatorWallet(operatorCount)).getAccounts()).map((account) => account.address);
    const layout = writeTestnetHomes({
      dir: home,
      validators,
      operators: operatorCount > 0 ? operators : undefined,
      chainId,
      basePort: parseInteger("--base-port", context.options.basePort),
      restBasePort: parseInteger("--rest-base-port", context.options.restBasePort),
      blockTimeMs: parseDuration(blockTime),
      allocations: devnetAllocations(addresses, operators),
      moduleGenesis: devnetModuleGenesis(addresses),
    });
    context.output.result(layoutToJson(layout), [
      `wrote ${layout.chainId}: ${layout.nodes.length} validators in ${home}, a block every ${blockTime}`,
      ...describeNodes(layout),
      `genesis funds the devnet accounts (${addresses.join(", ")}) and validator i's operator (HD index ${DEVNET_OPERATOR_INDEX}+i); their mnemonic is PUBLIC: use this network only locally`,
      `start it with: persistence testnet start --home ${home}`,
    ]);
  });

  const start = withTestnetOptions(
    testnet
      .command("start")
      .description("run the network of --home: each node's app (`persistence start --abci`), then its CometBFT; Ctrl-C stops every CometBFT, then the apps"),
  )
    .option("--cometbft <path>", "the CometBFT binary; else $COMETBFT_BIN, else .cometbft/bin/cometbft of this checkout (scripts/install-cometbft.sh), else cometbft on PATH")
    .addHelpText("after", `\nLogs: <home>/node{i}/logs/app.log and cometbft.log\n${PORT_PLAN}`);
  defineAction<TestnetStartOptions>(start, (context) => runTestnet(context));
}

/** --home and --output as other commands have them, but --home names the testnet's directory. */
function withTestnetOptions(command: Command): Command {
  return command
    .addOption(new Option("--home <dir>", "the testnet's directory: node i's home is <dir>/node{i}").default(join(homedir(), ".persistence-testnet"), "~/.persistence-testnet"))
    .addOption(new Option("--output <format>", "text for people, json for programs (errors included)").choices(OUTPUT_FORMATS).default("text"));
}

async function runTestnet(context: ActionContext<TestnetStartOptions>): Promise<void> {
  const { home } = context.options;
  const { output } = context;
  const layout = readTestnetLayout(home);
  const root = checkoutRoot();
  const cometbft = findCometBft(root, context.options.cometbft);
  const version = spawnSync(cometbft, ["version"], { encoding: "utf8" }).stdout?.trim() ?? "";
  if (!version.startsWith(`${COMETBFT_VERSION}.`)) output.note(`warning: ${cometbft} is CometBFT ${version || "of an unknown version"}; this network is made for CometBFT ${COMETBFT_VERSION}`);
  await refuseBusyPorts(layout);

  const nodes: SupervisedNode[] = layout.nodes.map((node) => ({
    name: node.name,
    app: { command: process.execPath, args: [...APP_NODE_FLAGS, join(root, "bin", "persistence.js"), "start", "--abci", "--home", node.home], logFile: join(node.home, "logs", "app.log") },
    abci: parseListenAddress(node.abciAddress),
    cometbft: { command: cometbft, args: ["start", "--home", node.home], logFile: join(node.home, "logs", "cometbft.log") },
  }));
  const supervisor = new TestnetSupervisor({ report: (message) => output.note(message) });
  const killRemaining = () => supervisor.killRemaining();
  process.once("exit", killRemaining);
  const stopOnSignals = handleStopSignals(supervisor, (message) => output.note(message));
  try {
    output.note(`starting ${layout.nodes.length} apps, then CometBFT (${cometbft}); logs in ${join(home, "node{i}", "logs")}`);
    await supervisor.start(nodes);
    if (!supervisor.stopping) {
      output.result(layoutToJson(layout), [`${layout.chainId} is running: ${layout.nodes.length} validators, CometBFT ${version}`, ...describeNodes(layout), "stop it with Ctrl-C"]);
    }
    if ((await supervisor.finished()) === "ended") {
      throw new CliError("testnet_ended", `every process of the testnet has ended: see the logs in ${join(home, "node{i}", "logs")}`);
    }
    output.note("stopped cleanly");
  } finally {
    stopOnSignals();
    process.off("exit", killRemaining);
  }
}

/**
 * The first SIGINT or SIGTERM stops the network in order; a second one kills what is left at
 * once. Returns a function that removes the handlers.
 */
function handleStopSignals(supervisor: TestnetSupervisor, note: (message: string) => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (!supervisor.stopping) {
      note(`${signal} received: stopping every CometBFT, then the apps (again to kill them at once)`);
      void supervisor.stop();
    } else {
      note(`${signal} received again: killing every process`);
      supervisor.killRemaining();
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}

/** Node0's endpoints come first, as clients use them. */
function describeNodes(layout: TestnetLayout): string[] {
  return layout.nodes.flatMap((node) => [
    `${node.name}: RPC ${node.rpcUrl}  REST ${node.restUrl}`,
    `       ABCI ${node.abciAddress}  p2p ${node.nodeId}@${node.p2pAddress.replace("tcp://", "")}  validator ${node.validatorAddress}  home ${node.home}`,
    ...(node.operator ? [`       operator ${node.operator}`] : []),
  ]);
}

/** Another process on a port of the network would take the place of one of its nodes. */
async function refuseBusyPorts(layout: TestnetLayout): Promise<void> {
  const ports = layout.nodes.flatMap((node) => [
    { what: `${node.name}'s p2p`, address: node.p2pAddress },
    { what: `${node.name}'s CometBFT RPC`, address: node.rpcUrl.replace("http://", "tcp://") },
    { what: `${node.name}'s ABCI`, address: node.abciAddress },
    { what: `${node.name}'s REST`, address: node.restUrl.replace("http://", "tcp://") },
  ]);
  const busy = await Promise.all(ports.map(({ address }) => acceptsConnections(parseListenAddress(address))));
  const taken = ports.filter((_, i) => busy[i]);
  if (taken.length > 0) {
    throw new CliError("port_in_use", `${taken.map((port) => `${port.address} (${port.what})`).join(", ")} ${taken.length === 1 ? "is" : "are"} already in use: is this testnet, or a devnet, already running?`);
  }
}

/** The checkout (or installed package) this command runs from: the folder with bin/persistence.js. */
function checkoutRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "bin", "persistence.js"))) return dir;
  }
  throw new CliError("internal_error", "cannot find bin/persistence.js above this module");
}

/** --cometbft, else $COMETBFT_BIN, else the checkout's .cometbft/bin/cometbft, else cometbft on PATH. */
function findCometBft(root: string, option: string | undefined): string {
  const install = "install CometBFT v0.38 with scripts/install-cometbft.sh (into .cometbft/bin)";
  const given = option !== undefined ? { path: option, source: "--cometbft" } : process.env.COMETBFT_BIN ? { path: process.env.COMETBFT_BIN, source: "COMETBFT_BIN" } : undefined;
  if (given) {
    if (!isExecutableFile(given.path)) throw new CliError("cometbft_not_found", `${given.source} names ${given.path}, which is not an executable file: ${install}, or name another binary`);
    return given.path;
  }
  const candidates = [join(root, ".cometbft", "bin", "cometbft"), ...(process.env.PATH ?? "").split(delimiter).filter(Boolean).map((dir) => join(dir, "cometbft"))];
  const found = candidates.find(isExecutableFile);
  if (!found) throw new CliError("cometbft_not_found", `CometBFT was found neither in ${join(root, ".cometbft", "bin")} nor on PATH: ${install}, or pass --cometbft PATH or set COMETBFT_BIN`);
  return found;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function parseInteger(option: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new CliError("usage_error", `${option} must be a whole number, not "${text}"`);
  return Number(text);
}
