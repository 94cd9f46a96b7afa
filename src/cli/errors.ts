// The modules whose registered errors the CLI names (loading them registers their errors).
import "../modules/assets/errors.js";
import "../modules/bank/errors.js";
import "../modules/gov/errors.js";
import "../modules/identity/errors.js";
import "../modules/lending/errors.js";
import "../modules/market/errors.js";
import "../modules/slashing/errors.js";
import "../modules/stakedrop/errors.js";
import "../modules/staking/errors.js";
import { registeredError } from "../types/errors.js";

/** What the chain said when it refused something: the Cosmos SDK's (codespace, code) and log. */
export interface ChainFailure {
  codespace: string;
  code: number;
  log: string;
}

/**
 * A failure the CLI reports: a stable string `code` for scripts (`--output json`), a message for
 * people, and the chain's codespace and ABCI code when the chain gave one.
 */
export class CliError extends Error {
  override readonly name = "CliError";

  constructor(
    readonly code: string,
    message: string,
    readonly chain?: ChainFailure,
    /** More to show with the error, e.g. the hash of the tx that failed. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The chain's refusal, named after its registered error: sdk/5 is "insufficient_funds". */
  static fromChain(failure: ChainFailure, message = failure.log, details: Record<string, unknown> = {}): CliError {
    return new CliError(chainErrorCode(failure.codespace, failure.code), message, failure, details);
  }
}

/** The stable string code of a registered chain error; `<codespace>_error_<code>` for one we do not know. */
export function chainErrorCode(codespace: string, code: number): string {
  const registered = registeredError(codespace, code);
  return registered ? snakeCase(registered.description) : `${codespace || "chain"}_error_${code}`;
}

function snakeCase(description: string): string {
  return description
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** Turns anything thrown into a CliError: ours pass through, errors with a string code keep it. */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const unreachable = describeUnreachable(error);
    if (unreachable) return new CliError("node_unreachable", unreachable);
    const rpcError = describeRpcError(error);
    if (rpcError) return new CliError("rpc_error", rpcError);
    return new CliError(typeof code === "string" && /^[a-z][a-z0-9_]*$/.test(code) ? code : "internal_error", error.message);
  }
  return new CliError("internal_error", String(error));
}

/** fetch reports a refused, unresolvable or forbidden connection as "fetch failed", with the reason as its cause. */
function describeUnreachable(error: Error): string | undefined {
  if (error.message !== "fetch failed") return undefined;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `cannot reach the node (${cause?.message || cause?.code || "no connection"}); is it running? Start one with \`persistence start\` or pass --node`;
}

/** CosmJS throws a JSON-RPC error as its JSON: {"code":-32603,"message":"Internal error","data":"…"}. */
function describeRpcError(error: Error): string | undefined {
  if (!error.message.startsWith('{"code":')) return undefined;
  try {
    const { message, data } = JSON.parse(error.message) as { message?: string; data?: string };
    return `the node answered: ${data || message}`;
  } catch {
    return undefined;
  }
}
