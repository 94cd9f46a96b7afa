import { CliError } from "./errors.js";
import type { NodeClient } from "./node-client.js";

/** A request codec, as ts-proto and cosmjs-types generate them. */
export interface RequestCodec<T> {
  fromPartial(object: object): T;
  encode(message: T): { finish(): Uint8Array };
}

/**
 * Runs one gRPC query (`path`, e.g. "/persistence.market.v1.Query/Order") over the node's
 * abci_query. A refusal becomes a CliError named after the chain's registered error, with the
 * log stripped of its gRPC status prefix.
 */
export async function grpcQuery<Req, Res>(node: NodeClient, path: string, request: RequestCodec<Req>, fields: object, response: { decode(bytes: Uint8Array): Res }): Promise<Res> {
  const answer = await node.comet.abciQuery({ path, data: request.encode(request.fromPartial(fields)).finish() });
  if (answer.code) {
    const log = (answer.log ?? "").replace(/^rpc error: code = \w+ desc = /, "");
    throw CliError.fromChain({ code: answer.code, codespace: answer.codespace ?? "", log });
  }
  return response.decode(answer.value);
}
