import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import {
  CheckTxType,
  ResponseProcessProposal_ProposalStatus,
  type RequestCheckTx,
  type RequestFinalizeBlock,
  type RequestInfo,
  type RequestInitChain,
  type RequestPrepareProposal,
  type RequestProcessProposal,
  type RequestQuery,
  type ResponseCheckTx,
  type ResponseCommit,
  type ResponseFinalizeBlock,
  type ResponseInfo,
  type ResponseInitChain,
  type ResponsePrepareProposal,
  type ResponseProcessProposal,
  type ResponseQuery,
  type Event,
  type ValidatorUpdate,
} from "cosmjs-types/tendermint/abci/types";
import { bytesToKey } from "../store/bytes.js";
import { CacheKV } from "../store/cache-kv.js";
import type { Database } from "../store/database.js";
import { sha256 } from "../store/hash.js";
import { CommitMultiStore, type PruningOptions } from "../store/multistore.js";
import { RecentCache } from "../store/recent-cache.js";
import { CoalescingVerifier } from "../tx/coalescing-verifier.js";
import type { DecodedTx } from "../tx/decoded-tx.js";
import type { GasPrice } from "../tx/fees.js";
import { signatureChecks } from "../tx/signature-checks.js";
import { VerifiedSignatures, type BatchSignatureVerifier } from "../tx/signatures.js";
import { Context, unmeteredGas, type BlockInfo } from "../types/context.js";
import { isError, type AppError } from "../types/errors.js";
import { indexOnly } from "../types/events.js";
import type { AppModule, MsgHandler } from "../types/module.js";
import type { AbciApplication } from "./abci.js";
import { assembleModules, type Keepers } from "./assembly.js";
import { QueryRouter } from "./query-router.js";
import { TxRunner, type TxOutcome } from "./tx-runner.js";

export const APP_NAME = "persistence";
export const APP_VERSION = "0.1.0";
const EMPTY_HASH = sha256(new Uint8Array(0));
const EPOCH: Timestamp = { seconds: 0n, nanos: 0 };

/**
 * What CheckTx works on between two commits: the state the last commit made (`base`: the commit
 * before it, frozen, under its block's changes, so a check that runs after the next commit still
 * sees one consistent state), plus the changes of the txs it admitted since, for txs that go into
 * `block`. The next block executes on `base` too while the last one is still being written.
 */
interface CheckEpoch {
  base: CacheKV;
  state: CacheKV;
  block: BlockInfo;
  release(): void;
}

export interface AppOptions {
  db: Database;
  chainId: string;
  /** The node's minimum gas prices, checked in CheckTx. */
  minGasPrices?: readonly GasPrice[];
  pruning?: PruningOptions;
  /** Verifies signatures in parallel (worker threads); without it they are verified inline. */
  signatureVerifier?: BatchSignatureVerifier;
  maxTxBytes?: number;
  nodeCacheSize?: number;
  /** The event attributes (`type.key`) a block's results mark for indexing; empty or absent marks all. */
  indexEvents?: readonly string[];
  logger?: { error(message: string, error?: unknown): void };
}

/**
 * The Persistence application behind the ABCI 2.0 interface. State changes only through
 * initChain, finalizeBlock and commit; CheckTx works on a separate branch of the committed state
 * that each commit replaces (a check already queued finishes on the branch it arrived at).
 */
export class PersistenceApp implements AbciApplication {
  readonly keepers: Keepers;
  readonly modules: readonly AppModule[];
  private readonly stores: CommitMultiStore;
  private readonly runner: TxRunner;
  private readonly queries: QueryRouter;
  private readonly signatures = new VerifiedSignatures();
  private readonly verifier: BatchSignatureVerifier | undefined;
  /** Genesis state written by initChain; the first block builds on it until that block commits. */
  private genesisState: CacheKV | undefined;
  private initialHeight = 1;
  private checkEpoch: CheckEpoch;
  private lastBlockTime: Timestamp = EPOCH;
  /** CheckTx calls apply to their epoch's state one at a time, in arrival order. */
  private checkQueue: Promise<unknown> = Promise.resolve();
  /** The state the last finalizeBlock left, which its commit persists and CheckTx then builds on. */
  private finalized: { state: CacheKV; height: number } | undefined;
  /** Txs whose signatures CheckTx verified: block execution need not prefetch them. */
  private readonly checkedTxs = new RecentCache<string, true>(50_000);
  /**
   * Passed checks with their footprints, by tx hash: those since the last commit and those of the
   * epoch before, which the rechecks after a commit replay where the block left their reads alone.
   */
  private passedChecks = new Map<string, TxOutcome>();
  private passedBefore = new Map<string, TxOutcome>();
  private changedKeys = 0;
  /** Applies the index-events setting to a block's events; undefined leaves every attribute indexed. */
  private readonly markIndexed: ((events: readonly Event[]) => Event[]) | undefined;

