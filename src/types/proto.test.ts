import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { TxBody } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeProto, encodeProto } from "./proto.js";

describe("decodeProto", () => {
  it("reads every well-formed string as cosmjs-types' own decoder does", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), fc.string({ unit: "binary", maxLength: 80 }), (denom, amount) => {
        const bytes = Coin.encode({ denom, amount }).finish();
        expect(decodeProto(Coin, bytes)).toEqual(Coin.decode(bytes));
      }),
    );
  });

  it("reads nested messages' strings and leaves byte fields as views of its input", () => {
    const body = TxBody.fromPartial({ messages: [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: Uint8Array.of(1, 2, 3) }], memo: "Zahlung für Rechnung 7 ✓", timeoutHeight: 5n });
    const bytes = encodeProto(TxBody, body);
    const decoded = decodeProto(TxBody, bytes);
    expect(decoded).toEqual(TxBody.decode(bytes));
    expect(decoded.memo).toBe(body.memo);
    expect(decoded.messages[0]!.value.buffer).toBe(bytes.buffer);
  });

  it("reads invalid UTF-8 as U+FFFD, so the string never encodes back to the same bytes", () => {
    const valid = Coin.encode({ denom: "uxprt", amount: "1" }).finish();
    const invalid = Uint8Array.from(valid);
    invalid[3] = 0xff; // inside "uxprt"
    const decoded = decodeProto(Coin, invalid);
    expect(decoded.denom).toBe("u\uFFFDprt");
    expect(encodeProto(Coin, decoded)).not.toEqual(invalid);
  });

  it("refuses a string that runs past the end of its input", () => {
    const bytes = Coin.encode({ denom: "uxprt", amount: "" }).finish();
    expect(() => decodeProto(Coin, bytes.subarray(0, bytes.length - 1))).toThrow(RangeError);
  });
});
