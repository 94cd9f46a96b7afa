import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { toHex, utf8 } from "../../store/bytes.js";
import { sha256 } from "../../store/hash.js";
import { COMET_METHODS } from "./dispatch.js";
import { startCometRpcServer, type CometRpcServer } from "./server.js";
import { FixtureNode, fixtureTx } from "./test-fixture-node.js";

/** Exact CometBFT JSON shapes and error handling, checked on the raw wire. */

let node: FixtureNode;
let server: CometRpcServer;

beforeAll(async () => {
  node = await FixtureNode.create();
  server = await startCometRpcServer({ node, host: "127.0.0.1", port: 0, broadcastTxCommitTimeoutMs: 100, maxBodyBytes: 10_000 });
});

afterAll(async () => {
  await server.close();
  await node.close();
});

async function post(body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(server.address, { method: "POST", body, headers: { "Content-Type": "application/json" } });
  return { status: response.status, text: await response.text() };
}

async function call(method: string, params: unknown = {}): Promise<unknown> {
  return JSON.parse((await post(JSON.stringify({ jsonrpc: "2.0", id: 7, method, params }))).text);
}

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.address}${path}`);
  return { status: response.status, text: await response.text() };
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
const hex = (bytes: Uint8Array): string => toHex(bytes).toUpperCase();

describe("JSON shapes", () => {
  it("tx: jsonpb tx_result with every field, index as a number", async () => {
    const tx = node.block(1n)!.block.data.txs[0]!;
    const { status, text } = await get(`/tx?hash=0x${toHex(sha256(tx))}`);
    expect(status).toBe(200);
    const attributes = (pairs: [string, string][]): string =>
      pairs.map(([key, value]) => `{"key":"${key}","value":"${value}","index":true}`).join(",");
    expect(text).toBe(
      `{"jsonrpc":"2.0","id":-1,"result":{"hash":"${hex(sha256(tx))}","height":"1","index":0,"tx_result":{"code":0,"data":"EiY=","log":"","info":"","gas_wanted":"200000","gas_used":"61234","events":[` +
        `{"type":"message","attributes":[${attributes([["action", "/cosmos.bank.v1beta1.MsgSend"], ["sender", "alice"], ["module", "bank"]])}]},` +
        `{"type":"transfer","attributes":[${attributes([["recipient", "bob"], ["sender", "alice"], ["amount", "10uxprt"]])}]}` +
        `],"codespace":""},"tx":"${b64(tx)}"}}`,
    );
  });

  it("block_results: nulls for empty lists and absent params", async () => {
    const appHash = b64(node.blockResults(2n)!.appHash);
    expect(await call("block_results", { height: "2" })).toEqual({
      jsonrpc: "2.0",
      id: 7,
      result: { height: "2", txs_results: null, finalize_block_events: null, validator_updates: null, consensus_param_updates: null, app_hash: appHash },
    });
    const first = (await call("block_results", { height: "1" })) as { result: Record<string, unknown> };
    expect(first.result.finalize_block_events).toEqual([
      { type: "mint", attributes: [{ key: "amount", value: "100uxprt", index: true }, { key: "minter", value: "mint", index: true }] },
    ]);
    expect(first.result.consensus_param_updates).toEqual({ block: { max_bytes: "22020096", max_gas: "-1" } });
  });

  it("block: header, empty first commit and Go time format", async () => {
    const stored = node.block(1n)!;
    const { result } = (await call("block", { height: "1" })) as { result: { block_id: unknown; block: Record<string, unknown> } };
    expect(result.block_id).toEqual({ hash: hex(stored.blockId.hash), parts: { total: 1, hash: hex(stored.blockId.partSetHeader.hash) } });
    expect(result.block.header).toMatchObject({
      version: { block: "11", app: "1" },
      chain_id: node.chainId,
      height: "1",
      time: "2023-11-14T22:13:25Z",
      last_block_id: { hash: "", parts: { total: 0, hash: "" } },
      last_commit_hash: "",
      data_hash: hex(stored.block.header.dataHash),
      proposer_address: hex(node.validator.address),
    });
    expect(result.block.data).toEqual({ txs: stored.block.data.txs.map(b64) });
    expect(result.block.evidence).toEqual({ evidence: [] });
    expect(result.block.last_commit).toEqual({ height: "0", round: 0, block_id: { hash: "", parts: { total: 0, hash: "" } }, signatures: [] });

    const second = (await call("block", { height: "2" })) as { result: { block: { header: { time: string }; last_commit: unknown } } };
    expect(second.result.block.header.time).toBe("2023-11-14T22:13:30.120000002Z");
    expect(second.result.block.last_commit).toEqual({
      height: "1",
      round: 0,
      block_id: { hash: hex(stored.blockId.hash), parts: { total: 1, hash: hex(stored.blockId.partSetHeader.hash) } },
      signatures: [{ block_id_flag: 2, validator_address: hex(node.validator.address), timestamp: "2023-11-14T22:13:26.000000005Z", signature: b64(new Uint8Array(64).fill(7)) }],
    });
  });

  it("broadcast_tx_sync: hex data, abci_query and abci_info responses", async () => {
    const tx = fixtureTx("mo", "ned", 1, 99);
    expect(await call("broadcast_tx_sync", { tx: b64(tx) })).toEqual({
      jsonrpc: "2.0",
      id: 7,
      result: { code: 0, data: "ABCD", log: "", codespace: "", hash: hex(sha256(tx)) },
    });
    await node.produceBlock();
    const height = node.syncInfo().latestBlockHeight.toString();
    expect(await call("abci_query", { path: "/store/bank/key", data: toHex(utf8("alice")) })).toEqual({
      jsonrpc: "2.0",
      id: 7,
      result: {
        response: { code: 0, log: "", info: "", index: "0", key: b64(utf8("alice")), value: b64(utf8("balance of alice")), proofOps: null, height, codespace: "" },
      },
    });
    expect(await call("abci_info")).toEqual({
      jsonrpc: "2.0",
      id: 7,
      result: { response: { data: "persistence", version: "0.1.0", app_version: "1", last_block_height: height, last_block_app_hash: b64(node.blockResults(BigInt(height))!.appHash) } },
    });
  });

  it("status and validators", async () => {
    const { result } = (await call("status")) as { result: Record<string, Record<string, unknown>> };
    expect(result.node_info).toEqual({
      protocol_version: { p2p: "8", block: "11", app: "1" },
      id: "a3f1c2d4e5b6a7980112233445566778899aabbc",
      listen_addr: "tcp://0.0.0.0:26656",
      network: node.chainId,
      version: "0.38.17",
      channels: "",
      moniker: "fixture",
      other: { tx_index: "on", rpc_address: "tcp://127.0.0.1:26657" },
    });
    expect(result.sync_info).toMatchObject({ earliest_block_height: "1", earliest_block_time: "2023-11-14T22:13:25Z", catching_up: false });
    const pubKey = { type: "tendermint/PubKeyEd25519", value: b64(node.validator.pubKey) };
    expect(result.validator_info).toEqual({ address: hex(node.validator.address), pub_key: pubKey, voting_power: "10" });
    const next = (node.syncInfo().latestBlockHeight + 1n).toString();
    expect(await call("validators")).toEqual({
      jsonrpc: "2.0",
      id: 7,
      result: { block_height: next, validators: [{ address: hex(node.validator.address), pub_key: pubKey, voting_power: "10", proposer_priority: "0" }], count: "1", total: "1" },
    });
  });
});

describe("request forms", () => {
  it("accepts positional params and plain numbers", async () => {
    expect(await call("block", ["2"])).toMatchObject({ result: { block: { header: { height: "2" } } } });
    expect(await call("block", { height: 2 })).toMatchObject({ result: { block: { header: { height: "2" } } } });
  });

  it("serves URI requests with CometBFT's argument forms", async () => {
    expect(JSON.parse((await get('/tx_search?query="tx.height=1"&order_by="desc"')).text)).toMatchObject({
      id: -1,
      result: { total_count: "2", txs: [{ height: "1", index: 1 }, { height: "1", index: 0 }] },
    });
    expect(JSON.parse((await get(`/abci_query?path="/store/bank/key"&data=0x${toHex(utf8("bob"))}`)).text)).toMatchObject({
      result: { response: { value: b64(utf8("balance of bob")) } },
    });
    expect(JSON.parse((await get('/abci_query?path="/store/bank/key"&data="carol"')).text)).toMatchObject({
      result: { response: { key: b64(utf8("carol")) } },
    });
    const tx = fixtureTx("uri", "user", 1, 5);
    expect(JSON.parse((await get(`/broadcast_tx_sync?tx="${new TextDecoder().decode(tx)}"`)).text)).toMatchObject({
      result: { code: 0, hash: hex(sha256(tx)) },
    });
    await node.produceBlock();
    expect(JSON.parse((await get("/block?height=3")).text)).toMatchObject({ result: { block: { header: { height: "3" } } } });
  });

  it("answers batches, skips notifications and lists endpoints for an empty body", async () => {
    const batch = await post(JSON.stringify([{ id: 1, method: "health" }, { id: "two", method: "nope" }, { method: "health" }]));
    expect(JSON.parse(batch.text)).toEqual([
      { jsonrpc: "2.0", id: 1, result: {} },
      { jsonrpc: "2.0", id: "two", error: { code: -32601, message: "Method not found" } },
    ]);
    expect(JSON.parse((await post(JSON.stringify([{ id: 1, method: "health" }]))).text)).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
    expect(await post(JSON.stringify({ method: "health" }))).toEqual({ status: 200, text: "" });
    const tooMany = await post(JSON.stringify(Array.from({ length: 11 }, (_, i) => ({ id: i, method: "health" }))));
    expect(JSON.parse(tooMany.text)).toMatchObject({ error: { code: -32600, data: "batch request exceeds maximum (10) allowed number of requests" } });
    const listing = await post("");
    expect(listing.text).toContain("/status");
    expect(listing.text).not.toContain("/subscribe");
  });
});

describe("errors", () => {
  it.each([
    ["malformed JSON", "{nope", 500, { code: -32700, message: "Parse error. Invalid JSON" }],
    ["a bad id", '{"id":{},"method":"health"}', 500, { code: -32700 }],
    ["a non-object", "42", 500, { code: -32700 }],
    ["an unknown method", '{"id":1,"method":"nope"}', 200, { code: -32601, message: "Method not found" }],
    ["a subscription over HTTP", '{"id":1,"method":"subscribe","params":{"query":"tm.event=\'Tx\'"}}', 200, { code: -32601 }],
    ["a bad integer", '{"id":1,"method":"block","params":{"height":"abc"}}', 200, { code: -32602, message: "Invalid params" }],
    ["an int64 overflow", '{"id":1,"method":"block","params":{"height":"9223372036854775808"}}', 200, { code: -32602 }],
    ["params of the wrong type", '{"id":1,"method":"block","params":"2"}', 200, { code: -32602 }],
    ["too many positional params", '{"id":1,"method":"block","params":["1","2"]}', 200, { code: -32602 }],
    ["bad base64", '{"id":1,"method":"tx","params":{"hash":"%%%"}}', 200, { code: -32602 }],
    ["a bad boolean", '{"id":1,"method":"tx","params":{"hash":"AA==","prove":"yes"}}', 200, { code: -32602 }],
    ["a height beyond the chain", '{"id":1,"method":"block","params":{"height":"9999"}}', 200, { code: -32603, message: "Internal error" }],
    ["a malformed tx_search query", '{"id":1,"method":"tx_search","params":{"query":"a.b = "}}', 200, { code: -32603 }],
    ["a bad order_by", '{"id":1,"method":"tx_search","params":{"query":"tx.height=1","order_by":"up"}}', 200, { code: -32603 }],
  ])("answers %s", async (_case, body, status, error) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.text)).toMatchObject({ jsonrpc: "2.0", error });
  });

  it("explains errors in data, as CometBFT", async () => {
    expect(await call("block", { height: "9999" })).toMatchObject({
      error: { data: expect.stringMatching(/^height 9999 must be less than or equal to the current blockchain height \d+$/) },
    });
    expect(await call("block", { height: "abc" })).toMatchObject({ error: { data: expect.stringMatching(/^error converting json params to arguments: /) } });
    expect(await call("tx", { hash: b64(sha256(utf8("x"))) })).toMatchObject({ error: { data: `tx (${hex(sha256(utf8("x")))}) not found` } });
  });

  it("reads a JSON-RPC byte argument as base64 even when it starts with 0x, as CometBFT does", async () => {
    // One tx hash in 2,048 has a base64 form starting "0x" or "0X"; CosmJS sends hashes as base64.
    const hash = Uint8Array.from({ length: 32 }, (_, i) => [0xd3, 0x1a, 0x53][i] ?? i);
    expect(b64(hash).startsWith("0xpT")).toBe(true);
    expect(await call("tx", { hash: b64(hash) })).toMatchObject({ error: { data: `tx (${hex(hash)}) not found` } });
    expect(await call("tx", { hash: `0x${toHex(hash)}` })).toMatchObject({ error: { code: -32602 } });
  });

  it("rejects bodies over the limit, with or without a length", async () => {
    const expected = { code: -32600, message: "Invalid Request", data: "error reading request body: http: request body too large" };
    const sized = await post(JSON.stringify({ id: 1, method: "broadcast_tx_sync", params: { tx: "A".repeat(20_000) } }));
    expect(sized.status).toBe(400);
    expect(JSON.parse(sized.text)).toEqual({ jsonrpc: "2.0", error: expected });

    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(utf8("x".repeat(1000)));
        controller.close();
      },
    });
    const streamed = await fetch(server.address, { method: "POST", body: chunks, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(400);
    expect(await streamed.json()).toEqual({ jsonrpc: "2.0", error: expected });
  });

  it("answers unknown paths and malformed URI arguments", async () => {
    expect(await get("/nope")).toEqual({ status: 404, text: "404 page not found\n" });
    const subscribe = await get("/subscribe?query=x");
    expect(subscribe.status).toBe(404);
    expect(JSON.parse(subscribe.text)).toEqual({ jsonrpc: "2.0", id: -1, error: { code: -32601, message: "Method not found" } });
    const badHeight = await get("/block?height=abc");
    expect(badHeight.status).toBe(500);
    expect(JSON.parse(badHeight.text)).toMatchObject({ id: -1, error: { code: -32602, data: expect.stringMatching(/^error converting http params/) } });
    expect((await get("/tx?hash=ABCD")).status).toBe(500);
    expect((await get("/websocket")).status).toBe(400);
  });
});

describe("arbitrary input", () => {
  const methods = [...COMET_METHODS.keys()].filter((name) => name !== "broadcast_tx_commit");

  it("always answers JSON-RPC params with a response, never a crash", async () => {
    const request = fc.record({ id: fc.integer(), method: fc.constantFrom(...methods), params: fc.jsonValue() });
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 2, maxLength: 10 }), async (batch) => {
        const { status, text } = await post(JSON.stringify(batch));
        expect(status).toBe(200);
        for (const response of JSON.parse(text) as { result?: unknown; error?: { code: number } }[]) {
          expect(response.result !== undefined || typeof response.error?.code === "number").toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("always answers URI arguments with a JSON-RPC response", async () => {
    const argument = fc.oneof(fc.string(), fc.constantFrom("0x", "0xzz", '"', '"x"', "-1", "99999999999999999999", "true"));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.array(argument, { maxLength: 5 }), async (method, values) => {
        const query = new URLSearchParams(COMET_METHODS.get(method)!.args.map((name, i): [string, string] => [name, values[i] ?? ""]));
        const { status, text } = await get(`/${method}?${query}`);
        expect([200, 404, 500]).toContain(status);
        expect(JSON.parse(text)).toMatchObject({ jsonrpc: "2.0", id: -1 });
      }),
      { numRuns: 150 },
    );
    expect(JSON.parse((await get("/health")).text)).toEqual({ jsonrpc: "2.0", id: -1, result: {} });
  });
});

/** A raw WebSocket client that queues the messages it receives. */
class RawClient {
  private readonly queue: unknown[] = [];
  private readonly waiting: ((message: unknown) => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as unknown;
      const waiter = this.waiting.shift();
      if (waiter) waiter(message);
      else this.queue.push(message);
    });
  }

  static async connect(address: string): Promise<RawClient> {
    const socket = new WebSocket(`${address.replace(/^http/, "ws")}/websocket`);
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    return new RawClient(socket);
  }

  send(message: unknown): void {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  next(): Promise<unknown> {
    const queued = this.queue.shift();
    return queued !== undefined ? Promise.resolve(queued) : new Promise((resolve) => this.waiting.push(resolve));
  }

  async request(id: string | number, method: string, params: unknown = {}): Promise<unknown> {
    this.send({ jsonrpc: "2.0", id, method, params });
    return this.next();
  }
}

describe("WebSocket", () => {
  let client: RawClient;
  beforeAll(async () => {
    client = await RawClient.connect(server.address);
  });
  afterAll(() => client.socket.close());

  it("answers malformed messages and any method", async () => {
    client.send("{nope");
    expect(await client.next()).toMatchObject({ jsonrpc: "2.0", error: { code: -32700 } });
    client.send("[]");
    expect(await client.next()).toMatchObject({ error: { code: -32700 } });
    expect(await client.request(1, "health")).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
    expect(await client.request(2, "nope")).toEqual({ jsonrpc: "2.0", id: 2, error: { code: -32601, message: "Method not found" } });
  });

  it("delivers Tx events in CometBFT's envelope", async () => {
    const query = "tm.event = 'Tx' AND transfer.recipient = 'zoe'";
    expect(await client.request("sub-1", "subscribe", { query })).toEqual({ jsonrpc: "2.0", id: "sub-1", result: {} });
    const tx = fixtureTx("yan", "zoe", 9, 1);
    const block = await node.produceBlock([fixtureTx("yan", "xia", 1, 1), tx]);
    const height = block.block.header.height.toString();
    expect(await client.next()).toEqual({
      jsonrpc: "2.0",
      id: "sub-1",
      result: {
        query,
        data: {
          type: "tendermint/event/Tx",
          value: {
            TxResult: {
              height,
              index: 1,
              tx: b64(tx),
              result: {
                code: 0,
                data: "EiY=",
                log: "",
                info: "",
                gas_wanted: "200000",
                gas_used: "61234",
                events: node.tx(sha256(tx))!.result.events.map((e) => ({ type: e.type, attributes: e.attributes })),
                codespace: "",
              },
            },
          },
        },
        events: {
          "message.action": ["/cosmos.bank.v1beta1.MsgSend"],
          "message.sender": ["yan"],
          "message.module": ["bank"],
          "transfer.recipient": ["zoe"],
          "transfer.sender": ["yan"],
          "transfer.amount": ["9uxprt"],
          "tm.event": ["Tx"],
          "tx.hash": [hex(sha256(tx))],
          "tx.height": [height],
        },
      },
    });
    expect(await client.request("u1", "unsubscribe", { query: "tm.event='Tx' AND transfer.recipient='zoe'" })).toEqual({ jsonrpc: "2.0", id: "u1", result: {} });
  });

  it("delivers NewBlock and NewBlockEvents with their bus events", async () => {
    await client.request(10, "subscribe", { query: "tm.event='NewBlock'" });
    await client.request(11, "subscribe", { query: "tm.event='NewBlockEvents' AND mint.minter EXISTS" });
    let block = await node.produceBlock([]);
    if (block.block.header.height % 2n === 0n) block = await node.produceBlock([]);
    const first = (await client.next()) as { id: number; result: { data: { type: string; value: Record<string, unknown> }; events: unknown } };
    const second = (await client.next()) as typeof first;
    expect(first.id).toBe(10);
    expect(first.result.data.type).toBe("tendermint/event/NewBlock");
    expect(Object.keys(first.result.data.value)).toEqual(["block", "block_id", "result_finalize_block"]);
    expect(first.result.data.value.result_finalize_block).toEqual({
      events: [{ type: "mint", attributes: [{ key: "amount", value: `${block.block.header.height * 100n}uxprt`, index: true }, { key: "minter", value: "mint", index: true }] }],
      validator_updates: null,
      app_hash: b64(node.blockResults(block.block.header.height)!.appHash),
    });
    expect(second).toMatchObject({
      id: 11,
      result: {
        data: { type: "tendermint/event/NewBlockEvents", value: { height: block.block.header.height.toString(), num_txs: "0" } },
        events: { "tm.event": ["NewBlockEvents"], "mint.minter": ["mint"] },
      },
    });
    expect(await client.request(12, "unsubscribe_all")).toEqual({ jsonrpc: "2.0", id: 12, result: {} });
  });

  it("reports subscription errors as CometBFT", async () => {
    expect(await client.request(20, "subscribe", { query: "tm.event=" })).toMatchObject({
      error: { code: -32603, data: expect.stringMatching(/^failed to parse query: /) },
    });
    expect(await client.request(21, "subscribe", { query: `a.b='${"x".repeat(600)}'` })).toMatchObject({ error: { data: "maximum query length exceeded" } });
    await client.request(22, "subscribe", { query: "tm.event='Tx'" });
    expect(await client.request(23, "subscribe", { query: "tm.event = 'Tx'" })).toMatchObject({ error: { data: "already subscribed" } });
    for (let i = 0; i < 4; i++) await client.request(30 + i, "subscribe", { query: `a.b=${i}` });
    expect(await client.request(40, "subscribe", { query: "a.b=9" })).toMatchObject({ error: { data: "max_subscriptions_per_client 5 reached" } });
    await client.request(41, "unsubscribe_all");
    expect(await client.request(42, "unsubscribe", { query: "tm.event='Tx'" })).toMatchObject({ error: { data: "subscription not found" } });
    expect(await client.request(43, "unsubscribe_all")).toMatchObject({ error: { data: "subscription not found" } });
  });

  it("tells subscribers when the server closes", async () => {
    const own = await startCometRpcServer({ node, host: "127.0.0.1", port: 0 });
    const subscriber = await RawClient.connect(own.address);
    await subscriber.request("s", "subscribe", { query: "tm.event='NewBlock'" });
    const closed = new Promise((resolve) => subscriber.socket.once("close", resolve));
    await own.close();
    expect(await subscriber.next()).toEqual({
      jsonrpc: "2.0",
      id: "s",
      error: { code: -32000, message: "Server error", data: "subscription was canceled (reason: CometBFT exited)" },
    });
    await closed;
  });
});
