import type { StoredBlock } from "../../node/api.js";
import { chainBounds, resolveHeight } from "./height.js";
import { encodeConsensusParams, encodeEvents, encodeExecTxResult, encodeValidatorUpdates } from "./json-abci.js";
import { EMPTY_BLOCK_ID, encodeBlock, encodeBlockId, encodeBlockMeta } from "./json-block.js";
import { base64OrNull, int64, type Json } from "./json-values.js";
import type { RpcMethod } from "./method.js";

/** `blockchain` returns at most this many block metas, as CometBFT. */
const BLOCKCHAIN_LIMIT = 20n;

export const blockMethods: Record<string, RpcMethod> = {
  block: {
    args: ["height"],
    call: (params, { node }) => {
      const height = resolveHeight(params.optionalInt64("height"), chainBounds(node));
      return encodeResultBlock(node.block(height));
    },
  },

  block_by_hash: {
    args: ["hash"],
    call: (params, { node }) => encodeResultBlock(node.blockByHash(params.bytes("hash"))),
  },

  block_results: {
    args: ["height"],
    call: (params, { node }) => {
      const height = resolveHeight(params.optionalInt64("height"), chainBounds(node));
      const results = node.blockResults(height);
      if (!results) throw new Error(`could not find results for height #${height}`);
      return {
        height: int64(height),
        txs_results: results.txResults.length === 0 ? null : results.txResults.map(encodeExecTxResult),
        finalize_block_events: encodeEvents(results.events),
        validator_updates: encodeValidatorUpdates(results.validatorUpdates),
        consensus_param_updates: results.consensusParamUpdates ? encodeConsensusParams(results.consensusParamUpdates) : null,
        app_hash: base64OrNull(results.appHash),
      };
    },
  },

  blockchain: {
    args: ["minHeight", "maxHeight"],
    call: (params, { node }) => {
      const { earliest, latest } = chainBounds(node);
      let min = params.int64("minHeight");
      let max = params.int64("maxHeight");
      if (min < 0n || max < 0n) throw new Error("heights must be non-negative");
      if (min === 0n) min = 1n;
      if (max === 0n || max > latest) max = latest;
      if (min < earliest) min = earliest;
      if (min < max - BLOCKCHAIN_LIMIT + 1n) min = max - BLOCKCHAIN_LIMIT + 1n;
      if (min > max) throw new Error(`min height ${min} can't be greater than max height ${max}`);
      const metas: Json[] = [];
      for (let height = max; height >= min; height--) {
        const stored = node.block(height);
        if (stored) metas.push(encodeBlockMeta(stored));
      }
      return { last_height: int64(latest), block_metas: metas };
    },
  },
};

/** `ResultBlock`; a block the node does not have is null, with an empty block id. */
function encodeResultBlock(stored: StoredBlock | undefined): Json {
  if (!stored) return { block_id: EMPTY_BLOCK_ID, block: null };
  return { block_id: encodeBlockId(stored.blockId), block: encodeBlock(stored.block) };
}
