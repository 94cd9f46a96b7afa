/**
 * Field descriptors for the gateway JSON converter. cosmjs-types messages carry no reflection,
 * so each message the REST API can emit is described once, in proto field order, by its proto
 * field names. The property names of the cosmjs-types object are derived from them.
 */

/** The part of a cosmjs-types codec the converter needs: its type URL and its decoder. */
export interface MessageCodec<T = unknown> {
  readonly typeUrl: string;
  decode(input: Uint8Array): T;
}

/** A TypeScript numeric enum object from cosmjs-types: names to numbers and numbers back to names. */
export type EnumObject = Readonly<Record<string | number, string | number>>;

export type ScalarKind =
  | "string"
  | "bool"
  | "int32"
  | "uint32"
  | "int64"
  | "uint64"
  | "bytes"
  | "timestamp"
  /** google.protobuf.Duration: "600s", "1.500s" as jsonpb prints it. */
  | "duration"
  | "any"
  /** The SDK's LegacyDec in a string field: 18-decimal integer digits on the wire, "0.050000000000000000" in JSON. */
  | "dec"
  /** The same decimal carried in a bytes field (as mint's inflation). */
  | "dec_bytes";

/** A scalar kind, an enum, or an embedded message named by its codec. */
export type ValueKind = ScalarKind | { readonly enum: EnumObject } | MessageCodec;

export interface FieldSpec {
  readonly kind: ValueKind;
  readonly repeated: boolean;
  /** A member of a proto `oneof`: omitted from the JSON when unset, never `null`. */
  readonly oneof: boolean;
}

export interface FieldDescriptor extends FieldSpec {
  /** The proto field name, which is also the JSON key (gogoproto jsonpb with OrigName). */
  readonly jsonName: string;
  /** The property name on the cosmjs-types object. */
  readonly propertyName: string;
}

export interface MessageSchema {
  readonly codec: MessageCodec;
  readonly fields: readonly FieldDescriptor[];
}

type FieldInput = ValueKind | FieldSpec;

export function repeated(kind: ValueKind): FieldSpec {
  return { kind, repeated: true, oneof: false };
}

export function oneof(kind: ValueKind): FieldSpec {
  return { kind, repeated: false, oneof: true };
}

export function enumOf(values: EnumObject): ValueKind {
  return { enum: values };
}

/** Describes a message: `fields` maps proto field names, in proto order, to their kinds. */
export function message(codec: MessageCodec, fields: Record<string, FieldInput>): MessageSchema {
  return {
    codec,
    fields: Object.entries(fields).map(([jsonName, input]) => ({
      ...(isFieldSpec(input) ? input : { kind: input, repeated: false, oneof: false }),
      jsonName,
      propertyName: camelCase(jsonName),
    })),
  };
}

function isFieldSpec(input: FieldInput): input is FieldSpec {
  return typeof input === "object" && "kind" in input;
}

/** The property name cosmjs-types (telescope) gives a proto field: `pub_key` → `pubKey`. */
export function camelCase(protoName: string): string {
  return protoName.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

export function isMessageKind(kind: ValueKind): kind is MessageCodec {
  return typeof kind === "object" && "typeUrl" in kind;
}
