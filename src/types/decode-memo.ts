import { bytesEqual } from "../store/bytes.js";

/**
 * Decodes a rarely changing record (module params) once per distinct encoding: every tx reads
 * the params, and decoding them each time showed up in profiles. Callers must not modify the
 * returned value.
 */
export class DecodeMemo<T> {
  private last: { bytes: Uint8Array; value: T } | undefined;

  constructor(private readonly codec: { decode(bytes: Uint8Array): T }) {}

  decode(bytes: Uint8Array): T {
    if (this.last && bytesEqual(this.last.bytes, bytes)) return this.last.value;
    const value = this.codec.decode(bytes);
    this.last = { bytes: Uint8Array.from(bytes), value };
    return value;
  }
}
