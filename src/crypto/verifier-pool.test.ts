import { execFile } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { build } from "esbuild";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sha256 } from "../store/hash.js";
import { verifySecp256k1Signature } from "./secp256k1.js";
import { SignatureVerifierPool, type SignatureCheck } from "./verifier-pool.js";

const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const MUTATIONS = ["none", "signature", "signBytes", "publicKey", "highS", "truncate"] as const;

function signedCheck(privateKey: Uint8Array, signBytes: Uint8Array): SignatureCheck {
  return {
    publicKey: secp256k1.getPublicKey(privateKey, true),
    signBytes,
    signature: secp256k1.sign(sha256(signBytes), privateKey, { prehash: false, lowS: true }),
  };
}

function withBitFlipped(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[(bit >> 3) % copy.length]! ^= 1 << (bit & 7);
  return copy;
}

function withHighS(signature: Uint8Array): Uint8Array {
  const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString("hex")}`);
  const highS = Buffer.from((CURVE_ORDER - s).toString(16).padStart(64, "0"), "hex");
  return Uint8Array.from([...signature.subarray(0, 32), ...highS]);
}

const baseChecks = Array.from({ length: 50 }, (_, i) =>
  signedCheck(sha256(Uint8Array.of(1, i)), new TextEncoder().encode(`sign doc ${i}`)),
);

/** Checks whose validity follows an irregular pattern, so any reordering shows. */
function patternedChecks(count: number): { checks: SignatureCheck[]; expected: boolean[] } {
  const expected = Array.from({ length: count }, (_, i) => Math.imul(i, 2654435761) >>> 29 !== 0);
  const checks = expected.map((valid, i) => {
    const base = baseChecks[i % baseChecks.length]!;
    return valid ? base : { ...base, signature: withBitFlipped(base.signature, i) };
  });
  return { checks, expected };
}

/** Collects the worker threads started while `run` goes on. */
async function watchingWorkers<T>(
  onWorker: (worker: Worker) => void,
  run: () => Promise<T>,
): Promise<T> {
  process.on("worker", onWorker);
  try {
    return await run();
  } finally {
    process.off("worker", onWorker);
  }
}

describe("SignatureVerifierPool", () => {
  const pools: SignatureVerifierPool[] = [];
  const createPool = (workers: number) => {
    const pool = SignatureVerifierPool.create({ workers });
    pools.push(pool);
    return pool;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
  });

  it("answers an empty batch at once", async () => {
    expect(await createPool(1).verify([])).toEqual([]);
  });

  it("verifies 10,000 checks in order across workers", async () => {
    const { checks, expected } = patternedChecks(10_000);
    expect(await createPool(2).verify(checks)).toEqual(expected);
  });

  it("agrees with the synchronous function: valid if and only if unmodified", async () => {
    const pool = createPool(2);
    const arbitraryCheck = fc
      .record({
        privateKey: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(sha256),
        signBytes: fc.uint8Array({ maxLength: 300 }),
        mutation: fc.constantFrom(...MUTATIONS),
        bit: fc.nat(),
      })
      .map(({ privateKey, signBytes, mutation, bit }) => {
        const check = signedCheck(privateKey, signBytes);
        const mutated: Record<(typeof MUTATIONS)[number], SignatureCheck> = {
          none: check,
          signature: { ...check, signature: withBitFlipped(check.signature, bit) },
          signBytes: {
            ...check,
            signBytes: signBytes.length === 0 ? Uint8Array.of(bit) : withBitFlipped(signBytes, bit),
          },
          publicKey: { ...check, publicKey: withBitFlipped(check.publicKey, bit) },
          highS: { ...check, signature: withHighS(check.signature) },
          truncate: { ...check, signature: check.signature.subarray(0, bit % 64) },
        };
        return { check: mutated[mutation], valid: mutation === "none" };
      });
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryCheck, { minLength: 1, maxLength: 8 }), async (cases) => {
        const checks = cases.map((c) => c.check);
        const sync = checks.map((c) => verifySecp256k1Signature(c.publicKey, c.signBytes, c.signature));
        expect(sync).toEqual(cases.map((c) => c.valid));
        expect(await pool.verify(checks)).toEqual(sync);
      }),
      { numRuns: 40 },
    );
  });

  it("posts every chunk of a batch at once, so busy main-thread stretches do not hold workers back", async () => {
    const pool = createPool(2);
    const { checks, expected } = patternedChecks(2_000);
    const postMessage = vi.spyOn(Worker.prototype, "postMessage");
    try {
      const verdicts = pool.verify(checks);
      // 2,000 checks in chunks of at most 256, all handed to the workers before verify() yields.
      expect(postMessage).toHaveBeenCalledTimes(8);
      expect(await verdicts).toEqual(expected);
    } finally {
      postMessage.mockRestore();
    }
  });

  it("re-verifies the batch of a worker that dies, on a replacement", async () => {
    const started: Worker[] = [];
    await watchingWorkers(
      (worker) => started.push(worker),
      async () => {
        const pool = createPool(2);
        await setImmediate();
        expect(started).toHaveLength(2);
        const { checks, expected } = patternedChecks(1_000);
        const verdicts = pool.verify(checks);
        await started[0]!.terminate();
        expect(await verdicts).toEqual(expected);
        expect(started).toHaveLength(3);
        expect(await pool.verify(checks)).toEqual(expected);
      },
    );
  });

  it("fails a batch whose workers keep dying instead of hanging", async () => {
    await watchingWorkers(
      (worker) => void worker.terminate(),
      async () => {
        const pool = createPool(1);
        await expect(pool.verify(baseChecks)).rejects.toThrow("died 3 times");
      },
    );
  });

  it("rejects pending and later calls once closed", async () => {
    const pool = createPool(1);
    const pending = expect(pool.verify(patternedChecks(500).checks)).rejects.toThrow("closed");
    await pool.close();
    await pending;
    await expect(pool.verify(baseChecks)).rejects.toThrow("closed");
    await pool.close();
  });

  it("refuses a worker count that is not a positive integer", () => {
    expect(() => SignatureVerifierPool.create({ workers: 0 })).toThrow(RangeError);
    expect(() => SignatureVerifierPool.create({ workers: 1.5 })).toThrow(RangeError);
  });

  it("runs compiled to JavaScript, and its idle workers let the process exit", async () => {
    const dir = await mkdtemp(join(tmpdir(), "verifier-pool-"));
    try {
      const here = fileURLToPath(new URL(".", import.meta.url));
      await build({
        entryPoints: [join(here, "verifier-pool.ts"), join(here, "verifier-worker.ts")],
        outdir: dir,
        bundle: true,
        packages: "external",
        platform: "node",
        format: "esm",
        logLevel: "silent",
      });
      await writeFile(join(dir, "package.json"), '{ "type": "module" }');
      const nodeModules = fileURLToPath(new URL("../../node_modules", import.meta.url));
      await symlink(nodeModules, join(dir, "node_modules"));
      const [valid] = baseChecks;
      const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
      // Verifies twice, the second time on running workers, which must keep the process alive
      // while they work; never closes the pool, whose idle workers must then let it exit.
      await writeFile(
        join(dir, "main.js"),
        `import { SignatureVerifierPool } from "./verifier-pool.js";
        const [publicKey, signBytes, signature] =
          process.argv.slice(2).map((h) => Buffer.from(h, "hex"));
        const checks = [
          { publicKey, signBytes, signature },
          { publicKey, signBytes: Buffer.from("forged"), signature },
        ];
        const pool = SignatureVerifierPool.create({ workers: 2 });
        await pool.verify(checks);
        console.log(JSON.stringify(await pool.verify(checks)));`,
      );
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(dir, "main.js"), hex(valid!.publicKey), hex(valid!.signBytes), hex(valid!.signature)],
        { timeout: 10_000 },
      );
      expect(stdout.trim()).toBe("[true,false]");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 15_000);
});
