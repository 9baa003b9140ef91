import { describe, expect, it } from 'vitest';
import { resourceKey } from '../resources/resourceKey';
import { syncRequest } from './syncRequest';

const resources = [
  { group: '', kind: 'ConfigMap', namespace: 'shop', name: 'settings' },
  { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' },
];
const all = new Set(resources.map(resourceKey));

describe('syncRequest', () => {
  it('names no resources when all are chosen, so the sync is a full one', () => {
    expect(syncRequest({ revision: '', prune: false, dryRun: false, force: false, options: [], selected: all, resources })).toEqual({ prune: false, dryRun: false });
  });

  it('names the chosen resources of a partial sync, and carries every option', () => {
    const request = syncRequest({
      revision: ' v1.2 ',
      prune: true,
      dryRun: true,
      force: true,
      options: ['CreateNamespace=true'],
      selected: new Set([resourceKey(resources[1])]),
      resources,
    });
    expect(request).toEqual({
      revision: 'v1.2',
      prune: true,
      dryRun: true,
      strategy: { apply: { force: true } },
      syncOptions: { items: ['CreateNamespace=true'] },
      resources: [{ group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' }],
    });
  });
});
