import { availableParallelism } from "node:os";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { packSignatureChecks, type SignatureCheck } from "./signature-batch.js";

export type { SignatureCheck };

/**
 * Most checks sent to a worker in one message: about 10 ms of work, which spreads a batch over
 * all workers and bounds what a crash re-verifies.
 */
const MAX_CHUNK = 256;
/** A chunk whose worker dies this many times fails its verify() call instead of retrying. */
const MAX_ATTEMPTS = 3;

/**
 * The compiled pool (dist/, .js) starts the compiled worker. Run from the TypeScript sources
 * (vitest), the worker thread gets module hooks that load .ts files, since vitest transforms
 * only its own thread.
 */
const WORKER: { url: URL; options: WorkerOptions } = import.meta.url.endsWith(".ts")
  ? {
      url: new URL("./verifier-worker.ts", import.meta.url),
      options: {
        execArgv: [
          ...process.execArgv,
          "--import",
          `data:text/javascript,${encodeURIComponent(
            `import { register } from "node:module"; register(${JSON.stringify(
              new URL("./typescript-worker-hooks.mjs", import.meta.url).href,
            )});`,
          )}`,
        ],
      },
    }
  : { url: new URL("./verifier-worker.js", import.meta.url), options: {} };

interface Chunk {
  checks: readonly SignatureCheck[];
  attempts: number;
  resolve(verdicts: Uint8Array): void;
  reject(error: Error): void;
}

/** A worker (started on demand) and the chunks posted to it, in the order it answers them. */
interface Slot {
  worker: Worker | undefined;
  chunks: Chunk[];
}

/** The checks a slot's worker has yet to answer. */
function load(slot: Slot): number {
  return slot.chunks.reduce((sum, chunk) => sum + chunk.checks.length, 0);
}

/**
 * Verifies batches of secp256k1 signatures on worker threads, one per core by default, with the
 * same results as verifySecp256k1Signature. A batch's chunks are all posted at once, each to the
 * worker with the least work in flight: the workers then go through them without waiting for the
 * main thread, which may be busy executing a block for a long stretch. A worker that dies is
 * replaced and its unanswered chunks verified again. Idle workers never keep the process alive.
 *
 * @example
 * const pool = SignatureVerifierPool.create();
 * const [valid] = await pool.verify([{ publicKey, signBytes, signature }]);
 * await pool.close();
 */
export class SignatureVerifierPool {
  readonly #slots: Slot[];
  #closed = false;

  private constructor(workers: number) {
    this.#slots = Array.from({ length: workers }, () => ({ worker: undefined, chunks: [] }));
    for (const slot of this.#slots) slot.worker = this.#spawn(slot);
  }

  static create(options: { workers?: number } = {}): SignatureVerifierPool {
    const workers = options.workers ?? availableParallelism();
    if (!Number.isInteger(workers) || workers < 1) {
      throw new RangeError(`workers must be a positive integer, got ${workers}`);
    }
    return new SignatureVerifierPool(workers);
  }

  /** One verdict per check, in order. Rejects only if the pool is closed or workers keep dying. */
  async verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    if (this.#closed) throw new Error("the signature verifier pool is closed");
    if (checks.length === 0) return [];
    const size = Math.min(MAX_CHUNK, Math.ceil(checks.length / this.#slots.length));
    const chunks: Promise<Uint8Array>[] = [];
    for (let start = 0; start < checks.length; start += size) {
      const part = checks.slice(start, start + size);
      chunks.push(new Promise((resolve, reject) => this.#post({ checks: part, attempts: 0, resolve, reject })));
    }
    const verdicts = await Promise.all(chunks);
    return verdicts.flatMap((chunk) => Array.from(chunk, (verdict) => verdict === 1));
  }

  /** Stops the workers; pending verify() calls reject. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = new Error("the signature verifier pool was closed");
    await Promise.all(
      this.#slots.map(async (slot) => {
        for (const chunk of slot.chunks.splice(0)) chunk.reject(error);
        await slot.worker?.terminate();
      }),
    );
  }

  /** Posts `chunk` to the worker with the fewest checks in flight. */
  #post(chunk: Chunk): void {
    if (this.#closed) return chunk.reject(new Error("the signature verifier pool is closed"));
    const slot = this.#slots.reduce((best, s) => (load(s) < load(best) ? s : best));
    const worker = (slot.worker ??= this.#spawn(slot));
    slot.chunks.push(chunk);
    worker.ref();
    const batch = packSignatureChecks(chunk.checks);
    worker.postMessage(batch, [batch]);
  }

  #spawn(slot: Slot): Worker {
    const worker = new Worker(WORKER.url, WORKER.options);
    worker.unref();
    let failure: Error | undefined;
    worker.on("message", (verdicts: Uint8Array) => {
      const chunk = slot.chunks.shift();
      if (!chunk) return;
      if (slot.chunks.length === 0) worker.unref();
      chunk.resolve(verdicts);
    });
    worker.on("error", (error) => {
      failure = error;
    });
    worker.on("exit", () => {
      slot.worker = undefined;
      const unanswered = slot.chunks.splice(0);
      if (this.#closed) return;
      // The worker answers in order, so it died on the first unanswered chunk.
      const culprit = unanswered[0];
      if (culprit && ++culprit.attempts >= MAX_ATTEMPTS) {
        unanswered.shift();
        culprit.reject(new Error(`signature verifier workers died ${MAX_ATTEMPTS} times on one batch`, { cause: failure }));
      }
      for (const chunk of unanswered) this.#post(chunk);
    });
    return worker;
  }
}
