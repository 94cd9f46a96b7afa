import { describe, expect, it } from "vitest";
import { abciQueryError, GatewayError, GrpcCode } from "./errors.js";

describe("abciQueryError", () => {
  it("takes the gRPC status and its description from the app's log", () => {
    const error = abciQueryError({
      codespace: "bank",
      code: 6,
      log: "rpc error: code = NotFound desc = client metadata for denom uatom: client denom metadata not found",
    });
    expect(error).toEqual(new GatewayError(GrpcCode.NotFound, "client metadata for denom uatom: client denom metadata not found"));
    expect(error.httpStatus).toBe(404);
  });

  it("falls back on BaseApp's root codespace codes when the log names no status", () => {
    const cases: [string, number, GrpcCode, number][] = [
      ["sdk", 22, GrpcCode.NotFound, 404],
      ["sdk", 38, GrpcCode.NotFound, 404],
      ["sdk", 18, GrpcCode.InvalidArgument, 400],
      ["sdk", 7, GrpcCode.InvalidArgument, 400],
      ["sdk", 4, GrpcCode.Unauthenticated, 401],
      ["sdk", 6, GrpcCode.Unknown, 500],
      ["bank", 22, GrpcCode.Unknown, 500],
    ];
    for (const [codespace, code, grpcCode, httpStatus] of cases) {
      const error = abciQueryError({ codespace, code, log: "failed" });
      expect([error.code, error.httpStatus, error.message], `${codespace}/${code}`).toEqual([grpcCode, httpStatus, "failed"]);
    }
  });

  it("ignores a status name that gRPC does not have", () => {
    for (const name of ["Missing", "constructor"]) {
      const log = `rpc error: code = ${name} desc = gone`;
      expect(abciQueryError({ codespace: "sdk", code: 22, log })).toEqual(new GatewayError(GrpcCode.NotFound, log));
    }
  });
});
