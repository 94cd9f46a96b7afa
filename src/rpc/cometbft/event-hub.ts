import type { ResponseFinalizeBlock } from "cosmjs-types/tendermint/abci/types";
import type { IndexedTx, NodeApi, NodeEvent, StoredBlock } from "../../node/api.js";
import { flattenEvents, matchesEventMap, parseEventQuery, type EventLike, type EventQuery } from "../../node/event-query.js";
import { encodeEvents, encodeFinalizeBlock } from "./json-abci.js";
import { encodeBlock, encodeBlockId, encodeHeader } from "./json-block.js";
import { errorResponse, RpcError, successResponse, type JsonRpcId } from "./json-rpc.js";
import { encodeTxEventData } from "./json-tx.js";
import { hexUpper, int64, type Json } from "./json-values.js";

/** CometBFT's defaults for `max_subscription_clients` and `max_subscriptions_per_client`. */
export const MAX_SUBSCRIPTION_CLIENTS = 100;
export const MAX_SUBSCRIPTIONS_PER_CLIENT = 5;
/** Longest query text accepted by `subscribe` and `tx_search`, as in CometBFT. */
export const MAX_QUERY_LENGTH = 512;
/** Bytes a client may leave unread before its subscriptions are cancelled. */
const MAX_BACKLOG_BYTES = 16 * 1024 * 1024;

/** A WebSocket client as the hub sees it. */
export interface Subscriber {
  send(message: string): void;
  /** Bytes queued for the client but not yet written. */
  readonly backlogBytes: number;
}

interface Subscription {
  /** Id of the subscribe request: every event for it is a response with this id. */
  id: JsonRpcId;
  /** The query as the client wrote it, echoed in each event. */
  text: string;
  query: EventQuery;
}

/** One event on the bus: its typed data and the flattened events that queries match against. */
interface Publication {
  data: () => Json;
  events: Map<string, string[]>;
}

/**
 * The event bus behind `subscribe`: turns the node's block and tx notifications into CometBFT's
 * NewBlock, NewBlockHeader, NewBlockEvents and Tx events and delivers each, in CometBFT's
 * envelope, to every subscription whose query matches.
 */
export class EventHub {
  private readonly clients = new Map<Subscriber, Map<string, Subscription>>();
  private readonly stopListening: () => void;

  constructor(node: NodeApi) {
    this.stopListening = node.subscribe((event) => this.publishNodeEvent(event));
  }

  /** Throws with CometBFT's message when a limit is reached or the query is malformed or taken. */
  subscribe(subscriber: Subscriber, id: JsonRpcId, text: string): void {
    const existing = this.clients.get(subscriber);
    if (!existing && this.clients.size >= MAX_SUBSCRIPTION_CLIENTS) {
      throw new Error(`max_subscription_clients ${MAX_SUBSCRIPTION_CLIENTS} reached`);
    }
    if (existing && existing.size >= MAX_SUBSCRIPTIONS_PER_CLIENT) {
      throw new Error(`max_subscriptions_per_client ${MAX_SUBSCRIPTIONS_PER_CLIENT} reached`);
    }
    if (text.length > MAX_QUERY_LENGTH) throw new Error("maximum query length exceeded");
    const query = parseQuery(text);
    const subscriptions = existing ?? new Map<string, Subscription>();
    if (subscriptions.has(query.text)) throw new Error("already subscribed");
    subscriptions.set(query.text, { id, text, query });
    this.clients.set(subscriber, subscriptions);
  }

  unsubscribe(subscriber: Subscriber, text: string): void {
    const query = parseQuery(text);
    const subscriptions = this.clients.get(subscriber);
    if (!subscriptions?.delete(query.text)) throw new Error("subscription not found");
    if (subscriptions.size === 0) this.clients.delete(subscriber);
  }

  unsubscribeAll(subscriber: Subscriber): void {
    if (!this.clients.delete(subscriber)) throw new Error("subscription not found");
  }

