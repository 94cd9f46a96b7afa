import { bytesToKey } from "../../store/bytes.js";
import { decodeAddress } from "../../types/address.js";
import { isError, type AppError } from "../../types/errors.js";
import type { ModuleParams } from "../../types/module.js";
import { ErrInvalidRegistrant } from "./errors.js";
import type { IdentityKeeper } from "./keeper.js";
import { MAX_NAME_LENGTH, type Registrant, type Registry } from "./registry.js";

/** The most entries one registry may hold after a change, so replacing it stays bounded work. */
export const MAX_REGISTRY_ENTRIES = 1000;

/** Checks a whole list as genesis would: valid addresses, short names, no address twice. */
function parseList(key: string, value: unknown): Registrant[] | AppError {
  if (!Array.isArray(value)) return ErrInvalidRegistrant.wrap(`${key} must be a list of {"address", "name"}`);
  if (value.length > MAX_REGISTRY_ENTRIES) return ErrInvalidRegistrant.wrap(`${key} may hold at most ${MAX_REGISTRY_ENTRIES} entries`);
  const seen = new Set<string>();
  const out: Registrant[] = [];
  for (const entry of value as { address?: unknown; name?: unknown }[]) {
    if (typeof entry?.address !== "string" || typeof (entry.name ?? "") !== "string") return ErrInvalidRegistrant.wrap(`${key}: each entry needs a string address and name`);
    const address = decodeAddress(entry.address);
    if (isError(address)) return ErrInvalidRegistrant.wrap(`${key}: ${address.message}`);
    const name = (entry.name ?? "") as string;
    if (name.length > MAX_NAME_LENGTH) return ErrInvalidRegistrant.wrap(`${key}: name of ${entry.address} is longer than ${MAX_NAME_LENGTH} characters`);
    if (seen.has(bytesToKey(address))) return ErrInvalidRegistrant.wrap(`${key}: ${entry.address} appears twice`);
    seen.add(bytesToKey(address));
    out.push({ address: entry.address, name });
  }
  return out;
}

/**
 * The three registries as governance params: `providers` (KYC providers), `auditors` and
 * `authorities` (compliance authorities), each a list of {"address", "name"} that a change
 * replaces whole. Deregistered providers' attestations stay stored and stop counting.
 */
export function identityParams(keeper: IdentityKeeper): ModuleParams {
  const registries: Record<string, Registry<Registrant>> = { providers: keeper.providers, auditors: keeper.auditors, authorities: keeper.authorities };
  return {
    get: (ctx) =>
      Object.fromEntries(
        Object.entries(registries).map(([key, registry]) => [key, [...registry.store(ctx).iterate()].map(([, bytes]) => {
          const { address, name } = registry.decode(bytes);
          return { address, name };
        })]),
      ),
    set: (ctx, key, value) => {
      const registry = Object.hasOwn(registries, key) ? registries[key] : undefined;
      if (!registry) return ErrInvalidRegistrant.wrap(`identity has no registry ${key}`);
      const list = parseList(key, value);
      if (isError(list)) return list;
      const store = registry.store(ctx);
      for (const [address] of [...store.iterate()]) store.delete(address);
      for (const entry of list) registry.set(ctx, entry);
      return undefined;
    },
  };
}
