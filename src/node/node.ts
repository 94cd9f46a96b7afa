import type { RequestQuery, ResponseCheckTx, ResponseFinalizeBlock, ResponseInfo, ResponseQuery } from "cosmjs-types/tendermint/abci/types";
import { PersistenceApp } from "../app/app.js";
import { bytesEqual, bytesToKey, toHex } from "../store/bytes.js";
import type { IndexedTx, NodeApi, NodeEvent, NodeInfo, StoredBlock, SyncInfo, TxSearchRequest, TxSearchResult, ValidatorInfo } from "./api.js";
import { BlockProducer, NotAValidatorError, type ProducedBlock } from "./block-producer.js";
import { BlockStore } from "./block-store.js";
import type { NodeConfig } from "./config.js";
import { sortValidatorSet } from "./consensus/block-hashing.js";
import { toRequestInitChain, type GenesisDoc } from "./consensus/genesis-doc.js";
import { loadNodeKey, loadPrivValidatorKey, nodeId, type ValidatorKey } from "./consensus/keys.js";
import { inValidatorSet, validatorSetFromUpdates, type SetValidator } from "./consensus/validator-set.js";
import { openHomeApp } from "./home-app.js";
import { silentLogger, type Logger } from "./logger.js";
import { Mempool } from "./mempool.js";
import { timestampFromMillis } from "./time.js";
import { TxIndex } from "./tx-index.js";
import { ValidatorSets } from "./validator-sets.js";
import { txHash } from "../tx/tx-hash.js";

/** The CometBFT version whose RPC this node speaks; clients such as CosmJS choose their codec by it. */
export const COMETBFT_COMPATIBLE_VERSION = "0.38.17";

export interface EmbeddedNodeOptions {
  home: string;
  /** Settings that override the home's config files. */
  config?: Partial<NodeConfig>;
  /** Signature verification threads; 0 verifies on the main thread. Defaults to one per core. */
  signatureWorkers?: number;
  logger?: Logger;
}

/**
 * A complete chain in one process, signed by one key: the app, a mempool, a block producer that
 * makes a CometBFT-format block every block time, the block store, validator sets and tx index,
 * and the events the RPC layer serves. Everything is persisted in one database, one atomic
 * commit per block. The validator set is InitChain's (the genesis document's when the app
 * returns none) and follows the app's validator updates (see BlockProducer).
 */
export class EmbeddedNode implements NodeApi {
  readonly chainId: string;
  private readonly listeners = new Set<(event: NodeEvent) => void>();
  private readonly waiters = new Map<string, Set<(tx: IndexedTx) => void>>();
  private timer: NodeJS.Timeout | undefined;
  /** Settles once the block in progress is staged: the next one may start. */
  private producing: Promise<unknown> = Promise.resolve();
  /** Settles once the last block staged is published (or failed). */
  private publishing: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private failed = false;

  private constructor(
    readonly config: NodeConfig,
    readonly genesis: GenesisDoc,
    private readonly genesisJson: unknown,
    private readonly info: NodeInfo,
    private readonly validatorKey: ValidatorKey,
    readonly app: PersistenceApp,
    private readonly blocks: BlockStore,
    private readonly validatorSets: ValidatorSets,
    private readonly txIndex: TxIndex,
    readonly mempool: Mempool,
    private readonly producer: BlockProducer,
    private readonly closeApp: () => Promise<void>,
    private readonly logger: Logger,
  ) {
    this.chainId = genesis.chainId;
  }

