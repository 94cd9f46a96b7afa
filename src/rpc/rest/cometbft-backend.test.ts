import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XPRT_GENESIS_SUPPLY } from "../../app/genesis-state.js";
import { initHome } from "../../node/home.js";
import { EmbeddedNode } from "../../node/node.js";
import { sha256 } from "../../store/hash.js";
import { TestSigner } from "../../testing/signer.js";
import { encodeAddress } from "../../types/address.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { startCometRpcServer, type CometRpcServer } from "../cometbft/server.js";
import { cometBftRestNode } from "./cometbft-backend.js";
import type { RestNode } from "./route.js";
import { startRestServer, type RestServer } from "./server.js";

const CHAIN_ID = "persistence-rest-1";
const BOB_XPRT = 5_000_000n;

interface Answer {
  status: number;
  height: string | null;
  json: unknown;
}

async function request(server: RestServer, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${server.address}${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, height: response.headers.get("x-cosmos-block-height"), json: await response.json() };
}

/** Starts a REST server over `node` for one test body, and closes it after. */
async function withRestServer<T>(node: RestNode, use: (server: RestServer) => Promise<T>): Promise<T> {
  const server = await startRestServer({ node, host: "127.0.0.1", port: 0 });
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A 127.0.0.1 port nothing listens on: one just freed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await close(server);
  return port;
}

