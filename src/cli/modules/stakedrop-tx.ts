import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { claimMessage, verifyAdr036 } from "../../modules/stakedrop/adr036.js";
import { MsgClaimCodec } from "../../modules/stakedrop/codecs.js";
import { decodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { defineAction } from "../command-context.js";
import { CliError } from "../errors.js";
import { signAndBroadcast, txMessage } from "../tx/signed-tx.js";
import { withTxOptions, type TxOptions } from "../tx/tx-options.js";
import { xprt } from "./stakedrop-query.js";
import { readSignatureFile } from "./stakedrop-signature.js";

interface ClaimOptions extends TxOptions {
  receiver?: string;
}

/** `persistence tx stakedrop claim`: pays a Cosmos Hub staker's allocation, on its ADR-036 signature. */
export function registerStakedropTx(tx: Command): void {
  const stakedrop = tx.command("stakedrop").description("stakedrop module transactions: claim the XPRT airdrop of a Cosmos Hub staker");

  const claim = withTxOptions(
    stakedrop
      .command("claim <key> <signature-file>")
      .description("claim the allocation of the cosmos1 address whose ADR-036 signature <signature-file> holds; <key> signs the tx and pays its fee")
      .option("--receiver <address>", "the persistence1 account that receives the allocation, as named in the signed message (default: <key>'s address)"),
  ).addHelpText(
    "after",
    [
      "",
      "The staker signs, with the key of its cosmos1 address, the text",
      '  "Claim Persistence StakeDrop on <chain id> to <receiver>"',
      "(`persistence stakedrop claim-message <receiver>` prints it): in Keplr with signArbitrary, whose",
      "result is the signature file, or with `persistence stakedrop sign-claim` for a key of this keyring.",
      "",
      "Example:",
      "  persistence stakedrop sign-claim alice persistence1… --chain-id core-1 --out claim.json",
      "  persistence tx stakedrop claim bob claim.json --receiver persistence1… --yes",
    ].join("\n"),
  );
  defineAction<ClaimOptions>(claim, async (context, key, path) => {
    const signed = readSignatureFile(readText(path!), path!);
    const { receiver: wanted, chainId } = context.options;
    if (wanted !== undefined && isError(decodeAddress(wanted))) throw new CliError("invalid_address", `invalid receiver "${wanted}": expected persistence1…`);
    await signAndBroadcast(context, {
      keyName: key!,
      build: (sender) => async (node) => {
        const receiver = wanted ?? sender;
        const message = claimMessage(chainId ?? (await node.stargate.getChainId()), receiver);
        if (!verifyAdr036({ signer: signed.cosmosAddress, pubkey: signed.pubkey, signature: signed.signature, message })) {
          throw new CliError("signature_mismatch", `${path} is not ${signed.cosmosAddress}'s signature of "${message}": the staker must sign exactly that text`);
        }
        return {
          messages: [txMessage(MsgClaimCodec, { sender, cosmosAddress: signed.cosmosAddress, pubkey: signed.pubkey, signature: signed.signature, receiver })],
          summary: [`claim the stakedrop allocation of ${signed.cosmosAddress}`],
          fields: [["receiver", receiver]],
          resultFields: { cosmos_address: signed.cosmosAddress, receiver },
        };
      },
      describe: (result) => {
        const amount = result.events.find((e) => e.type === "stakedrop_claim")?.attributes.find((a) => a.key === "amount")?.value ?? "";
        const uxprt = amount.replace(/uxprt$/, "");
        return { json: { amount }, text: [`claimed ${xprt(uxprt)}`] };
      },
    });
  });
}

export function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new CliError("file_not_readable", `cannot read ${path}: ${(error as Error).message}`);
  }
}
