import { Option, type Command } from "commander";
import { homedir } from "node:os";
import { join } from "node:path";
import { toCliError } from "./errors.js";
import { Keyring, KEYRING_BACKENDS, type KeyringBackend } from "./keyring/keyring.js";
import { keyringPassphrase } from "./keyring/passphrase.js";
import { Output, OUTPUT_FORMATS, type OutputFormat } from "./output.js";
import { Prompter } from "./prompt.js";

/** What every command accepts. */
export interface CommonOptions {
  home: string;
  output: OutputFormat;
}

export interface KeyringBackendOptions {
  keyringBackend: KeyringBackend;
}

export interface NodeUrlOptions {
  node: string;
}

const DEFAULT_NODE_URL = "http://127.0.0.1:26657";

/** `$PERSISTENCE_HOME`, else ~/.persistence. */
export function defaultHome(): string {
  return process.env.PERSISTENCE_HOME || join(homedir(), ".persistence");
}

export function withCommonOptions(command: Command): Command {
  return command
    .addOption(new Option("--home <dir>", "the node's and keyring's home directory").default(defaultHome(), "$PERSISTENCE_HOME or ~/.persistence"))
    .addOption(new Option("--output <format>", "text for people, json for programs (errors included)").choices(OUTPUT_FORMATS).default("text"));
}

export function withKeyringOption(command: Command): Command {
  return command.addOption(
    new Option("--keyring-backend <backend>", "file: keys encrypted under a passphrase; test: UNENCRYPTED, for local devnets only").choices(KEYRING_BACKENDS).default("file"),
  );
}

export function withNodeOption(command: Command): Command {
  return command.addOption(new Option("--node <url>", "CometBFT RPC address of the node to talk to").default(DEFAULT_NODE_URL));
}

export interface ActionContext<O> {
  options: O & CommonOptions;
  output: Output;
  prompter: Prompter;
  command: Command;
}

/**
 * Sets a command's action. A failure is reported in the chosen output format, with its code,
 * and makes the process exit with 1.
 */
export function defineAction<O>(command: Command, action: (context: ActionContext<O>, ...args: string[]) => Promise<void>): Command {
  return command.action(async (...params: unknown[]) => {
    const self = params[params.length - 1] as Command;
    const options = self.opts<O & CommonOptions>();
    const output = new Output(options.output);
    const prompter = new Prompter();
    try {
      await action({ options, output, prompter, command: self }, ...self.args);
    } catch (error) {
      output.error(toCliError(error));
      process.exitCode = 1;
    } finally {
      prompter.close();
    }
  });
}

export function openKeyring(context: ActionContext<KeyringBackendOptions>): Keyring {
  return new Keyring({ home: context.options.home, backend: context.options.keyringBackend, passphrase: keyringPassphrase(context.prompter) });
}
