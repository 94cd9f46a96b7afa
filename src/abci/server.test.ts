import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import {
  CheckTxType,
  Request,
  Response,
  ResponseApplySnapshotChunk_Result,
  ResponseOfferSnapshot_Result,
  ResponseProcessProposal_ProposalStatus,
  ResponseVerifyVoteExtension_VerifyStatus,
  type RequestFinalizeBlock,
  type RequestInitChain,
} from "cosmjs-types/tendermint/abci/types";
import { afterEach, describe, expect, it } from "vitest";
import type { AbciApplication } from "../app/abci.js";
import { PersistenceApp } from "../app/app.js";
import { Database } from "../store/database.js";
import { fundedGenesis, TEST_CHAIN_ID } from "../testing/app-harness.js";
import { TestSigner } from "../testing/signer.js";
import { encodeFrame, FrameDecoder } from "./framing.js";
import { startAbciServer, type AbciServer } from "./server.js";

/** A client speaking the socket protocol as CometBFT's socket client does. */
class TestClient {
  private readonly decoder = new FrameDecoder();
  private readonly received: Response[] = [];
  private waiting: (() => void) | undefined;
  readonly ended: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk) => {
      for (const frame of this.decoder.push(chunk)) this.received.push(Response.decode(frame));
      this.waiting?.();
    });
    this.ended = new Promise((resolve) => socket.on("close", () => resolve()));
  }

  static connect(address: string): Promise<TestClient> {
    const url = new URL(address);
    return new Promise((resolve, reject) => {
      const socket = url.protocol === "unix:" ? connect(url.pathname) : connect(Number(url.port), url.hostname.replace(/^\[(.*)\]$/, "$1"));
      socket.once("connect", () => resolve(new TestClient(socket))).once("error", reject);
    });
  }

  /** Writes the requests back to back, in one write. */
  send(...requests: Request[]): void {
    this.socket.write(Buffer.concat(requests.map((request) => encodeFrame(Request, request))));
  }

  /** The next `count` responses. */
  async next(count: number): Promise<Response[]> {
    while (this.received.length < count) await new Promise<void>((resolve) => (this.waiting = resolve));
    return this.received.splice(0, count);
  }

  /** Sends the requests and a Flush; returns their responses, the Flush's left out. */
  async call(...requests: Request[]): Promise<Response[]> {
    this.send(...requests, { flush: {} });
    const responses = await this.next(requests.length + 1);
    expect(responses.at(-1)).toEqual({ flush: {} });
    return responses.slice(0, -1);
  }

  get pending(): number {
    return this.received.length;
  }
}

/** The one field of a Response that is set. */
const method = (response: Response): string => Object.entries(response).find(([, value]) => value !== undefined)![0];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fakeApp(overrides: Partial<AbciApplication> = {}): AbciApplication {
  return {
    info: async () => ({ data: "fake", version: "1", appVersion: 1n, lastBlockHeight: 7n, lastBlockAppHash: Uint8Array.of(7) }),
    initChain: async () => ({ validators: [], appHash: new Uint8Array() }),
    checkTx: async (request) => ({ code: 0, data: request.tx, log: "", info: "", gasWanted: 0n, gasUsed: 0n, events: [], codespace: "" }),
    prepareProposal: async (request) => ({ txs: request.txs }),
    processProposal: async () => ({ status: ResponseProcessProposal_ProposalStatus.ACCEPT }),
    finalizeBlock: async () => ({ events: [], txResults: [], validatorUpdates: [], appHash: Uint8Array.of(1) }),
    commit: async () => ({ retainHeight: 0n }),
    query: async (request) => ({ code: 0, log: "", info: "", index: 0n, key: request.data, value: new TextEncoder().encode(request.path), height: 7n, codespace: "" }),
    ...overrides,
  };
}

function recordingLogger() {
  const errors: string[] = [];
  return { errors, logger: { info() {}, error: (message: string, error?: unknown) => void errors.push(`${message}${error ? `: ${String(error)}` : ""}`) } };
}

const checkTx = (byte: number): Request => ({ checkTx: { tx: Uint8Array.of(byte), type: CheckTxType.NEW } });
const query = (path: string): Request => ({ query: { path, data: new Uint8Array(), height: 0n, prove: false } });
const finalizeBlock = (height: bigint, txs: Uint8Array[] = []): RequestFinalizeBlock => ({
  txs,
  decidedLastCommit: { round: 0, votes: [] },
  misbehavior: [],
  hash: new Uint8Array(32),
  height,
  time: { seconds: 1_700_000_000n + height, nanos: 0 },
  nextValidatorsHash: new Uint8Array(32),
  proposerAddress: new Uint8Array(20),
});

