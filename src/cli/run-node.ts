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
 * Opens a node, serves its CometBFT RPC and Cosmos REST APIs, and starts block production.
 * `stop` closes the servers first, then lets the block in progress commit and closes the node.
 */
export async function runNode(options: EmbeddedNodeOptions): Promise<RunningNode> {
  const node = await EmbeddedNode.open(options);
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
  node.start();
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
