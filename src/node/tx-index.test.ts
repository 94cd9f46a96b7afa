import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExecTxResult, type Event } from "cosmjs-types/tendermint/abci/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toHex, utf8 } from "../store/bytes.js";
import { Database } from "../store/database.js";
import { sha256 } from "../store/hash.js";
import type { TxSearchRequest } from "./api.js";
import { QueryParseError } from "./event-query.js";
import { TxIndex, TxSearchTooBroadError } from "./tx-index.js";

function event(type: string, attributes: Record<string, string>, index = true): Event {
  return { type, attributes: Object.entries(attributes).map(([key, value]) => ({ key, value, index })) };
}

function send(from: string, to: string, amount: number, code = 0): ExecTxResult {
  return ExecTxResult.fromPartial({
    code,
    gasUsed: 1000n,
    events: [
      event("message", { action: "send", sender: from }),
      event("transfer", { recipient: to, amount: `${amount}uxprt` }),
      event("tx", { memo: `from ${from}` }, false),
    ],
  });
}

describe("TxIndex", () => {
  let dir: string;
  let database: Database;
  let index: TxIndex;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tx-index-"));
    database = Database.open(dir);
    index = new TxIndex(database);
  });

  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Blocks 1..3: alice sends to bob and carol, bob to alice, carol to bob. */
  async function indexSampleChain(): Promise<Uint8Array[][]> {
    const blocks = [
      [utf8("tx-1-0"), utf8("tx-1-1")],
      [utf8("tx-2-0")],
      [utf8("tx-3-0"), utf8("tx-3-1"), utf8("tx-3-2")],
    ];
    index.indexBlock(1n, blocks[0]!, [send("alice", "bob", 10), send("alice", "carol", 20)]);
    index.indexBlock(2n, blocks[1]!, [send("bob", "alice", 5)]);
    index.indexBlock(3n, blocks[2]!, [send("carol", "bob", 7), send("alice", "bob", 300), send("dave", "erin", 1, 5)]);
    await database.commit();
    return blocks;
  }

  function search(query: string, options: Partial<TxSearchRequest> = {}): { found: string[]; totalCount: number } {
    const result = index.search({ query, page: 1, perPage: 30, orderBy: "asc", ...options });
    return { found: result.txs.map((tx) => `${tx.height}/${tx.index}`), totalCount: result.totalCount };
  }

  it("stages entries until the database commits", async () => {
    const tx = utf8("tx");
    index.indexBlock(1n, [tx], [send("alice", "bob", 1)]);
    expect(index.get(sha256(tx))).toBeUndefined();
    await database.commit();
    const indexed = index.get(sha256(tx))!;
    expect(indexed).toMatchObject({ height: 1n, index: 0, tx, hash: sha256(tx) });
    expect(indexed.result.gasUsed).toBe(1000n);
    expect(indexed.result.events[1]!.attributes[0]).toEqual({ key: "recipient", value: "bob", index: true });
  });

  it("finds txs by an indexed attribute, in block order", async () => {
    await indexSampleChain();
    expect(search("message.sender='alice'")).toEqual({ found: ["1/0", "1/1", "3/1"], totalCount: 3 });
    expect(search("message.sender='alice'", { orderBy: "desc" }).found).toEqual(["3/1", "1/1", "1/0"]);
  });

  it("combines conditions on different events of a tx", async () => {
    await indexSampleChain();
    expect(search("message.sender='alice' AND transfer.recipient='bob'").found).toEqual(["1/0", "3/1"]);
    expect(search("message.sender='alice' AND transfer.recipient='alice'").found).toEqual([]);
  });

  it("narrows by tx.height ranges and equality", async () => {
    await indexSampleChain();
    expect(search("tx.height >= 2").found).toEqual(["2/0", "3/0", "3/1", "3/2"]);
    expect(search("tx.height > 1 AND tx.height < 3").found).toEqual(["2/0"]);
    expect(search("tx.height = 3 AND transfer.recipient='bob'").found).toEqual(["3/0", "3/1"]);
    expect(search("tx.height <= 1.5 AND message.sender='alice'").found).toEqual(["1/0", "1/1"]);
    expect(search("tx.height = 2.5").found).toEqual([]);
    expect(search("tx.height > 3").found).toEqual([]);
  });

  it("evaluates range, CONTAINS and EXISTS conditions on attribute values", async () => {
    await indexSampleChain();
    expect(search("transfer.amount > 15").found).toEqual(["1/1", "3/1"]);
    expect(search("transfer.amount <= 7 AND tx.height >= 3").found).toEqual(["3/0", "3/2"]);
    expect(search("transfer.recipient CONTAINS 'ar'").found).toEqual(["1/1"]);
    expect(search("message.action EXISTS").totalCount).toBe(6);
  });

  it("lists a tx once under an attribute it emits twice", async () => {
    const result = ExecTxResult.fromPartial({ events: [event("message", { sender: "alice" }), event("message", { sender: "alice" })] });
    index.indexBlock(1n, [utf8("a"), utf8("b")], [result, send("alice", "bob", 1)]);
    await database.commit();
    expect(search("message.sender='alice'")).toEqual({ found: ["1/0", "1/1"], totalCount: 2 });
    expect(search("message.sender EXISTS").found).toEqual(["1/0", "1/1"]);
  });

  it("does not index attributes without index: true", async () => {
    await indexSampleChain();
    expect(search("tx.memo='from alice'").totalCount).toBe(0);
  });

  it("looks up tx.hash in either case", async () => {
    const [block1] = await indexSampleChain();
    const hash = toHex(sha256(block1![1]!));
    expect(search(`tx.hash='${hash.toUpperCase()}'`).found).toEqual(["1/1"]);
    expect(search(`tx.hash='${hash}' AND message.sender='alice'`).found).toEqual(["1/1"]);
    expect(search(`tx.hash='${hash}' AND tx.height > 1`).found).toEqual([]);
    expect(search("tx.hash='ABCD'").found).toEqual([]);
    expect(() => search("tx.hash='xyz'")).toThrow(/must be hex/);
  });

  it("evaluates other tx.height and tx.hash conditions per tx", async () => {
    const [block1] = await indexSampleChain();
    const prefix = toHex(sha256(block1![0]!)).slice(0, 8).toUpperCase();
    expect(search(`tx.hash CONTAINS '${prefix}'`).found).toEqual(["1/0"]);
    expect(search("tx.height = '2'").found).toEqual(["2/0"]);
  });

  it("pages through results and reports the total", async () => {
    await indexSampleChain();
    expect(search("tx.height >= 1", { perPage: 4, page: 2 })).toEqual({ found: ["3/1", "3/2"], totalCount: 6 });
    expect(search("tx.height >= 1", { perPage: 4, page: 3 })).toEqual({ found: [], totalCount: 6 });
    expect(search("tx.height >= 1", { perPage: 4, page: 1, orderBy: "desc" }).found).toEqual(["3/2", "3/1", "3/0", "2/0"]);
  });

  it("keeps a successful tx under its hash when the same bytes fail later", async () => {
    const tx = utf8("same bytes");
    index.indexBlock(1n, [tx], [send("alice", "bob", 1)]);
    await database.commit();
    index.indexBlock(2n, [tx], [send("alice", "bob", 1, 32)]);
    await database.commit();
    expect(index.get(sha256(tx))!.height).toBe(1n);
    index.indexBlock(3n, [tx], [send("alice", "bob", 1)]);
    await database.commit();
    expect(index.get(sha256(tx))!.height).toBe(3n);
  });

  it("rejects malformed queries and queries beyond the scan bound", async () => {
    await indexSampleChain();
    expect(() => search("message.sender=")).toThrow(QueryParseError);
    const bounded = new TxIndex(database, { maxScannedEntries: 3 });
    expect(() => bounded.search({ query: "tx.height > 0", page: 1, perPage: 10, orderBy: "asc" })).toThrow(TxSearchTooBroadError);
    expect(bounded.search({ query: "message.sender='bob'", page: 1, perPage: 10, orderBy: "asc" }).totalCount).toBe(1);
  });

  it("rejects blocks whose txs and results differ in number", async () => {
    expect(() => index.indexBlock(1n, [utf8("a")], [])).toThrow(/1 txs but 0 results/);
  });
});
