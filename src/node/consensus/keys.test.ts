import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ed25519 } from "@noble/curves/ed25519.js";
import { afterAll, describe, expect, it } from "vitest";
import { fromHex, toHex, utf8 } from "../../store/bytes.js";
import { sha256 } from "../../store/hash.js";
import {
  Ed25519PrivateKey,
  INITIAL_PRIV_VALIDATOR_STATE,
  KeyFileError,
  loadNodeKey,
  loadPrivValidatorKey,
  loadPrivValidatorState,
  nodeId,
  verifyEd25519,
  writeNodeKey,
  writePrivValidatorKey,
  writePrivValidatorState,
} from "./keys.js";

const dir = mkdtempSync(join(tmpdir(), "persistence-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
const freshPath = (name: string) => join(dir, `${fileCount++}-${name}`);

// Written by CometBFT v0.38.17's privval.FilePV.Save and p2p.NodeKey.SaveAs for the keys
// ed25519.GenPrivKeyFromSecret("persistence-test-validator") and ("persistence-test-node").
const VALIDATOR_SEED = "47c6987bcd944d32c4a1cc519822006db1ce70dc9d1a772bc5ad0273bd3ef6e5";
const GO_PRIV_VALIDATOR_KEY = `{
  "address": "1D902F1C840508CE20134D0C1FCE0DC9EEA60A03",
  "pub_key": {
    "type": "tendermint/PubKeyEd25519",
    "value": "q1R+NhnOok1W4zfrTlF8vdx1bLBYAYz2edKyqLbLQcA="
  },
  "priv_key": {
    "type": "tendermint/PrivKeyEd25519",
    "value": "R8aYe82UTTLEocxRmCIAbbHOcNydGncrxa0Cc70+9uWrVH42Gc6iTVbjN+tOUXy93HVssFgBjPZ50rKotstBwA=="
  }
}`;
const GO_PRIV_VALIDATOR_STATE = `{
  "height": "0",
  "round": 0,
  "step": 0
}`;
const GO_NODE_KEY =
  '{"priv_key":{"type":"tendermint/PrivKeyEd25519","value":"+0YdGUplZuKJtfcqFR12RCCLmda2CuM4bAslvAbDmBv3Pcr6HlJZU2tGPKy6Sm1cqPEzwLQnUWjSD9U8SCOFLw=="}}';

describe("ed25519 keys", () => {
  it("match RFC 8032 test vector 1", () => {
    const key = Ed25519PrivateKey.fromSeed(fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    expect(toHex(key.publicKey)).toBe("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    const signature = key.sign(new Uint8Array(0));
    expect(toHex(signature)).toBe(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    );
    expect(verifyEd25519(key.publicKey, new Uint8Array(0), signature)).toBe(true);
  });

  it("sign like @noble/curves and verify its signatures", () => {
    const key = Ed25519PrivateKey.generate();
    const message = utf8("precommit sign bytes");
    const seed = fromHex(toHex(key.toCometBytes()).slice(0, 64));
    expect(key.sign(message)).toEqual(ed25519.sign(message, seed));
    expect(ed25519.verify(key.sign(message), message, key.publicKey)).toBe(true);
    expect(verifyEd25519(ed25519.getPublicKey(seed), message, ed25519.sign(message, seed))).toBe(true);
  });

  it("reject wrong messages, keys and malformed input without throwing", () => {
    const key = Ed25519PrivateKey.generate();
    const signature = key.sign(utf8("a"));
    expect(verifyEd25519(key.publicKey, utf8("b"), signature)).toBe(false);
    expect(verifyEd25519(Ed25519PrivateKey.generate().publicKey, utf8("a"), signature)).toBe(false);
    expect(verifyEd25519(key.publicKey.subarray(1), utf8("a"), signature)).toBe(false);
    expect(verifyEd25519(new Uint8Array(32).fill(0xff), utf8("a"), signature)).toBe(false);
    expect(verifyEd25519(key.publicKey, utf8("a"), signature.subarray(1))).toBe(false);
  });

  it("keep the seed out of JSON and logs", () => {
    const key = Ed25519PrivateKey.fromSeed(fromHex(VALIDATOR_SEED));
    expect(Object.keys(key).sort()).toEqual(["address", "publicKey"]);
  });
});

describe("priv_validator_key.json", () => {
  it("is written byte for byte as CometBFT writes it, with mode 0600", () => {
    const path = freshPath("priv_validator_key.json");
    writePrivValidatorKey(path, Ed25519PrivateKey.fromSeed(fromHex(VALIDATOR_SEED)));
    expect(readFileSync(path, "utf8")).toBe(GO_PRIV_VALIDATOR_KEY);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("loads CometBFT's file", () => {
    const path = freshPath("priv_validator_key.json");
    writeFileSync(path, GO_PRIV_VALIDATOR_KEY);
    const key = loadPrivValidatorKey(path);
    expect(toHex(key.address).toUpperCase()).toBe("1D902F1C840508CE20134D0C1FCE0DC9EEA60A03");
    expect(key.sign(utf8("x"))).toEqual(Ed25519PrivateKey.fromSeed(fromHex(VALIDATOR_SEED)).sign(utf8("x")));
  });

  it("round-trips a generated key whose address is sha256(pub_key)[:20]", () => {
    const path = freshPath("priv_validator_key.json");
    const key = Ed25519PrivateKey.generate();
    writePrivValidatorKey(path, key);
    const loaded = loadPrivValidatorKey(path);
    expect(loaded.publicKey).toEqual(key.publicKey);
    expect(loaded.address).toEqual(sha256(key.publicKey).subarray(0, 20));
    const file = JSON.parse(readFileSync(path, "utf8")) as { address: string };
    expect(file.address).toBe(toHex(key.address).toUpperCase());
  });

  it("refuses files whose parts disagree or are malformed", () => {
    const cases: [string, (file: any) => void, RegExp][] = [
      ["address", (f) => (f.address = "00".repeat(20)), /address 0{40} is not the address of pub_key/],
      ["pub_key", (f) => (f.pub_key.value = Buffer.alloc(32, 1).toString("base64")), /pub_key does not match priv_key/],
      ["priv_key type", (f) => (f.priv_key.type = "tendermint/PrivKeySecp256k1"), /priv_key\.type must be "tendermint\/PrivKeyEd25519"/],
      ["priv_key length", (f) => (f.priv_key.value = Buffer.alloc(32).toString("base64")), /priv_key\.value must be 64 bytes, got 32/],
      ["base64", (f) => (f.priv_key.value = "not base64!"), /priv_key\.value must be base64/],
      ["halves", (f) => (f.priv_key.value = Buffer.concat([Buffer.alloc(32, 7), Buffer.alloc(32, 8)]).toString("base64")), /last 32 bytes are not the public key/],
    ];
    for (const [name, change, message] of cases) {
      const file = JSON.parse(GO_PRIV_VALIDATOR_KEY);
      change(file);
      const path = freshPath(`${name}.json`);
      writeFileSync(path, JSON.stringify(file));
      expect(() => loadPrivValidatorKey(path), name).toThrow(message);
    }
    const path = freshPath("broken.json");
    writeFileSync(path, "{");
    expect(() => loadPrivValidatorKey(path)).toThrow(KeyFileError);
  });
});

describe("priv_validator_state.json", () => {
  it("starts as CometBFT writes it, with mode 0600", () => {
    const path = freshPath("priv_validator_state.json");
    writePrivValidatorState(path, INITIAL_PRIV_VALIDATOR_STATE);
    expect(readFileSync(path, "utf8")).toBe(GO_PRIV_VALIDATOR_STATE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadPrivValidatorState(path)).toEqual({ height: 0n, round: 0, step: 0 });
  });

  it("round-trips a signed state and replaces the file", () => {
    const path = freshPath("priv_validator_state.json");
    writePrivValidatorState(path, INITIAL_PRIV_VALIDATOR_STATE);
    const state = { height: 12n, round: 1, step: 3, signature: new Uint8Array(64).fill(9), signBytes: fromHex("0a0b0c") };
    writePrivValidatorState(path, state);
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ height: "12", signbytes: "0A0B0C" });
    expect(loadPrivValidatorState(path)).toEqual(state);
  });

  it("refuses a height that is not a string", () => {
    const path = freshPath("priv_validator_state.json");
    writeFileSync(path, '{"height":0,"round":0,"step":0}');
    expect(() => loadPrivValidatorState(path)).toThrow(/height must be a decimal string/);
  });
});

describe("node_key.json", () => {
  const nodeSeed = sha256(utf8("persistence-test-node"));

  it("is written and loaded as CometBFT does, with CometBFT's node id", () => {
    const path = freshPath("node_key.json");
    writeNodeKey(path, Ed25519PrivateKey.fromSeed(nodeSeed));
    expect(readFileSync(path, "utf8")).toBe(GO_NODE_KEY);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(nodeId(loadNodeKey(path).publicKey)).toBe("66055085541cc54603ef871dfa48716e5e8fd930");
  });
});
