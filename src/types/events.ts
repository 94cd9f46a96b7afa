import type { Event } from "cosmjs-types/tendermint/abci/types";

/** Collects the ABCI events a transaction or block hook emits; every attribute is indexed. */
export class EventManager {
  private readonly list: Event[] = [];

  emit(type: string, attributes: Record<string, string>): void {
    this.list.push({ type, attributes: Object.entries(attributes).map(([key, value]) => ({ key, value, index: true })) });
  }

  append(events: readonly Event[]): void {
    for (const event of events) this.list.push(event);
  }

  get events(): Event[] {
    return this.list;
  }
}

/** The same events with one more attribute on each, e.g. msg_index on a message's events. */
export function withAttribute(events: readonly Event[], key: string, value: string): Event[] {
  return events.map((e) => ({ type: e.type, attributes: [...e.attributes, { key, value, index: true }] }));
}