  constructor(private readonly options: AppOptions) {
    const { keepers, modules } = assembleModules();
    this.markIndexed = options.indexEvents?.length ? indexOnly(options.indexEvents) : undefined;
    this.keepers = keepers;
    this.modules = modules;
    this.stores = CommitMultiStore.open(options.db, {
      stores: modules.flatMap((m) => m.storeKeys.map((k) => k.name)),
      pruning: options.pruning,
      nodeCacheSize: options.nodeCacheSize,
    });
    this.runner = new TxRunner({
      handlers: messageHandlers(modules),
      ante: { accounts: keepers.accounts, bank: keepers.bank, minGasPrices: options.minGasPrices ?? [], signatures: this.signatures },
      maxTxBytes: options.maxTxBytes ?? 1024 * 1024,
      onInternalError: (error) => options.logger?.error("unexpected failure while running a tx", error),
    });
    this.queries = new QueryRouter({
      routes: modules.flatMap((m) => m.queries),
      stores: this.stores,
      chainId: options.chainId,
      simulate: (tx) => this.runner.run("simulate", this.checkEpoch.block, new CacheKV(this.checkEpoch.state), tx),
    });
    this.verifier = options.signatureVerifier ? new CoalescingVerifier(options.signatureVerifier) : undefined;
    if (this.stores.lastVersion > 0) this.lastBlockTime = this.stores.blockTimeAt(this.stores.lastVersion) ?? EPOCH;
    this.checkEpoch = this.checkEpochOnCommitted(this.checkBlock());
  }

  /** State keys the last finalized block changed: what its commit's cost grows with. */
  get lastChangedKeys(): number {
    return this.changedKeys;
  }

  /** Tree nodes the last commit wrote: a Merkle tree's share of that cost. */
  get lastSavedNodes(): number {
    return this.stores.lastSavedNodes;
  }

  get lastHeight(): number {
    return this.stores.lastVersion;
  }

  /** Pruned versions whose tree nodes are still being deleted, a bounded number per block. */
  get pruningBacklog(): number {
    return this.stores.pruningBacklog;
  }

  async info(_request: RequestInfo): Promise<ResponseInfo> {
    const height = this.stores.lastVersion;
    return {
      data: APP_NAME,
      version: APP_VERSION,
      appVersion: 1n,
      lastBlockHeight: BigInt(height),
      lastBlockAppHash: height === 0 ? new Uint8Array(0) : this.stores.lastAppHash,
    };
  }

  async initChain(request: RequestInitChain): Promise<ResponseInitChain> {
    if (this.stores.lastVersion !== 0) throw new Error(`initChain on a chain already at height ${this.stores.lastVersion}`);
    if (request.chainId !== this.options.chainId) throw new Error(`genesis chain id ${request.chainId} differs from the node's ${this.options.chainId}`);
    const appState = parseAppState(request.appStateBytes, this.modules);
    this.initialHeight = Number(request.initialHeight > 0n ? request.initialHeight : 1n);
    // Over a frozen view of the empty database, which the first block's commit fills.
    const pinned = this.stores.pinCommitted();
    const state = new CacheKV(pinned.reader, { frozenParent: true });
    const ctx = new Context({ height: BigInt(this.initialHeight), time: request.time, chainId: this.options.chainId }, "genesis", state, unmeteredGas());
    for (const module of this.modules) {
      const error = module.initGenesis(ctx, appState[module.name] ?? module.defaultGenesis());
      if (error) throw new Error(`invalid genesis for module ${module.name}: ${error.log}`);
    }
    const validators = this.modules.flatMap((m) => m.genesisValidators?.(ctx) ?? []);
    this.genesisState = state;
    this.lastBlockTime = request.time;
    this.replaceCheckEpoch({ base: state, state: new CacheKV(state), block: this.checkBlock(), release: pinned.release });
    return { consensusParams: undefined, validators, appHash: EMPTY_HASH };
  }

  async checkTx(request: RequestCheckTx): Promise<ResponseCheckTx> {
    const epoch = this.checkEpoch;
    const tx = this.runner.decode(request.tx);
    const recheck = request.type === CheckTxType.RECHECK;
    // Signatures are verified in parallel before the tx takes its turn on the state.
    const verified = !isError(tx) && this.verifier && !recheck ? this.prefetchSignatures(epoch.state, [tx]) : undefined;
    const run = async () => {
      await verified;
      return this.runCheck(epoch, request.tx, tx, recheck);
    };
    const result = this.checkQueue.then(run);
    this.checkQueue = result.catch(() => undefined);
    const outcome = await result;
    if (outcome.code === 0 && !isError(tx)) this.checkedTxs.set(bytesToKey(tx.hash), true);
    return { code: outcome.code, data: outcome.data, log: outcome.log, info: "", gasWanted: BigInt(outcome.gasWanted), gasUsed: BigInt(outcome.gasUsed), events: outcome.events, codespace: outcome.codespace };
  }

