import type { Subscriber } from "./event-hub.js";
import type { MethodContext, RpcMethod } from "./method.js";

export const subscriptionMethods: Record<string, RpcMethod> = {
  subscribe: {
    args: ["query"],
    websocketOnly: true,
    call: (params, context) => {
      context.hub.subscribe(subscriberOf(context), context.requestId, params.string("query"));
      return {};
    },
  },

  unsubscribe: {
    args: ["query"],
    websocketOnly: true,
    call: (params, context) => {
      context.hub.unsubscribe(subscriberOf(context), params.string("query"));
      return {};
    },
  },

  unsubscribe_all: {
    args: [],
    websocketOnly: true,
    call: (_params, context) => {
      context.hub.unsubscribeAll(subscriberOf(context));
      return {};
    },
  },
};

function subscriberOf(context: MethodContext): Subscriber {
  if (!context.subscriber) throw new Error("subscriptions need a WebSocket connection");
  return context.subscriber;
}
