import { Secp256k1Wallet } from "@cosmjs/amino";
import { fromBase64 } from "@cosmjs/encoding";
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { adr036SignDoc, claimMessage } from "../../modules/stakedrop/adr036.js";
import { decodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { defineAction, openKeyring, withCommonOptions, withKeyringOption, type KeyringBackendOptions } from "../command-context.js";
import { CliError } from "../errors.js";
import { toSignatureFile } from "./stakedrop-signature.js";

interface ChainIdOptions {
  chainId: string;
}

interface SignOptions extends KeyringBackendOptions, ChainIdOptions {
  out: string;
}

/** `persistence stakedrop claim-message` and `sign-claim`: what a staker signs, and signing it with a keyring key. */
export function registerStakedropSigning(stakedrop: Command): void {
  const message = withCommonOptions(
    stakedrop
      .command("claim-message <receiver>")
      .description("the exact text a Cosmos Hub staker signs (ADR-036, e.g. Keplr's signArbitrary) to claim its allocation to <receiver>")
      .requiredOption("--chain-id <id>", "the Persistence chain the claim is for"),
  );
  defineAction<ChainIdOptions>(message, async (context, receiver) => {
    const text = claimMessage(context.options.chainId, checkReceiver(receiver!));
    context.output.result({ message: text }, text);
  });

  const sign = withKeyringOption(
    withCommonOptions(
      stakedrop
        .command("sign-claim <cosmos-key> <receiver>")
        .description("sign the claim message with a key of this keyring, as Keplr's signArbitrary would with the key's cosmos1 address (same key, coin type 118)")
        .requiredOption("--chain-id <id>", "the Persistence chain the claim is for")
        .requiredOption("--out <file>", "where to write the signature (the JSON signArbitrary returns)"),
    ),
  );
  defineAction<SignOptions>(sign, async (context, keyName, receiver) => {
    const text = claimMessage(context.options.chainId, checkReceiver(receiver!));
    const keyring = openKeyring(context);
    keyring.get(keyName!);
    const wallet = await Secp256k1Wallet.fromKey(await keyring.privateKey(keyName!), "cosmos");
    const [account] = await wallet.getAccounts();
    const { signature } = await wallet.signAmino(account!.address, adr036SignDoc(account!.address, text));
    writeFileSync(context.options.out, `${JSON.stringify(toSignatureFile({ pubkey: account!.pubkey, signature: fromBase64(signature.signature) }), null, 2)}\n`);
    context.output.result({ file: context.options.out, cosmos_address: account!.address, receiver, message: text }, [
      `${account!.address} signed "${text}"`,
      `signature written to ${context.options.out}`,
    ]);
  });
}

function checkReceiver(receiver: string): string {
  if (isError(decodeAddress(receiver))) throw new CliError("invalid_address", `invalid receiver "${receiver}": expected persistence1…`);
  return receiver;
}
