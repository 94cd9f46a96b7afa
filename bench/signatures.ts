import { createPublicKey, randomBytes, verify, type KeyObject } from "node:crypto";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { secp256k1 as noble } from "@noble/curves/secp256k1.js";
import { verifySecp256k1Signature } from "../src/crypto/secp256k1.js";
import { SignatureVerifierPool, type SignatureCheck } from "../src/crypto/verifier-pool.js";
import { sha256 } from "../src/store/hash.js";

export interface SignatureCeiling {
  /** Verifications per second on the main thread, fastest first, sha256 of the sign doc included. */
  singleCore: Array<{ implementation: string; perSecond: number }>;
  /** SignatureVerifierPool with one worker: the addon on one core less the pool's messaging. */
  poolOneWorkerPerSecond: number;
  cores: number;
  /** SignatureVerifierPool with one worker per core: the chain's ceiling. */
  ceilingPerSecond: number;
}

type Verify = (check: SignatureCheck, index: number) => boolean;

const CHAIN_IMPLEMENTATION = "secp256k1 addon (libsecp256k1)";
/** Distinct signatures in the sample, each over a sign doc of the size of a MsgSend's. */
const SAMPLE_SIZE = 256;
const SIGN_DOC_BYTES = 200;
/** Checks per pool.verify() call, as a block of transactions would bring them. */
const POOL_BATCH = 2_048;

/** DER header of a SubjectPublicKeyInfo holding a compressed secp256k1 point. */
const SPKI_PREFIX = Buffer.from("3036301006072a8648ce3d020106052b8104000a032200", "hex");

function importKey(publicKey: Uint8Array): KeyObject {
  const key = Buffer.concat([SPKI_PREFIX, publicKey]);
  return createPublicKey({ key, format: "der", type: "spki" });
}

function signedSample(): SignatureCheck[] {
  return Array.from({ length: SAMPLE_SIZE }, () => {
    const privateKey = noble.utils.randomSecretKey();
    const signBytes = randomBytes(SIGN_DOC_BYTES);
    return {
      publicKey: noble.getPublicKey(privateKey, true),
      signBytes,
      signature: noble.sign(sha256(signBytes), privateKey, { prehash: false }),
    };
  });
}

/** node:crypto accepts high-S signatures: a chain using it would add that (negligible) check. */
function implementations(sample: readonly SignatureCheck[]): Record<string, Verify> {
  const keys = sample.map((check) => importKey(check.publicKey));
  const p1363 = (key: KeyObject) => ({ key, dsaEncoding: "ieee-p1363" as const });
  return {
    [CHAIN_IMPLEMENTATION]: (c) => verifySecp256k1Signature(c.publicKey, c.signBytes, c.signature),
    "node:crypto, cached KeyObject": (c, i) =>
      verify("sha256", c.signBytes, p1363(keys[i]!), c.signature),
    "node:crypto, key imported each time": (c) =>
      verify("sha256", c.signBytes, p1363(importKey(c.publicKey)), c.signature),
    "@noble/curves": (c) =>
      noble.verify(c.signature, sha256(c.signBytes), c.publicKey, { prehash: false }),
  };
}

function perSecond(verified: number, start: number): number {
  return verified / ((performance.now() - start) / 1000);
}

function measureOnMainThread(
  name: string,
  check: Verify,
  sample: readonly SignatureCheck[],
  durationMs: number,
): number {
  const verifyAll = () => {
    sample.forEach((c, i) => {
      if (!check(c, i)) throw new Error(`${name} rejected a valid signature`);
    });
  };
  verifyAll(); // warms up the JIT
  let verified = 0;
  const start = performance.now();
  do {
    verifyAll();
    verified += sample.length;
  } while (performance.now() - start < durationMs);
  return perSecond(verified, start);
}

async function measurePool(
  workers: number,
  sample: readonly SignatureCheck[],
  durationMs: number,
): Promise<number> {
  const batch = Array.from({ length: POOL_BATCH }, (_, i) => sample[i % sample.length]!);
  const pool = SignatureVerifierPool.create({ workers });
  try {
    await pool.verify(batch); // starts and warms up the workers
    let verified = 0;
    const start = performance.now();
    // Two batches in flight, so workers never wait for the main thread between batches.
    const lane = async () => {
      do {
        const verdicts = await pool.verify(batch);
        if (verdicts.includes(false)) throw new Error("the pool rejected a valid signature");
        verified += batch.length;
      } while (performance.now() - start < durationMs);
    };
    await Promise.all([lane(), lane()]);
    return perSecond(verified, start);
  } finally {
    await pool.close();
  }
}

/**
 * Measures secp256k1 verifications per second: each implementation on one core, then the pool
 * (the chain's implementation) on one worker and on one worker per core. Takes about
 * 6 × durationMs.
 *
 * @example
 * const { ceilingPerSecond, cores } = await measureSignatureCeiling({ durationMs: 1_000 });
 */
export async function measureSignatureCeiling(options: {
  durationMs: number;
}): Promise<SignatureCeiling> {
  const sample = signedSample();
  const singleCore = Object.entries(implementations(sample))
    .map(([implementation, check]) => ({
      implementation,
      perSecond: measureOnMainThread(implementation, check, sample, options.durationMs),
    }))
    .sort((a, b) => b.perSecond - a.perSecond);
  const cores = availableParallelism();
  return {
    singleCore,
    poolOneWorkerPerSecond: await measurePool(1, sample, options.durationMs),
    cores,
    ceilingPerSecond: await measurePool(cores, sample, options.durationMs),
  };
}

/** Three significant digits with thousands separators: 24,900. */
function rounded(value: number): string {
  return Number(value.toPrecision(3)).toLocaleString("en-US");
}

export function formatSignatureCeiling(ceiling: SignatureCeiling): string {
  const addon = ceiling.singleCore.find((row) => row.implementation === CHAIN_IMPLEMENTATION)!;
  const overhead = (1 - ceiling.poolOneWorkerPerSecond / addon.perSecond) * 100;
  const width = Math.max(...ceiling.singleCore.map((row) => row.implementation.length)) + 1;
  const line = (label: string, perSecond: number, note: string) =>
    `  ${`${label}:`.padEnd(width)} ${rounded(perSecond).padStart(7)} verify/s (${note})`;
  const cores = `${ceiling.cores} core${ceiling.cores === 1 ? "" : "s"}`;
  return [
    `secp256k1 verification, sha256 of a ${SIGN_DOC_BYTES}-byte sign doc included`,
    ...ceiling.singleCore.map((row) => line(row.implementation, row.perSecond, "1 core")),
    line(
      "pool, 1 worker",
      ceiling.poolOneWorkerPerSecond,
      `${overhead.toFixed(1)}% below the addon on the main thread`,
    ),
    `ceiling: ${rounded(ceiling.ceilingPerSecond)} sig/s on ${cores} ` +
      `(${CHAIN_IMPLEMENTATION} in SignatureVerifierPool)`,
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatSignatureCeiling(await measureSignatureCeiling({ durationMs: 2_000 })));
}
