import type { comet38 } from "@cosmjs/tendermint-rpc";
import type { Command } from "commander";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { defineAction } from "../command-context.js";
import { signAndBroadcast, type Outcome, type TxMessage } from "./signed-tx.js";
import { withTxOptions, type TxOptions } from "./tx-options.js";

/**
 * Adds a tx command that signs one message: `<key>` is the signer (the usage's first argument);
 * `build` makes the message from the signer's address, the other arguments and the options.
 */
export function addSingleMessageTx<O extends TxOptions>(
  parent: Command,
  usage: string,
  description: string,
  build: (signer: string, args: string[], options: O) => { message: TxMessage; summary: string },
  describe: (result: comet38.TxData) => Outcome,
): Command {
  const command = withTxOptions(parent.command(usage).description(description));
  defineAction<O>(command, async (context, key, ...args) => {
    await signAndBroadcast(context, {
      keyName: key!,
      build: (signer) => {
        const { message, summary } = build(signer, args, context.options);
        return { messages: [message], summary: [summary] };
      },
      describe,
    });
  });
  return command;
}

/** The first message response of an included tx, decoded. */
export function firstMsgResponse<T>(result: comet38.TxData, codec: { decode(bytes: Uint8Array): T }): T {
  return codec.decode(TxMsgData.decode(result.data ?? new Uint8Array()).msgResponses[0]!.value);
}

/** The value of `key` in the first `type` event of an included tx ("" when absent). */
export function eventAttribute(result: comet38.TxData, type: string, key: string): string {
  return result.events.find((e) => e.type === type)?.attributes.find((a) => a.key === key)?.value ?? "";
}
