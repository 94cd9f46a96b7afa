import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ExecTxResult,
  ResponseCheckTx,
  ResponseFinalizeBlock,
  ResponseInfo,
  ResponseQuery,
  type Event,
  type RequestQuery,
} from "cosmjs-types/tendermint/abci/types";
import { Block } from "cosmjs-types/tendermint/types/block";
import { Header, type BlockID, type Commit } from "cosmjs-types/tendermint/types/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import type {
  IndexedTx,
  NodeApi,
  NodeEvent,
  NodeInfo,
  StoredBlock,
  SyncInfo,
  TxSearchRequest,
  TxSearchResult,
  ValidatorInfo,
} from "../../node/api.js";
import { TxIndex } from "../../node/tx-index.js";
import { bytesEqual, bytesToKey, utf8 } from "../../store/bytes.js";
import { Database } from "../../store/database.js";
import { sha256 } from "../../store/hash.js";
import { merkleRoot } from "../../store/simple-merkle.js";

/**
 * TEST FIXTURE, not a node: a `NodeApi` over a made-up chain for the RPC server's tests. Its
 * "app" reads txs written as `send <from> <to> <amount> <nonce>` (see {@link fixtureTx}),
 * rejects anything else in CheckTx, fails sends above 1000, and emits Cosmos-style message and
 * transfer events. Blocks are built from real cosmjs-types objects; txs are indexed by the real
 * {@link TxIndex} in a temporary database.
 */
export class FixtureNode implements NodeApi {
  readonly chainId = "persistence-fixture-1";
  readonly validator: ValidatorInfo;
  /** Produce a block on its own shortly after a tx enters the mempool. */
  autoProduce = false;

  private readonly blocks: StoredBlock[] = [];
  private readonly results: ResponseFinalizeBlock[] = [];
  private readonly byHash = new Map<string, StoredBlock>();
  private readonly mempool: Uint8Array[] = [];
  private readonly listeners = new Set<(event: NodeEvent) => void>();
  private readonly waiters = new Set<Waiter>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly txIndex: TxIndex;

  private constructor(
    private readonly directory: string,
    private readonly database: Database,
  ) {
    this.txIndex = new TxIndex(database);
    const pubKey = sha256(utf8("fixture validator key"));
    this.validator = { address: sha256(pubKey).subarray(0, 20), pubKey, votingPower: 10n, proposerPriority: 0n };
  }

  /** A node with three blocks: [alice→bob, alice→carol], [] , [bob→alice, carol→dave (fails)]. */
  static async create(): Promise<FixtureNode> {
    const directory = mkdtempSync(join(tmpdir(), "rpc-fixture-"));
    const node = new FixtureNode(directory, Database.open(directory));
    await node.produceBlock([fixtureTx("alice", "bob", 10), fixtureTx("alice", "carol", 20)]);
    await node.produceBlock([]);
    await node.produceBlock([fixtureTx("bob", "alice", 5), fixtureTx("carol", "dave", 5000)]);
    return node;
  }

