import { Comet38Client, HttpClient, WebsocketClient, type ReadonlyDateWithNanoseconds } from "@cosmjs/tendermint-rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toHex, utf8 } from "../../store/bytes.js";
import { sha256 } from "../../store/hash.js";
import { leafHash } from "../../store/simple-merkle.js";
import { startCometRpcServer, type CometRpcServer } from "./server.js";
import { FixtureNode, fixtureTx } from "./test-fixture-node.js";

/** The server driven by CosmJS's Comet38Client, which decodes every response strictly. */

interface Listenable<T> {
  subscribe(listener: { next: (value: T) => void; error: (error: unknown) => void }): { unsubscribe(): void };
}

/** The first `count` values a CosmJS stream emits. */
function take<T>(stream: Listenable<T>, count: number): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const values: T[] = [];
    const subscription = stream.subscribe({
      next: (value) => {
        values.push(value);
        if (values.length === count) {
          setImmediate(() => subscription.unsubscribe());
          resolve(values);
        }
      },
      error: reject,
    });
  });
}

let node: FixtureNode;
let server: CometRpcServer;

beforeAll(async () => {
  node = await FixtureNode.create();
  server = await startCometRpcServer({ node, host: "127.0.0.1", port: 0, broadcastTxCommitTimeoutMs: 300 });
});

afterAll(async () => {
  await server.close();
  await node.close();
});

const transports = [
  ["HTTP", () => Comet38Client.create(new HttpClient(server.address))],
  ["WebSocket", () => Comet38Client.create(new WebsocketClient(server.address.replace(/^http/, "ws"), () => undefined))],
] as const;

