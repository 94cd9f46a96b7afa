import {
  GetBlockByHeightResponse,
  GetLatestBlockResponse,
  GetNodeInfoResponse,
  GetSyncingResponse,
} from "cosmjs-types/cosmos/base/tendermint/v1beta1/query";
import type { Block as SdkBlock } from "cosmjs-types/cosmos/base/tendermint/v1beta1/types";
import type { Block } from "cosmjs-types/tendermint/types/block";
import { ACCOUNT_PREFIX, encodeAddress } from "../../../types/address.js";
import { GatewayError, GrpcCode } from "../errors.js";
import { toGatewayJson } from "../json/gateway-json.js";
import { parseInt64 } from "../request-values.js";
import type { Route } from "../route.js";

/** Bech32 prefix of consensus (validator signing key) addresses, for the SDK block's proposer. */
const CONSENSUS_ADDRESS_PREFIX = `${ACCOUNT_PREFIX}valcons`;

/** The p2p and block protocol versions of CometBFT 0.38, whose node info this node presents. */
const P2P_PROTOCOL = 8n;
const BLOCK_PROTOCOL = 11n;

/** cosmos.base.tendermint.v1beta1.Service over REST: node info, sync state and blocks. */
export const tendermintRoutes: readonly Route[] = [
  {
    method: "GET",
    path: "/cosmos/base/tendermint/v1beta1/node_info",
    async handle({ node }) {
      const [info, app] = await Promise.all([node.nodeInfo(), node.abciInfo()]);
      const response = GetNodeInfoResponse.fromPartial({
        defaultNodeInfo: {
          protocolVersion: { p2p: P2P_PROTOCOL, block: BLOCK_PROTOCOL, app: app.appVersion },
          defaultNodeId: info.id,
          listenAddr: info.listenAddress,
          network: info.network,
          version: info.version,
          moniker: info.moniker,
          other: { txIndex: "on", rpcAddress: info.rpcAddress },
        },
        applicationVersion: { name: app.data, appName: app.data, version: app.version },
      });
      return { json: toGatewayJson(GetNodeInfoResponse, response) };
    },
  },
  {
    method: "GET",
    path: "/cosmos/base/tendermint/v1beta1/syncing",
    async handle({ node }) {
      const { catchingUp } = await node.syncInfo();
      return { json: toGatewayJson(GetSyncingResponse, { syncing: catchingUp }) };
    },
  },
  {
    method: "GET",
    path: "/cosmos/base/tendermint/v1beta1/blocks/latest",
    async handle({ node }) {
      const stored = await node.block((await node.syncInfo()).latestBlockHeight);
      if (stored === undefined) throw new GatewayError(GrpcCode.NotFound, "no block has been committed yet");
      const response = { blockId: stored.blockId, block: stored.block, sdkBlock: sdkBlock(stored.block) };
      return { json: toGatewayJson(GetLatestBlockResponse, response) };
    },
  },
  {
    method: "GET",
    path: "/cosmos/base/tendermint/v1beta1/blocks/{height}",
    async handle({ node, pathParams }) {
      const height = parseInt64(pathParams.height ?? "", "height");
      const sync = await node.syncInfo();
      if (height > sync.latestBlockHeight) {
        // The SDK's wording, kept for clients that match on it.
        throw new GatewayError(GrpcCode.InvalidArgument, "requested block height is bigger then the chain length");
      }
      if (height < 1n) {
        throw new GatewayError(GrpcCode.InvalidArgument, `height must be greater than 0, but got ${height}`);
      }
      const stored = await node.block(height);
      if (stored === undefined) {
        throw new GatewayError(
          GrpcCode.InvalidArgument,
          `height ${height} is not available, lowest height is ${sync.earliestBlockHeight}`,
        );
      }
      const response = { blockId: stored.blockId, block: stored.block, sdkBlock: sdkBlock(stored.block) };
      return { json: toGatewayJson(GetBlockByHeightResponse, response) };
    },
  },
];

/** The SDK's copy of a block: the same, except that the proposer is a bech32 consensus address. */
function sdkBlock(block: Block): SdkBlock {
  const proposer = block.header.proposerAddress;
  return {
    ...block,
    header: {
      ...block.header,
      proposerAddress: proposer.length === 0 ? "" : encodeAddress(proposer, CONSENSUS_ADDRESS_PREFIX),
    },
  };
}
