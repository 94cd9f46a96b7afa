import { utf8 } from "../../store/bytes.js";
import { parseCoin } from "../../types/coins.js";
import { isError, type AppError } from "../../types/errors.js";
import { PropertyType, type AssetClass, type Property, type PropertySchema } from "../../generated/persistence/assets/v1/types.js";
import { ErrInvalidDocumentHash, ErrInvalidId, ErrInvalidProperties } from "./errors.js";

/**
 * Bounds on what one asset carries, so the work of a message stays bounded: at most
 * MAX_PROPERTIES properties of at most MAX_STRING_BYTES bytes each (amounts: a denom of at most
 * 128 characters and 78 digits).
 */
const MAX_PROPERTIES = 32;
const MAX_STRING_BYTES = 256;
const MAX_CLASS_NAME = 64;
const MAX_CLASS_DESCRIPTION = 512;

const CLASS_ID = /^[a-z][a-z0-9-]{2,31}$/;
const ASSET_ID = /^[a-zA-Z0-9][a-zA-Z0-9._:-]{0,99}$/;
const PROPERTY_NAME = /^[a-z][a-z0-9_]{0,31}$/;
/** google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
const MIN_SECONDS = -62_135_596_800n;
const MAX_SECONDS = 253_402_300_799n;
const DOCUMENT_HASH_LENGTH = 32;

export function checkClassId(classId: string): AppError | undefined {
  return CLASS_ID.test(classId) ? undefined : ErrInvalidId.wrap(`class id "${classId}" must be 3 to 32 characters: a lower-case letter, then lower-case letters, digits or '-'`);
}

export function checkAssetId(id: string): AppError | undefined {
  return ASSET_ID.test(id) ? undefined : ErrInvalidId.wrap(`asset id "${id}" must be 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit`);
}

export function checkDocumentHash(hash: Uint8Array): AppError | undefined {
  return hash.length === DOCUMENT_HASH_LENGTH ? undefined : ErrInvalidDocumentHash.wrap(`document hash must be ${DOCUMENT_HASH_LENGTH} bytes, got ${hash.length}`);
}

/** The type of the one value a property carries; undefined when it carries none or several. */
function valueType(property: Property): PropertyType | undefined {
  const set: PropertyType[] = [];
  if (property.stringValue !== undefined) set.push(PropertyType.PROPERTY_TYPE_STRING);
  if (property.uintValue !== undefined) set.push(PropertyType.PROPERTY_TYPE_UINT);
  if (property.timestampValue !== undefined) set.push(PropertyType.PROPERTY_TYPE_TIMESTAMP);
  if (property.hash32Value !== undefined) set.push(PropertyType.PROPERTY_TYPE_HASH32);
  if (property.amountValue !== undefined) set.push(PropertyType.PROPERTY_TYPE_AMOUNT);
  return set.length === 1 ? set[0] : undefined;
}

/** Whether the value is well-formed for its type; a message saying why not otherwise. */
function checkValue(property: Property, type: PropertyType): string | undefined {
  switch (type) {
    case PropertyType.PROPERTY_TYPE_STRING:
      return utf8(property.stringValue!).length <= MAX_STRING_BYTES ? undefined : `is longer than ${MAX_STRING_BYTES} bytes`;
    case PropertyType.PROPERTY_TYPE_TIMESTAMP: {
      const { seconds, nanos } = property.timestampValue!;
      if (nanos !== 0) return "must be whole seconds";
      return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS ? undefined : "is outside 0001-01-01 to 9999-12-31";
    }
    case PropertyType.PROPERTY_TYPE_HASH32:
      return property.hash32Value!.length === 32 ? undefined : `must be 32 bytes, got ${property.hash32Value!.length}`;
    case PropertyType.PROPERTY_TYPE_AMOUNT: {
      const coin = parseCoin(property.amountValue!);
      if (isError(coin)) return `has ${coin.message}`;
      return coin.amount > 0n ? undefined : "must be positive";
    }
    default:
      return undefined;
  }
}

