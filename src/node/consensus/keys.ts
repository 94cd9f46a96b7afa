import { createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesEqual, fromHex, toHex } from "../../store/bytes.js";
import { validatorAddress } from "./block-hashing.js";

/**
 * ed25519 keys and CometBFT v0.38 key files: priv_validator_key.json, priv_validator_state.json
 * and node_key.json, byte for byte as CometBFT writes them.
 *
 * Signing uses node:crypto (OpenSSL, ≈15× faster than @noble/curves here); verifying uses
 * @noble/curves with ZIP-215 rules, the rules CometBFT verifies with (curve25519-voi), which
 * accept some edge-case signatures that OpenSSL's strict RFC 8032 check rejects.
 */

const PUB_KEY_TYPE = "tendermint/PubKeyEd25519";
const PRIV_KEY_TYPE = "tendermint/PrivKeyEd25519";
// DER prefix of a PKCS#8 ed25519 private key; the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = fromHex("302e020100300506032b657004220420");

/** A key that signs consensus messages for a validator. */
export interface ValidatorKey {
  /** First 20 bytes of sha256(publicKey). */
  readonly address: Uint8Array;
  /** ed25519 public key, 32 bytes. */
  readonly publicKey: Uint8Array;
  /** ed25519 signature (64 bytes) of `message`. */
  sign(message: Uint8Array): Uint8Array;
}

/** An ed25519 private key. Its seed is a private field: it never shows in logs or JSON. */
export class Ed25519PrivateKey implements ValidatorKey {
  readonly publicKey: Uint8Array;
  readonly address: Uint8Array;
  readonly #seed: Uint8Array;
  readonly #keyObject: KeyObject;

  private constructor(seed: Uint8Array) {
    this.#seed = Uint8Array.from(seed);
    this.#keyObject = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
      format: "der",
      type: "pkcs8",
    });
    const spki = createPublicKey(this.#keyObject).export({ format: "der", type: "spki" });
    this.publicKey = new Uint8Array(spki.subarray(spki.length - 32));
    this.address = validatorAddress(this.publicKey);
  }

  static generate(): Ed25519PrivateKey {
    return new Ed25519PrivateKey(randomBytes(32));
  }

  static fromSeed(seed: Uint8Array): Ed25519PrivateKey {
    if (seed.length !== 32) throw new RangeError(`an ed25519 seed has 32 bytes, got ${seed.length}`);
    return new Ed25519PrivateKey(seed);
  }

  sign(message: Uint8Array): Uint8Array {
    return new Uint8Array(sign(null, message, this.#keyObject));
  }

  /** CometBFT's 64-byte PrivKeyEd25519: the seed followed by the public key. */
  toCometBytes(): Uint8Array {
    return Uint8Array.from([...this.#seed, ...this.publicKey]);
  }
}

/**
 * Verifies an ed25519 signature as CometBFT does (ZIP-215). False for malformed input; never throws.
 *
 * @example
 * verifyEd25519(key.publicKey, signBytes, key.sign(signBytes)) // true
 */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: true });
  } catch {
    return false;
  }
}

/** The p2p node id: lowercase hex of the node key's address. */
export function nodeId(publicKey: Uint8Array): string {
  return toHex(validatorAddress(publicKey));
}

