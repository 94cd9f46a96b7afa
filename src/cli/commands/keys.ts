import { toBase64 } from "@cosmjs/encoding";
import { InvalidArgumentError, type Command } from "commander";
import { readFileSync } from "node:fs";
import { defineAction, openKeyring, withCommonOptions, withKeyringOption, type KeyringBackendOptions } from "../command-context.js";
import { CliError } from "../errors.js";
import { armorPrivateKey, unarmorPrivateKey } from "../keyring/armor.js";
import { newMnemonic, normalizeMnemonic } from "../keyring/hd.js";
import type { KeyInfo } from "../keyring/keyring.js";
import { EXPORT_PASSPHRASE_ENV, readPassphrase } from "../keyring/passphrase.js";
import { seal, unseal } from "../keyring/sealed-secret.js";

/** `persistence keys …`: create, recover, list, show, export, import and delete signing keys. */
export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("manage the secp256k1 keys that sign transactions (HD path m/44'/118'/0'/0/<index>)");

  const add = keyCommand(keys, "add <name>", "create a key from a new 24-word mnemonic (shown once), or recover one read from stdin")
    .option("--recover", "read an existing BIP39 mnemonic from stdin instead of creating one")
    .option("--index <n>", "HD address index: m/44'/118'/0'/0/<n>", parseIndex, 0)
    .addHelpText("after", "\nExamples:\n  persistence keys add alice\n  echo \"$MNEMONIC\" | persistence keys add alice --recover --index 1");
  defineAction<KeyringBackendOptions & { recover?: boolean; index: number }>(add, async (context, name) => {
    const keyring = openKeyring(context);
    keyring.checkNewName(name!);
    const mnemonic = context.options.recover ? normalizeMnemonic((await context.prompter.line("Enter your BIP39 mnemonic: ")) ?? "") : newMnemonic();
    const key = await keyring.addFromMnemonic(name!, mnemonic, context.options.index);
    if (context.options.recover) {
      context.output.result(keyJson(key), describeKey(key));
      return;
    }
    context.output.result({ ...keyJson(key), mnemonic }, [
      ...describeKey(key),
      "",
      "**Important** write this mnemonic phrase down and keep it safe. It is shown only this once,",
      "and it is the only way to recover this key.",
      "",
      mnemonic,
    ]);
  });

  const list = keyCommand(keys, "list", "list the keys of the keyring");
  defineAction<KeyringBackendOptions>(list, async (context) => {
    const keyring = openKeyring(context);
    const all = keyring.list();
    context.output.result(all.map(keyJson), all.length === 0 ? `no keys in ${keyring.dir}` : all.flatMap(describeKey));
  });

  const show = keyCommand(keys, "show <name>", "show a key's address and public key").option("--address", "print only the address");
  defineAction<KeyringBackendOptions & { address?: boolean }>(show, async (context, name) => {
    const key = openKeyring(context).get(name!);
    if (context.options.address) context.output.result({ address: key.address }, key.address);
    else context.output.result(keyJson(key), describeKey(key));
  });

  const exportKey = keyCommand(keys, "export <name>", "print a key's private key as armored text, encrypted under a new passphrase").addHelpText(
    "after",
    `\nThe export passphrase is read from $${EXPORT_PASSPHRASE_ENV}, or asked for twice.\nThe text is read back by \`persistence keys import\`.`,
  );
  defineAction<KeyringBackendOptions>(exportKey, async (context, name) => {
    const keyring = openKeyring(context);
    const key = keyring.get(name!);
    const privateKey = await keyring.privateKey(name!);
    const passphrase = await readPassphrase(context.prompter, { env: EXPORT_PASSPHRASE_ENV, what: "export", isNew: true });
    const armor = armorPrivateKey(await seal(privateKey, passphrase));
    context.output.result({ name: key.name, address: key.address, armor }, armor.trimEnd());
  });

  const importKey = keyCommand(keys, "import <name> <file>", "store a private key exported by `persistence keys export` under a name").addHelpText(
    "after",
    `\nThe passphrase the key was exported with is read from $${EXPORT_PASSPHRASE_ENV}, or asked for.`,
  );
  defineAction<KeyringBackendOptions>(importKey, async (context, name, file) => {
    const keyring = openKeyring(context);
    keyring.checkNewName(name!);
    const sealed = unarmorPrivateKey(readArmorFile(file!));
    const passphrase = await readPassphrase(context.prompter, { env: EXPORT_PASSPHRASE_ENV, what: "export", isNew: false });
    const key = await keyring.addPrivateKey(name!, await unseal(sealed, passphrase, `the exported key in ${file}`));
    context.output.result(keyJson(key), describeKey(key));
  });

  const remove = keyCommand(keys, "delete <name>", "delete a key from the keyring").option("-y, --yes", "delete without asking");
  defineAction<KeyringBackendOptions & { yes?: boolean }>(remove, async (context, name) => {
    const keyring = openKeyring(context);
    const key = keyring.get(name!);
    const question = `Delete key "${key.name}" (${key.address})? Only its mnemonic or an export can bring it back.`;
    if (!context.options.yes && !(await context.prompter.confirm(question))) throw new CliError("aborted", "nothing was deleted");
    keyring.delete(name!);
    context.output.result({ ...keyJson(key), deleted: true }, `deleted key "${key.name}" (${key.address})`);
  });
}

function keyCommand(keys: Command, nameAndArgs: string, description: string): Command {
  return withKeyringOption(withCommonOptions(keys.command(nameAndArgs).description(description)));
}

function parseIndex(text: string): number {
  const index = Number(text);
  if (!/^\d+$/.test(text) || index >= 2 ** 31) throw new InvalidArgumentError("expected 0 to 2147483647");
  return index;
}

function readArmorFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new CliError("file_not_readable", `cannot read ${path}: ${(error as Error).message}`);
  }
}

/** A key as the Cosmos SDK's `keys show --output json` prints it. */
function keyJson(key: KeyInfo) {
  return { name: key.name, type: "local", address: key.address, pubkey: pubkeyJson(key.publicKey), hd_path: key.hdPath };
}

function pubkeyJson(publicKey: Uint8Array) {
  return { "@type": "/cosmos.crypto.secp256k1.PubKey", key: toBase64(publicKey) };
}

function describeKey(key: KeyInfo): string[] {
  return [
    `- name: ${key.name}`,
    `  address: ${key.address}`,
    `  pubkey: ${JSON.stringify(pubkeyJson(key.publicKey))}`,
    `  hd_path: ${key.hdPath ?? "(imported private key)"}`,
  ];
}
