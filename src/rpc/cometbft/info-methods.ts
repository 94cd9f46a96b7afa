import { chainBounds, resolveHeight } from "./height.js";
import { encodeInfoResponse, encodeQueryResponse } from "./json-abci.js";
import { encodeNodeInfo, encodeStatusValidator, encodeSyncInfo, encodeValidator } from "./json-node.js";
import { int64, type Json } from "./json-values.js";
import type { RpcMethod } from "./method.js";
import { checkPage, perPageOf } from "./pagination.js";

export const infoMethods: Record<string, RpcMethod> = {
  health: { args: [], call: () => ({}) },

  status: {
    args: [],
    call: (_params, { node }) => {
      const sync = node.syncInfo();
      return {
        node_info: encodeNodeInfo(node.nodeInfo(), node.block(sync.latestBlockHeight)?.block.header),
        sync_info: encodeSyncInfo(sync),
        validator_info: encodeStatusValidator(node.validatorInfo()),
      };
    },
  },

  genesis: { args: [], call: (_params, { node }) => ({ genesis: node.genesisDocument() as Json }) },

  abci_info: { args: [], call: async (_params, { node }) => ({ response: encodeInfoResponse(await node.abciInfo()) }) },

  abci_query: {
    args: ["path", "data", "height", "prove"],
    call: async (params, { node }) => {
      const response = await node.abciQuery({
        path: params.string("path"),
        data: params.hexBytes("data"),
        height: params.int64("height"),
        prove: params.bool("prove"),
      });
      return { response: encodeQueryResponse(response) };
    },
  },

  validators: {
    args: ["height", "page", "per_page"],
    call: (params, { node }) => {
      // By default the set for the next height, which CometBFT already knows.
      const requestedHeight = params.optionalInt64("height");
      const requestedPage = params.optionalInt("page");
      const perPage = perPageOf(params.optionalInt("per_page"));
      const { earliest, latest } = chainBounds(node);
      const height = resolveHeight(requestedHeight, { earliest, latest: latest + 1n });
      const validators = node.validators(height);
      if (!validators) throw new Error(`could not find validator set for height #${height}`);
      const page = checkPage(requestedPage, perPage, validators.length);
      const shown = validators.slice((page - 1) * perPage, page * perPage);
      return {
        block_height: int64(height),
        validators: shown.map(encodeValidator),
        count: int64(shown.length),
        total: int64(validators.length),
      };
    },
  },
};