  /** Commits a block of `txs` (by default the mempool's), indexes it and notifies subscribers. */
  async produceBlock(txs: Uint8Array[] = this.mempool.splice(0)): Promise<StoredBlock> {
    const height = BigInt(this.blocks.length + 1);
    const previous = this.blocks.at(-1);
    const time = { seconds: 1_700_000_000n + height * 5n, nanos: height === 1n ? 0 : 120_000_000 + Number(height) };
    const header = Header.fromPartial({
      version: { block: 11n, app: 1n },
      chainId: this.chainId,
      height,
      time,
      lastBlockId: previous?.blockId ?? {},
      lastCommitHash: previous ? sha256(utf8(`commit ${height - 1n}`)) : new Uint8Array(0),
      dataHash: merkleRoot(txs.map(sha256)),
      validatorsHash: sha256(utf8("validators")),
      nextValidatorsHash: sha256(utf8("validators")),
      consensusHash: sha256(utf8("consensus params")),
      appHash: sha256(utf8(`app state ${height - 1n}`)),
      lastResultsHash: sha256(utf8(`results ${height - 1n}`)),
      evidenceHash: sha256(new Uint8Array(0)),
      proposerAddress: this.validator.address,
    });
    const block: Block = { header, data: { txs }, evidence: { evidence: [] }, lastCommit: previous && this.commitFor(previous) };
    const encoded = Block.encode(block).finish();
    const blockId: BlockID = { hash: sha256(Header.encode(header).finish()), partSetHeader: { total: 1, hash: sha256(encoded) } };
    const stored: StoredBlock = { blockId, block, size: encoded.length };

    const txResults = txs.map(execute);
    const results = ResponseFinalizeBlock.fromPartial({
      events: height % 2n === 1n ? [event("mint", { amount: `${height * 100n}uxprt`, minter: "mint" })] : [],
      txResults,
      appHash: sha256(utf8(`app state ${height}`)),
      consensusParamUpdates: height === 1n ? { block: { maxBytes: 22020096n, maxGas: -1n } } : undefined,
    });
    this.txIndex.indexBlock(height, txs, txResults);
    await this.database.commit();
    this.blocks.push(stored);
    this.results.push(results);
    this.byHash.set(bytesToKey(blockId.hash), stored);

    this.emit({ type: "NewBlock", block: stored, results });
    txs.forEach((tx) => {
      const indexed = this.txIndex.get(sha256(tx))!;
      this.emit({ type: "Tx", tx: indexed });
      for (const waiter of this.waiters) if (bytesEqual(waiter.hash, indexed.hash)) this.finishWait(waiter, indexed);
    });
    return stored;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const waiter of this.waiters) this.finishWait(waiter, undefined);
    await this.database.close();
    rmSync(this.directory, { recursive: true, force: true });
  }

  nodeInfo(): NodeInfo {
    return {
      id: "a3f1c2d4e5b6a7980112233445566778899aabbc",
      moniker: "fixture",
      network: this.chainId,
      version: "0.38.17",
      listenAddress: "tcp://0.0.0.0:26656",
      rpcAddress: "tcp://127.0.0.1:26657",
    };
  }

  syncInfo(): SyncInfo {
    const first = this.blocks[0]!;
    const last = this.blocks.at(-1)!;
    return {
      latestBlockHash: last.blockId.hash,
      latestAppHash: last.block.header.appHash,
      latestBlockHeight: last.block.header.height,
      latestBlockTime: last.block.header.time,
      earliestBlockHash: first.blockId.hash,
      earliestAppHash: first.block.header.appHash,
      earliestBlockHeight: first.block.header.height,
      earliestBlockTime: first.block.header.time,
      catchingUp: false,
    };
  }

  validatorInfo(): ValidatorInfo {
    return this.validator;
  }

  genesisDocument(): unknown {
    return {
      genesis_time: "2023-11-14T22:13:20.5Z",
      chain_id: this.chainId,
      initial_height: "1",
      consensus_params: {
        block: { max_bytes: "22020096", max_gas: "-1" },
        evidence: { max_age_num_blocks: "100000", max_age_duration: "172800000000000", max_bytes: "1048576" },
        validator: { pub_key_types: ["ed25519"] },
        version: { app: "0" },
        abci: { vote_extensions_enable_height: "0" },
      },
      validators: [
        {
          address: Buffer.from(this.validator.address).toString("hex").toUpperCase(),
          pub_key: { type: "tendermint/PubKeyEd25519", value: Buffer.from(this.validator.pubKey).toString("base64") },
          power: "10",
          name: "fixture",
        },
      ],
      app_hash: "",
      app_state: { bank: { balances: [] } },
    };
  }

  block(height: bigint): StoredBlock | undefined {
    return height >= 1n ? this.blocks[Number(height) - 1] : undefined;
  }

  blockByHash(hash: Uint8Array): StoredBlock | undefined {
    return this.byHash.get(bytesToKey(hash));
  }

  blockResults(height: bigint): ResponseFinalizeBlock | undefined {
    return height >= 1n ? this.results[Number(height) - 1] : undefined;
  }

  validators(height: bigint): ValidatorInfo[] | undefined {
    return height >= 1n && height <= BigInt(this.blocks.length + 1) ? [this.validator] : undefined;
  }

  tx(hash: Uint8Array): IndexedTx | undefined {
    return this.txIndex.get(hash);
  }

  txSearch(request: TxSearchRequest): TxSearchResult {
    return this.txIndex.search(request);
  }

  async abciInfo(): Promise<ResponseInfo> {
    const last = this.blocks.at(-1)!;
    return ResponseInfo.fromPartial({ data: "persistence", version: "0.1.0", appVersion: 1n, lastBlockHeight: last.block.header.height, lastBlockAppHash: this.results.at(-1)!.appHash });
  }

  async abciQuery(request: RequestQuery): Promise<ResponseQuery> {
    const height = request.height === 0n ? BigInt(this.blocks.length) : request.height;
    if (request.path !== "/store/bank/key") return ResponseQuery.fromPartial({ code: 6, codespace: "sdk", log: "unknown query path", height });
    return ResponseQuery.fromPartial({
      key: request.data,
      value: utf8(`balance of ${new TextDecoder().decode(request.data)}`),
      height,
      proofOps: request.prove ? { ops: [{ type: "ics23:iavl", key: request.data, data: Uint8Array.of(1, 2, 3) }] } : undefined,
    });
  }

  async broadcastTx(tx: Uint8Array): Promise<ResponseCheckTx> {
    if (parseSend(tx) === undefined) return ResponseCheckTx.fromPartial({ code: 2, codespace: "sdk", log: "tx parse error" });
    this.mempool.push(tx);
    if (this.autoProduce) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.mempool.length > 0) void this.produceBlock();
      }, 5);
      this.timers.add(timer);
    }
    return ResponseCheckTx.fromPartial({ gasWanted: 200_000n, data: Uint8Array.of(0xab, 0xcd) });
  }

  waitForTx(hash: Uint8Array, timeoutMs: number): Promise<IndexedTx | undefined> {
    const committed = this.txIndex.get(hash);
    if (committed) return Promise.resolve(committed);
    return new Promise((done) => {
      const waiter: Waiter = { hash, done, timer: setTimeout(() => this.finishWait(waiter, undefined), timeoutMs) };
      this.waiters.add(waiter);
    });
  }

  subscribe(listener: (event: NodeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: NodeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private finishWait(waiter: Waiter, tx: IndexedTx | undefined): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    waiter.done(tx);
  }

  private commitFor(previous: StoredBlock): Commit {
    const time = previous.block.header.time;
    return {
      height: previous.block.header.height,
      round: 0,
      blockId: previous.blockId,
      signatures: [
        {
          blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
          validatorAddress: this.validator.address,
          timestamp: { seconds: time.seconds + 1n, nanos: 5 },
          signature: new Uint8Array(64).fill(7),
        },
      ],
    };
  }
}

