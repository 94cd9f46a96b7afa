import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRestServer, type RestServer } from "./server.js";
import { BOB, createTestNode } from "./test-fixture.js";

let server: RestServer;

beforeAll(async () => {
  const node = createTestNode();
  server = await startRestServer({
    node: {
      ...node,
      // DenomMetadata stands for a query the node fails to answer.
      abciQuery: async (request) =>
        request.path.endsWith("/DenomMetadata") ? Promise.reject(new Error("store closed")) : node.abciQuery(request),
    },
    host: "127.0.0.1",
    port: 0,
  });
});
afterAll(() => server.close());

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A request over node:http, for what fetch will not send: bad paths, lying lengths, streamed bodies. */
function rawRequest(method: string, path: string, headers: Record<string, string | number>, body?: Buffer): Promise<RawResponse> {
  const { hostname, port } = new URL(server.address);
  return new Promise((resolve, reject) => {
    let settled = false;
    const request = httpRequest({ host: hostname, port, method, path, headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        settled = true;
        request.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text });
      });
    });
    request.on("error", (error) => {
      if (!settled) reject(error);
    });
    if (body !== undefined) request.write(body);
    if (headers["content-length"] === undefined || body?.length === headers["content-length"]) request.end();
  });
}

describe("gateway errors", () => {
  it("answers an unknown path with 501 Unimplemented, as grpc-gateway in the SDK", async () => {
    const response = await fetch(`${server.address}/cosmos/feegrant/v1beta1/allowances/persistence1x`);
    expect(response.status).toBe(501);
    expect(await response.text()).toBe('{"code":12,"message":"Not Implemented","details":[]}');
    expect((await fetch(`${server.address}/cosmos/auth/v1beta1/params/`)).status).toBe(501);
  });

  it("answers a known path with the wrong method with 501 Method Not Allowed", async () => {
    const response = await fetch(`${server.address}/cosmos/auth/v1beta1/params`, { method: "DELETE" });
    expect(response.status).toBe(501);
    expect(await response.json()).toEqual({ code: 12, message: "Method Not Allowed", details: [] });
  });

  it("answers a failing node with 500 Internal", async () => {
    const response = await fetch(`${server.address}/cosmos/bank/v1beta1/denoms_metadata/uxprt`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ code: 13, message: "store closed", details: [] });
  });

  it("rejects malformed input with 400 and keeps serving", async () => {
    expect((await rawRequest("GET", "/cosmos/auth/v1beta1/accounts/%E0%A4%A", {})).status).toBe(400);
    const badHeight = await fetch(`${server.address}/cosmos/auth/v1beta1/params`, { headers: { "x-cosmos-block-height": "-1" } });
    expect(badHeight.status).toBe(400);
    for (const body of ["{not json", "[1,2]", "null"]) {
      const response = await fetch(`${server.address}/cosmos/tx/v1beta1/simulate`, { method: "POST", body });
      expect(response.status, body).toBe(400);
      expect(await response.json(), body).toMatchObject({ code: 3, details: [] });
    }
    expect((await fetch(`${server.address}/cosmos/auth/v1beta1/accounts/${BOB}`)).status).toBe(200);
  });
});

describe("body size", () => {
  it("refuses a declared body over 1,000,000 bytes without reading it, and closes the connection", async () => {
    const response = await rawRequest("POST", "/cosmos/tx/v1beta1/txs", { "content-length": 2_000_000 }, Buffer.from("{"));
    expect(response.status).toBe(400);
    expect(response.headers.connection).toBe("close");
    expect(JSON.parse(response.text)).toEqual({
      code: 3,
      message: "request body too large: the limit is 1000000 bytes",
      details: [],
    });
  });

  it("stops reading a streamed body once it passes the limit", async () => {
    const body = Buffer.alloc(1_100_000, 0x20);
    const response = await rawRequest("POST", "/cosmos/tx/v1beta1/txs", { "transfer-encoding": "chunked" }, body);
    expect(response.status).toBe(400);
    expect((await fetch(`${server.address}/cosmos/bank/v1beta1/params`)).status).toBe(200);
  });
});

describe("CORS", () => {
  it("allows any origin on answers and errors", async () => {
    const ok = await fetch(`${server.address}/cosmos/bank/v1beta1/params`, { headers: { origin: "http://localhost:3000" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    expect(ok.headers.get("content-type")).toBe("application/json");
    const failed = await fetch(`${server.address}/nothing/here`);
    expect(failed.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("answers a preflight for a JSON POST", async () => {
    const response = await fetch(`${server.address}/cosmos/tx/v1beta1/txs`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe("content-type");
  });
});
