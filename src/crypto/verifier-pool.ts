import { availableParallelism } from "node:os";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { packSignatureChecks, type SignatureCheck } from "./signature-batch.js";

export type { SignatureCheck };

/**
 * Most checks sent to a worker in one message: about 10 ms of work, which amortises the
 * messaging, spreads a block's signatures over all workers and bounds what a crash re-verifies.
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

/** A worker (started on demand) and the one chunk it is verifying. */
interface Slot {
  worker: Worker | undefined;
  chunk: Chunk | undefined;
}

/**
 * Verifies batches of secp256k1 signatures on worker threads, one per core by default, with the
 * same results as verifySecp256k1Signature. A worker that dies is replaced and its chunk
 * verified again. Idle workers never keep the process alive.
 *
 * @example
 * const pool = SignatureVerifierPool.create();
 * const [valid] = await pool.verify([{ publicKey, signBytes, signature }]);
 * await pool.close();
 */
export class SignatureVerifierPool {
  readonly #slots: Slot[];
  readonly #queue: Chunk[] = [];
  #closed = false;

  private constructor(workers: number) {
    this.#slots = Array.from({ length: workers }, () => ({ worker: undefined, chunk: undefined }));
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
      chunks.push(
        new Promise((resolve, reject) => {
          this.#queue.push({ checks: part, attempts: 0, resolve, reject });
        }),
      );
    }
    this.#dispatch();
    const verdicts = await Promise.all(chunks);
    return verdicts.flatMap((chunk) => Array.from(chunk, (verdict) => verdict === 1));
  }

  /** Stops the workers; pending verify() calls reject. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = new Error("the signature verifier pool was closed");
    for (const chunk of this.#queue.splice(0)) chunk.reject(error);
    await Promise.all(
      this.#slots.map(async (slot) => {
        slot.chunk?.reject(error);
        slot.chunk = undefined;
        await slot.worker?.terminate();
      }),
    );
  }

  #dispatch(): void {
    if (this.#closed) return;
    for (const slot of this.#slots) {
      const chunk = slot.chunk ? undefined : this.#queue.shift();
      if (!chunk) continue;
      const worker = (slot.worker ??= this.#spawn(slot));
      slot.chunk = chunk;
      worker.ref();
      const batch = packSignatureChecks(chunk.checks);
      worker.postMessage(batch, [batch]);
    }
  }

  #spawn(slot: Slot): Worker {
    const worker = new Worker(WORKER.url, WORKER.options);
    worker.unref();
    let failure: Error | undefined;
    worker.on("message", (verdicts: Uint8Array) => {
      const chunk = slot.chunk;
      slot.chunk = undefined;
      worker.unref();
      chunk?.resolve(verdicts);
      this.#dispatch();
    });
    worker.on("error", (error) => {
      failure = error;
    });
    worker.on("exit", () => {
      const chunk = slot.chunk;
      slot.worker = undefined;
      slot.chunk = undefined;
      if (!chunk || this.#closed) return;
      chunk.attempts += 1;
      if (chunk.attempts < MAX_ATTEMPTS) {
        this.#queue.unshift(chunk);
      } else {
        chunk.reject(
          new Error(`signature verifier workers died ${MAX_ATTEMPTS} times on one batch`, {
            cause: failure,
          }),
        );
      }
      this.#dispatch();
    });
    return worker;
  }
}
