import { InvalidArgumentError, Option, type Command } from "commander";
import { parseDuration } from "../../node/config.js";
import { parseGasPrices, type GasPrice } from "../../tx/fees.js";
import type { Coin } from "../../types/coins.js";
import { parseDecimal } from "../../types/decimal.js";
import { withCommonOptions, withKeyringOption, withNodeOption, type KeyringBackendOptions, type NodeUrlOptions } from "../command-context.js";
import { CliError } from "../errors.js";
import { parseCoinsArgument } from "../money.js";

/** The options of every command that signs and broadcasts a tx. */
export interface TxOptions extends KeyringBackendOptions, NodeUrlOptions {
  chainId?: string;
  fees?: string;
  gasPrices: string;
  gas: bigint | "auto";
  gasAdjustment: bigint;
  memo: string;
  sequence?: number;
  timeout: number;
  yes?: boolean;
}

/**
 * Adds the common, keyring, node, signing, fee and broadcast options to a tx command.
 *
 * @example
 * withTxOptions(bank.command("send <from-key-name> <to-address> <amount>"))
 */
export function withTxOptions(command: Command): Command {
  return withNodeOption(withKeyringOption(withCommonOptions(command)))
    .option("--chain-id <id>", "chain to sign for (default: ask the node)")
    .option("--fees <coins>", "fee to pay, e.g. 500uxprt, instead of gas × --gas-prices")
    .option("--gas-prices <price>", "price per unit of gas", "0.0025uxprt")
    .addOption(new Option("--gas <n|auto>", "gas limit, or auto: simulate, then multiply by --gas-adjustment").argParser(parseGas).default("auto"))
    .addOption(new Option("--gas-adjustment <factor>", "multiplier of simulated gas").argParser(parsePositiveDecimal).default(parseDecimal("1.4"), "1.4"))
    .option("--memo <text>", "note stored with the tx", "")
    .addOption(new Option("-s, --sequence <n>", "account sequence to sign with instead of the node's (a mismatch is retried once with the node's)").argParser(parseSequence))
    .addOption(new Option("--timeout <duration>", "how long to wait for a block, e.g. 30s or 2m").argParser(parseTimeout).default(60_000, "60s"))
    .option("-y, --yes", "sign and broadcast without asking");
}

/** Either a fixed fee or gas prices; --fees and an explicit --gas-prices exclude each other. */
export function feePrice(command: Command, options: TxOptions): { fees: Coin[] } | { gasPrices: GasPrice[] } {
  if (options.fees !== undefined) {
    if (command.getOptionValueSource("gasPrices") === "cli") throw new CliError("usage_error", "give --fees or --gas-prices, not both");
    return { fees: parseCoinsArgument(options.fees) };
  }
  try {
    return { gasPrices: parseGasPrices(options.gasPrices) };
  } catch (error) {
    throw new CliError("invalid_gas_prices", (error as Error).message);
  }
}

function parseGas(text: string): bigint | "auto" {
  if (text === "auto") return "auto";
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new InvalidArgumentError('expected a positive whole number or "auto"');
  return BigInt(text);
}

function parsePositiveDecimal(text: string): bigint {
  const value = parseDecimal(text);
  if (value === undefined || value === 0n) throw new InvalidArgumentError("expected a positive number such as 1.4");
  return value;
}

function parseSequence(text: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new InvalidArgumentError("expected a whole number");
  return Number(text);
}

function parseTimeout(text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