  /**
   * A check on `epoch`. A recheck replays the tx's last passed check where its reads are unchanged,
   * or changed only by a block spending from the fee payer's balance, which still covers the fee.
   */
  private runCheck(epoch: CheckEpoch, raw: Uint8Array, tx: DecodedTx | AppError, recheck: boolean): TxOutcome {
    const mode = recheck ? "recheck" : "check";
    if (isError(tx)) return this.runner.run(mode, epoch.block, epoch.state, raw, tx);
    const key = bytesToKey(tx.hash);
    const passed = recheck ? (this.passedChecks.get(key) ?? this.passedBefore.get(key)) : undefined;
    const replayed = passed?.footprint && epoch.state.replay(passed.footprint, this.keepers.bank.feeDebitRebases(tx.feePayer.address, tx.fee));
    const outcome = replayed ? passed : this.runner.run(mode, epoch.block, epoch.state, raw, tx);
    if (outcome.footprint) this.passedChecks.set(key, outcome);
    return outcome;
  }

  /**
   * Keeps the candidates in order, leaving out txs that cannot decode (they could only fail) and
   * stopping before the block's byte limit.
   */
  async prepareProposal(request: RequestPrepareProposal): Promise<ResponsePrepareProposal> {
    const txs: Uint8Array[] = [];
    let bytes = 0;
    for (const tx of request.txs) {
      if (bytes + tx.length > request.maxTxBytes) break;
      if (isError(this.runner.decode(tx))) continue;
      txs.push(tx);
      bytes += tx.length;
    }
    return { txs };
  }

  /** Accepts a proposal whose txs all decode, as an honest proposer's prepareProposal guarantees. */
  async processProposal(request: RequestProcessProposal): Promise<ResponseProcessProposal> {
    const valid = request.txs.every((tx) => !isError(this.runner.decode(tx)));
    return { status: valid ? ResponseProcessProposal_ProposalStatus.ACCEPT : ResponseProcessProposal_ProposalStatus.REJECT };
  }

  async finalizeBlock(request: RequestFinalizeBlock): Promise<ResponseFinalizeBlock> {
    const height = Number(request.height);
    const head = this.stores.headVersion;
    const expected = head === 0 ? this.initialHeight : head + 1;
    if (height !== expected) throw new Error(`finalizeBlock for height ${height}, expected ${expected}`);
    // A consensus engine that restarted before our commit finalizes the same height again.
    if (this.stores.hasPendingVersion) this.stores.rollback();
    const state = this.genesisState?.copy() ?? this.blockState();
    const consensus = { proposerAddress: request.proposerAddress, lastCommitVotes: request.decidedLastCommit?.votes ?? [], misbehavior: request.misbehavior };
    const block: BlockInfo = { height: request.height, time: request.time, chainId: this.options.chainId, consensus };
    const decoded = request.txs.map((raw) => this.runner.decode(raw));
    if (this.verifier) {
      const unchecked = decoded.filter((tx): tx is DecodedTx => !isError(tx) && !this.checkedTxs.has(bytesToKey(tx.hash)));
      await this.prefetchSignatures(state, unchecked);
    }

    const blockEvents = this.runHooks("beginBlock", block, state).events;
    const outcomes = request.txs.map((raw, i) => this.runner.run("finalize", block, state, raw, decoded[i]));
    const end = this.runHooks("endBlock", block, state);
    for (const event of end.events) blockEvents.push(event);

    let appHash: Uint8Array;
    const changes = state.sortedChanges();
    this.changedKeys = changes.length;
    try {
      appHash = this.stores.applyChanges(height, changes, request.time);
    } catch (error) {
      // A block half applied to the trees must not leak into a retry of the same height.
      this.stores.rollback();
      throw error;
    }
    this.lastBlockTime = request.time;
    this.finalized = { state, height };
    const mark = (events: Event[]) => this.markIndexed?.(events) ?? events;
    const txResults = outcomes.map((outcome) => toExecTxResult(outcome, mark(outcome.events)));
    return { events: mark(blockEvents), txResults, validatorUpdates: end.validatorUpdates, consensusParamUpdates: undefined, appHash };
  }

