import { consoleLogger, type Logger } from "../node/logger.js";
import type { CliError } from "./errors.js";

export type OutputFormat = "text" | "json";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json"];

/**
 * Where a command writes. Results go to stdout: lines of text, or with `--output json` one JSON
 * document per line (a command that reports progress, such as a broadcast, writes several).
 * Notes for people go to stderr in both formats, so stdout stays parseable. Errors are a JSON
 * document on stdout with `--output json`, a line on stderr otherwise.
 */
export class Output {
  constructor(readonly format: OutputFormat) {}

  get isJson(): boolean {
    return this.format === "json";
  }

  result(json: unknown, text: string | readonly string[]): void {
    if (this.isJson) process.stdout.write(`${toJson(json)}\n`);
    else process.stdout.write(`${typeof text === "string" ? text : text.join("\n")}\n`);
  }

  note(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  error(error: CliError): void {
    if (this.isJson) {
      const chain = error.chain ? { codespace: error.chain.codespace, abci_code: error.chain.code } : {};
      process.stdout.write(`${toJson({ error: { code: error.code, message: error.message, ...chain, ...error.details } })}\n`);
      return;
    }
    const chain = error.chain ? ` (codespace ${error.chain.codespace}, code ${error.chain.code})` : "";
    const details = Object.entries(error.details).map(([key, value]) => `\n  ${key}: ${String(value)}`);
    process.stderr.write(`Error: ${error.message}${chain}${details.join("")}\n`);
  }

  /** The node's log: consoleLogger's lines, or JSON lines with `--output json`. */
  logger(): Logger {
    if (!this.isJson) return consoleLogger;
    const line = (level: string, message: string, error?: unknown) =>
      process.stdout.write(`${toJson({ time: new Date().toISOString(), level, message, ...(error ? { error: (error as Error).stack ?? String(error) } : {}) })}\n`);
    return { info: (message) => line("info", message), error: (message, error) => line("error", message, error) };
  }
}

/** JSON with bigints as decimal strings, as the Cosmos SDK writes 64-bit and larger integers. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