describe("REST over CometBFT's RPC, against the embedded node's own REST server", () => {
  let home: string;
  let node: EmbeddedNode;
  let rpc: CometRpcServer;
  let direct: RestServer;
  let viaComet: RestServer;
  let backend: RestNode;
  let alice: TestSigner;
  let bob: TestSigner;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "rest-comet-"));
    [alice, bob] = await Promise.all([TestSigner.fromSeed(1), TestSigner.fromSeed(2)]);
    const coins = (xprt: bigint) => [{ denom: STAKING_DENOM, amount: xprt }];
    initHome({
      home,
      chainId: CHAIN_ID,
      allocations: [
        { address: alice.address, coins: coins(XPRT_GENESIS_SUPPLY - BOB_XPRT) },
        { address: bob.address, coins: coins(BOB_XPRT) },
      ],
    });
    // Blocks are made by the tests (no timer), so both servers always see the same chain.
    node = await EmbeddedNode.open({ home, signatureWorkers: 0 });
    await node.produceBlock();
    rpc = await startCometRpcServer({ node, host: "127.0.0.1", port: 0 });
    backend = cometBftRestNode({ rpcUrl: rpc.address });
    direct = await startRestServer({ node, host: "127.0.0.1", port: 0 });
    viaComet = await startRestServer({ node: backend, host: "127.0.0.1", port: 0 });
  });

  afterAll(async () => {
    await Promise.all([direct?.close(), viaComet?.close(), rpc?.close()]);
    await node?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  /** Asks both servers; returns the direct answer after checking that the other is the same. */
  async function same(path: string, body?: unknown): Promise<Answer> {
    const [fromNode, fromComet] = await Promise.all([request(direct, path, body), request(viaComet, path, body)]);
    expect(fromComet, path).toEqual(fromNode);
    return fromNode;
  }

  const sendTx = (sequence: bigint, amount: string, memo = "") =>
    alice.sign({
      messages: [{ typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: alice.address, toAddress: bob.address, amount: [{ denom: STAKING_DENOM, amount }] }) }],
      chainId: CHAIN_ID,
      accountNumber: 0n,
      sequence,
      memo,
    });
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  const hexHash = (tx: Uint8Array) => Buffer.from(sha256(tx)).toString("hex").toUpperCase();

  it("serves node info, sync state and blocks the same", async () => {
    expect((await same("/cosmos/base/tendermint/v1beta1/node_info")).json).toMatchObject({
      default_node_info: { network: CHAIN_ID },
      application_version: { name: "persistence" },
    });
    expect((await same("/cosmos/base/tendermint/v1beta1/syncing")).json).toEqual({ syncing: false });
    await node.produceBlock();
    const latest = await same("/cosmos/base/tendermint/v1beta1/blocks/latest");
    expect(latest.json).toMatchObject({ block: { header: { chain_id: CHAIN_ID } }, sdk_block: { header: { chain_id: CHAIN_ID } } });
    // The first block has an empty last commit and no last block id.
    expect((await same("/cosmos/base/tendermint/v1beta1/blocks/1")).json).toMatchObject({ block: { last_commit: { height: "0" } } });
    expect((await same("/cosmos/base/tendermint/v1beta1/blocks/2")).status).toBe(200);
    expect((await same("/cosmos/base/tendermint/v1beta1/blocks/99")).status).toBe(400);
  });

  it("serves accounts and balances the same, with the height they were read at", async () => {
    const account = await same(`/cosmos/auth/v1beta1/accounts/${alice.address}`);
    expect(account).toMatchObject({ status: 200, height: expect.stringMatching(/^\d+$/) });
    expect((await same(`/cosmos/bank/v1beta1/balances/${bob.address}`)).json).toMatchObject({
      balances: [{ denom: STAKING_DENOM, amount: BOB_XPRT.toString() }],
    });
    const unknown = await same(`/cosmos/auth/v1beta1/accounts/${(await TestSigner.fromSeed(3)).address}`);
    expect(unknown.status).toBe(404);
  });

  it("simulates the same, and reports a tx CheckTx rejects the same", async () => {
    const tx = await sendTx(0n, "1000");
    const simulated = await same("/cosmos/tx/v1beta1/simulate", { tx_bytes: base64(tx) });
    expect(simulated.json).toMatchObject({ gas_info: { gas_used: expect.stringMatching(/^[1-9]\d*$/) } });
    const garbage = { tx_bytes: base64(new Uint8Array([1, 2, 3])), mode: "BROADCAST_MODE_SYNC" };
    expect((await same("/cosmos/tx/v1beta1/txs", garbage)).json).toMatchObject({ tx_response: { code: 2, codespace: "sdk" } });
  });

  it("broadcasts through CometBFT, then finds the committed tx by hash and by events the same", async () => {
    const tx = await sendTx(0n, "12345", "via CometBFT");
    const broadcast = await request(viaComet, "/cosmos/tx/v1beta1/txs", { tx_bytes: base64(tx), mode: "BROADCAST_MODE_SYNC" });
    expect(broadcast).toMatchObject({ status: 200, json: { tx_response: { code: 0, txhash: hexHash(tx) } } });
    await node.produceBlock();

    const byHash = await same(`/cosmos/tx/v1beta1/txs/${hexHash(tx)}`);
    expect(byHash.json).toMatchObject({ tx: { body: { memo: "via CometBFT" } }, tx_response: { code: 0, txhash: hexHash(tx) } });
    const { height } = (byHash.json as { tx_response: { height: string } }).tx_response;
    const query = encodeURIComponent(`message.sender='${alice.address}'`);
    const bySender = await same(`/cosmos/tx/v1beta1/txs?query=${query}&order_by=ORDER_BY_DESC`);
    expect(bySender.json).toMatchObject({ total: "1", tx_responses: [{ txhash: hexHash(tx), height }] });
    const byEvents = await same(`/cosmos/tx/v1beta1/txs?events=transfer.recipient%3D${bob.address}&events=tx.height%3D${height}`);
    expect(byEvents.json).toMatchObject({ total: "1" });
    expect((await same(`/cosmos/tx/v1beta1/txs/${"AB".repeat(32)}`)).status).toBe(404);
    expect((await same("/cosmos/tx/v1beta1/txs?query=not%20a%20query")).status).toBe(500);
  });

  it("reads undefined for a block or tx the node does not have, as the embedded node does", async () => {
    expect(await backend.block(9_999n)).toBeUndefined();
    expect(await backend.block(0n)).toBeUndefined();
    expect(await backend.tx(sha256(new Uint8Array([7])))).toBeUndefined();
    const latest = (await backend.syncInfo()).latestBlockHeight;
    expect(await backend.block(latest)).toEqual(node.block(latest));
  });
});