describe("ABCI socket server", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function serve(app: AbciApplication, logger?: ReturnType<typeof recordingLogger>["logger"], address = "tcp://127.0.0.1:0"): Promise<AbciServer> {
    const server = await startAbciServer({ app, address, logger });
    cleanups.push(() => server.close());
    return server;
  }

  async function client(server: AbciServer): Promise<TestClient> {
    const c = await TestClient.connect(server.address);
    cleanups.push(() => void c.socket.destroy());
    return c;
  }

  it("binds a free port and reports the address it bound; an address without a scheme is TCP, as in CometBFT", async () => {
    const server = await serve(fakeApp());
    expect(server.address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(server.address).not.toBe("tcp://127.0.0.1:0");
    const bare = await serve(fakeApp(), undefined, "127.0.0.1:0");
    expect(bare.address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    const ipv6 = await serve(fakeApp(), undefined, "tcp://[::1]:0");
    expect(ipv6.address).toMatch(/^tcp:\/\/\[::1\]:\d+$/);
    expect(await (await client(ipv6)).call({ echo: { message: "v6" } })).toEqual([{ echo: { message: "v6" } }]);
    for (const address of ["http://127.0.0.1:1", "tcp://127.0.0.1", "tcp://127.0.0.1:70000", "unix://"]) {
      await expect(startAbciServer({ app: fakeApp(), address })).rejects.toThrow(/expected tcp:\/\/host:port or unix:\/\/\/path/);
    }
  });

  it("answers pipelined requests in order, and only once a Flush arrives", async () => {
    const c = await client(await serve(fakeApp()));
    c.send({ echo: { message: "a" } }, { info: { version: "0.38", blockVersion: 11n, p2pVersion: 8n, abciVersion: "2.0.0" } }, { echo: { message: "b" } }, query("/p"));
    await sleep(50);
    expect(c.pending).toBe(0);
    c.send({ flush: {} });
    const [echoA, info, echoB, queried, flushed] = await c.next(5);
    expect(echoA).toEqual({ echo: { message: "a" } });
    expect(info!.info).toMatchObject({ data: "fake", lastBlockHeight: 7n });
    expect(echoB).toEqual({ echo: { message: "b" } });
    expect(new TextDecoder().decode(queried!.query!.value)).toBe("/p");
    expect(flushed).toEqual({ flush: {} });
  });

  it("answers vote extension and snapshot requests itself: no extensions, no state sync", async () => {
    const c = await client(await serve(fakeApp()));
    const responses = await c.call(
      { extendVote: { hash: new Uint8Array(32), height: 2n, time: { seconds: 0n, nanos: 0 }, txs: [], proposedLastCommit: { round: 0, votes: [] }, misbehavior: [], nextValidatorsHash: new Uint8Array(), proposerAddress: new Uint8Array() } },
      { verifyVoteExtension: { hash: new Uint8Array(32), validatorAddress: new Uint8Array(20), height: 2n, voteExtension: Uint8Array.of(1) } },
      { listSnapshots: {} },
      { offerSnapshot: { snapshot: { height: 10n, format: 1, chunks: 1, hash: Uint8Array.of(1), metadata: new Uint8Array() }, appHash: Uint8Array.of(2) } },
      { loadSnapshotChunk: { height: 10n, format: 1, chunk: 0 } },
      { applySnapshotChunk: { index: 0, chunk: Uint8Array.of(1), sender: "peer" } },
    );
    expect(responses).toEqual([
      { extendVote: { voteExtension: new Uint8Array() } },
      { verifyVoteExtension: { status: ResponseVerifyVoteExtension_VerifyStatus.ACCEPT } },
      { listSnapshots: { snapshots: [] } },
      { offerSnapshot: { result: ResponseOfferSnapshot_Result.REJECT } },
      { loadSnapshotChunk: { chunk: new Uint8Array() } },
      { applySnapshotChunk: { result: ResponseApplySnapshotChunk_Result.ABORT, refetchChunks: [], rejectSenders: [] } },
    ]);
  });

  it("runs consecutive CheckTx requests concurrently, Flushes between them included, and still answers in order", async () => {
    const started: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const delays = [40, 20, 0];
    const app = fakeApp({
      checkTx: async (request) => {
        const byte = request.tx[0]!;
        started.push(byte);
        maxRunning = Math.max(maxRunning, ++running);
        await sleep(delays[byte]!);
        running--;
        return { code: byte, data: request.tx, log: "", info: "", gasWanted: 0n, gasUsed: 0n, events: [], codespace: "" };
      },
    });
    const c = await client(await serve(app));
    c.send(checkTx(0), { flush: {} }, checkTx(1), checkTx(2), { flush: {} });
    const responses = await c.next(5);
    expect(started).toEqual([0, 1, 2]);
    expect(maxRunning).toBe(3);
    expect(responses.map((r) => r.checkTx?.code ?? method(r))).toEqual([0, "flush", 1, 2, "flush"]);
  });

  it("starts any other request only once all earlier requests on its connection finished", async () => {
    const log: string[] = [];
    const app = fakeApp({
      checkTx: async (request) => {
        log.push(`checkTx ${request.tx[0]} start`);
        await sleep(20);
        log.push(`checkTx ${request.tx[0]} end`);
        return fakeApp().checkTx(request);
      },
      finalizeBlock: async (request) => {
        log.push("finalizeBlock start");
        await sleep(30);
        log.push("finalizeBlock end");
        return fakeApp().finalizeBlock(request);
      },
      commit: async () => {
        log.push("commit");
        return { retainHeight: 0n };
      },
    });
    const c = await client(await serve(app));
    const responses = await c.call(checkTx(1), { finalizeBlock: finalizeBlock(1n) }, { commit: {} }, checkTx(2), checkTx(3));
    expect(log).toEqual([
      "checkTx 1 start",
      "checkTx 1 end",
      "finalizeBlock start",
      "finalizeBlock end",
      "commit",
      "checkTx 2 start",
      "checkTx 3 start",
      "checkTx 2 end",
      "checkTx 3 end",
    ]);
    expect(responses.map(method)).toEqual(["checkTx", "finalizeBlock", "commit", "checkTx", "checkTx"]);
  });

  it("answers an app failure with an exception, logs it, asks the app nothing more and closes that connection", async () => {
    const { errors, logger } = recordingLogger();
    const asked: string[] = [];
    const app = fakeApp({
      query: async (request) => {
        asked.push(request.path);
        throw new Error("store is gone");
      },
    });
    const server = await serve(app, logger);
    const c = await client(server);
    c.send({ echo: { message: "before" } }, query("/fails"), query("/never"), { flush: {} });
    expect(await c.next(2)).toEqual([{ echo: { message: "before" } }, { exception: { error: "store is gone" } }]);
    await c.ended;
    expect(c.pending).toBe(0);
    expect(asked).toEqual(["/fails"]);
    expect(errors).toEqual([expect.stringMatching(/^ABCI connection 1: query failed.*: Error: store is gone$/)]);
    expect(await (await client(server)).call({ echo: { message: "still serving" } })).toEqual([{ echo: { message: "still serving" } }]);
  });

  it.each([
    ["a length prefix that overflows", new Uint8Array(10).fill(0xff), /malformed frame/],
    ["a frame over the size limit", Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x08), /malformed frame/],
    ["a body that is not a Request", Uint8Array.of(2, 0xff, 0xff), /undecodable request/],
    ["a Request with no method", Uint8Array.of(0), /request without exactly one method set/],
    ["a Request with two methods", Uint8Array.of(4, 0x12, 0, 0x5a, 0), /request without exactly one method set/],
  ])("closes a connection that sends %s, and keeps serving the others", async (_, garbage, reason) => {
    const { errors, logger } = recordingLogger();
    const server = await serve(fakeApp(), logger);
    const good = await client(server);
    const bad = await client(server);
    bad.socket.write(encodeFrame(Request, { echo: { message: "fine so far" } }));
    bad.socket.write(garbage);
    await bad.ended;
    expect(bad.pending).toBe(0);
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^ABCI connection 2: ${reason.source}; closing the connection`))]);
    expect(await good.call({ echo: { message: "hello" } })).toEqual([{ echo: { message: "hello" } }]);
  });

  it("answers everything a client sent before half-closing, then closes", async () => {
    const c = await client(await serve(fakeApp()));
    c.send({ echo: { message: "last" } });
    c.socket.end();
    expect(await c.next(1)).toEqual([{ echo: { message: "last" } }]);
    await c.ended;
  });

  it("closes its connections and stops listening on close", async () => {
    const server = await startAbciServer({ app: fakeApp(), address: "tcp://127.0.0.1:0" });
    const c = await TestClient.connect(server.address);
    await server.close();
    await c.ended;
    await expect(TestClient.connect(server.address)).rejects.toThrow(/ECONNREFUSED/);
  });

  describe("on a unix socket", () => {
    it("serves, and removes the socket file on close", async () => {
      const dir = mkdtempSync(join(tmpdir(), "abci-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const server = await startAbciServer({ app: fakeApp(), address: `unix://${dir}/app.sock` });
      expect(server.address).toBe(`unix://${dir}/app.sock`);
      const c = await TestClient.connect(server.address);
      expect(await c.call({ echo: { message: "over unix" } })).toEqual([{ echo: { message: "over unix" } }]);
      await server.close();
      expect(existsSync(join(dir, "app.sock"))).toBe(false);
    });

    it("replaces a socket file left by a killed process, but not one that is in use", async () => {
      const dir = mkdtempSync(join(tmpdir(), "abci-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const path = join(dir, "app.sock");
      const killed = spawn(process.execPath, ["-e", `require("node:net").createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, "SIGKILL"))`]);
      await new Promise((resolve) => killed.on("exit", resolve));
      expect(existsSync(path)).toBe(true);
      const server = await serve(fakeApp(), undefined, `unix://${path}`);
      await expect(startAbciServer({ app: fakeApp(), address: `unix://${path}` })).rejects.toThrow(/EADDRINUSE/);
      expect(await (await client(server)).call({ echo: { message: "replaced" } })).toEqual([{ echo: { message: "replaced" } }]);
    });
  });

  describe("with a PersistenceApp behind it", () => {
    async function openApp(): Promise<PersistenceApp> {
      const dir = mkdtempSync(join(tmpdir(), "abci-app-"));
      const db = Database.open(dir);
      cleanups.push(async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      });
      return new PersistenceApp({ db, chainId: TEST_CHAIN_ID });
    }

    it("gives CometBFT the same answers and app hash as calling the app directly", async () => {
      const alice = await TestSigner.fromSeed(1);
      const bob = await TestSigner.fromSeed(2);
      const initChain: RequestInitChain = {
        time: { seconds: 1_700_000_000n, nanos: 0 },
        chainId: TEST_CHAIN_ID,
        validators: [],
        appStateBytes: new TextEncoder().encode(JSON.stringify(fundedGenesis([alice, bob]))),
        initialHeight: 1n,
      };
      const send = { typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: alice.address, toAddress: bob.address, amount: [{ denom: "uxprt", amount: "1000" }] }) };
      const tx = await alice.sign({ messages: [send], chainId: TEST_CHAIN_ID, accountNumber: 0n, sequence: 0n });
      const balanceQuery = { path: "/cosmos.bank.v1beta1.Query/Balance", data: QueryBalanceRequest.encode({ address: bob.address, denom: "uxprt" }).finish(), height: 0n, prove: false };
      const info = { version: "0.38.26", blockVersion: 11n, p2pVersion: 8n, abciVersion: "2.0.0" };

      const direct = await openApp();
      const directInit = await direct.initChain(initChain);
      const directCheck = await direct.checkTx({ tx, type: CheckTxType.NEW });
      const directBlock = await direct.finalizeBlock(finalizeBlock(1n, [tx]));
      await direct.commit();
      const directInfo = await direct.info(info);

      const c = await client(await serve(await openApp()));
      expect(await c.call({ info })).toEqual([{ info: { data: "persistence", version: expect.any(String), appVersion: 1n, lastBlockHeight: 0n, lastBlockAppHash: new Uint8Array() } }]);
      expect(await c.call({ initChain })).toEqual([{ initChain: directInit }]);
      const [checked] = await c.call({ checkTx: { tx, type: CheckTxType.NEW } });
      expect(checked).toEqual({ checkTx: directCheck });
      const [finalized, committed] = await c.call({ finalizeBlock: finalizeBlock(1n, [tx]) }, { commit: {} });
      expect(finalized!.finalizeBlock!.txResults[0]!.code).toBe(0);
      expect(finalized).toEqual({ finalizeBlock: directBlock });
      expect(committed).toEqual({ commit: { retainHeight: 0n } });
      const [afterCommit, queried] = await c.call({ info }, { query: balanceQuery });
      expect(afterCommit).toEqual({ info: directInfo });
      expect(afterCommit!.info!.lastBlockAppHash).toEqual(directBlock.appHash);
      expect(QueryBalanceResponse.decode(queried!.query!.value).balance).toEqual({ denom: "uxprt", amount: "1000001000" });
    });
  });
});
