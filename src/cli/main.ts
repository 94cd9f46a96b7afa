import { Command, CommanderError } from "commander";
import { registerDevnet } from "./commands/devnet.js";
import { registerInit } from "./commands/init.js";
import { registerKeys } from "./commands/keys.js";
import { registerQuery } from "./commands/query.js";
import { registerStart } from "./commands/start.js";
import { registerStatus } from "./commands/status.js";
import { registerTestnet } from "./commands/testnet.js";
import { registerTx } from "./commands/tx.js";
import { CliError, toCliError } from "./errors.js";
import { registerAssets } from "./modules/assets.js";
import { registerDistribution } from "./modules/distribution.js";
import { registerGov } from "./modules/gov.js";
import { registerIdentity } from "./modules/identity.js";
import { registerLending } from "./modules/lending.js";
import { registerPools } from "./modules/pools.js";
import { registerMarket } from "./modules/market.js";
import { registerSlashing } from "./modules/slashing.js";
import { registerStakedrop } from "./modules/stakedrop.js";
import { registerStaking } from "./modules/staking.js";
import { Output } from "./output.js";

/** The `persistence` command tree. With `jsonErrors`, commander's own usage errors are left to the caller to print as JSON. */
export function buildProgram(options: { jsonErrors: boolean }): Command {
  const program = new Command("persistence")
    .description("Persistence: run a node or a local devnet, manage keys, send transactions and query the chain")
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => {
        if (!options.jsonErrors) write(text);
      },
    })
    .showHelpAfterError("(add --help for usage)");
  // Settings above are inherited by every subcommand, so they must come first.
  registerInit(program);
  registerStart(program);
  registerDevnet(program);
  registerTestnet(program);
  registerKeys(program);
  registerTx(program);
  registerQuery(program);
  registerIdentity(program);
  registerAssets(program);
  registerMarket(program);
  registerLending(program);
  registerPools(program);
  registerStakedrop(program);
  registerDistribution(program);
  registerSlashing(program);
  registerStaking(program);
  registerGov(program);
  registerStatus(program);
  return program;
}

/** Runs the CLI; the exit code is left in process.exitCode (0, or 1 for any failure). */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const jsonErrors = asksForJson(argv.slice(2));
  try {
    await buildProgram({ jsonErrors }).parseAsync(argv);
  } catch (error) {
    process.exitCode = error instanceof CommanderError ? error.exitCode : 1;
    if (error instanceof CommanderError && !jsonErrors) return; // commander has printed it
    if (error instanceof CommanderError && error.code.startsWith("commander.help")) return;
    const failure = error instanceof CommanderError ? new CliError("usage_error", error.message.replace(/^error: /, "")) : toCliError(error);
    new Output(jsonErrors ? "json" : "text").error(failure);
  }
}

/** Usage errors happen before options are parsed, so `--output json` is looked for in the raw arguments. */
function asksForJson(args: readonly string[]): boolean {
  return args.some((arg, i) => arg === "--output=json" || (arg === "--output" && args[i + 1] === "json"));
}
