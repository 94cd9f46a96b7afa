import { fromBase64, fromHex, toBase64, toHex } from "@cosmjs/encoding";
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "../errors.js";
import { derivePrivateKey, describePrivateKey, hdPath } from "./hd.js";
import { seal, unseal, type SealedSecret } from "./sealed-secret.js";

/**
 * `file` encrypts each private key under the keyring passphrase; `test` stores it in the clear,
 * as the Cosmos SDK's test backend does, for local devnets only.
 */
export type KeyringBackend = "file" | "test";
export const KEYRING_BACKENDS: readonly KeyringBackend[] = ["file", "test"];

export interface KeyInfo {
  name: string;
  /** bech32 "persistence1…" */
  address: string;
  /** Compressed secp256k1 public key (33 bytes). */
  publicKey: Uint8Array;
  /** Where a key derived from a mnemonic came from; null for an imported private key. */
  hdPath: string | null;
}

/** Asks for the keyring passphrase when the file backend needs it; `creating` for the keyring's first key. */
export type PassphraseSource = (request: { creating: boolean }) => Promise<string>;

export interface KeyringOptions {
  home: string;
  backend: KeyringBackend;
  passphrase: PassphraseSource;
}

/** Letters, digits, ".", "_" and "-", starting with a letter or digit: safe as a file name everywhere. */
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const TEST_BACKEND_WARNING = "UNENCRYPTED: the test keyring backend stores private keys in the clear; use it only for local devnets";

/** A key's file: `<home>/keyring-<backend>/<name>.json`, mode 0600, in a directory of mode 0700. */
interface KeyFile {
  version: 1;
  name: string;
  algo: "secp256k1";
  address: string;
  /** base64 of the compressed public key */
  pubkey: string;
  hd_path: string | null;
  backend: KeyringBackend;
  /** file backend: the private key sealed under the keyring passphrase (hex byte fields). */
  encrypted_private_key?: { kdf: "scrypt"; n: number; r: number; p: number; salt: string; cipher: "aes-256-gcm"; nonce: string; ciphertext: string; tag: string };
  /** test backend: the private key in hex, with a warning beside it. */
  warning?: string;
  private_key?: string;
}

/**
 * The CLI's keys. Public information (name, address, public key) is readable without the
 * passphrase; the file backend asks for it only to add a key or use a private key, and checks
 * it against an existing key first, so every key of a keyring shares one passphrase.
 */
export class Keyring {
  readonly dir: string;

  constructor(private readonly options: KeyringOptions) {
    this.dir = join(options.home, `keyring-${options.backend}`);
  }

  list(): KeyInfo[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((file) => file.endsWith(".json"))
      .map((file) => file.slice(0, -".json".length))
      .filter((name) => KEY_NAME.test(name))
      .sort()
      .map((name) => this.get(name));
  }

  has(name: string): boolean {
    checkKeyName(name);
    return existsSync(this.path(name));
  }

  get(name: string): KeyInfo {
    const file = this.read(name);
    return { name: file.name, address: file.address, publicKey: fromBase64(file.pubkey), hdPath: file.hd_path };
  }

  /** Derives the key at m/44'/118'/0'/0/<index> of the mnemonic and stores it under `name`. */
  async addFromMnemonic(name: string, mnemonic: string, index: number): Promise<KeyInfo> {
    this.checkNewName(name);
    return this.store(name, derivePrivateKey(mnemonic, index), hdPath(index));
  }

  async addPrivateKey(name: string, privateKey: Uint8Array): Promise<KeyInfo> {
    this.checkNewName(name);
    return this.store(name, privateKey, null);
  }

  async privateKey(name: string): Promise<Uint8Array> {
    const file = this.read(name);
    const privateKey = file.private_key !== undefined ? fromHex(file.private_key) : await unseal(sealedFrom(file), await this.options.passphrase({ creating: false }), "the keyring");
    if (describePrivateKey(privateKey).address !== file.address) throw invalidFile(this.path(name), "its private key does not match its address");
    return privateKey;
  }

  delete(name: string): KeyInfo {
    const info = this.get(name);
    unlinkSync(this.path(name));
    return info;
  }

  private async store(name: string, privateKey: Uint8Array, path: string | null): Promise<KeyInfo> {
    const { publicKey, address } = describePrivateKey(privateKey);
    const file: KeyFile = { version: 1, name, algo: "secp256k1", address, pubkey: toBase64(publicKey), hd_path: path, backend: this.options.backend };
    if (this.options.backend === "test") {
      file.warning = TEST_BACKEND_WARNING;
      file.private_key = toHex(privateKey);
    } else {
      file.encrypted_private_key = sealedToJson(await seal(privateKey, await this.checkedPassphrase()));
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    try {
      // "wx" refuses to replace a key that appeared meanwhile.
      writeFileSync(this.path(name), `${JSON.stringify(file, null, 2)}\n`, { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw keyExists(name);
      throw error;
    }
    return { name, address, publicKey, hdPath: path };
  }

  /** The passphrase for a new key: a new one for an empty keyring, else the one that opens its keys. */
  private async checkedPassphrase(): Promise<string> {
    const existing = this.list()[0];
    const passphrase = await this.options.passphrase({ creating: existing === undefined });
    if (existing) await unseal(sealedFrom(this.read(existing.name)), passphrase, "the keyring");
    return passphrase;
  }

  /** Refuses an invalid name or one already taken. */
  checkNewName(name: string): void {
    if (this.has(name)) throw keyExists(name);
  }

  private read(name: string): KeyFile {
    checkKeyName(name);
    const path = this.path(name);
    if (!existsSync(path)) {
      throw new CliError("key_not_found", `no key named "${name}" in the ${this.options.backend} keyring (${this.dir}); see \`persistence keys list --keyring-backend ${this.options.backend}\``);
    }
    let file: KeyFile;
    try {
      file = JSON.parse(readFileSync(path, "utf8")) as KeyFile;
    } catch (error) {
      throw invalidFile(path, (error as Error).message);
    }
    if (file.version !== 1 || file.name !== name || typeof file.address !== "string" || typeof file.pubkey !== "string") {
      throw invalidFile(path, "unexpected contents");
    }
    if (file.private_key === undefined && file.encrypted_private_key === undefined) throw invalidFile(path, "it holds no private key");
    return file;
  }

  private path(name: string): string {
    return join(this.dir, `${name}.json`);
  }
}

export function checkKeyName(name: string): void {
  if (!KEY_NAME.test(name)) {
    throw new CliError("invalid_key_name", `invalid key name "${name}": use 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }
}

function keyExists(name: string): CliError {
  return new CliError("key_exists", `a key named "${name}" already exists; delete it first or choose another name`);
}

function invalidFile(path: string, reason: string): CliError {
  return new CliError("invalid_key_file", `${path} is not a valid key file: ${reason}`);
}

function sealedToJson(sealed: SealedSecret): NonNullable<KeyFile["encrypted_private_key"]> {
  return { ...sealed, salt: toHex(sealed.salt), nonce: toHex(sealed.nonce), ciphertext: toHex(sealed.ciphertext), tag: toHex(sealed.tag) };
}

function sealedFrom(file: KeyFile): SealedSecret {
  const sealed = file.encrypted_private_key;
  if (!sealed) throw new CliError("invalid_key_file", `key "${file.name}" is not encrypted`);
  return { ...sealed, salt: fromHex(sealed.salt), nonce: fromHex(sealed.nonce), ciphertext: fromHex(sealed.ciphertext), tag: fromHex(sealed.tag) };
}
