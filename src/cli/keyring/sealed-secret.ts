import { createCipheriv, createDecipheriv, randomBytes, scrypt } from "node:crypto";
import { CliError } from "../errors.js";

/**
 * A secret encrypted under a passphrase: the key is scrypt(passphrase, salt) and the cipher
 * AES-256-GCM, whose tag makes a wrong passphrase (or a changed byte) fail to open.
 */
export interface SealedSecret {
  kdf: "scrypt";
  /** scrypt's cost (a power of two), block size and parallelism. */
  n: number;
  r: number;
  p: number;
  salt: Uint8Array;
  cipher: "aes-256-gcm";
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and about 0.1 s per derivation here, the interactive-login
 * setting scrypt's author recommends. Files record their parameters, so these can rise later.
 */
export const SCRYPT_PARAMS = { n: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
/** Refuses files that would make us spend more than 256 MiB deriving their key. */
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;

export class WrongPassphraseError extends CliError {
  constructor(what: string) {
    super("wrong_passphrase", `wrong passphrase for ${what} (or the file was altered); nothing was changed`);
  }
}

export async function seal(secret: Uint8Array, passphrase: string): Promise<SealedSecret> {
  const salt = new Uint8Array(randomBytes(SALT_BYTES));
  const nonce = new Uint8Array(randomBytes(NONCE_BYTES));
  const key = await deriveKey(passphrase, salt, SCRYPT_PARAMS);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const ciphertext = new Uint8Array(Buffer.concat([cipher.update(secret), cipher.final()]));
  return { kdf: "scrypt", ...SCRYPT_PARAMS, salt, cipher: "aes-256-gcm", nonce, ciphertext, tag: new Uint8Array(cipher.getAuthTag()) };
}

/** Decrypts; a wrong passphrase throws WrongPassphraseError naming `what`. */
export async function unseal(sealed: SealedSecret, passphrase: string, what: string): Promise<Uint8Array> {
  const key = await deriveKey(passphrase, sealed.salt, sealed);
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.nonce);
  decipher.setAuthTag(sealed.tag);
  try {
    return new Uint8Array(Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]));
  } catch {
    throw new WrongPassphraseError(what);
  }
}

function deriveKey(passphrase: string, salt: Uint8Array, params: { n: number; r: number; p: number }): Promise<Buffer> {
  // OpenSSL's own estimate of what scrypt allocates, which `maxmem` must cover.
  const memory = 128 * params.r * (params.n + params.p + 2);
  if (memory > MAX_SCRYPT_MEMORY) throw new CliError("invalid_key_file", `scrypt parameters need ${memory} bytes of memory; at most ${MAX_SCRYPT_MEMORY} are allowed`);
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize("NFKC"), salt, KEY_BYTES, { N: params.n, r: params.r, p: params.p, maxmem: memory + 1024 * 1024 }, (error, key) =>
      error ? reject(new CliError("invalid_key_file", `cannot derive the key: ${error.message}`)) : resolve(key),
    ),
  );
}
