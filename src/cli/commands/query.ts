import { toHex } from "@cosmjs/encoding";
import { toRfc3339WithNanoseconds } from "@cosmjs/tendermint-rpc";
import type { Command } from "commander";
import { sha256 } from "../../store/hash.js";
import { decodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { defineAction, withCommonOptions, withNodeOption, type ActionContext, type NodeUrlOptions } from "../command-context.js";
import { CliError } from "../errors.js";
import { coinJson, formatCoin, fromWireCoin } from "../money.js";
import { connectNode, type NodeClient } from "../node-client.js";
import { describeTx, txJson } from "../tx-view.js";

/** `persistence query …`: read balances, txs and blocks from a node. */
export function registerQuery(program: Command): void {
  const query = program.command("query").alias("q").description("read chain state, txs and blocks from a node");
  const bank = query.command("bank").description("bank module queries");

  const balances = queryCommand(bank, "balances <address>", "an account's balances");
  defineAction<NodeUrlOptions>(balances, (context, address) =>
    withNode(context, async (node) => {
      const decoded = decodeAddress(address!);
      if (isError(decoded)) throw new CliError("invalid_address", decoded.message);
      const coins = (await node.stargate.getAllBalances(address!)).map(fromWireCoin);
      context.output.result({ address, balances: coins.map(coinJson) }, [`${address}:`, ...(coins.length ? coins.map((c) => `  ${formatCoin(c)}`) : ["  no balances"])]);
    }),
  );

  const tx = queryCommand(query, "tx <hash>", "a tx included in a block, by its hash (64 hex digits)");
  defineAction<NodeUrlOptions>(tx, (context, hash) =>
    withNode(context, async (node) => {
      if (!/^[0-9a-fA-F]{64}$/.test(hash!)) throw new CliError("invalid_tx_hash", `invalid tx hash "${hash}": expected 64 hex digits`);
      const found = (await node.comet.txSearch({ query: `tx.hash='${hash!.toUpperCase()}'` })).txs[0];
      if (!found) throw new CliError("tx_not_found", `no tx ${hash!.toUpperCase()} in this node's blocks (yet)`);
      context.output.result(txJson(found), describeTx(found));
    }),
  );

  const block = queryCommand(query, "block [height]", "a block's header and tx hashes (default: the latest block)");
  defineAction<NodeUrlOptions>(block, (context, height) =>
    withNode(context, async (node) => {
      const { blockId, block } = await node.comet.block(height === undefined ? undefined : parseHeight(height));
      const header = block.header;
      const view = {
        height: header.height,
        hash: toHex(blockId.hash).toUpperCase(),
        time: toRfc3339WithNanoseconds(header.time),
        chain_id: header.chainId,
        proposer_address: toHex(header.proposerAddress).toUpperCase(),
        app_hash: toHex(header.appHash).toUpperCase(),
        num_txs: block.txs.length,
        txs: block.txs.map((tx) => toHex(sha256(tx)).toUpperCase()),
      };
      context.output.result(view, [
        `height:   ${view.height}`,
        `hash:     ${view.hash}`,
        `time:     ${view.time}`,
        `chain id: ${view.chain_id}`,
        `proposer: ${view.proposer_address}`,
        `app hash: ${view.app_hash}`,
        `txs:      ${view.num_txs}`,
        ...view.txs.map((hash) => `  ${hash}`),
      ]);
    }),
  );
}

export function queryCommand(parent: Command, nameAndArgs: string, description: string): Command {
  return withNodeOption(withCommonOptions(parent.command(nameAndArgs).description(description)));
}

/** Runs `use` with a connection to --node, closed afterwards. */
export async function withNode(context: ActionContext<NodeUrlOptions>, use: (node: NodeClient) => Promise<void>): Promise<void> {
  const node = await connectNode(context.options.node);
  try {
    await use(node);
  } finally {
    node.disconnect();
  }
}

function parseHeight(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new CliError("invalid_height", `invalid height "${text}": expected a positive whole number`);
  return Number(text);
}
