import { describe, expect, it } from "vitest";
import { GatewayError } from "./errors.js";
import type { Route } from "./route.js";
import { Router } from "./router.js";

const route = (method: Route["method"], path: string): Route => ({
  method,
  path,
  handle: async () => ({ json: {} }),
});

const latest = route("GET", "/blocks/latest");
const byHeight = route("GET", "/blocks/{height}");
const denom = route("GET", "/metadata/{denom=**}");
const balance = route("GET", "/balances/{address}/by_denom");
const router = new Router([latest, byHeight, denom, balance, route("POST", "/txs")]);

describe("Router", () => {
  it("matches literals before variables when listed first", () => {
    expect(router.match("GET", "/blocks/latest")).toEqual({ kind: "found", route: latest, pathParams: {} });
    expect(router.match("GET", "/blocks/12")).toEqual({ kind: "found", route: byHeight, pathParams: { height: "12" } });
  });

  it("decodes segments and lets ** take the rest of the path", () => {
    expect(router.match("GET", "/metadata/ibc/AB%2FCD")).toMatchObject({ pathParams: { denom: "ibc/AB/CD" } });
    expect(router.match("GET", "/balances/p%31/by_denom")).toMatchObject({ route: balance, pathParams: { address: "p1" } });
  });

  it("needs every segment, and a non-empty value for each variable", () => {
    expect(router.match("GET", "/blocks").kind).toBe("not-found");
    expect(router.match("GET", "/blocks/").kind).toBe("not-found");
    expect(router.match("GET", "/metadata/").kind).toBe("not-found");
    expect(router.match("GET", "/blocks/1/2").kind).toBe("not-found");
  });

  it("tells a wrong method from an unknown path", () => {
    expect(router.match("GET", "/txs").kind).toBe("method-not-allowed");
    expect(router.match("POST", "/nowhere").kind).toBe("not-found");
  });

  it("rejects malformed percent-encoding", () => {
    expect(() => router.match("GET", "/blocks/%E0%A4%A")).toThrow(GatewayError);
  });
});
