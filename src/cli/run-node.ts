import { EmbeddedNode, type EmbeddedNodeOptions } from "../node/node.js";
import { parseListenAddress } from "../node/config.js";
import { startCometRpcServer, type CometRpcServer } from "../rpc/cometbft/server.js";
import { startRestServer, type RestServer } from "../rpc/rest/server.js";

export interface RunningNode {
  node: EmbeddedNode;
  rpcAddress: string;
  restAddress: string;
  stop(): Promise<void>;
}

/**
 * Opens a node, starts block production, and serves its CometBFT RPC and Cosmos REST APIs.
 * `stop` closes the servers first, then lets the block in progress commit and closes the node.
 */
export async function runNode(options: EmbeddedNodeOptions): Promise<RunningNode> {
  const node = await EmbeddedNode.open(options);
  // Serve only once a new chain has its first block: clients need one to connect.
  await node.start();
  const rpcListen = parseListenAddress(node.config.rpcAddress);
  const restListen = parseListenAddress(node.config.restAddress);
  let rpc: CometRpcServer | undefined;
  let rest: RestServer;
  try {
    rpc = await startCometRpcServer({ node, host: rpcListen.host, port: rpcListen.port });
    rest = await startRestServer({ node, host: restListen.host, port: restListen.port });
  } catch (error) {
    await rpc?.close();
    await node.stop();
    throw error;
  }
  return {
    node,
    rpcAddress: rpc.address,
    restAddress: rest.address,
    async stop() {
      await Promise.all([rpc!.close(), rest.close()]);
      await node.stop();
    },
  };
}
