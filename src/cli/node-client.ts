import { StargateClient } from "@cosmjs/stargate";
import { connectComet, type CometClient } from "@cosmjs/tendermint-rpc";
import { CliError } from "./errors.js";

/** A node's CometBFT RPC: the raw client (codes and codespaces intact) and CosmJS's queries over it. */
export interface NodeClient {
  comet: CometClient;
  stargate: StargateClient;
  disconnect(): void;
}

export async function connectNode(url: string): Promise<NodeClient> {
  if (!/^https?:\/\/[^/]/.test(url)) throw new CliError("invalid_node_url", `invalid --node "${url}": expected an http(s) URL such as http://127.0.0.1:26657`);
  const comet = await connectComet(url);
  return { comet, stargate: StargateClient.create(comet), disconnect: () => comet.disconnect() };
}
