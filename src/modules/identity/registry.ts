import type { KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { ErrInvalidRegistrant } from "./errors.js";
import { IDENTITY_STORE } from "./keys.js";

/** Longest registry name, in UTF-16 code units. */
export const MAX_NAME_LENGTH = 128;

/** An entry of one of the three registries (providers, auditors, authorities). */
export interface Registrant {
  address: string;
  name: string;
}

interface RegistrantCodec<T extends Registrant> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
}

/** One registry: entries keyed by address bytes under `prefix`. */
export class Registry<T extends Registrant> {
  constructor(
    private readonly prefix: Uint8Array,
    private readonly codec: RegistrantCodec<T>,
  ) {}

  /** Adds or renames an entry, its address in canonical form; an invalid address or an over-long name changes nothing. */
  set(ctx: Context, entry: T): AppError | undefined {
    const address = decodeAddress(entry.address);
    if (isError(address)) return ErrInvalidRegistrant.wrap(`registry address: ${address.message}`);
    if (entry.name.length > MAX_NAME_LENGTH) return ErrInvalidRegistrant.wrap(`name of ${entry.address} is longer than ${MAX_NAME_LENGTH} characters`);
    this.store(ctx).set(address, this.codec.encode({ ...entry, address: encodeAddress(address) }).finish());
    return undefined;
  }

  /** Removes an entry; whether there was one. */
  remove(ctx: Context, address: Uint8Array): boolean {
    const store = this.store(ctx);
    if (!store.has(address)) return false;
    store.delete(address);
    return true;
  }

  get(ctx: Context, address: Uint8Array): T | undefined {
    const bytes = this.store(ctx).get(address);
    return bytes ? this.codec.decode(bytes) : undefined;
  }

  has(ctx: Context, address: Uint8Array): boolean {
    return this.store(ctx).has(address);
  }

  /** Every entry, keyed by address bytes. */
  store(ctx: Context): KVStore {
    return new PrefixKV(ctx.kv(IDENTITY_STORE), this.prefix);
  }

  decode(bytes: Uint8Array): T {
    return this.codec.decode(bytes);
  }
}
