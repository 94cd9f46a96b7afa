import { CheckTxType, type ResponseCheckTx } from "cosmjs-types/tendermint/abci/types";
import type { AbciApplication } from "../app/abci.js";
import { bytesToKey } from "../store/bytes.js";
import { ErrMempoolIsFull, ErrTxInMempoolCache, ErrTxTooLarge, type AppError } from "../types/errors.js";
import { txHash } from "../tx/tx-hash.js";

export interface MempoolLimits {
  /** Most txs held at once. */
  maxTxs: number;
  /** Largest single tx in bytes. */
  maxTxBytes: number;
  /** Most bytes held at once. */
  maxTotalBytes: number;
}

export const DEFAULT_MEMPOOL_LIMITS: MempoolLimits = { maxTxs: 50_000, maxTxBytes: 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 };

interface Entry {
  tx: Uint8Array;
  gasWanted: bigint;
}

function rejection(error: AppError): ResponseCheckTx {
  return { code: error.code, codespace: error.codespace, log: error.log, data: new Uint8Array(0), info: "", gasWanted: 0n, gasUsed: 0n, events: [] };
}

/**
 * Transactions waiting for a block, in arrival order, each admitted by the app's CheckTx. After
 * every block the committed ones leave and the rest are checked again against the new state
 * (as CometBFT's mempool does), dropping those that no longer pass. As CometBFT's, it is held
 * from the commit on: new txs wait until the update has queued the rechecks ahead of them, and
 * the update first lets the checks already at the app finish (the app answers them on the state
 * they arrived at, so they are rechecked too).
 */
export class Mempool {
  private readonly entries = new Map<string, Entry>();
  /** Hashes being checked right now, so a duplicate arriving meanwhile is refused. */
  private readonly checking = new Set<string>();
  /** CheckTx calls the app is answering. */
  private readonly atApp = new Set<Promise<unknown>>();
  /** While held: settles once released; new checks wait for it. */
  private heldUntil: { released: Promise<void>; release(): void } | undefined;
  private totalBytes = 0;

  constructor(
    private readonly app: AbciApplication,
    private readonly limits: MempoolLimits = DEFAULT_MEMPOOL_LIMITS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Runs CheckTx and keeps the tx when it passes; resolves with CheckTx's answer. */
  async add(tx: Uint8Array): Promise<ResponseCheckTx> {
    if (tx.length > this.limits.maxTxBytes) return rejection(ErrTxTooLarge.wrap(`tx of ${tx.length} bytes exceeds the limit of ${this.limits.maxTxBytes}`));
    const key = bytesToKey(txHash(tx));
    if (this.entries.has(key) || this.checking.has(key)) return rejection(ErrTxInMempoolCache.wrap(""));
    if (this.entries.size + this.checking.size >= this.limits.maxTxs || this.totalBytes + tx.length > this.limits.maxTotalBytes) {
      return rejection(ErrMempoolIsFull.wrap(`mempool holds ${this.entries.size} txs, ${this.totalBytes} bytes`));
    }
    this.checking.add(key);
    try {
      while (this.heldUntil) await this.heldUntil.released;
      const admission = this.admit(key, tx);
      this.atApp.add(admission);
      return await admission.finally(() => this.atApp.delete(admission));
    } finally {
      this.checking.delete(key);
    }
  }

  /** The oldest txs that fit in `maxBytes` and `maxGas` (negative: no gas limit), in order. */
  reap(maxBytes: number, maxGas: bigint): Uint8Array[] {
    const txs: Uint8Array[] = [];
    let bytes = 0;
    let gas = 0n;
    for (const entry of this.entries.values()) {
      if (bytes + entry.tx.length > maxBytes) break;
      if (maxGas >= 0n && gas + entry.gasWanted > maxGas) break;
      txs.push(entry.tx);
      bytes += entry.tx.length;
      gas += entry.gasWanted;
    }
    return txs;
  }

  private async admit(key: string, tx: Uint8Array): Promise<ResponseCheckTx> {
    const response = await this.app.checkTx({ tx, type: CheckTxType.NEW });
    if (response.code === 0) {
      this.entries.set(key, { tx, gasWanted: response.gasWanted });
      this.totalBytes += tx.length;
    }
    return response;
  }

  /** Makes new txs wait for the next {@link update}: call it before the app commits. */
  hold(): void {
    if (this.heldUntil) return;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.heldUntil = { released, release };
  }

  private release(): void {
    const held = this.heldUntil;
    this.heldUntil = undefined;
    held?.release();
  }

  /** After a commit: removes the txs the block committed, rechecks the rest in order (ahead of new txs), and releases. */
  async update(committed: readonly Uint8Array[]): Promise<void> {
    let remaining: [string, Entry][];
    let verdicts: Promise<ResponseCheckTx>[];
    try {
      this.hold();
      await Promise.allSettled([...this.atApp]);
      for (const tx of committed) this.remove(bytesToKey(txHash(tx)));
      remaining = [...this.entries.entries()];
      verdicts = remaining.map(([, entry]) => this.app.checkTx({ tx: entry.tx, type: CheckTxType.RECHECK }));
    } finally {
      this.release();
    }
    const responses = await Promise.all(verdicts);
    responses.forEach((response, i) => {
      if (response.code !== 0) this.remove(remaining[i]![0]);
    });
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.tx.length;
  }
}