  /**
   * Persists the last finalized block together with whatever the driver staged in the same
   * database; resolves once it is on disk. CheckTx moves to the block's state at once, so checks
   * (rechecks first, from a CometBFT-style mempool) run while the block is being written, and so
   * may the next block's finalizeBlock (not its commit: call this once the last one resolved).
   */
  async commit(): Promise<ResponseCommit> {
    const finalized = this.finalized;
    if (!finalized) throw new Error("commit without a finalized block");
    if (this.stores.isWriting) throw new Error(`commit of height ${finalized.height} while the block before is still being written`);
    this.finalized = undefined;
    // The commit before this block, frozen, under this block's changes: the state this commit makes.
    const block = { height: BigInt(finalized.height + 1), time: this.lastBlockTime, chainId: this.options.chainId };
    this.replaceCheckEpoch(this.checkEpochOnCommitted(block, finalized.state));
    await this.stores.commit();
    this.genesisState = undefined;
    return { retainHeight: 0n };
  }

  async query(request: RequestQuery): Promise<ResponseQuery> {
    return this.queries.query(request);
  }


  /** The genesis state of every module as of the last commit, in the Cosmos SDK's JSON. */
  exportGenesis(): Record<string, unknown> {
    const ctx = new Context(this.checkBlock(), "query", new CacheKV(this.stores.committed), unmeteredGas());
    return Object.fromEntries(this.modules.map((m) => [m.name, m.exportGenesis(ctx)]));
  }


  /**
   * The state a block executes on: the last commit's, read from disk (nothing commits while a block
   * executes, so its reads can be remembered), or the check epoch's base while it is still written.
   */
  private blockState(): CacheKV {
    return this.stores.isWriting ? new CacheKV(this.checkEpoch.base) : new CacheKV(this.stores.committed, { frozenParent: true });
  }

  /** A check epoch over the last commit, frozen, with `changes` (a block not yet on disk) moved on top. */
  private checkEpochOnCommitted(block: BlockInfo, changes?: CacheKV): CheckEpoch {
    const pinned = this.stores.pinCommitted();
    const base = new CacheKV(pinned.reader, { frozenParent: true });
    changes?.writeTo(base);
    return { base, state: new CacheKV(base), block, release: pinned.release };
  }

  /** Starts `next`; the old epoch's frozen view is released once the checks queued on it ran. */
  private replaceCheckEpoch(next: CheckEpoch): void {
    const old = this.checkEpoch;
    this.checkEpoch = next;
    this.passedBefore = this.passedChecks;
    this.passedChecks = new Map();
    void this.checkQueue.then(() => old.release());
  }

  private checkBlock(): BlockInfo {
    return { height: BigInt(this.stores.lastVersion + 1), time: this.lastBlockTime, chainId: this.options.chainId };
  }

  private runHooks(hook: "beginBlock" | "endBlock", block: BlockInfo, state: CacheKV) {
    const ctx = new Context(block, "block", state, unmeteredGas());
    const validatorUpdates: ValidatorUpdate[] = [];
    for (const module of this.modules) {
      const updates = module[hook]?.(ctx);
      if (updates) validatorUpdates.push(...updates);
    }
    const mode = hook === "beginBlock" ? "BeginBlock" : "EndBlock";
    const events = ctx.events.events.map((e) => ({ ...e, attributes: [...e.attributes, { key: "mode", value: mode, index: true }] }));
    return { events, validatorUpdates };
  }

  private prefetchSignatures(state: CacheKV, txs: readonly DecodedTx[]): Promise<void> {
    const ctx = new Context(this.checkBlock(), "query", state, unmeteredGas());
    const checks = txs.flatMap((tx) => signatureChecks(ctx, tx, this.keepers.accounts));
    return this.signatures.prefetch(checks, this.verifier!);
  }
}

function messageHandlers(modules: readonly AppModule[]): Map<string, MsgHandler> {
  const handlers = new Map<string, MsgHandler>();
  for (const handler of modules.flatMap((m) => m.messages)) {
    if (handlers.has(handler.type.typeUrl)) throw new Error(`message ${handler.type.typeUrl} is registered twice`);
    handlers.set(handler.type.typeUrl, handler);
  }
  return handlers;
}

function parseAppState(bytes: Uint8Array, modules: readonly AppModule[]): Record<string, unknown> {
  const text = new TextDecoder().decode(bytes).trim();
  const state = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
  const known = new Set(modules.map((m) => m.name));
  const unknown = Object.keys(state).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`genesis app_state has unknown modules: ${unknown.join(", ")}`);
  return state;
}

function toExecTxResult(outcome: TxOutcome, events = outcome.events) {
  return {
    code: outcome.code,
    data: outcome.data,
    log: outcome.log,
    info: "",
    gasWanted: BigInt(outcome.gasWanted),
    gasUsed: BigInt(outcome.gasUsed),
    events,
    codespace: outcome.codespace,
  };
}

