/**
 * Genesis files and the REST API use the Cosmos SDK's JSON: proto field names in snake_case.
 * cosmjs-types' fromJSON/toJSON use camelCase; these convert object keys between the two.
 */

export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Renames every object key (not "@type") with `rename`, recursively; values stay as they are. */
export function renameKeysDeep(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeysDeep(item, rename));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key === "@type" ? key : rename(key), renameKeysDeep(inner, rename)]),
  );
}
