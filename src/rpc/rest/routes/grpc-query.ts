import { RequestQuery } from "cosmjs-types/tendermint/abci/types";
import { abciQueryError } from "../errors.js";
import { toGatewayJson } from "../json/gateway-json.js";
import type { MessageCodec } from "../json/schema.js";
import type { Route, RouteRequest } from "../route.js";

/** The part of a cosmjs-types request codec a query route needs. */
export interface RequestCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  fromPartial(object: Partial<T>): T;
}

export interface GrpcQueryRouteOptions<Request, Response> {
  method?: "GET" | "POST";
  /** REST path template, as in the SDK's `google.api.http` annotation. */
  path: string;
  /** gRPC method path the app serves over ABCI query, e.g. `/cosmos.bank.v1beta1.Query/Balance`. */
  grpcMethod: string;
  request: RequestCodec<Request>;
  response: MessageCodec<Response>;
  /** Request fields from the path, query string or body; none when omitted. */
  fields?: (request: RouteRequest) => Partial<Request>;
}

/** A route that forwards to one of the app's gRPC query methods over ABCI query, as the gateway does. */
export function grpcQueryRoute<Request, Response>(options: GrpcQueryRouteOptions<Request, Response>): Route {
  const { request: requestCodec, response: responseCodec } = options;
  return {
    method: options.method ?? "GET",
    path: options.path,
    async handle(request) {
      const message = requestCodec.fromPartial(options.fields?.(request) ?? {});
      const result = await request.node.abciQuery(
        RequestQuery.fromPartial({
          path: options.grpcMethod,
          data: requestCodec.encode(message).finish(),
          height: request.height,
        }),
      );
      if (result.code !== 0) throw abciQueryError(result);
      return {
        json: toGatewayJson(responseCodec, responseCodec.decode(result.value)),
        height: result.height,
      };
    },
  };
}
