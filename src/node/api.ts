import type {
  ExecTxResult,
  RequestQuery,
  ResponseCheckTx,
  ResponseFinalizeBlock,
  ResponseInfo,
  ResponseQuery,
} from "cosmjs-types/tendermint/abci/types";
import type { Block } from "cosmjs-types/tendermint/types/block";
import type { BlockID } from "cosmjs-types/tendermint/types/types";

/** A committed block with its id (hash and part set header), as CometBFT stores it. */
export interface StoredBlock {
  blockId: BlockID;
  block: Block;
  /** Size in bytes of the protobuf-encoded block. */
  size: number;
}

/** A committed transaction with its result, as the tx index returns it. */
export interface IndexedTx {
  /** sha256 of the raw tx bytes. */
  hash: Uint8Array;
  height: bigint;
  /** Position of the tx in its block. */
  index: number;
  tx: Uint8Array;
  result: ExecTxResult;
}

export interface TxSearchRequest {
  /** CometBFT query language, e.g. `message.sender='persistence1…' AND tx.height>5`. */
  query: string;
  /** 1-based page number. */
  page: number;
  perPage: number;
  orderBy: "asc" | "desc";
}

export interface TxSearchResult {
  txs: IndexedTx[];
  totalCount: number;
}

export interface ValidatorInfo {
  /** First 20 bytes of sha256(ed25519 public key), as CometBFT derives it. */
  address: Uint8Array;
  /** ed25519 public key (32 bytes). */
  pubKey: Uint8Array;
  votingPower: bigint;
  proposerPriority: bigint;
}

export interface NodeInfo {
  /** Hex node id: first 20 bytes of sha256 of the node key's ed25519 public key. */
  id: string;
  moniker: string;
  network: string;
  version: string;
  listenAddress: string;
  rpcAddress: string;
}

export interface SyncInfo {
  latestBlockHash: Uint8Array;
  latestAppHash: Uint8Array;
  latestBlockHeight: bigint;
  latestBlockTime: { seconds: bigint; nanos: number };
  earliestBlockHash: Uint8Array;
  earliestAppHash: Uint8Array;
  earliestBlockHeight: bigint;
  earliestBlockTime: { seconds: bigint; nanos: number };
  catchingUp: boolean;
}

export type NodeEvent =
  | { type: "NewBlock"; block: StoredBlock; results: ResponseFinalizeBlock }
  | { type: "Tx"; tx: IndexedTx };

/** What a running node offers to its RPC and REST servers. */
export interface NodeApi {
  readonly chainId: string;
  nodeInfo(): NodeInfo;
  syncInfo(): SyncInfo;
  /** The node's own validator (the single block producer of the embedded node). */
  validatorInfo(): ValidatorInfo;
  /** The genesis document exactly as read from genesis.json. */
  genesisDocument(): unknown;

  block(height: bigint): StoredBlock | undefined;
  blockByHash(hash: Uint8Array): StoredBlock | undefined;
  blockResults(height: bigint): ResponseFinalizeBlock | undefined;
  /** The validator set that signed at `height`. */
  validators(height: bigint): ValidatorInfo[] | undefined;

  tx(hash: Uint8Array): IndexedTx | undefined;
  txSearch(request: TxSearchRequest): TxSearchResult;

  abciInfo(): Promise<ResponseInfo>;
  abciQuery(request: RequestQuery): Promise<ResponseQuery>;

  /** Adds a tx to the mempool after CheckTx; resolves with the CheckTx result. */
  broadcastTx(tx: Uint8Array): Promise<ResponseCheckTx>;
  /** Resolves when the tx with this hash is committed, or with undefined after `timeoutMs`. */
  waitForTx(hash: Uint8Array, timeoutMs: number): Promise<IndexedTx | undefined>;
  /** Calls `listener` for each committed block and each of its txs; returns an unsubscribe function. */
  subscribe(listener: (event: NodeEvent) => void): () => void;
}