  /** Opens the node's home, replays nothing (state and blocks are committed together) and runs InitChain on a new chain. */
  static async open(options: EmbeddedNodeOptions): Promise<EmbeddedNode> {
    const logger = options.logger ?? silentLogger;
    const { paths, config, genesis, genesisBytes, db, app, close } = openHomeApp({ ...options, logger });
    const validatorKey = loadPrivValidatorKey(paths.privValidatorKey);
    const blocks = new BlockStore(db);
    const validatorSets = new ValidatorSets(db);
    const txIndex = new TxIndex(db);
    const appInfo = await app.info({ version: COMETBFT_COMPATIBLE_VERSION, blockVersion: 11n, p2pVersion: 8n, abciVersion: "2.0.0" });
    let appHash = appInfo.lastBlockAppHash;
    let sets;
    if (appInfo.lastBlockHeight === 0n) {
      if (blocks.latestHeight !== 0n) throw new Error(`block store is at height ${blocks.latestHeight} but the app has no state`);
      const response = await app.initChain(toRequestInitChain(genesis));
      appHash = response.appHash;
      // As CometBFT: the app's validators replace the genesis document's, if it returns any.
      const initial: SetValidator[] = response.validators.length > 0 ? validatorSetFromUpdates(response.validators) : sortValidatorSet(genesis.validators);
      if (!inValidatorSet(initial, validatorKey.address)) {
        await close();
        throw new Error(`this node's validator ${toHex(validatorKey.address).toUpperCase()} is not in the initial validator set`);
      }
      sets = { last: [], current: initial, next: initial };
    } else if (blocks.latestHeight !== appInfo.lastBlockHeight) {
      throw new Error(`block store is at height ${blocks.latestHeight} but the app state is at ${appInfo.lastBlockHeight}`);
    } else {
      const latest = blocks.latestHeight;
      // A home written before validator sets were stored ran on the genesis document's set.
      const at = (height: bigint) => validatorSets.at(height) ?? sortValidatorSet(genesis.validators);
      sets = { last: at(latest), current: at(latest + 1n), next: at(latest + 2n) };
      if (!inValidatorSet(sets.current, validatorKey.address)) logger.error(`this node's validator ${toHex(validatorKey.address).toUpperCase()} is not in the validator set of height ${latest + 1n}: it serves queries but produces no blocks`);
    }
    const mempool = new Mempool(app, config.mempool);
    const producer = new BlockProducer({
      app,
      blocks,
      txIndex,
      mempool,
      chainId: genesis.chainId,
      validatorKey,
      validatorSets,
      sets,
      consensusParams: genesis.consensusParams,
      genesisTime: genesis.genesisTime,
      initialHeight: genesis.initialHeight,
      appVersion: appInfo.appVersion,
      appHash,
    });
    const nodeKey = loadNodeKey(paths.nodeKey);
    const info: NodeInfo = {
      id: nodeId(nodeKey.publicKey),
      moniker: config.moniker,
      network: genesis.chainId,
      version: COMETBFT_COMPATIBLE_VERSION,
      listenAddress: "tcp://127.0.0.1:26656",
      rpcAddress: config.rpcAddress,
    };
    const genesisJson = JSON.parse(genesisBytes.toString("utf8")) as unknown;
    logger.info(`opened ${genesis.chainId} at height ${blocks.latestHeight}, app hash ${toHex(appHash).toUpperCase()} (home ${options.home})`);
    return new EmbeddedNode(config, genesis, genesisJson, info, validatorKey, app, blocks, validatorSets, txIndex, mempool, producer, close, logger);
  }

  /**
   * Starts producing a block every block time. A new chain makes its first block before this
   * resolves (clients need one to connect); a restarted one waits a block time first, as
   * CometBFT's timeout_commit.
   */
  async start(): Promise<void> {
    if (this.blocks.latestHeight > 0n) this.schedule(this.config.blockTimeMs);
    else {
      await this.produceAndSchedule();
      await this.publishing;
    }
  }

  /**
   * Produces one block now, after any block in progress is staged, and resolves once it is on
   * disk and published. A second call does not wait for that: its block executes while this one
   * is written.
   */
  produceBlock(): Promise<ProducedBlock> {
    return this.stageBlock().then(({ published }) => published);
  }