/** Stateless checks of a list of property values: bounded, named, one well-formed value each, no name twice. */
export function checkPropertyList(properties: readonly Property[]): AppError | undefined {
  if (properties.length > MAX_PROPERTIES) return ErrInvalidProperties.wrap(`at most ${MAX_PROPERTIES} properties, got ${properties.length}`);
  const names = new Set<string>();
  for (const property of properties) {
    if (!PROPERTY_NAME.test(property.name)) return ErrInvalidProperties.wrap(`property name "${property.name}" must be 1 to 32 lower-case letters, digits or '_', starting with a letter`);
    if (names.has(property.name)) return ErrInvalidProperties.wrap(`property ${property.name} is given twice`);
    names.add(property.name);
    const type = valueType(property);
    if (type === undefined) return ErrInvalidProperties.wrap(`property ${property.name} must carry exactly one value`);
    const problem = checkValue(property, type);
    if (problem) return ErrInvalidProperties.wrap(`property ${property.name} ${problem}`);
  }
  return undefined;
}

/** The schema's name of each property type, as errors and the CLI show it. */
export const TYPE_NAMES: Readonly<Record<number, string>> = {
  [PropertyType.PROPERTY_TYPE_STRING]: "string",
  [PropertyType.PROPERTY_TYPE_UINT]: "uint",
  [PropertyType.PROPERTY_TYPE_TIMESTAMP]: "timestamp",
  [PropertyType.PROPERTY_TYPE_HASH32]: "hash32",
  [PropertyType.PROPERTY_TYPE_AMOUNT]: "amount",
};

/**
 * Applies property values (already through checkPropertyList) to an asset's current ones under
 * its class's schema: each must be declared with its type; on update each must be mutable; on
 * issue every required property must end up set. Returns the values in schema order.
 */
export function applyProperties(
  assetClass: AssetClass,
  current: readonly Property[],
  changes: readonly Property[],
  mode: "issue" | "update",
): Property[] | AppError {
  const schema = new Map(assetClass.properties.map((p) => [p.name, p]));
  const values = new Map(current.map((p) => [p.name, p]));
  for (const change of changes) {
    const declared = schema.get(change.name);
    if (!declared) return ErrInvalidProperties.wrap(`class ${assetClass.id} has no property ${change.name}`);
    const type = valueType(change)!;
    if (type !== declared.type) return ErrInvalidProperties.wrap(`property ${change.name} must be of type ${TYPE_NAMES[declared.type]}, got ${TYPE_NAMES[type]}`);
    if (mode === "update" && !declared.mutable) return ErrInvalidProperties.wrap(`property ${change.name} of class ${assetClass.id} is immutable`);
    values.set(change.name, change);
  }
  if (mode === "issue") {
    const missing = assetClass.properties.find((p) => p.required && !values.has(p.name));
    if (missing) return ErrInvalidProperties.wrap(`class ${assetClass.id} requires property ${missing.name}`);
  }
  return assetClass.properties.flatMap((p) => {
    const value = values.get(p.name);
    return value ? [value] : [];
  });
}

/** A class definition (genesis): valid id, bounded texts, a schema of unique, typed properties. */
export function checkClass(assetClass: AssetClass): string | undefined {
  const id = checkClassId(assetClass.id);
  if (id) return id.message;
  if (assetClass.name.length === 0 || assetClass.name.length > MAX_CLASS_NAME) return `name must be 1 to ${MAX_CLASS_NAME} characters`;
  if (assetClass.description.length > MAX_CLASS_DESCRIPTION) return `description must be at most ${MAX_CLASS_DESCRIPTION} characters`;
  if (assetClass.properties.length > MAX_PROPERTIES) return `at most ${MAX_PROPERTIES} properties`;
  const names = new Set<string>();
  for (const property of assetClass.properties) {
    const problem = checkSchemaEntry(property, names);
    if (problem) return problem;
    names.add(property.name);
  }
  return undefined;
}

function checkSchemaEntry(property: PropertySchema, seen: ReadonlySet<string>): string | undefined {
  if (!PROPERTY_NAME.test(property.name)) return `property name "${property.name}" must be 1 to 32 lower-case letters, digits or '_', starting with a letter`;
  if (seen.has(property.name)) return `property ${property.name} is declared twice`;
  if (TYPE_NAMES[property.type] === undefined) return `property ${property.name} has no valid type`;
  return undefined;
}