interface Waiter {
  hash: Uint8Array;
  done: (tx: IndexedTx | undefined) => void;
  timer: NodeJS.Timeout;
}

/** A tx the fixture's app understands; the nonce keeps otherwise equal sends distinct. */
export function fixtureTx(from: string, to: string, amount: number, nonce = 0): Uint8Array {
  return utf8(`send ${from} ${to} ${amount} ${nonce}`);
}

function parseSend(tx: Uint8Array): { from: string; to: string; amount: number } | undefined {
  const parts = new TextDecoder().decode(tx).split(" ");
  if (parts.length !== 5 || parts[0] !== "send" || !/^\d+$/.test(parts[3]!)) return undefined;
  return { from: parts[1]!, to: parts[2]!, amount: Number(parts[3]) };
}

function execute(tx: Uint8Array): ExecTxResult {
  const send = parseSend(tx)!;
  if (send.amount > 1000) {
    return ExecTxResult.fromPartial({ code: 5, codespace: "sdk", log: "insufficient funds", gasWanted: 200_000n, gasUsed: 41_000n });
  }
  return ExecTxResult.fromPartial({
    data: Uint8Array.of(0x12, 0x26),
    gasWanted: 200_000n,
    gasUsed: 61_234n,
    events: [
      event("message", { action: "/cosmos.bank.v1beta1.MsgSend", sender: send.from, module: "bank" }),
      event("transfer", { recipient: send.to, sender: send.from, amount: `${send.amount}uxprt` }),
    ],
  });
}

function event(type: string, attributes: Record<string, string>): Event {
  return { type, attributes: Object.entries(attributes).map(([key, value]) => ({ key, value, index: true })) };
}