  /** Forgets a client that went away. */
  disconnect(subscriber: Subscriber): void {
    this.clients.delete(subscriber);
  }

  /** Stops listening to the node and tells every subscription it ended, as CometBFT does on exit. */
  close(): void {
    this.stopListening();
    for (const subscriber of this.clients.keys()) this.cancelAll(subscriber, "CometBFT exited");
  }

  private publishNodeEvent(event: NodeEvent): void {
    const publications =
      event.type === "NewBlock" ? blockPublications(event.block, event.results) : [txPublication(event.tx)];
    for (const publication of publications) this.publish(publication);
  }

  private publish(publication: Publication): void {
    let dataJson: string | undefined;
    let eventsJson: string | undefined;
    for (const [subscriber, subscriptions] of this.clients) {
      if (subscriber.backlogBytes > MAX_BACKLOG_BYTES) {
        this.cancelAll(subscriber, "client is not pulling messages fast enough");
        continue;
      }
      for (const subscription of subscriptions.values()) {
        if (!matchesEventMap(subscription.query, publication.events)) continue;
        try {
          dataJson ??= JSON.stringify(publication.data());
          eventsJson ??= JSON.stringify(Object.fromEntries(publication.events));
          const result = `{"query":${JSON.stringify(subscription.text)},"data":${dataJson},"events":${eventsJson}}`;
          subscriber.send(successResponse(subscription.id, result));
        } catch (error) {
          // Runs inside the node's notification: report to the client, never throw back into the node.
          subscriber.send(errorResponse(subscription.id, RpcError.internal(`failed to encode event: ${String(error)}`)));
        }
      }
    }
  }

  private cancelAll(subscriber: Subscriber, reason: string): void {
    for (const subscription of this.clients.get(subscriber)?.values() ?? []) {
      subscriber.send(errorResponse(subscription.id, RpcError.server(`subscription was canceled (reason: ${reason})`)));
    }
    this.clients.delete(subscriber);
  }
}

function parseQuery(text: string): EventQuery {
  try {
    return parseEventQuery(text);
  } catch (error) {
    throw new Error(`failed to parse query: ${(error as Error).message}`);
  }
}

/** Flattened events plus the bus's own keys, appended as CometBFT appends them. */
function busEvents(events: readonly EventLike[], own: Record<string, string>): Map<string, string[]> {
  const map = flattenEvents(events);
  for (const [key, value] of Object.entries(own)) map.set(key, [...(map.get(key) ?? []), value]);
  return map;
}

function blockPublications(stored: StoredBlock, results: ResponseFinalizeBlock): Publication[] {
  const header = stored.block.header;
  return [
    {
      data: () => ({
        type: "tendermint/event/NewBlock",
        value: {
          block: encodeBlock(stored.block),
          block_id: encodeBlockId(stored.blockId),
          result_finalize_block: encodeFinalizeBlock(results),
        },
      }),
      events: busEvents(results.events, { "tm.event": "NewBlock" }),
    },
    {
      data: () => ({ type: "tendermint/event/NewBlockHeader", value: { header: encodeHeader(header) } }),
      events: busEvents([], { "tm.event": "NewBlockHeader" }),
    },
    {
      data: () => ({
        type: "tendermint/event/NewBlockEvents",
        value: { height: int64(header.height), events: encodeEvents(results.events), num_txs: int64(stored.block.data.txs.length) },
      }),
      events: busEvents(results.events, { "tm.event": "NewBlockEvents" }),
    },
  ];
}

function txPublication(tx: IndexedTx): Publication {
  return {
    data: () => ({ type: "tendermint/event/Tx", value: encodeTxEventData(tx) }),
    events: busEvents(tx.result.events, { "tm.event": "Tx", "tx.hash": hexUpper(tx.hash), "tx.height": int64(tx.height) }),
  };
}