  /** Stops producing, waits for the block in progress and closes the database. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.producing;
    await this.publishing;
    await this.closeApp();
  }

  /** Produces and stages the next block; `published` settles once it is on disk and published and the mempool rechecked. */
  private stageBlock(): Promise<{ published: Promise<ProducedBlock> }> {
    const staged = this.producing.then(() => this.producer.produceBlock(timestampFromMillis(Date.now())));
    this.producing = staged.catch(() => undefined);
    const next = staged.then(({ committed, mempoolUpdated }) => ({
      published: committed.then(async (produced) => {
        try {
          this.publish(produced);
        } finally {
          await mempoolUpdated;
        }
        return produced;
      }),
    }));
    this.publishing = next.then(({ published }) => published).catch(() => undefined);
    return next;
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.failed) return;
    this.timer = setTimeout(() => void this.produceAndSchedule(), delayMs);
  }

  /**
   * Produces a block and schedules the next one block time after this one began (at once when it
   * took longer: it then executes while this one is written); a failure is logged and stops production.
   */
  private async produceAndSchedule(): Promise<void> {
    const started = Date.now();
    try {
      const { published } = await this.stageBlock();
      void published.then(
        ({ stored }) => {
          const header = stored.block.header!;
          if (stored.block.data!.txs.length > 0) this.logger.info(`committed block ${header.height} with ${stored.block.data!.txs.length} txs, app hash ${toHex(header.appHash).toUpperCase()}`);
        },
        (error: unknown) => this.stopProducing(error),
      );
    } catch (error) {
      this.stopProducing(error);
      return;
    }
    this.schedule(Math.max(0, this.config.blockTimeMs - (Date.now() - started)));
  }

  /** Logs why production failed and schedules no more blocks; a second failure (the next block's, of the same cause) is not logged again. */
  private stopProducing(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    clearTimeout(this.timer);
    if (error instanceof NotAValidatorError) this.logger.error(error.message);
    else this.logger.error("block production failed; this node stops producing blocks (restart it to recover from disk)", error);
  }

  private publish(produced: ProducedBlock): void {
    const { block } = produced.stored;
    this.emit({ type: "NewBlock", block: produced.stored, results: produced.results });
    block.data!.txs.forEach((tx, index) => {
      const indexed: IndexedTx = { hash: txHash(tx), height: block.header!.height, index, tx, result: produced.results.txResults[index]! };
      this.emit({ type: "Tx", tx: indexed });
      const key = bytesToKey(indexed.hash);
      for (const resolve of this.waiters.get(key) ?? []) resolve(indexed);
      this.waiters.delete(key);
    });
  }

  private emit(event: NodeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error("event listener failed", error);
      }
    }
  }

  nodeInfo(): NodeInfo {
    return this.info;
  }

  syncInfo(): SyncInfo {
    const latest = this.blocks.latestBlock;
    const earliest = this.blocks.block(this.blocks.baseHeight);
    const describe = (stored: StoredBlock | undefined) => ({
      hash: stored?.blockId.hash ?? new Uint8Array(0),
      appHash: stored?.block.header!.appHash ?? new Uint8Array(0),
      height: stored?.block.header!.height ?? 0n,
      time: stored?.block.header!.time ?? this.genesis.genesisTime,
    });
    const l = describe(latest);
    const e = describe(earliest);
    return {
      latestBlockHash: l.hash,
      latestAppHash: l.appHash,
      latestBlockHeight: l.height,
      latestBlockTime: l.time,
      earliestBlockHash: e.hash,
      earliestAppHash: e.appHash,
      earliestBlockHeight: e.height,
      earliestBlockTime: e.time,
      catchingUp: false,
    };
  }

  /** This node's validator, with its power in the set of the next height (0 when it is not in it), as CometBFT's status. */
  validatorInfo(): ValidatorInfo {
    const own = this.producer.currentValidators.find((v) => bytesEqual(v.address, this.validatorKey.address));
    return { address: this.validatorKey.address, pubKey: this.validatorKey.publicKey, votingPower: own?.votingPower ?? 0n, proposerPriority: 0n };
  }

  genesisDocument(): unknown {
    return this.genesisJson;
  }

  block(height: bigint): StoredBlock | undefined {
    return this.blocks.block(height);
  }

  blockByHash(hash: Uint8Array): StoredBlock | undefined {
    return this.blocks.blockByHash(hash);
  }

  blockResults(height: bigint): ResponseFinalizeBlock | undefined {
    const results = this.blocks.blockResults(height);
    return results && { ...results, txResults: this.txIndex.resultsOfBlock(height) };
  }

  /** The set of `height`, up to the next height; proposer priorities are not tracked (this node always proposes) and read 0. */
  validators(height: bigint): ValidatorInfo[] | undefined {
    const latest = this.blocks.latestHeight;
    if (height < this.genesis.initialHeight || height > latest + 1n) return undefined;
    const set = height === latest + 1n ? this.producer.currentValidators : this.validatorSets.at(height);
    return set?.map((v) => ({ address: v.address, pubKey: v.pubKey, votingPower: v.votingPower, proposerPriority: 0n }));
  }

  tx(hash: Uint8Array): IndexedTx | undefined {
    return this.txIndex.get(hash);
  }

  txSearch(request: TxSearchRequest): TxSearchResult {
    return this.txIndex.search(request);
  }

  abciInfo(): Promise<ResponseInfo> {
    return this.app.info({ version: COMETBFT_COMPATIBLE_VERSION, blockVersion: 11n, p2pVersion: 8n, abciVersion: "2.0.0" });
  }

  abciQuery(request: RequestQuery): Promise<ResponseQuery> {
    return this.app.query(request);
  }

  broadcastTx(tx: Uint8Array): Promise<ResponseCheckTx> {
    return this.mempool.add(tx);
  }

  waitForTx(hash: Uint8Array, timeoutMs: number): Promise<IndexedTx | undefined> {
    const found = this.txIndex.get(hash);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const key = bytesToKey(hash);
      const waiters = this.waiters.get(key) ?? new Set();
      const done = (tx: IndexedTx | undefined) => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0) this.waiters.delete(key);
        resolve(tx);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      waiters.add(done);
      this.waiters.set(key, waiters);
    });
  }

  subscribe(listener: (event: NodeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
