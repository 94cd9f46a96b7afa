import { readFileSync } from "node:fs";
import { AssetStatus, Property, PropertyType, type Asset, type AssetClass } from "../../generated/persistence/assets/v1/types.js";
import type { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { statusName } from "../../modules/assets/status.js";
import { TYPE_NAMES } from "../../modules/assets/validation.js";
import { investorClassName } from "../../modules/identity/claims.js";
import { formatProtoTimestamp } from "../../rpc/rest/json/timestamp.js";
import { fromHex, toHex } from "../../store/bytes.js";
import { sha256 } from "../../store/hash.js";
import { CliError } from "../errors.js";
import { formatCoin, parseCoinsArgument } from "../money.js";

/** The statuses by the names people type: issued, pledged, financed, paid, defaulted, settled. */
export const STATUS_NAMES: ReadonlyMap<string, AssetStatus> = new Map(
  [
    AssetStatus.ASSET_STATUS_ISSUED,
    AssetStatus.ASSET_STATUS_PLEDGED,
    AssetStatus.ASSET_STATUS_FINANCED,
    AssetStatus.ASSET_STATUS_PAID,
    AssetStatus.ASSET_STATUS_DEFAULTED,
    AssetStatus.ASSET_STATUS_SETTLED,
  ].map((status) => [statusName(status), status]),
);

export function parseStatus(text: string): AssetStatus {
  const status = STATUS_NAMES.get(text);
  if (status === undefined) throw new CliError("invalid_status", `invalid status "${text}": expected one of ${[...STATUS_NAMES.keys()].join(", ")}`);
  return status;
}

const TYPE_HINTS: Record<number, string> = {
  [PropertyType.PROPERTY_TYPE_STRING]: "text",
  [PropertyType.PROPERTY_TYPE_UINT]: "a whole number",
  [PropertyType.PROPERTY_TYPE_TIMESTAMP]: "a date (2024-06-30) or time to the second (2024-06-30T12:00:00Z)",
  [PropertyType.PROPERTY_TYPE_HASH32]: "64 hex digits",
  [PropertyType.PROPERTY_TYPE_AMOUNT]: "an amount with its denom (1000usd, 2500000uusd, 1200EUR)",
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/;

/**
 * "name=value" arguments as property values of `assetClass`, each parsed by its schema type.
 *
 * @example
 * parseProperties(invoiceClass, ["face_value=1000usd", "due_date=2024-06-30"]);
 */
export function parseProperties(assetClass: AssetClass, args: readonly string[]): Property[] {
  return args.map((arg) => {
    const equals = arg.indexOf("=");
    const name = equals > 0 ? arg.slice(0, equals) : "";
    const declared = assetClass.properties.find((p) => p.name === name);
    if (!declared) {
      throw new CliError("invalid_property", `"${arg}" names no property of class ${assetClass.id}; expected name=value with a name of ${assetClass.properties.map((p) => p.name).join(", ")}`);
    }
    const value = parseValue(declared.type, arg.slice(equals + 1));
    if (value === undefined) throw new CliError("invalid_property", `invalid value for ${name}: expected ${TYPE_HINTS[declared.type]}`);
    return Property.fromPartial({ name, ...value });
  });
}

function parseValue(type: PropertyType, text: string): Partial<Property> | undefined {
  switch (type) {
    case PropertyType.PROPERTY_TYPE_STRING:
      return { stringValue: text };
    case PropertyType.PROPERTY_TYPE_UINT:
      return /^\d{1,20}$/.test(text) && BigInt(text) < 2n ** 64n ? { uintValue: BigInt(text) } : undefined;
    case PropertyType.PROPERTY_TYPE_TIMESTAMP: {
      const match = DATE.exec(text);
      if (!match) return undefined;
      const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
      const millis = Date.UTC(year!, month! - 1, day!, hour, minute, second);
      // Date.UTC rolls 2024-02-30 over into March: refuse dates that do not exist.
      if (new Date(millis).toISOString().slice(0, 10) !== text.slice(0, 10)) return undefined;
      return { timestampValue: { seconds: BigInt(millis / 1000), nanos: 0 } };
    }
    case PropertyType.PROPERTY_TYPE_HASH32:
      return /^[0-9a-fA-F]{64}$/.test(text) ? { hash32Value: fromHex(text) } : undefined;
    case PropertyType.PROPERTY_TYPE_AMOUNT: {
      const coins = parseCoinsArgument(text);
      return coins.length === 1 ? { amountValue: { denom: coins[0]!.denom, amount: coins[0]!.amount.toString() } } : undefined;
    }
    default:
      return undefined;
  }
}

/** The document fingerprint: given as 64 hex digits, or the SHA-256 of a file (which never leaves this machine). */
export function documentHash(options: { documentHash?: string; documentFile?: string }): Uint8Array {
  if ((options.documentHash === undefined) === (options.documentFile === undefined)) {
    throw new CliError("usage_error", "give either --document-hash or --document-file");
  }
  if (options.documentFile !== undefined) {
    try {
      return sha256(readFileSync(options.documentFile));
    } catch (error) {
      throw new CliError("file_not_readable", `cannot read ${options.documentFile}: ${(error as Error).message}`);
    }
  }
  if (!/^[0-9a-fA-F]{64}$/.test(options.documentHash!)) throw new CliError("invalid_document_hash", "the document hash must be 64 hex digits (32 bytes)");
  return fromHex(options.documentHash!);
}

export function formatProperty(property: Property): string {
  const value =
    property.stringValue ??
    property.uintValue?.toString() ??
    (property.timestampValue && formatProtoTimestamp(property.timestampValue)) ??
    (property.hash32Value && toHex(property.hash32Value)) ??
    (property.amountValue && formatCoin({ denom: property.amountValue.denom, amount: BigInt(property.amountValue.amount) })) ??
    "";
  return `${property.name}: ${value}`;
}

/** An asset as people read it. */
export function describeAsset(asset: Asset): string[] {
  return [
    `${asset.classId}/${asset.id}: ${statusName(asset.status)}`,
    `  owner:      ${asset.owner}`,
    `  issuer:     ${asset.issuer}`,
    `  maintainer: ${asset.maintainer}`,
    `  document:   ${toHex(asset.documentHash)}`,
    `  issued at height ${asset.issuedHeight}`,
    ...asset.properties.map((p) => `  ${formatProperty(p)}`),
  ];
}

/** A claim requirement as people read it ("none" when it asks for no claims); the market's params use it too. */
export function describeRequirement(requirement: ClaimRequirement | undefined): string {
  if (!requirement || (requirement.minKycLevel === 0 && !requirement.trader && requirement.jurisdictions.length + requirement.investorClasses.length === 0)) return "none";
  return [
    `KYC level ≥ ${requirement.minKycLevel}`,
    ...(requirement.jurisdictions.length ? [`in ${requirement.jurisdictions.join(", ")}`] : []),
    ...(requirement.investorClasses.length ? [`investor class ${requirement.investorClasses.map(investorClassName).join(" or ")}`] : []),
    ...(requirement.trader ? ["trader"] : []),
  ].join(", ");
}

/** A class and its schema as people read it. */
export function describeClass(assetClass: AssetClass): string[] {
  return [
    `${assetClass.id}: ${assetClass.name}`,
    ...(assetClass.description ? [`  ${assetClass.description}`] : []),
    `  issuers: ${describeRequirement(assetClass.issuerRequirement)}`,
    `  holders: ${describeRequirement(assetClass.holderRequirement)}`,
    "  properties:",
    ...assetClass.properties.map((p) => `    ${p.name}: ${TYPE_NAMES[p.type] ?? "?"}${p.required ? ", required" : ""}${p.mutable ? ", mutable" : ""}`),
  ];
}