describe("REST over a CometBFT that does not answer", () => {
  it("answers 503 Unavailable while nothing listens on the RPC port", async () => {
    const rpcUrl = `http://127.0.0.1:${await closedPort()}`;
    await withRestServer(cometBftRestNode({ rpcUrl }), async (server) => {
      for (const path of [
        "/cosmos/base/tendermint/v1beta1/node_info",
        "/cosmos/base/tendermint/v1beta1/blocks/latest",
        `/cosmos/bank/v1beta1/balances/${encodeAddress(new Uint8Array(20))}`,
        "/cosmos/tx/v1beta1/txs?query=tx.height%3D1",
      ]) {
        const answer = await request(server, path);
        expect(answer, path).toMatchObject({ status: 503, json: { code: 14, details: [] } });
        expect((answer.json as { message: string }).message).toMatch(`CometBFT RPC at ${rpcUrl} is not reachable: connect ECONNREFUSED`);
      }
      const broadcast = await request(server, "/cosmos/tx/v1beta1/txs", { tx_bytes: "AQID", mode: "BROADCAST_MODE_SYNC" });
      expect(broadcast.status).toBe(503);
    });
  });

  describe("a JSON-RPC server that answers as told", () => {
    let answer: (method: string) => unknown;
    let server: Server;
    let rpcUrl: string;

    beforeAll(async () => {
      server = createServer((request, response) => {
        let body = "";
        request.on("data", (chunk: Buffer) => (body += chunk.toString()));
        request.on("end", () => {
          const { id, method } = JSON.parse(body) as { id: number; method: string };
          const reply = answer(method);
          if (reply === "hang") return;
          response.writeHead(200, { "content-type": "application/json" });
          response.end(typeof reply === "string" ? reply : JSON.stringify({ jsonrpc: "2.0", id, ...(reply as object) }));
        });
      });
      rpcUrl = `http://127.0.0.1:${await listen(server)}`;
    });
    afterAll(() => close(server));

    it("answers 504 DeadlineExceeded when CometBFT does not answer in time", async () => {
      answer = () => "hang";
      await withRestServer(cometBftRestNode({ rpcUrl, timeoutMs: 50 }), async (rest) => {
        expect(await request(rest, "/cosmos/base/tendermint/v1beta1/syncing")).toMatchObject({
          status: 504,
          json: { code: 4, message: `CometBFT RPC at ${rpcUrl} did not answer status within 50 ms` },
        });
      });
    });

    it("reports CometBFT's mempool refusals as the SDK's registered errors", async () => {
      const refusals: Record<string, number> = {
        "error on broadcastTxSync: tx already exists in cache": 19,
        "error on broadcastTxSync: mempool is full: number of txs 5000 (max: 5000)": 20,
        "error on broadcastTxSync: tx too large. Max size is 1048576, but got 2000000": 21,
      };
      const backend = cometBftRestNode({ rpcUrl });
      for (const [data, code] of Object.entries(refusals)) {
        answer = () => ({ error: { code: -32603, message: "Internal error", data } });
        expect(await backend.broadcastTx(new Uint8Array([1]))).toMatchObject({ code, codespace: "sdk" });
      }
      answer = () => ({ error: { code: -32603, message: "Internal error", data: "something else" } });
      await expect(backend.broadcastTx(new Uint8Array([1]))).rejects.toThrow("something else");
    });

    it("decodes a block's evidence from libs/json's registered-type form", async () => {
      const hex = (byte: number, length = 32) => Buffer.alloc(length, byte).toString("hex").toUpperCase();
      const b64 = (byte: number, length: number) => Buffer.alloc(length, byte).toString("base64");
      const blockId = (byte: number) => ({ hash: hex(byte), parts: { total: 1, hash: hex(byte + 1) } });
      const header = {
        version: { block: "11" },
        chain_id: "persistence-testnet-1",
        height: "4",
        time: "2024-05-01T12:00:04.25Z",
        last_block_id: blockId(3),
        ...Object.fromEntries(
          ["last_commit_hash", "data_hash", "validators_hash", "next_validators_hash", "consensus_hash", "app_hash", "last_results_hash", "evidence_hash"].map(
            (name, i) => [name, hex(0x10 + i)],
          ),
        ),
        proposer_address: hex(0xa1, 20),
      };
      const vote = (block: number) => ({
        type: 2,
        height: "4",
        round: 0,
        block_id: blockId(block),
        timestamp: "2024-05-01T12:00:04.5Z",
        validator_address: hex(0xa2, 20),
        validator_index: 1,
        signature: b64(block, 64),
        extension: null,
        extension_signature: null,
      });
      const validator = { address: hex(0xa2, 20), pub_key: { type: "tendermint/PubKeyEd25519", value: b64(0xa3, 32) }, voting_power: "10", proposer_priority: "-5" };
      const commit = { height: "4", round: 0, block_id: blockId(0x40), signatures: [{ block_id_flag: 1, validator_address: "", timestamp: "0001-01-01T00:00:00Z", signature: null }] };
      const evidence = [
        {
          type: "tendermint/DuplicateVoteEvidence",
          value: { vote_a: vote(0x41), vote_b: vote(0x42), TotalVotingPower: "30", ValidatorPower: "10", Timestamp: "2024-05-01T12:00:04.25Z" },
        },
        {
          type: "tendermint/LightClientAttackEvidence",
          value: {
            ConflictingBlock: { signed_header: { header, commit }, validator_set: { validators: [validator], proposer: validator } },
            CommonHeight: "3",
            ByzantineValidators: [validator],
            TotalVotingPower: "30",
            Timestamp: "2024-05-01T12:00:03Z",
          },
        },
      ];
      const block = { block_id: blockId(0x50), block: { header: { ...header, height: "5" }, data: { txs: null }, evidence: { evidence }, last_commit: commit } };
      const syncInfo = { latest_block_height: "5", latest_block_time: "2024-05-01T12:00:05Z", earliest_block_height: "1", earliest_block_time: "2024-05-01T12:00:01Z" };
      answer = (method) => ({ result: method === "status" ? { sync_info: syncInfo } : block });

      const stored = await cometBftRestNode({ rpcUrl }).block(5n);
      const [duplicateVote, lightClientAttack] = stored!.block.evidence.evidence;
      expect(duplicateVote!.duplicateVoteEvidence).toMatchObject({
        voteA: { type: 2, height: 4n, validatorIndex: 1, timestamp: { seconds: 1714564804n, nanos: 500_000_000 }, extension: new Uint8Array() },
        voteB: { blockId: { hash: new Uint8Array(32).fill(0x42) } },
        totalVotingPower: 30n,
        validatorPower: 10n,
      });
      const protoValidator = { address: new Uint8Array(20).fill(0xa2), pubKey: { ed25519: new Uint8Array(32).fill(0xa3) }, votingPower: 10n, proposerPriority: -5n };
      expect(lightClientAttack!.lightClientAttackEvidence).toMatchObject({
        conflictingBlock: {
          signedHeader: { header: { height: 4n, proposerAddress: new Uint8Array(20).fill(0xa1) }, commit: { signatures: [{ blockIdFlag: 1, timestamp: { seconds: -62135596800n } }] } },
          validatorSet: { validators: [protoValidator], proposer: protoValidator, totalVotingPower: 0n },
        },
        commonHeight: 3n,
        byzantineValidators: [protoValidator],
        timestamp: { seconds: 1714564803n, nanos: 0 },
      });
      expect(stored!.block.header).toMatchObject({ version: { block: 11n, app: 0n }, height: 5n });
      expect(stored!.block.data.txs).toEqual([]);
      await withRestServer(cometBftRestNode({ rpcUrl }), async (rest) => {
        expect(await request(rest, "/cosmos/base/tendermint/v1beta1/blocks/latest")).toMatchObject({
          status: 200,
          json: { block: { evidence: { evidence: [{ duplicate_vote_evidence: { total_voting_power: "30" } }, { light_client_attack_evidence: { common_height: "3" } }] } } },
        });
      });
    });

    it("reports an answer that is not JSON-RPC, or of the wrong shape, as an Internal error", async () => {
      await withRestServer(cometBftRestNode({ rpcUrl }), async (rest) => {
        answer = () => "<html>not here</html>";
        expect(await request(rest, "/cosmos/base/tendermint/v1beta1/syncing")).toMatchObject({
          status: 500,
          json: { code: 13, message: `CometBFT RPC at ${rpcUrl} answered status with HTTP 200 and no JSON-RPC response` },
        });
        answer = () => ({ result: { sync_info: { latest_block_height: "tall" } } });
        expect(await request(rest, "/cosmos/base/tendermint/v1beta1/syncing")).toMatchObject({
          status: 500,
          json: { code: 13, message: `unexpected latest_block_height in CometBFT's RPC answer: "tall"` },
        });
      });
    });
  });
});
