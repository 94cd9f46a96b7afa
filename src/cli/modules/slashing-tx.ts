import type { Command } from "commander";
import { MsgUnjail } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { VALOPER_PREFIX } from "../../modules/slashing/keys.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { defineAction } from "../command-context.js";
import { signAndBroadcast, txMessage } from "../tx/signed-tx.js";
import { withTxOptions, type TxOptions } from "../tx/tx-options.js";

/** `persistence tx slashing unjail <key>`: the operator of a jailed validator asks to rejoin. */
export function registerSlashingTx(tx: Command): void {
  const slashing = tx.command("slashing").description("slashing module transactions: unjail a validator");

  const unjail = withTxOptions(
    slashing.command("unjail <key>").description("unjail the validator <key> operates, once its jail time has passed (a validator tombstoned for double signing never can)"),
  );
  defineAction<TxOptions>(unjail, (context, key) =>
    signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "operator",
      build: (operator) => {
        const validatorAddr = encodeAddress(decodeAddress(operator) as Uint8Array, VALOPER_PREFIX);
        return { messages: [txMessage(MsgUnjail, { validatorAddr })], summary: [`unjail validator ${validatorAddr}`], resultFields: { validator_addr: validatorAddr } };
      },
    }),
  );
}
