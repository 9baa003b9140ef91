import type { SyncRequest } from '../api/client';
import { resourceKey } from '../resources/resourceKey';

/** Sync options a person picks most; others can be typed. */
export const SYNC_OPTIONS = ['CreateNamespace=true', 'PruneLast=true', 'ApplyOutOfSyncOnly=true', 'ServerSideApply=true', 'Replace=true', 'Validate=false'];

/**
 * The request the dialog's choices make. Resources are named only when some are left out, so a
 * sync of everything stays a full sync (which also prunes what left Git).
 */
export function syncRequest(choices: {
  revision: string;
  prune: boolean;
  dryRun: boolean;
  force: boolean;
  options: string[];
  selected: ReadonlySet<string>;
  resources: readonly { group?: string; kind: string; namespace?: string; name: string }[];
}): SyncRequest {
  const request: SyncRequest = { prune: choices.prune, dryRun: choices.dryRun };
  if (choices.revision.trim()) request.revision = choices.revision.trim();
  if (choices.force) request.strategy = { apply: { force: true } };
  if (choices.options.length > 0) request.syncOptions = { items: choices.options };
  if (choices.selected.size < choices.resources.length) {
    request.resources = choices.resources
      .filter((r) => choices.selected.has(resourceKey(r)))
      .map((r) => ({ group: r.group ?? '', kind: r.kind, namespace: r.namespace ?? '', name: r.name }));
  }
  return request;
}
