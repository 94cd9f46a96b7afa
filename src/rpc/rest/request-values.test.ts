import { BroadcastMode } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { describe, expect, it } from "vitest";
import { GatewayError } from "./errors.js";
import { parseBase64, parseBool, parseEnum, parseInt64, parseUint64, pageRequest } from "./request-values.js";

describe("request values", () => {
  it("parse 64-bit integers strictly", () => {
    expect(parseUint64("18446744073709551615", "n")).toBe(2n ** 64n - 1n);
    expect(parseInt64("-9223372036854775808", "n")).toBe(-(2n ** 63n));
    for (const bad of ["", "-1", "+1", " 1", "1e3", "18446744073709551616"]) {
      expect(() => parseUint64(bad, "n"), bad).toThrow(GatewayError);
    }
    expect(() => parseInt64("9223372036854775808", "n")).toThrow(GatewayError);
  });

  it("parse booleans as Go's strconv.ParseBool", () => {
    expect(["1", "t", "TRUE", "True"].map((value) => parseBool(value, "b"))).toEqual([true, true, true, true]);
    expect(["0", "f", "FALSE", "false"].map((value) => parseBool(value, "b"))).toEqual([false, false, false, false]);
    expect(() => parseBool("yes", "b")).toThrow("invalid value \"yes\" for b: expected a boolean");
  });

  it("parse standard and URL-safe base64", () => {
    expect(parseBase64("+/8=", "k")).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(parseBase64("-_8=", "k")).toEqual(new Uint8Array([0xfb, 0xff]));
    for (const bad of ["abc", "a b=", "+_8="]) expect(() => parseBase64(bad, "k"), bad).toThrow(GatewayError);
  });

  it("parse enums by name or number", () => {
    expect(parseEnum("BROADCAST_MODE_SYNC", BroadcastMode, "mode")).toBe(2);
    expect(parseEnum(3, BroadcastMode, "mode")).toBe(3);
    expect(parseEnum("1", BroadcastMode, "mode")).toBe(1);
    for (const bad of ["UNRECOGNIZED", "toString", "9", -1]) {
      expect(() => parseEnum(bad, BroadcastMode, "mode"), String(bad)).toThrow(GatewayError);
    }
  });

  it("build a PageRequest only when a pagination parameter is present", () => {
    expect(pageRequest(new URLSearchParams("denom=uxprt"))).toBeUndefined();
    expect(pageRequest(new URLSearchParams("pagination.limit=10"))).toEqual({
      key: new Uint8Array(),
      offset: 0n,
      limit: 10n,
      countTotal: false,
      reverse: false,
    });
  });
});
