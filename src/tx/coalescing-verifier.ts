import type { BatchSignatureVerifier, SignatureCheck } from "./signatures.js";

/**
 * Gathers the checks requested during one turn of the event loop into a single call to the
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
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    this.inner.verify(batch.map((item) => item.check)).then(
      (results) => batch.forEach((item, i) => item.resolve(results[i] ?? false)),
      () => batch.forEach((item) => item.resolve(false)),
    );
  }
}
