import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RestServer } from "../server.js";
import {
  ALICE,
  ALICE_PUBKEY,
  BOB,
  COMMITTED_TX,
  MSG_SEND_RESPONSE_DATA,
  sendTxBytes,
  startTestRestServer,
  type TestNode,
} from "../test-fixture.js";
import { sha256 } from "../../../store/hash.js";

let server: RestServer;
let node: TestNode;

beforeAll(async () => ({ server, node } = await startTestRestServer()));
afterAll(() => server.close());

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
const upperHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex").toUpperCase();
const COMMITTED_HASH = upperHex(sha256(COMMITTED_TX));

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.address}${path}`);
  return { status: response.status, text: await response.text() };
}

async function post(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${server.address}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

const transferEvent = {
  type: "transfer",
  attributes: [
    { key: "recipient", value: BOB, index: true },
    { key: "sender", value: ALICE, index: true },
    { key: "amount", value: "1000uxprt", index: true },
  ],
};

const committedTx = {
  body: {
    messages: [
      {
        "@type": "/cosmos.bank.v1beta1.MsgSend",
        from_address: ALICE,
        to_address: BOB,
        amount: [{ denom: "uxprt", amount: "1000" }],
      },
    ],
    memo: "rent for May",
    timeout_height: "0",
    extension_options: [],
    non_critical_extension_options: [],
  },
  auth_info: {
    signer_infos: [
      {
        public_key: { "@type": "/cosmos.crypto.secp256k1.PubKey", key: base64(ALICE_PUBKEY) },
        mode_info: { single: { mode: "SIGN_MODE_DIRECT" } },
        sequence: "3",
      },
    ],
    fee: { amount: [{ denom: "uxprt", amount: "5000" }], gas_limit: "200000", payer: "", granter: "" },
    tip: null,
  },
  signatures: [base64(new Uint8Array(64).fill(5))],
};

const committedTxResponse = {
  height: "2",
  txhash: COMMITTED_HASH,
  codespace: "",
  code: 0,
  data: upperHex(MSG_SEND_RESPONSE_DATA),
  raw_log: "",
  logs: [],
  info: "",
  gas_wanted: "200000",
  gas_used: "61234",
  tx: { "@type": "/cosmos.tx.v1beta1.Tx", ...committedTx },
  timestamp: "2024-05-01T12:00:02Z",
  events: [transferEvent],
};

function broadcastResponse(txBytes: Uint8Array, fields: Record<string, unknown> = {}) {
  return {
    tx_response: {
      height: "0",
      txhash: upperHex(sha256(txBytes)),
      codespace: "",
      code: 0,
      data: "",
      raw_log: "",
      logs: [],
      info: "",
      gas_wanted: "0",
      gas_used: "0",
      tx: null,
      timestamp: "",
      events: [],
      ...fields,
    },
  };
}

describe("GET /cosmos/tx/v1beta1/txs/{hash}", () => {
  it("returns the tx and its TxResponse", async () => {
    expect(await get(`/cosmos/tx/v1beta1/txs/${COMMITTED_HASH}`)).toEqual({
      status: 200,
      text: JSON.stringify({ tx: committedTx, tx_response: committedTxResponse }),
    });
    expect((await get(`/cosmos/tx/v1beta1/txs/${COMMITTED_HASH.toLowerCase()}`)).status).toBe(200);
  });

  it("answers 404 for an unknown hash and 400 for a hash that is not hex", async () => {
    const unknown = "AB".repeat(32);
    expect(await get(`/cosmos/tx/v1beta1/txs/${unknown}`)).toEqual({
      status: 404,
      text: `{"code":5,"message":"tx not found: ${unknown}","details":[]}`,
    });
    expect((await get("/cosmos/tx/v1beta1/txs/xyz")).status).toBe(400);
  });
});

describe("GET /cosmos/tx/v1beta1/txs", () => {
  it("searches by query with page, limit and order", async () => {
    const query = encodeURIComponent(`message.sender='${ALICE}'`);
    const { status, text } = await get(`/cosmos/tx/v1beta1/txs?query=${query}&page=1&limit=5&order_by=ORDER_BY_DESC`);
    expect(status).toBe(200);
    expect(text).toBe(
      JSON.stringify({ txs: [committedTx], tx_responses: [committedTxResponse], pagination: null, total: "1" }),
    );
    expect(node.searches.at(-1)).toEqual({ query: `message.sender='${ALICE}'`, page: 1, perPage: 5, orderBy: "desc" });
  });

  it("joins the older repeated events parameters with AND, quoting values as the SDK did", async () => {
    await get(`/cosmos/tx/v1beta1/txs?events=message.sender%3D${ALICE}&events=tx.height%3D2&order_by=1`);
    expect(node.searches.at(-1)).toEqual({
      query: `message.sender='${ALICE}' AND tx.height=2`,
      page: 1,
      perPage: 100,
      orderBy: "asc",
    });
    await get(`/cosmos/tx/v1beta1/txs?events=${encodeURIComponent(`message.sender='${ALICE}'`)}&limit=1000`);
    expect(node.searches.at(-1)).toMatchObject({ query: `message.sender='${ALICE}'`, perPage: 100 });
  });

  it("rejects an empty query and reports a failed search as Internal", async () => {
    expect(await get("/cosmos/tx/v1beta1/txs")).toEqual({
      status: 400,
      text: '{"code":3,"message":"query cannot be empty","details":[]}',
    });
    const { status, text } = await get("/cosmos/tx/v1beta1/txs?query=invalid");
    expect(status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      code: 13,
      message: "failed to search for txs: invalid query: invalid",
      details: [],
    });
    expect((await get("/cosmos/tx/v1beta1/txs?query=tx.height%3D2&order_by=SIDEWAYS")).status).toBe(400);
  });
});

describe("POST /cosmos/tx/v1beta1/simulate", () => {
  it("returns gas info and the result", async () => {
    expect(await post("/cosmos/tx/v1beta1/simulate", { tx_bytes: base64(sendTxBytes("")) })).toEqual({
      status: 200,
      json: {
        gas_info: { gas_wanted: "200000", gas_used: "61234" },
        result: {
          data: base64(MSG_SEND_RESPONSE_DATA),
          log: "",
          events: [transferEvent],
          msg_responses: [{ "@type": "/cosmos.bank.v1beta1.MsgSendResponse" }],
        },
      },
    });
  });

  it("maps a failed simulation to gRPC Unknown and an undecodable tx to InvalidArgument", async () => {
    expect(await post("/cosmos/tx/v1beta1/simulate", { tx_bytes: base64(sendTxBytes("overspend")) })).toEqual({
      status: 500,
      json: { code: 2, message: "spendable balance 1000uxprt is smaller than 5000uxprt: insufficient funds", details: [] },
    });
    expect(await post("/cosmos/tx/v1beta1/simulate", { tx_bytes: "AAAA" })).toEqual({
      status: 400,
      json: { code: 3, message: "invalid tx: tx parse error", details: [] },
    });
  });

  it("rejects a missing or malformed tx_bytes", async () => {
    expect(await post("/cosmos/tx/v1beta1/simulate", {})).toEqual({
      status: 400,
      json: { code: 3, message: "empty txBytes is not allowed", details: [] },
    });
    expect((await post("/cosmos/tx/v1beta1/simulate", { tx_bytes: "not base64!" })).status).toBe(400);
    expect((await post("/cosmos/tx/v1beta1/simulate", { tx_bytes: 42 })).status).toBe(400);
  });
});

describe("POST /cosmos/tx/v1beta1/txs", () => {
  it("broadcasts in sync mode and returns the CheckTx result", async () => {
    const txBytes = sendTxBytes("sync");
    expect(await post("/cosmos/tx/v1beta1/txs", { tx_bytes: base64(txBytes), mode: "BROADCAST_MODE_SYNC" })).toEqual({
      status: 200,
      json: broadcastResponse(txBytes),
    });
    expect(node.broadcasts.at(-1)).toEqual(txBytes);
  });

  it("reports a CheckTx failure inside the TxResponse", async () => {
    const garbage = new Uint8Array([1, 2, 3]);
    expect(await post("/cosmos/tx/v1beta1/txs", { txBytes: base64(garbage), mode: 2 })).toEqual({
      status: 200,
      json: broadcastResponse(garbage, { codespace: "sdk", code: 2, raw_log: "tx parse error" }),
    });
  });

  it("reports a node that fails to take the tx as Internal", async () => {
    const txBytes = new Uint8Array([0xff, 1]);
    expect(await post("/cosmos/tx/v1beta1/txs", { tx_bytes: base64(txBytes), mode: "BROADCAST_MODE_SYNC" })).toEqual({
      status: 500,
      json: { code: 13, message: "mempool closed", details: [] },
    });
  });

  it("broadcasts in async mode without waiting for CheckTx", async () => {
    const txBytes = sendTxBytes("async");
    expect(await post("/cosmos/tx/v1beta1/txs", { tx_bytes: base64(txBytes), mode: "BROADCAST_MODE_ASYNC" })).toEqual({
      status: 200,
      json: broadcastResponse(txBytes),
    });
    expect(node.broadcasts.at(-1)).toEqual(txBytes);
  });

  it("rejects block and unspecified modes as v0.50 does", async () => {
    const unsupported = {
      status: 500,
      json: { code: 2, message: "unsupported return type unspecified; supported types: sync, async", details: [] },
    };
    const tx_bytes = base64(sendTxBytes("block"));
    expect(await post("/cosmos/tx/v1beta1/txs", { tx_bytes, mode: "BROADCAST_MODE_BLOCK" })).toEqual(unsupported);
    expect(await post("/cosmos/tx/v1beta1/txs", { tx_bytes })).toEqual(unsupported);
  });

  it("rejects an empty tx and an unknown mode", async () => {
    expect(await post("/cosmos/tx/v1beta1/txs", { mode: "BROADCAST_MODE_SYNC" })).toEqual({
      status: 400,
      json: { code: 3, message: "invalid empty tx", details: [] },
    });
    expect((await post("/cosmos/tx/v1beta1/txs", { tx_bytes: "AAAA", mode: "BROADCAST_MODE_FAST" })).status).toBe(400);
  });
});