/** A key file that cannot be read as CometBFT's format describes it. */
export class KeyFileError extends Error {
  override readonly name = "KeyFileError";
  readonly code = "invalid_key_file";

  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** Writes priv_validator_key.json (mode 0600). */
export function writePrivValidatorKey(path: string, key: Ed25519PrivateKey): void {
  const file = {
    address: toHex(key.address).toUpperCase(),
    pub_key: { type: PUB_KEY_TYPE, value: toBase64(key.publicKey) },
    priv_key: { type: PRIV_KEY_TYPE, value: toBase64(key.toCometBytes()) },
  };
  writePrivateFile(path, JSON.stringify(file, null, 2));
}

/** Reads priv_validator_key.json and checks that its address and keys agree. */
export function loadPrivValidatorKey(path: string): Ed25519PrivateKey {
  const file = readJsonObject(path);
  const key = readPrivKey(path, file["priv_key"]);
  const pubKey = readTypedBytes(path, "pub_key", file["pub_key"], PUB_KEY_TYPE, 32);
  if (!bytesEqual(pubKey, key.publicKey)) throw new KeyFileError(path, "pub_key does not match priv_key");
  const address = file["address"];
  if (typeof address !== "string" || !/^[0-9A-Fa-f]{40}$/.test(address)) {
    throw new KeyFileError(path, "address must be 40 hex digits");
  }
  if (!bytesEqual(fromHex(address), key.address)) {
    throw new KeyFileError(path, `address ${address} is not the address of pub_key (${toHex(key.address).toUpperCase()})`);
  }
  return key;
}

/** The last height, round and step a validator signed at (its double-sign protection). */
export interface PrivValidatorState {
  height: bigint;
  round: number;
  /** 0 none, 1 propose, 2 prevote, 3 precommit. */
  step: number;
  signature?: Uint8Array;
  signBytes?: Uint8Array;
}

export const INITIAL_PRIV_VALIDATOR_STATE: Readonly<PrivValidatorState> = Object.freeze({ height: 0n, round: 0, step: 0 });

/** Writes priv_validator_state.json (mode 0600, replaced atomically). */
export function writePrivValidatorState(path: string, state: PrivValidatorState): void {
  const file: Record<string, unknown> = { height: state.height.toString(), round: state.round, step: state.step };
  if (state.signature !== undefined && state.signature.length > 0) file["signature"] = toBase64(state.signature);
  if (state.signBytes !== undefined && state.signBytes.length > 0) file["signbytes"] = toHex(state.signBytes).toUpperCase();
  writePrivateFile(path, JSON.stringify(file, null, 2));
}

export function loadPrivValidatorState(path: string): PrivValidatorState {
  const file = readJsonObject(path);
  const { height, round, step, signature, signbytes } = file;
  if (typeof height !== "string" || !/^\d+$/.test(height)) throw new KeyFileError(path, "height must be a decimal string");
  if (!Number.isSafeInteger(round) || (round as number) < 0) {
    throw new KeyFileError(path, "round must be a non-negative integer");
  }
  if (!(step === 0 || step === 1 || step === 2 || step === 3)) throw new KeyFileError(path, "step must be 0, 1, 2 or 3");
  const state: PrivValidatorState = { height: BigInt(height), round: round as number, step };
  if (signature !== undefined) state.signature = readBase64(path, "signature", signature);
  if (signbytes !== undefined) {
    if (typeof signbytes !== "string" || !/^([0-9A-Fa-f]{2})*$/.test(signbytes)) {
      throw new KeyFileError(path, "signbytes must be hex");
    }
    state.signBytes = fromHex(signbytes);
  }
  return state;
}

/** Writes node_key.json (mode 0600), compact as CometBFT writes it. */
export function writeNodeKey(path: string, key: Ed25519PrivateKey): void {
  writePrivateFile(path, JSON.stringify({ priv_key: { type: PRIV_KEY_TYPE, value: toBase64(key.toCometBytes()) } }));
}

export function loadNodeKey(path: string): Ed25519PrivateKey {
  return readPrivKey(path, readJsonObject(path)["priv_key"]);
}

function readPrivKey(path: string, value: unknown): Ed25519PrivateKey {
  const bytes = readTypedBytes(path, "priv_key", value, PRIV_KEY_TYPE, 64);
  const key = Ed25519PrivateKey.fromSeed(bytes.subarray(0, 32));
  if (!bytesEqual(bytes.subarray(32), key.publicKey)) {
    throw new KeyFileError(path, "priv_key's last 32 bytes are not the public key of its seed");
  }
  return key;
}

function readTypedBytes(path: string, field: string, value: unknown, type: string, length: number): Uint8Array {
  if (typeof value !== "object" || value === null) throw new KeyFileError(path, `${field} is missing`);
  const typed = value as Record<string, unknown>;
  if (typed["type"] !== type) {
    throw new KeyFileError(path, `${field}.type must be "${type}", got ${JSON.stringify(typed["type"])}`);
  }
  const bytes = readBase64(path, `${field}.value`, typed["value"]);
  if (bytes.length !== length) throw new KeyFileError(path, `${field}.value must be ${length} bytes, got ${bytes.length}`);
  return bytes;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function readBase64(path: string, field: string, value: unknown): Uint8Array {
  if (typeof value !== "string" || !BASE64.test(value)) throw new KeyFileError(path, `${field} must be base64`);
  return new Uint8Array(Buffer.from(value, "base64"));
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

function readJsonObject(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new KeyFileError(path, error instanceof Error ? error.message : String(error));
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new KeyFileError(path, "expected a JSON object");
  }
  return parsed as Record<string, unknown>;
}

/** Writes through a 0600 temporary file renamed over `path`, so a crash never leaves half a key. */
function writePrivateFile(path: string, text: string): void {
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temporary, "wx", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}