describe.each(transports)("over %s", (_name, connect) => {
  let client: Comet38Client;
  beforeAll(() => {
    client = connect();
  });
  afterAll(() => client.disconnect());

  it("status", async () => {
    const status = await client.status();
    expect(status.nodeInfo.network).toBe(node.chainId);
    expect(status.nodeInfo.version).toBe("0.38.17");
    expect(status.nodeInfo.protocolVersion).toEqual({ p2p: 8, block: 11, app: 1 });
    expect(status.syncInfo.latestBlockHeight).toBeGreaterThanOrEqual(3);
    expect(status.syncInfo.earliestBlockHeight).toBe(1);
    expect((status.syncInfo.latestBlockTime as ReadonlyDateWithNanoseconds).nanoseconds).toBeGreaterThan(0);
    expect(status.validatorInfo.pubkey).toEqual({ algorithm: "ed25519", data: node.validator.pubKey });
    expect(status.validatorInfo.votingPower).toBe(10n);
  });

  it("block, including the first with no last commit", async () => {
    const second = await client.block(2);
    const stored = node.block(2n)!;
    expect(second.blockId.hash).toEqual(stored.blockId.hash);
    expect(second.block.header.height).toBe(2);
    expect(second.block.header.time.getTime()).toBe(1_700_000_010_120);
    expect(second.block.header.time.nanoseconds).toBe(2);
    expect(second.block.header.lastBlockId?.hash).toEqual(node.block(1n)!.blockId.hash);
    expect(second.block.lastCommit?.signatures[0]?.validatorAddress).toEqual(node.validator.address);
    expect(second.block.txs).toEqual([]);

    const first = await client.block(1);
    expect(first.block.header.lastBlockId).toBeNull();
    expect(first.block.lastCommit).toBeNull();
    expect(first.block.txs).toEqual(node.block(1n)!.block.data.txs);

    expect((await client.block()).block.header.height).toBe(Number(node.syncInfo().latestBlockHeight));
  });

  it("blockResults", async () => {
    const results = await client.blockResults(3);
    expect(results.height).toBe(3);
    expect(results.results.map((r) => r.code)).toEqual([0, 5]);
    expect(results.results[0]!.events[1]).toEqual({
      type: "transfer",
      attributes: [
        { key: "recipient", value: "alice" },
        { key: "sender", value: "bob" },
        { key: "amount", value: "5uxprt" },
      ],
    });
    expect(results.results[0]!.gasUsed).toBe(61_234n);
    expect(results.finalizeBlockEvents).toEqual([{ type: "mint", attributes: [{ key: "amount", value: "300uxprt" }, { key: "minter", value: "mint" }] }]);
    expect((await client.blockResults(1)).consensusUpdates).toEqual({ block: { maxBytes: 22020096, maxGas: -1 } });
    expect((await client.blockResults(2)).results).toEqual([]);
  });

  it("blockchain", async () => {
    const chain = await client.blockchain(1, 3);
    expect(chain.blockMetas.map((m) => [m.header.height, m.numTxs])).toEqual([
      [3, 2],
      [2, 0],
      [1, 2],
    ]);
    expect(chain.blockMetas[2]!.blockSize).toBe(node.block(1n)!.size);
  });

  it("tx, with and without proof", async () => {
    const tx = node.block(1n)!.block.data.txs[1]!;
    const found = await client.tx({ hash: sha256(tx) });
    expect(found).toMatchObject({ height: 1, index: 1, tx, hash: sha256(tx) });
    expect(found.result.code).toBe(0);
    expect(found.proof).toBeUndefined();

    const proven = await client.tx({ hash: sha256(tx), prove: true });
    expect(proven.proof?.rootHash).toEqual(node.block(1n)!.block.header.dataHash);
    expect(proven.proof?.data).toEqual(tx);
    expect(proven.proof?.proof).toMatchObject({ total: 2, index: 1, leafHash: leafHash(sha256(tx)) });
    expect(proven.proof?.proof.aunts).toEqual([sha256(new Uint8Array([0, ...sha256(node.block(1n)!.block.data.txs[0]!)]))]);

    await expect(client.tx({ hash: sha256(utf8("unknown")) })).rejects.toThrow(/not found/);
  });

  it("txSearch with paging and order", async () => {
    const all = await client.txSearch({ query: "message.sender='alice'" });
    expect(all.totalCount).toBeGreaterThanOrEqual(2);
    expect(all.txs.slice(0, 2).map((t) => [t.height, t.index])).toEqual([
      [1, 0],
      [1, 1],
    ]);
    const page = await client.txSearch({ query: "tx.height <= 3", per_page: 2, page: 2, order_by: "desc" });
    expect(page.totalCount).toBe(4);
    expect(page.txs.map((t) => [t.height, t.index])).toEqual([
      [1, 1],
      [1, 0],
    ]);
    await expect(client.txSearch({ query: "tx.height <= 3", per_page: 2, page: 3 })).rejects.toThrow(/page should be within \[1, 2\] range, given 3/);
    await expect(client.txSearch({ query: "tx.height <=" })).rejects.toThrow(/-32603/);
  });

  it("abciQuery and abciInfo", async () => {
    const result = await client.abciQuery({ path: "/store/bank/key", data: utf8("alice"), height: 2, prove: true });
    expect(result.key).toEqual(utf8("alice"));
    expect(new TextDecoder().decode(result.value)).toBe("balance of alice");
    expect(result.height).toBe(2);
    expect(result.proof?.ops).toEqual([{ type: "ics23:iavl", key: utf8("alice"), data: Uint8Array.of(1, 2, 3) }]);
    const failed = await client.abciQuery({ path: "/nope", data: new Uint8Array(0) });
    expect([failed.code, failed.codespace, failed.log]).toEqual([6, "sdk", "unknown query path"]);

    const info = await client.abciInfo();
    expect(info.data).toBe("persistence");
    expect(info.lastBlockHeight).toBeGreaterThanOrEqual(3);
  });

  it("validators, genesis and health", async () => {
    const validators = await client.validatorsAll();
    expect(validators.validators).toEqual([
      { address: node.validator.address, pubkey: { algorithm: "ed25519", data: node.validator.pubKey }, votingPower: 10n, proposerPriority: 0 },
    ]);
    expect((await client.validators({ height: 2 })).blockHeight).toBe(2);
    const genesis = await client.genesis();
    expect(genesis.chainId).toBe(node.chainId);
    expect(genesis.genesisTime.toISOString()).toBe("2023-11-14T22:13:20.500Z");
    expect(genesis.validators[0]!.votingPower).toBe(10n);
    expect(await client.health()).toBeNull();
  });

  it("broadcastTxSync and broadcastTxAsync", async () => {
    const tx = fixtureTx("erin", "frank", 1, Math.random());
    const accepted = await client.broadcastTxSync({ tx });
    expect(accepted.code).toBe(0);
    expect(accepted.hash).toEqual(sha256(tx));
    const rejected = await client.broadcastTxSync({ tx: utf8("garbage") });
    expect([rejected.code, rejected.codespace, rejected.log]).toEqual([2, "sdk", "tx parse error"]);
    const async = await client.broadcastTxAsync({ tx: utf8("more garbage") });
    expect(async.hash).toEqual(sha256(utf8("more garbage")));
    await node.produceBlock();
  });

  it("broadcastTxCommit waits for inclusion", async () => {
    node.autoProduce = true;
    try {
      const tx = fixtureTx("erin", "gina", 3, Math.random());
      const committed = await client.broadcastTxCommit({ tx });
      expect(committed.height).toBe(Number(node.syncInfo().latestBlockHeight));
      expect(committed.txResult?.gasUsed).toBe(61_234n);
      expect(committed.hash).toEqual(sha256(tx));
      const rejected = await client.broadcastTxCommit({ tx: utf8("garbage") });
      expect(rejected.checkTx.code).toBe(2);
      expect(rejected.height).toBe(0);
    } finally {
      node.autoProduce = false;
    }
  });

  it("broadcastTxCommit gives up after the timeout", async () => {
    await expect(client.broadcastTxCommit({ tx: fixtureTx("slow", "poke", 1, Math.random()) })).rejects.toThrow(
      /timed out waiting for tx to be included in a block/,
    );
    await node.produceBlock();
  });
});

