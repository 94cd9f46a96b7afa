import { makeCosmoshubPath } from "@cosmjs/amino";
import { toHex } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet, DirectSecp256k1Wallet, makeSignDoc } from "@cosmjs/proto-signing";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACCOUNT_PREFIX } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { armorPrivateKey, unarmorPrivateKey } from "./armor.js";
import { derivePrivateKey, newMnemonic } from "./hd.js";
import { Keyring, type KeyringBackend } from "./keyring.js";
import { seal, unseal } from "./sealed-secret.js";

const PASSPHRASE = "correct horse battery";

describe("keyring", () => {
  let home: string;
  const asked: boolean[] = [];

  const open = (backend: KeyringBackend, passphrase = PASSPHRASE) =>
    new Keyring({
      home,
      backend,
      passphrase: async ({ creating }) => {
        asked.push(creating);
        return passphrase;
      },
    });

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "keyring-"));
    asked.length = 0;
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it("derives the same keys as CosmJS's DirectSecp256k1HdWallet at m/44'/118'/0'/0/<index>", async () => {
    const keyring = open("test");
    const mnemonic = newMnemonic();
    expect(mnemonic.split(" ")).toHaveLength(24);
    for (const [name, phrase, index] of [
      ["devnet0", DEVNET_MNEMONIC, 0],
      ["devnet3", DEVNET_MNEMONIC, 3],
      ["fresh7", mnemonic, 7],
    ] as const) {
      const key = await keyring.addFromMnemonic(name, phrase, index);
      const cosmjs = await DirectSecp256k1HdWallet.fromMnemonic(phrase, { prefix: ACCOUNT_PREFIX, hdPaths: [makeCosmoshubPath(index)] });
      const [account] = await cosmjs.getAccounts();
      expect(key.address).toBe(account!.address);
      expect(toHex(key.publicKey)).toBe(toHex(account!.pubkey));
      expect(key.hdPath).toBe(`m/44'/118'/0'/0/${index}`);
      // Equal deterministic signatures show the private keys are equal too.
      const ours = await DirectSecp256k1Wallet.fromKey(await keyring.privateKey(name), ACCOUNT_PREFIX);
      const doc = makeSignDoc(new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), "persistence-local-1", 9n);
      expect((await ours.signDirect(key.address, doc)).signature).toEqual((await cosmjs.signDirect(account!.address, doc)).signature);
    }
  });

  it("file backend: encrypts the key, reopens it with the passphrase, and keeps public data readable without it", async () => {
    const key = await open("file").addFromMnemonic("alice", DEVNET_MNEMONIC, 1);
    expect(asked).toEqual([true]);
    const path = join(home, "keyring-file", "alice.json");
    const privateKey = derivePrivateKey(DEVNET_MNEMONIC, 1);
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain(toHex(privateKey));
    expect(JSON.parse(text)).toMatchObject({ version: 1, name: "alice", address: key.address, backend: "file", encrypted_private_key: { kdf: "scrypt", n: 32768, r: 8, p: 1, cipher: "aes-256-gcm" } });
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const reopened = open("file");
    expect(reopened.list().map((k) => k.name)).toEqual(["alice"]);
    expect(asked).toEqual([true]);
    expect(await reopened.privateKey("alice")).toEqual(privateKey);
    expect(asked).toEqual([true, false]);
  });

  it("file backend: a wrong passphrase is refused and changes nothing", async () => {
    await open("file").addFromMnemonic("alice", DEVNET_MNEMONIC, 0);
    const before = readFileSync(join(home, "keyring-file", "alice.json"), "utf8");
    const wrong = open("file", "not the passphrase");
    await expect(wrong.privateKey("alice")).rejects.toMatchObject({ code: "wrong_passphrase" });
    await expect(wrong.addFromMnemonic("bob", DEVNET_MNEMONIC, 1)).rejects.toMatchObject({ code: "wrong_passphrase" });
    expect(readdirSync(join(home, "keyring-file"))).toEqual(["alice.json"]);
    expect(readFileSync(join(home, "keyring-file", "alice.json"), "utf8")).toBe(before);
    // The right passphrase still adds keys.
    await open("file").addFromMnemonic("bob", DEVNET_MNEMONIC, 1);
    expect(open("file").list().map((k) => k.name)).toEqual(["alice", "bob"]);
  });

  it("test backend: stores the key unencrypted, labelled, and never asks for a passphrase", async () => {
    const keyring = open("test");
    await keyring.addFromMnemonic("dave", DEVNET_MNEMONIC, 4);
    const file = JSON.parse(readFileSync(join(home, "keyring-test", "dave.json"), "utf8")) as Record<string, unknown>;
    expect(file.private_key).toBe(toHex(derivePrivateKey(DEVNET_MNEMONIC, 4)));
    expect(file.warning).toMatch(/UNENCRYPTED/);
    expect(await keyring.privateKey("dave")).toEqual(derivePrivateKey(DEVNET_MNEMONIC, 4));
    expect(asked).toEqual([]);
  });

  it("exports as passphrase-encrypted armor that imports back as the same key", async () => {
    const original = await open("file").addFromMnemonic("alice", DEVNET_MNEMONIC, 2);
    const armor = armorPrivateKey(await seal(await open("file").privateKey("alice"), "export passphrase"));
    expect(armor).toMatch(/^-----BEGIN PERSISTENCE PRIVATE KEY-----\ntype: secp256k1\nkdf: scrypt\n/);
    expect(armor).not.toContain(toHex(derivePrivateKey(DEVNET_MNEMONIC, 2)));

    const sealed = unarmorPrivateKey(armor);
    await expect(unseal(sealed, "wrong passphrase", "the export")).rejects.toMatchObject({ code: "wrong_passphrase" });
    const [head, body] = armor.split("\n\n") as [string, string];
    const tampered = `${head}\n\n${body.startsWith("A") ? "B" : "A"}${body.slice(1)}`;
    await expect(unseal(unarmorPrivateKey(tampered), "export passphrase", "the export")).rejects.toMatchObject({ code: "wrong_passphrase" });
    expect(() => unarmorPrivateKey("not armor")).toThrow(expect.objectContaining({ code: "invalid_armor" }));

    const imported = await open("test").addPrivateKey("alice-copy", await unseal(sealed, "export passphrase", "the export"));
    expect(imported.address).toBe(original.address);
    expect(imported.publicKey).toEqual(original.publicKey);
    expect(imported.hdPath).toBeNull();
  });

  it("validates names and refuses duplicates and unknown keys", async () => {
    const keyring = open("test");
    for (const bad of ["", "../escape", "a/b", ".hidden", "-dash", "with space", "x".repeat(65), "ünï"]) {
      await expect(keyring.addFromMnemonic(bad, DEVNET_MNEMONIC, 0), bad).rejects.toMatchObject({ code: "invalid_key_name" });
    }
    await keyring.addFromMnemonic("a.b-c_1", DEVNET_MNEMONIC, 0);
    await expect(keyring.addFromMnemonic("a.b-c_1", DEVNET_MNEMONIC, 1)).rejects.toMatchObject({ code: "key_exists" });
    expect(() => keyring.get("nobody")).toThrow(expect.objectContaining({ code: "key_not_found" }));
    expect(() => keyring.get("../etc/passwd")).toThrow(expect.objectContaining({ code: "invalid_key_name" }));
    expect(keyring.delete("a.b-c_1").name).toBe("a.b-c_1");
    expect(keyring.list()).toEqual([]);
  });
});
