import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { QueryAccountResponse, QueryAccountsResponse } from "cosmjs-types/cosmos/auth/v1beta1/query";
import { QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { PublicKey } from "cosmjs-types/tendermint/crypto/keys";
import { Commit } from "cosmjs-types/tendermint/types/types";
import type { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { describe, expect, it } from "vitest";
import { toGatewayJson } from "./gateway-json.js";
import { gatewaySchemas } from "./registry.js";
import { isMessageKind } from "./schema.js";
import { formatDuration, formatProtoTimestamp, formatRfc3339Seconds } from "./timestamp.js";

/** cosmjs-types fields the v0.50 gateway does not emit (added to the protos in v0.53). */
const NEWER_THAN_V050: Record<string, string[]> = {
  "/cosmos.tx.v1beta1.TxBody": ["unordered", "timeoutTimestamp"],
};

describe("gateway schemas", () => {
  it("describe every field of each cosmjs-types message, in order", () => {
    for (const [typeUrl, schema] of gatewaySchemas) {
      const codec = schema.codec as unknown as { fromPartial(object: object): object };
      const skipped = NEWER_THAN_V050[typeUrl] ?? [];
      const properties = Object.keys(codec.fromPartial({})).filter((key) => !skipped.includes(key));
      expect(schema.fields.map((field) => field.propertyName), typeUrl).toEqual(properties);
    }
  });

  it("describe every message a field refers to", () => {
    for (const schema of gatewaySchemas.values()) {
      for (const field of schema.fields) {
        if (isMessageKind(field.kind)) expect(gatewaySchemas.has(field.kind.typeUrl), field.kind.typeUrl).toBe(true);
      }
    }
  });
});

describe("toGatewayJson", () => {
  const key = new Uint8Array([2, ...new Uint8Array(32).fill(1)]);
  const pubKeyAny = { typeUrl: PubKey.typeUrl, value: PubKey.encode({ key }).finish() };

  it("expands a known Any into @type and its fields, with 64-bit integers as strings", () => {
    const account = BaseAccount.fromPartial({ address: "persistence1x", pubKey: pubKeyAny, accountNumber: 12n, sequence: 4n });
    const json = toGatewayJson(QueryAccountResponse, {
      account: { typeUrl: BaseAccount.typeUrl, value: BaseAccount.encode(account).finish() },
    });
    expect(JSON.stringify(json)).toBe(
      JSON.stringify({
        account: {
          "@type": "/cosmos.auth.v1beta1.BaseAccount",
          address: "persistence1x",
          pub_key: { "@type": "/cosmos.crypto.secp256k1.PubKey", key: Buffer.from(key).toString("base64") },
          account_number: "12",
          sequence: "4",
        },
      }),
    );
  });

  it("keeps an unknown Any as @type and base64 value", () => {
    const json = toGatewayJson(QueryAccountsResponse, {
      accounts: [{ typeUrl: "/persistence.identity.v1.Unknown", value: new Uint8Array([1, 2, 3]) }],
      pagination: undefined,
    });
    expect(json).toEqual({ accounts: [{ "@type": "/persistence.identity.v1.Unknown", value: "AQID" }], pagination: null });
  });

  it("keeps an undecodable Any of a known type raw instead of failing", () => {
    const json = toGatewayJson(QueryAccountResponse, { account: { typeUrl: BaseAccount.typeUrl, value: new Uint8Array([0xff]) } });
    expect(json).toEqual({ account: { "@type": BaseAccount.typeUrl, value: "/w==" } });
  });

  it("writes unset messages as null and defaults for scalars and lists", () => {
    expect(toGatewayJson(QueryBalanceResponse, { balance: undefined })).toEqual({ balance: null });
    expect(toGatewayJson(MsgSend, MsgSend.fromPartial({}))).toEqual({ from_address: "", to_address: "", amount: [] });
  });

  it("writes enums by name, empty bytes as null and omits unset oneof members", () => {
    const authInfo = AuthInfo.fromPartial({
      signerInfos: [{ publicKey: pubKeyAny, modeInfo: { single: { mode: SignMode.SIGN_MODE_DIRECT } }, sequence: 1n }],
    });
    expect(toGatewayJson(Tx, Tx.fromPartial({ authInfo, signatures: [new Uint8Array()] }))).toEqual({
      body: null,
      auth_info: {
        signer_infos: [
          {
            public_key: { "@type": PubKey.typeUrl, key: Buffer.from(key).toString("base64") },
            mode_info: { single: { mode: "SIGN_MODE_DIRECT" } },
            sequence: "1",
          },
        ],
        fee: null,
        tip: null,
      },
      // An element of repeated bytes is never nil in Go, so even an empty one is "".
      signatures: [""],
    });
    expect(toGatewayJson(PublicKey, { ed25519: new Uint8Array([1]) })).toEqual({ ed25519: "AQ==" });
  });

  it("writes an enum value without a name as its number", () => {
    const json = toGatewayJson(Commit, {
      height: 1n,
      round: 0,
      blockId: { hash: new Uint8Array(), partSetHeader: { total: 0, hash: new Uint8Array() } },
      signatures: [{ blockIdFlag: 99 as BlockIDFlag, validatorAddress: new Uint8Array(), timestamp: { seconds: 0n, nanos: 0 }, signature: new Uint8Array() }],
    });
    expect(json).toEqual({
      height: "1",
      round: 0,
      block_id: { hash: null, part_set_header: { total: 0, hash: null } },
      signatures: [{ block_id_flag: 99, validator_address: null, timestamp: "1970-01-01T00:00:00Z", signature: null }],
    });
  });
});

describe("timestamps", () => {
  it("use 0, 3, 6 or 9 fractional digits as protobuf JSON", () => {
    const at = (nanos: number) => formatProtoTimestamp({ seconds: 1714564800n, nanos });
    expect(at(0)).toBe("2024-05-01T12:00:00Z");
    expect(at(500_000_000)).toBe("2024-05-01T12:00:00.500Z");
    expect(at(123_456_000)).toBe("2024-05-01T12:00:00.123456Z");
    expect(at(123_456_789)).toBe("2024-05-01T12:00:00.123456789Z");
    expect(formatProtoTimestamp({ seconds: -62135596800n, nanos: 0 })).toBe("0001-01-01T00:00:00Z");
  });

  it("drop the fraction in the RFC 3339 form of TxResponse.timestamp", () => {
    expect(formatRfc3339Seconds({ seconds: 1714564801n, nanos: 999_999_999 })).toBe("2024-05-01T12:00:01Z");
  });
});

describe("durations", () => {
  it("print seconds with 0, 3, 6 or 9 fractional digits and an s, as protobuf JSON", () => {
    expect(formatDuration({ seconds: 1_814_400n, nanos: 0 })).toBe("1814400s");
    expect(formatDuration({ seconds: 1n, nanos: 500_000_000 })).toBe("1.500s");
    expect(formatDuration({ seconds: 0n, nanos: 1 })).toBe("0.000000001s");
    expect(formatDuration({ seconds: -2n, nanos: -250_000_000 })).toBe("-2.250s");
  });
});
