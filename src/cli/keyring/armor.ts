import { fromHex, toHex } from "@cosmjs/encoding";
import { CliError } from "../errors.js";
import type { SealedSecret } from "./sealed-secret.js";

const BEGIN = "-----BEGIN PERSISTENCE PRIVATE KEY-----";
const END = "-----END PERSISTENCE PRIVATE KEY-----";
const LINE_LENGTH = 64;

/**
 * A sealed secp256k1 private key as ASCII armor, in the shape of the Cosmos SDK's
 * `keys export`: headers naming the algorithm and how to decrypt, a blank line, then the
 * base64 of ciphertext followed by the 16-byte GCM tag.
 *
 * @example
 * -----BEGIN PERSISTENCE PRIVATE KEY-----
 * type: secp256k1
 * kdf: scrypt
 * scrypt-n: 32768
 * …
 *
 * 3q2+7w…
 * -----END PERSISTENCE PRIVATE KEY-----
 */
export function armorPrivateKey(sealed: SealedSecret): string {
  const headers = [
    ["type", "secp256k1"],
    ["kdf", sealed.kdf],
    ["scrypt-n", String(sealed.n)],
    ["scrypt-r", String(sealed.r)],
    ["scrypt-p", String(sealed.p)],
    ["salt", toHex(sealed.salt)],
    ["cipher", sealed.cipher],
    ["nonce", toHex(sealed.nonce)],
  ];
  const body = Buffer.concat([sealed.ciphertext, sealed.tag]).toString("base64");
  const lines = body.match(new RegExp(`.{1,${LINE_LENGTH}}`, "g")) ?? [];
  return [BEGIN, ...headers.map(([name, value]) => `${name}: ${value}`), "", ...lines, END, ""].join("\n");
}

export function unarmorPrivateKey(text: string): SealedSecret {
  const lines = text.replace(/\r\n/g, "\n").trim().split("\n");
  if (lines[0] !== BEGIN || lines[lines.length - 1] !== END) throw invalid(`expected the text between "${BEGIN}" and "${END}"`);
  const blank = lines.indexOf("");
  if (blank < 0) throw invalid("expected a blank line between the headers and the key");
  const headers = new Map(
    lines.slice(1, blank).map((line) => {
      const colon = line.indexOf(": ");
      return [line.slice(0, colon), line.slice(colon + 2)] as const;
    }),
  );
  const header = (name: string) => {
    const value = headers.get(name);
    if (value === undefined) throw invalid(`missing header "${name}"`);
    return value;
  };
  if (header("type") !== "secp256k1") throw invalid(`unsupported key type "${header("type")}"`);
  if (header("kdf") !== "scrypt" || header("cipher") !== "aes-256-gcm") throw invalid("only scrypt with aes-256-gcm is supported");
  const body = new Uint8Array(Buffer.from(lines.slice(blank + 1, -1).join(""), "base64"));
  if (body.length <= 16) throw invalid("the key is too short");
  const integer = (name: string) => {
    const value = Number(header(name));
    if (!Number.isSafeInteger(value) || value <= 0) throw invalid(`header "${name}" must be a positive integer`);
    return value;
  };
  return {
    kdf: "scrypt",
    n: integer("scrypt-n"),
    r: integer("scrypt-r"),
    p: integer("scrypt-p"),
    salt: hex(header("salt")),
    cipher: "aes-256-gcm",
    nonce: hex(header("nonce")),
    ciphertext: body.subarray(0, -16),
    tag: body.subarray(-16),
  };
}

function hex(text: string): Uint8Array {
  try {
    return fromHex(text);
  } catch {
    throw invalid(`"${text}" is not hex`);
  }
}

function invalid(reason: string): CliError {
  return new CliError("invalid_armor", `not an exported Persistence private key: ${reason}`);
}
