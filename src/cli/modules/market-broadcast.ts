import { DirectSecp256k1Wallet, Registry, type EncodeObject, type GeneratedType } from "@cosmjs/proto-signing";
import { defaultRegistryTypes, SigningStargateClient } from "@cosmjs/stargate";
import type { comet38 } from "@cosmjs/tendermint-rpc";
import { InvalidArgumentError, Option, type Command } from "commander";
import * as marketErrors from "../../modules/market/errors.js";
import { marketRegistryTypes } from "../../modules/market/codecs.js";
import { parseDuration } from "../../node/config.js";
import { fromHex } from "../../store/bytes.js";
import { parseGasPrices, requiredFees, type GasPrice } from "../../tx/fees.js";
import { ACCOUNT_PREFIX } from "../../types/address.js";
import { toProtoCoins, type Coin } from "../../types/coins.js";
import { mulCeil, parseDecimal } from "../../types/decimal.js";
import { ErrorCode } from "../../types/errors.js";
import { openKeyring, withCommonOptions, withKeyringOption, withNodeOption, type ActionContext, type KeyringBackendOptions, type NodeUrlOptions } from "../command-context.js";
import { CliError } from "../errors.js";
import { coinJson, formatCoin, parseCoinsArgument } from "../money.js";
import { connectNode } from "../node-client.js";
import { broadcastAndWait } from "../tx/broadcast.js";
import { simulateGas } from "../tx/simulate.js";

/** The options of every market tx command: those of `tx bank send`. */
export interface MarketTxOptions extends KeyringBackendOptions, NodeUrlOptions {
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

/** A message both as bytes (to simulate) and as an object (for CosmJS to sign). */
export interface MarketMessage {
  typeUrl: string;
  value: object;
  bytes: Uint8Array;
}

/** What an included tx's result adds to the output: JSON fields and lines for people. */
export interface Outcome {
  json: Record<string, unknown>;
  text: string[];
}

/**
 * CosmJS's registry plus the market's messages. The cast bridges a typing quirk only: CosmJS
 * types ts-proto codecs against @bufbuild/protobuf's CommonJS declarations, ours the ESM ones.
 */
function registry(): Registry {
  return new Registry([...defaultRegistryTypes, ...marketRegistryTypes.map(([url, codec]): [string, GeneratedType] => [url, codec as unknown as GeneratedType])]);
}

/** Adds the signing, fee and broadcast options `tx bank send` has. */
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

/**
 * Signs one market message with the key `keyName` after showing `summary` and asking (unless
 * --yes), broadcasts it and waits for its block, as `tx bank send` does: the hash first, then the
 * block's height and gas, with what `describe` reads from the tx's result (its response data and
 * events). Chain refusals carry the market error's name.
 */
export async function signAndBroadcast(
  context: ActionContext<MarketTxOptions>,
  keyName: string,
  build: (signer: string) => MarketMessage,
  summary: readonly string[],
  describe: (result: comet38.TxData) => Outcome,
): Promise<void> {
  try {
    await run(context, keyName, build, summary, describe);
  } catch (error) {
    throw withMarketCode(error);
  }
}

async function run(
  context: ActionContext<MarketTxOptions>,
  keyName: string,
  build: (signer: string) => MarketMessage,
  summary: readonly string[],
  describe: (result: comet38.TxData) => Outcome,
): Promise<void> {
  const { options, output } = context;
  const keyring = openKeyring(context);
  const key = keyring.get(keyName);
  const message = build(key.address);
  const price = feePrice(context.command, options);
  const node = await connectNode(options.node);
  try {
    const chainId = options.chainId ?? (await node.stargate.getChainId());
    const account = await node.stargate.getAccount(key.address);
    if (!account) throw new CliError("account_not_found", `${key.address} (${key.name}) has no account on chain yet: send it some tokens first`);
    const gasLimit =
      options.gas === "auto"
        ? mulCeil(await simulateGas(node.comet, { messages: [{ typeUrl: message.typeUrl, value: message.bytes }], memo: options.memo, publicKey: key.publicKey, sequence: account.sequence }), options.gasAdjustment)
        : options.gas;
    const fee = "fees" in price ? price.fees : requiredFees(price.gasPrices, Number(gasLimit));
    output.note(
      [
        ...summary,
        `  signer: ${key.name} (${key.address})`,
        `  fee:    ${fee.length ? fee.map(formatCoin).join(", ") : "none"}, gas limit ${gasLimit}`,
        ...(options.memo ? [`  memo:   ${options.memo}`] : []),
        `  chain:  ${chainId}`,
      ].join("\n"),
    );
    if (!options.yes && !(await context.prompter.confirm("sign and broadcast?"))) throw new CliError("aborted", "nothing was signed or sent");

    const wallet = await DirectSecp256k1Wallet.fromKey(await keyring.privateKey(key.name), ACCOUNT_PREFIX);
    const signer = SigningStargateClient.createWithSigner(node.comet, wallet, { registry: registry() });
    const included = await broadcastAndWait({
      comet: node.comet,
      signer,
      signerAddress: key.address,
      messages: [{ typeUrl: message.typeUrl, value: message.value } as EncodeObject],
      fee: { amount: toProtoCoins(fee), gas: gasLimit.toString() },
      memo: options.memo,
      chainId,
      accountNumber: account.accountNumber,
      sequence: options.sequence ?? account.sequence,
      timeoutMs: options.timeout,
      onSigned: (hash) => output.result({ txhash: hash, status: "signed" }, `txhash: ${hash}`),
      onAccepted: () => output.note("accepted by the node; waiting for a block…"),
      onRetry: (note) => output.note(note),
    });
    const outcome = describe((await node.comet.tx({ hash: fromHex(included.hash) })).result);
    output.result(
      { txhash: included.hash, status: "included", height: included.height, code: 0, gas_used: included.gasUsed, gas_wanted: included.gasWanted, fee: fee.map(coinJson), ...outcome.json },
      [`included in block ${included.height}: code 0, gas used ${included.gasUsed} of ${included.gasWanted}`, ...outcome.text],
    );
  } finally {
    node.disconnect();
  }
}

const marketCodes = new Map(
  Object.values(marketErrors)
    .filter((value): value is ErrorCode => value instanceof ErrorCode)
    .map((error) => [error.code, error.description.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "")]),
);

/** A chain refusal in the market codespace, named after its registered error: market/3 is "order_not_found". */
export function withMarketCode(error: unknown): unknown {
  if (!(error instanceof CliError) || error.chain?.codespace !== marketErrors.ErrInvalidOrder.codespace) return error;
  const code = marketCodes.get(error.chain.code);
  return code ? new CliError(code, error.message, error.chain, error.details) : error;
}

/** Either a fixed fee or gas prices; --fees and an explicit --gas-prices exclude each other. */
function feePrice(command: Command, options: MarketTxOptions): { fees: Coin[] } | { gasPrices: GasPrice[] } {
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
