import { DirectSecp256k1Wallet, Registry, type EncodeObject } from "@cosmjs/proto-signing";
import { defaultRegistryTypes, SigningStargateClient } from "@cosmjs/stargate";
import { InvalidArgumentError, Option, type Command } from "commander";
import * as assetsErrors from "../../modules/assets/errors.js";
import { assetsRegistryTypes } from "../../modules/assets/registry.js";
import * as identityErrors from "../../modules/identity/errors.js";
import { parseDuration } from "../../node/config.js";
import { parseGasPrices, requiredFees, type GasPrice } from "../../tx/fees.js";
import { ACCOUNT_PREFIX } from "../../types/address.js";
import { toProtoCoins, type Coin } from "../../types/coins.js";
import { mulCeil, parseDecimal } from "../../types/decimal.js";
import { ErrorCode } from "../../types/errors.js";
import { openKeyring, withCommonOptions, withKeyringOption, withNodeOption, type ActionContext, type KeyringBackendOptions, type NodeUrlOptions } from "../command-context.js";
import { CliError } from "../errors.js";
import { coinJson, formatCoin, parseCoinsArgument } from "../money.js";
import { connectNode, type NodeClient } from "../node-client.js";
import { broadcastAndWait } from "../tx/broadcast.js";
import { simulateGas } from "../tx/simulate.js";

/** The options of every assets tx command: those of `tx bank send`. */
export interface AssetsTxOptions extends KeyringBackendOptions, NodeUrlOptions {
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

/** A message with its codec, so it can be both simulated (bytes) and signed (object). */
export interface AssetsMessage<T> {
  codec: { readonly typeUrl: string; encode(message: T): { finish(): Uint8Array } };
  value: T;
  /** What the confirmation shows before signing. */
  summary: readonly string[];
}

/** Builds the message once the signing key's address is known; it may ask the node (e.g. for a class's schema). */
export type MessageBuilder<T> = (signer: string, node: NodeClient) => Promise<AssetsMessage<T>>;

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
 * Signs one assets message with the key `keyName` after showing what it does and asking (unless
 * --yes), then broadcasts it and waits for its block, as `tx bank send` does: the hash first,
 * then the block's height, gas and log. Chain refusals carry the assets or identity error's name.
 */
export async function signAndBroadcast<T>(context: ActionContext<AssetsTxOptions>, keyName: string, build: MessageBuilder<T>): Promise<void> {
  try {
    await run(context, keyName, build);
  } catch (error) {
    throw withModuleCode(error);
  }
}

async function run<T>(context: ActionContext<AssetsTxOptions>, keyName: string, build: MessageBuilder<T>): Promise<void> {
  const { options, output } = context;
  const keyring = openKeyring(context);
  const key = keyring.get(keyName);
  const price = feePrice(context.command, options);
  const node = await connectNode(options.node);
  try {
    const message = await build(key.address, node);
    const chainId = options.chainId ?? (await node.stargate.getChainId());
    const account = await node.stargate.getAccount(key.address);
    if (!account) throw new CliError("account_not_found", `${key.address} (${key.name}) has no account on chain yet: send it some tokens first`);
    const encoded = { typeUrl: message.codec.typeUrl, value: message.codec.encode(message.value).finish() };
    const gasLimit =
      options.gas === "auto"
        ? mulCeil(await simulateGas(node.comet, { messages: [encoded], memo: options.memo, publicKey: key.publicKey, sequence: account.sequence }), options.gasAdjustment)
        : options.gas;
    const fee = "fees" in price ? price.fees : requiredFees(price.gasPrices, Number(gasLimit));
    output.note(
      [
        ...message.summary,
        `  signer: ${key.name} (${key.address})`,
        `  fee:    ${fee.length ? fee.map(formatCoin).join(", ") : "none"}, gas limit ${gasLimit}`,
        ...(options.memo ? [`  memo:   ${options.memo}`] : []),
        `  chain:  ${chainId}`,
      ].join("\n"),
    );
    if (!options.yes && !(await context.prompter.confirm("sign and broadcast?"))) throw new CliError("aborted", "nothing was signed or sent");

    const wallet = await DirectSecp256k1Wallet.fromKey(await keyring.privateKey(key.name), ACCOUNT_PREFIX);
    const registry = new Registry([...defaultRegistryTypes, ...assetsRegistryTypes]);
    const signer = SigningStargateClient.createWithSigner(node.comet, wallet, { registry });
    const included = await broadcastAndWait({
      comet: node.comet,
      signer,
      signerAddress: key.address,
      messages: [{ typeUrl: message.codec.typeUrl, value: message.value } as EncodeObject],
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
    output.result(
      { txhash: included.hash, status: "included", height: included.height, code: 0, gas_used: included.gasUsed, gas_wanted: included.gasWanted, raw_log: included.log, fee: fee.map(coinJson) },
      [`included in block ${included.height}: code 0, gas used ${included.gasUsed} of ${included.gasWanted}`, ...(included.log ? [`log: ${included.log}`] : [])],
    );
  } finally {
    node.disconnect();
  }
}

/** Stable names of the errors asset txs meet: the module's own and identity's compliance refusals. */
const moduleCodes = new Map(
  [...Object.values(assetsErrors), ...Object.values(identityErrors)]
    .filter((value): value is ErrorCode => value instanceof ErrorCode)
    .map((error) => [`${error.codespace}/${error.code}`, error.description.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "")]),
);

/** A chain refusal in the assets or identity codespace, named after its registered error: assets/5 is "document_already_tokenized". */
export function withModuleCode(error: unknown): unknown {
  if (!(error instanceof CliError) || !error.chain) return error;
  const code = moduleCodes.get(`${error.chain.codespace}/${error.chain.code}`);
  return code ? new CliError(code, error.message, error.chain, error.details) : error;
}

/** Either a fixed fee or gas prices; --fees and an explicit --gas-prices exclude each other. */
function feePrice(command: Command, options: AssetsTxOptions): { fees: Coin[] } | { gasPrices: GasPrice[] } {
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