describe("subscriptions over WebSocket", () => {
  let client: Comet38Client;
  beforeAll(() => {
    client = Comet38Client.create(new WebsocketClient(server.address.replace(/^http/, "ws"), () => undefined));
  });
  afterAll(() => client.disconnect());

  it("delivers NewBlock and NewBlockHeader events", async () => {
    const blocks = take(client.subscribeNewBlock(), 1);
    const headers = take(client.subscribeNewBlockHeader(), 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const produced = await node.produceBlock([fixtureTx("hank", "ivy", 4, Math.random())]);
    const [block] = await blocks;
    const [header] = await headers;
    expect(block!.header.height).toBe(Number(produced.block.header.height));
    expect(block!.txs).toEqual(produced.block.data.txs);
    expect(header!.appHash).toEqual(produced.block.header.appHash);
  });

  it("delivers only the Tx events that match the query", async () => {
    const events = take(client.subscribeTx("message.sender='judy'"), 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fromJudy = [fixtureTx("judy", "ken", 1, Math.random()), fixtureTx("judy", "leo", 2, Math.random())];
    await node.produceBlock([fixtureTx("ken", "judy", 1, Math.random()), fromJudy[0]!]);
    await node.produceBlock([fromJudy[1]!]);
    const received = await events;
    expect(received.map((e) => toHex(e.hash))).toEqual(fromJudy.map((tx) => toHex(sha256(tx))));
    expect(received[0]!.result.events[0]!.attributes[1]).toEqual({ key: "sender", value: "judy" });
    expect(received[1]!.height).toBe(Number(node.syncInfo().latestBlockHeight));
  });
});
