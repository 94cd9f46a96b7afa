import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { SigningStargateClient, type MsgSendEncodeObject } from "@cosmjs/stargate";
import { InvalidArgumentError, Option, type Command } from "commander";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { parseDuration } from "../../node/config.js";
import { parseGasPrices, requiredFees, type GasPrice } from "../../tx/fees.js";
import { ACCOUNT_PREFIX, decodeAddress } from "../../types/address.js";
import { toProtoCoins, type Coin } from "../../types/coins.js";
import { mulCeil, parseDecimal } from "../../types/decimal.js";
import { isError } from "../../types/errors.js";
import { defineAction, openKeyring, withCommonOptions, withKeyringOption, withNodeOption, type KeyringBackendOptions, type NodeUrlOptions } from "../command-context.js";
import { CliError } from "../errors.js";
import { coinJson, formatCoin, parseCoinsArgument } from "../money.js";
import { connectNode } from "../node-client.js";
import { broadcastAndWait } from "../tx/broadcast.js";
import { simulateGas } from "../tx/simulate.js";

interface SendOptions extends KeyringBackendOptions, NodeUrlOptions {
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

/** `persistence tx bank send`. */
export function registerTx(program: Command): void {
  const tx = program.command("tx").description("sign transactions with a keyring key and broadcast them");
  const bank = tx.command("bank").description("bank module transactions");
  const send = withNodeOption(
    withKeyringOption(withCommonOptions(bank.command("send <from-key-name> <to-address> <amount>").description("send coins, e.g. 1.5xprt or 1500000uxprt,10usd"))),
  )
    .option("--chain-id <id>", "chain to sign for (default: ask the node)")
    .option("--fees <coins>", "fee to pay, e.g. 500uxprt, instead of gas × --gas-prices")
    .option("--gas-prices <price>", "price per unit of gas", "0.0025uxprt")
    .addOption(new Option("--gas <n|auto>", "gas limit, or auto: simulate, then multiply by --gas-adjustment").argParser(parseGas).default("auto"))
    .addOption(new Option("--gas-adjustment <factor>", "multiplier of simulated gas").argParser(parsePositiveDecimal).default(parseDecimal("1.4"), "1.4"))
    .option("--memo <text>", "note stored with the tx", "")
    .addOption(new Option("-s, --sequence <n>", "account sequence to sign with instead of the node's (a mismatch is retried once with the node's)").argParser(parseSequence))
    .addOption(new Option("--timeout <duration>", "how long to wait for a block, e.g. 30s or 2m").argParser(parseTimeout).default(60_000, "60s"))
    .option("-y, --yes", "sign and broadcast without asking")
    .addHelpText(
      "after",
      "\nThe tx hash is printed as soon as the tx is signed; then the command waits for a block and prints\nits height, gas used, code and log. With --output json each of these is one JSON line.\n\nExample:\n  persistence tx bank send alice persistence1… 1.5xprt --yes",
    );
  defineAction<SendOptions>(send, async (context, from, to, amountText) => {
    const { options, output } = context;
    const keyring = openKeyring(context);
    const key = keyring.get(from!);
    const recipient = decodeAddress(to!);
    if (isError(recipient)) throw new CliError("invalid_address", `invalid recipient: ${recipient.message}`);
    const amount = parseCoinsArgument(amountText!);
    const price = feePrice(context.command, options);

    const node = await connectNode(options.node);
    try {
      const chainId = options.chainId ?? (await node.stargate.getChainId());
      const account = await node.stargate.getAccount(key.address);
      if (!account) throw new CliError("account_not_found", `${key.address} (${key.name}) has no account on chain yet: send it some tokens first`);
      const sequence = options.sequence ?? account.sequence;
      const msgSend = MsgSend.fromPartial({ fromAddress: key.address, toAddress: to!, amount: toProtoCoins(amount) });
      const message: MsgSendEncodeObject = { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: msgSend };
      const gasLimit =
        options.gas === "auto"
          ? mulCeil(
              await simulateGas(node.comet, {
                messages: [{ typeUrl: message.typeUrl, value: MsgSend.encode(msgSend).finish() }],
                memo: options.memo,
                publicKey: key.publicKey,
                sequence: account.sequence,
              }),
              options.gasAdjustment,
            )
          : options.gas;
      const fee = "fees" in price ? price.fees : requiredFees(price.gasPrices, Number(gasLimit));
      output.note(
        [
          `send ${amount.map(formatCoin).join(", ")}`,
          `  from:  ${key.name} (${key.address})`,
          `  to:    ${to}`,
          `  fee:   ${fee.length ? fee.map(formatCoin).join(", ") : "none"}, gas limit ${gasLimit}`,
          ...(options.memo ? [`  memo:  ${options.memo}`] : []),
          `  chain: ${chainId}`,
        ].join("\n"),
      );
      if (!options.yes && !(await context.prompter.confirm("sign and broadcast?"))) throw new CliError("aborted", "nothing was signed or sent");

      const wallet = await DirectSecp256k1Wallet.fromKey(await keyring.privateKey(key.name), ACCOUNT_PREFIX);
      const signer = SigningStargateClient.createWithSigner(node.comet, wallet);
      const included = await broadcastAndWait({
        comet: node.comet,
        signer,
        signerAddress: key.address,
        messages: [message],
        fee: { amount: toProtoCoins(fee), gas: gasLimit.toString() },
        memo: options.memo,
        chainId,
        accountNumber: account.accountNumber,
        sequence,
        timeoutMs: options.timeout,
        onSigned: (hash) => output.result({ txhash: hash, status: "signed" }, `txhash: ${hash}`),
        onAccepted: () => output.note("accepted by the node; waiting for a block…"),
        onRetry: (message) => output.note(message),
      });
      output.result(
        {
          txhash: included.hash,
          status: "included",
          height: included.height,
          code: 0,
          gas_used: included.gasUsed,
          gas_wanted: included.gasWanted,
          raw_log: included.log,
          amount: amount.map(coinJson),
          fee: fee.map(coinJson),
        },
        [`included in block ${included.height}: code 0, gas used ${included.gasUsed} of ${included.gasWanted}`, ...(included.log ? [`log: ${included.log}`] : [])],
      );
    } finally {
      node.disconnect();
    }
  });
}

/** Either a fixed fee or gas prices; --fees and an explicit --gas-prices exclude each other. */
function feePrice(command: Command, options: SendOptions): { fees: Coin[] } | { gasPrices: GasPrice[] } {
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
