import type { Application, ApplicationWatchEvent } from '../api/types';

/**
 * The applications the list page shows, by name, kept current by the watch stream. Immutable:
 * each change returns a new list, and the same list when nothing changed, so React renders only
 * for real changes.
 */
export interface ApplicationList {
  readonly byName: ReadonlyMap<string, Application>;
  /** Names in order, kept sorted. */
  readonly names: readonly string[];
}

export const emptyList: ApplicationList = { byName: new Map(), names: [] };

export function listOf(items: readonly Application[]): ApplicationList {
  const byName = new Map<string, Application>();
  for (const item of items) byName.set(item.metadata.name, item);
  return { byName, names: [...byName.keys()].sort() };
}

/**
 * The list a fresh GET answered, merged with the one the stream kept meanwhile: applications the
 * answer lacks are gone, and of the others the newer version wins, since a stream event may
 * have overtaken the answer.
 */
export function replaceAll(list: ApplicationList, items: readonly Application[]): ApplicationList {
  const byName = new Map<string, Application>();
  for (const item of items) {
    const current = list.byName.get(item.metadata.name);
    byName.set(item.metadata.name, current && !isNewer(item, current) ? current : item);
  }
  return { byName, names: [...byName.keys()].sort() };
}

/** The list with the events of a stream applied in order. */
export function applyEvents(list: ApplicationList, events: readonly ApplicationWatchEvent[]): ApplicationList {
  let byName: Map<string, Application> | undefined;
  let namesChanged = false;
  for (const { type, application } of events) {
    const current = (byName ?? list.byName).get(application.metadata.name);
    if (type === 'DELETED') {
      if (!current) continue;
      byName ??= new Map(list.byName);
      byName.delete(application.metadata.name);
      namesChanged = true;
      continue;
    }
    if (current && !isNewer(application, current)) continue;
    byName ??= new Map(list.byName);
    byName.set(application.metadata.name, application);
    if (!current) namesChanged = true;
  }
  if (!byName) return list;
  return { byName, names: namesChanged ? [...byName.keys()].sort() : list.names };
}

/**
 * Whether `next` should replace `current`. Kubernetes resource versions are opaque, but they are
 * integers in practice: when both are, an older one (an event delayed behind a fresh list) is
 * dropped; the same one is no change. Anything else counts as newer.
 */
export function isNewer(next: Application, current: Application): boolean {
  const a = next.metadata.resourceVersion;
  const b = current.metadata.resourceVersion;
  if (a === undefined || b === undefined) return true;
  if (a === b) return false;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return a.length !== b.length ? a.length > b.length : a > b;
  }
  return true;
}
