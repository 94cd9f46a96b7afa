import type { BatchSignatureVerifier, SignatureCheck } from "./signatures.js";

/**
 * How many gathered checks go to the underlying verifier in one call. Each call answers on its
 * own, so the first CheckTx of a large batch runs once its piece is verified rather than after
 * the whole batch: the main thread checks state while the workers verify the pieces after it.
 */
const PIECE = 256;

/**
 * Gathers the checks requested during one turn of the event loop into a few calls to the
 * underlying verifier, so many concurrent CheckTx calls make few round trips to the workers.
 * If the verifier fails, every check reports false: callers then verify synchronously, so a
 * failure costs speed, never correctness.
 */
export class CoalescingVerifier implements BatchSignatureVerifier {
  private pending: { check: SignatureCheck; resolve(ok: boolean): void }[] = [];
  private scheduled = false;

  constructor(private readonly inner: BatchSignatureVerifier) {}

  verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    return Promise.all(
      checks.map(
        (check) =>
          new Promise<boolean>((resolve) => {
            this.pending.push({ check, resolve });
            if (!this.scheduled) {
              this.scheduled = true;
              setImmediate(() => this.flush());
            }
          }),
      ),
    );
  }

  private flush(): void {
    const gathered = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (let start = 0; start < gathered.length; start += PIECE) {
      const piece = gathered.slice(start, start + PIECE);
      this.inner.verify(piece.map((item) => item.check)).then(
        (results) => piece.forEach((item, i) => item.resolve(results[i] ?? false)),
        () => piece.forEach((item) => item.resolve(false)),
      );
    }
  }
}
