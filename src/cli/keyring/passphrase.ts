import { CliError } from "../errors.js";
import type { Prompter } from "../prompt.js";
import type { PassphraseSource } from "./keyring.js";

/** The file keyring's passphrase, for scripts; without it the CLI asks. */
export const KEYRING_PASSPHRASE_ENV = "PERSISTENCE_KEYRING_PASSPHRASE";
/** The passphrase of an exported key (`keys export` / `keys import`); without it the CLI asks. */
export const EXPORT_PASSPHRASE_ENV = "PERSISTENCE_EXPORT_PASSPHRASE";
export const MIN_PASSPHRASE_LENGTH = 8;

export interface PassphraseRequest {
  /** Environment variable that answers without asking. */
  env: string;
  /** What the passphrase protects, for the prompt: "keyring", "exported key". */
  what: string;
  /** A passphrase being chosen: asked twice, and at least MIN_PASSPHRASE_LENGTH long. */
  isNew: boolean;
}

/** Reads a passphrase from its environment variable, or asks without echo. */
export async function readPassphrase(prompter: Prompter, request: PassphraseRequest): Promise<string> {
  const passphrase = process.env[request.env] || (await ask(prompter, request));
  if (request.isNew && passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new CliError("weak_passphrase", `the ${request.what} passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  return passphrase;
}

async function ask(prompter: Prompter, request: PassphraseRequest): Promise<string> {
  const first = await prompter.secret(`Enter ${request.what} passphrase: `);
  if (first === undefined) throw noPassphrase(request);
  if (request.isNew) {
    const second = await prompter.secret(`Re-enter ${request.what} passphrase: `);
    if (second === undefined) throw noPassphrase(request);
    if (second !== first) throw new CliError("passphrase_mismatch", "the two passphrases differ; nothing was changed");
  }
  return first;
}

/** The keyring's PassphraseSource: asks (or reads the environment) once per command. */
export function keyringPassphrase(prompter: Prompter): PassphraseSource {
  let answer: Promise<string> | undefined;
  return ({ creating }) => (answer ??= readPassphrase(prompter, { env: KEYRING_PASSPHRASE_ENV, what: "keyring", isNew: creating }));
}

function noPassphrase(request: PassphraseRequest): CliError {
  return new CliError("passphrase_required", `no ${request.what} passphrase: set ${request.env} or run in a terminal`);
}
