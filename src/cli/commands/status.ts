import { toHex } from "@cosmjs/encoding";
import { toRfc3339WithNanoseconds } from "@cosmjs/tendermint-rpc";
import type { Command } from "commander";
import { defineAction, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "./query.js";

/** `persistence status`: what the node says about itself and its latest block. */
export function registerStatus(program: Command): void {
  const status = queryCommand(program, "status", "the node's chain id, latest block and whether it is catching up");
  defineAction<NodeUrlOptions>(status, (context) =>
    withNode(context, async (node) => {
      const { nodeInfo, syncInfo } = await node.comet.status();
      const view = {
        chain_id: nodeInfo.network,
        moniker: nodeInfo.moniker,
        node_id: toHex(nodeInfo.id),
        version: nodeInfo.version,
        latest_block_height: syncInfo.latestBlockHeight,
        latest_block_hash: toHex(syncInfo.latestBlockHash).toUpperCase(),
        latest_block_time: toRfc3339WithNanoseconds(syncInfo.latestBlockTime),
        latest_app_hash: toHex(syncInfo.latestAppHash).toUpperCase(),
        catching_up: syncInfo.catchingUp,
      };
      context.output.result(view, [
        `chain id:     ${view.chain_id}`,
        `moniker:      ${view.moniker}`,
        `node id:      ${view.node_id}`,
        `latest block: ${view.latest_block_height} ${view.latest_block_hash}`,
        `block time:   ${view.latest_block_time}`,
        `app hash:     ${view.latest_app_hash}`,
        `catching up:  ${view.catching_up}`,
      ]);
    }),
  );
}
