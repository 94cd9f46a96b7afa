/** One signature to verify, as a Cosmos transaction carries it. */
export interface SignatureCheck {
  publicKey: Uint8Array;
  signBytes: Uint8Array;
  signature: Uint8Array;
}

/**
 * Packs checks into one buffer that a worker thread can receive without copying:
 * a Uint32 header [count, then publicKey, signBytes and signature lengths per check],
 * followed by the bytes of every check in the same order.
 */
export function packSignatureChecks(checks: readonly SignatureCheck[]): ArrayBuffer {
  const headerBytes = 4 * (1 + 3 * checks.length);
  let size = headerBytes;
  for (const check of checks) {
    size += check.publicKey.length + check.signBytes.length + check.signature.length;
  }
  const buffer = new ArrayBuffer(size);
  const header = new Uint32Array(buffer, 0, headerBytes / 4);
  const body = new Uint8Array(buffer);
  header[0] = checks.length;
  let offset = headerBytes;
  checks.forEach((check, i) => {
    [check.publicKey, check.signBytes, check.signature].forEach((part, j) => {
      header[1 + 3 * i + j] = part.length;
      body.set(part, offset);
      offset += part.length;
    });
  });
  return buffer;
}

/** Reads back what packSignatureChecks wrote, as views into the buffer. */
export function unpackSignatureChecks(buffer: ArrayBuffer): SignatureCheck[] {
  const count = new Uint32Array(buffer, 0, 1)[0]!;
  const header = new Uint32Array(buffer, 4, 3 * count);
  let offset = 4 * (1 + 3 * count);
  const take = (length: number): Uint8Array => {
    const part = new Uint8Array(buffer, offset, length);
    offset += length;
    return part;
  };
  return Array.from({ length: count }, (_, i) => ({
    publicKey: take(header[3 * i]!),
    signBytes: take(header[3 * i + 1]!),
    signature: take(header[3 * i + 2]!),
  }));
}
