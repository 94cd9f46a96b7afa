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

/**
 * Marks for indexing only the attributes named in `tags` (`type.key`, the Cosmos SDK's
 * `index-events`): returns a function giving the same events with those flags.
 */
export function indexOnly(tags: readonly string[]): (events: readonly Event[]) => Event[] {
  const keysByType = new Map<string, Set<string>>();
  for (const tag of tags) {
    // Types and keys may contain dots, so a tag names every (type, key) it splits into.
    for (let dot = tag.indexOf("."); dot !== -1; dot = tag.indexOf(".", dot + 1)) {
      const type = tag.slice(0, dot);
      if (!keysByType.has(type)) keysByType.set(type, new Set());
      keysByType.get(type)!.add(tag.slice(dot + 1));
    }
  }
  return (events) =>
    events.map((e) => {
      const keys = keysByType.get(e.type);
      return { type: e.type, attributes: e.attributes.map((a) => (a.index === (keys?.has(a.key) ?? false) ? a : { ...a, index: !a.index })) };
    });
}
