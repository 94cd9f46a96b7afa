import type { Command } from "commander";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { decodeAddress } from "../../types/address.js";
import { toProtoCoins } from "../../types/coins.js";
import { isError } from "../../types/errors.js";
import { defineAction } from "../command-context.js";
import { CliError } from "../errors.js";
import { coinJson, formatCoin, parseCoinsArgument } from "../money.js";
import { signAndBroadcast, txMessage } from "../tx/signed-tx.js";
import { withTxOptions, type TxOptions } from "../tx/tx-options.js";

/** `persistence tx bank send`. */
export function registerTx(program: Command): void {
  const tx = program.command("tx").description("sign transactions with a keyring key and broadcast them");
  const bank = tx.command("bank").description("bank module transactions");
  const send = withTxOptions(bank.command("send <from-key-name> <to-address> <amount>").description("send coins, e.g. 1.5xprt or 1500000uxprt,10usd")).addHelpText(
    "after",
    "\nThe tx hash is printed as soon as the tx is signed; then the command waits for a block and prints\nits height, gas used, code and log. With --output json each of these is one JSON line.\n\nExample:\n  persistence tx bank send alice persistence1… 1.5xprt --yes",
  );
  defineAction<TxOptions>(send, async (context, from, to, amountText) => {
    await signAndBroadcast(context, {
      keyName: from!,
      signerLabel: "from",
      build: (fromAddress) => {
        const recipient = decodeAddress(to!);
        if (isError(recipient)) throw new CliError("invalid_address", `invalid recipient: ${recipient.message}`);
        const amount = parseCoinsArgument(amountText!);
        return {
          messages: [txMessage(MsgSend, MsgSend.fromPartial({ fromAddress, toAddress: to!, amount: toProtoCoins(amount) }))],
          summary: [`send ${amount.map(formatCoin).join(", ")}`],
          fields: [["to", to!]],
          resultFields: { amount: amount.map(coinJson) },
        };
      },
    });
  });
}
