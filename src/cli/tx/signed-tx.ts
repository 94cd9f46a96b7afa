import { DirectSecp256k1Wallet, type EncodeObject } from "@cosmjs/proto-signing";
import { persistenceRegistry } from "../../client/registry.js";
import { SigningStargateClient } from "@cosmjs/stargate";
import type { comet38 } from "@cosmjs/tendermint-rpc";
import { fromHex } from "../../store/bytes.js";
import { requiredFees } from "../../tx/fees.js";
import { ACCOUNT_PREFIX } from "../../types/address.js";
import { toProtoCoins } from "../../types/coins.js";
import { mulCeil } from "../../types/decimal.js";
import { openKeyring, type ActionContext } from "../command-context.js";
import { CliError } from "../errors.js";
import { coinJson, formatCoin } from "../money.js";
import { connectNode, type NodeClient } from "../node-client.js";
import { broadcastAndWait } from "./broadcast.js";
import { simulateGas } from "./simulate.js";
import { feePrice, type TxOptions } from "./tx-options.js";

/** A message as an object, for CosmJS to sign, and as bytes, to simulate. */
export interface TxMessage extends EncodeObject {
  bytes: Uint8Array;
}

/** A message codec with its type URL: cosmjs-types' codecs, or ours with `typeUrl` added. */
export interface TypedCodec<T> {
  readonly typeUrl: string;
  encode(message: T): { finish(): Uint8Array };
}

/**
 * A message to sign, encoded once for simulation.
 *
 * @example
 * txMessage(MsgSend, MsgSend.fromPartial({ fromAddress, toAddress, amount }))
 */
export function txMessage<T>(codec: TypedCodec<T>, value: T): TxMessage {
  return { typeUrl: codec.typeUrl, value, bytes: codec.encode(value).finish() };
}

/** What is signed, and what the confirmation and the result show of it. */
export interface TxContent {
  messages: readonly TxMessage[];
  /** What the tx does, the confirmation's first lines, e.g. ["send 1.500000 XPRT (1500000uxprt)"]. */
  summary: readonly string[];
  /** Labelled lines after the signer's, aligned with it and the fee's, e.g. [["to", address]]. */
  fields?: readonly (readonly [label: string, value: string])[];
  /** JSON fields the included tx's result adds, e.g. the amount sent. */
  resultFields?: Record<string, unknown>;
}

/**
 * Builds the tx from the signer's address before anything is asked of the node, so bad
 * arguments are reported first; a tx that needs the node (e.g. for a class's schema) is
 * returned as a function of it.
 */
export type BuildTx = (signer: string) => TxContent | ((node: NodeClient) => Promise<TxContent>);

/** What an included tx's result adds to the output: JSON fields and lines for people. */
export interface Outcome {
  json: Record<string, unknown>;
  text: readonly string[];
}

/** A tx to sign with a keyring key and broadcast. */
export interface SignedTx {
  keyName: string;
  build: BuildTx;
  /** The signer's label in the confirmation; "signer" unless given. */
  signerLabel?: string;
  /** Reads the result from the included tx's response data and events, instead of showing its log. */
  describe?: (result: comet38.TxData) => Outcome;
}

/**
 * Signs a tx after showing what it does and asking (unless --yes), prints its hash, broadcasts
 * it and waits for its block, then prints the block's height and gas with the tx's log (or what
 * `describe` reads). Gas, fee, memo, sequence, chain and timeout come from the tx options; a
 * chain refusal carries the name of its registered error.
 *
 * @example
 * await signAndBroadcast(context, {
 *   keyName: "alice",
 *   build: (owner) => ({ messages: [txMessage(MsgCancelOrderCodec, { owner, orderId: 1n })], summary: ["cancel order 1"] }),
 * });
 */
export async function signAndBroadcast(context: ActionContext<TxOptions>, tx: SignedTx): Promise<void> {
  const { options, output } = context;
  const keyring = openKeyring(context);
  const key = keyring.get(tx.keyName);
  const built = tx.build(key.address);
  const price = feePrice(context.command, options);
  const node = await connectNode(options.node);
  try {
    const content = typeof built === "function" ? await built(node) : built;
    const chainId = options.chainId ?? (await node.stargate.getChainId());
    const account = await node.stargate.getAccount(key.address);
    if (!account) throw new CliError("account_not_found", `${key.address} (${key.name}) has no account on chain yet: send it some tokens first`);
    const simulated = { messages: content.messages.map(({ typeUrl, bytes }) => ({ typeUrl, value: bytes })), memo: options.memo, publicKey: key.publicKey, sequence: account.sequence };
    const gasLimit = options.gas === "auto" ? mulCeil(await simulateGas(node.comet, simulated), options.gasAdjustment) : options.gas;
    const fee = "fees" in price ? price.fees : requiredFees(price.gasPrices, Number(gasLimit));
    const labelled = aligned([
      [tx.signerLabel ?? "signer", `${key.name} (${key.address})`],
      ...(content.fields ?? []),
      ["fee", `${fee.length ? fee.map(formatCoin).join(", ") : "none"}, gas limit ${gasLimit}`],
      ...(options.memo ? [["memo", options.memo] as const] : []),
      ["chain", chainId],
    ]);
    output.note([...content.summary, ...labelled].join("\n"));
    if (!options.yes && !(await context.prompter.confirm("sign and broadcast?"))) throw new CliError("aborted", "nothing was signed or sent");

    const wallet = await DirectSecp256k1Wallet.fromKey(await keyring.privateKey(key.name), ACCOUNT_PREFIX);
    const registry = persistenceRegistry();
    const signer = SigningStargateClient.createWithSigner(node.comet, wallet, { registry });
    const included = await broadcastAndWait({
      comet: node.comet,
      signer,
      signerAddress: key.address,
      messages: [...content.messages],
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
    const result = { txhash: included.hash, status: "included", height: included.height, code: 0, gas_used: included.gasUsed, gas_wanted: included.gasWanted };
    const block = `included in block ${included.height}: code 0, gas used ${included.gasUsed} of ${included.gasWanted}`;
    if (tx.describe) {
      const outcome = tx.describe((await node.comet.tx({ hash: fromHex(included.hash) })).result);
      output.result({ ...result, fee: fee.map(coinJson), ...content.resultFields, ...outcome.json }, [block, ...outcome.text]);
    } else {
      output.result({ ...result, raw_log: included.log, ...content.resultFields, fee: fee.map(coinJson) }, [block, ...(included.log ? [`log: ${included.log}`] : [])]);
    }
  } finally {
    node.disconnect();
  }
}

/** "  label: value" lines, each value one space after the longest label. */
function aligned(fields: readonly (readonly [label: string, value: string])[]): string[] {
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  return fields.map(([label, value]) => `  ${`${label}:`.padEnd(width)} ${value}`);
}
