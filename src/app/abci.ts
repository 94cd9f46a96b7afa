import type {
  RequestCheckTx,
  RequestFinalizeBlock,
  RequestInfo,
  RequestInitChain,
  RequestPrepareProposal,
  RequestProcessProposal,
  RequestQuery,
  ResponseCheckTx,
  ResponseCommit,
  ResponseFinalizeBlock,
  ResponseInfo,
  ResponseInitChain,
  ResponsePrepareProposal,
  ResponseProcessProposal,
  ResponseQuery,
} from "cosmjs-types/tendermint/abci/types";

/**
 * The application as a consensus engine sees it: the ABCI 2.0 methods with CometBFT's own
 * request and response types. The embedded node and the CometBFT socket server both drive an
 * App only through this interface, with the same bytes.
 */
export interface AbciApplication {
  info(request: RequestInfo): Promise<ResponseInfo>;
  initChain(request: RequestInitChain): Promise<ResponseInitChain>;
  checkTx(request: RequestCheckTx): Promise<ResponseCheckTx>;
  /** The proposer's choice of txs for its block, from the mempool's candidates. */
  prepareProposal(request: RequestPrepareProposal): Promise<ResponsePrepareProposal>;
  /** Whether a validator accepts another's proposed block. */
  processProposal(request: RequestProcessProposal): Promise<ResponseProcessProposal>;
  /** Executes all txs of a block and returns their results, the block events and the new app hash. */
  finalizeBlock(request: RequestFinalizeBlock): Promise<ResponseFinalizeBlock>;
  /** Persists the state that the last finalizeBlock produced. */
  commit(): Promise<ResponseCommit>;
  query(request: RequestQuery): Promise<ResponseQuery>;
}
