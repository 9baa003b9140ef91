import { describe, expect, it } from 'vitest';
import type { Application } from '../api/types';
import {
  type ApplicationFilter,
  facetsOf,
  filterApplications,
  filterFromQuery,
  filterToQuery,
  isFiltering,
  noFilter,
  parseLabelRequirement,
} from './applicationFilter';

function app(name: string, fields: { project?: string; sync?: string; health?: string; namespace?: string; labels?: Record<string, string>; repo?: string } = {}): Application {
  return {
    metadata: { name, labels: fields.labels },
    spec: {
      project: fields.project,
      source: { repoURL: fields.repo ?? `https://git.example/${name}.git`, path: 'deploy' },
      destination: { server: 'https://kubernetes.default.svc', namespace: fields.namespace ?? 'default' },
    },
    status: { sync: { status: fields.sync ?? 'Synced' }, health: { status: fields.health ?? 'Healthy' } },
  };
}

const apps = [
  app('web', { project: 'shop', sync: 'OutOfSync', namespace: 'shop', labels: { team: 'web', tier: 'front' } }),
  app('api', { project: 'shop', health: 'Degraded', namespace: 'shop', labels: { team: 'api' } }),
  app('billing', { project: 'finance', namespace: 'money', repo: 'https://git.example/platform/payments.git' }),
  app('monitoring', { namespace: 'ops' }),
];

const names = (filter: Partial<ApplicationFilter>) => filterApplications(apps, { ...noFilter, ...filter }).map((a) => a.metadata.name);

describe('filterApplications', () => {
  it('keeps everything without a filter', () => {
    expect(names({})).toEqual(['web', 'api', 'billing', 'monitoring']);
  });

  it('allows any of the chosen values of a facet, and needs every facet', () => {
    expect(names({ projects: ['shop', 'finance'] })).toEqual(['web', 'api', 'billing']);
    expect(names({ projects: ['shop'], health: ['Degraded'] })).toEqual(['api']);
    expect(names({ sync: ['OutOfSync'] })).toEqual(['web']);
    expect(names({ namespaces: ['ops'] })).toEqual(['monitoring']);
  });

  it('counts an application without a project as in default', () => {
    expect(names({ projects: ['default'] })).toEqual(['monitoring']);
  });

  it('matches label requirements of every form', () => {
    expect(names({ labels: ['team=web'] })).toEqual(['web']);
    expect(names({ labels: ['team'] })).toEqual(['web', 'api']);
    expect(names({ labels: ['!team'] })).toEqual(['billing', 'monitoring']);
    expect(names({ labels: ['team!=web'] })).toEqual(['api', 'billing', 'monitoring']);
    expect(names({ labels: ['team', 'tier=front'] })).toEqual(['web']);
  });

  it('searches names and repositories, ignoring case, every word', () => {
    expect(names({ search: 'BILL' })).toEqual(['billing']);
    expect(names({ search: 'payments' })).toEqual(['billing']);
    expect(names({ search: 'git.example web' })).toEqual(['web']);
  });
});

describe('filter in the URL query', () => {
  it('round-trips through the query and keeps other parameters', () => {
    const filter: ApplicationFilter = {
      projects: ['shop', 'finance'],
      sync: ['OutOfSync'],
      health: ['Degraded', 'Missing'],
      namespaces: ['shop'],
      labels: ['team=web', '!canary'],
      search: 'pay ments',
    };
    const query = filterToQuery(filter, new URLSearchParams('view=table&project=old'));
    expect(query.get('view')).toBe('table');
    expect(query.getAll('project')).toEqual(['shop', 'finance']);
    expect(filterFromQuery(new URLSearchParams(query.toString()))).toEqual(filter);
  });

  it('writes nothing for an empty filter', () => {
    expect(filterToQuery(noFilter).toString()).toBe('');
    expect(isFiltering(filterFromQuery(new URLSearchParams('')))).toBe(false);
    expect(isFiltering(filterFromQuery(new URLSearchParams('health=Degraded')))).toBe(true);
  });

  it('drops blanks and repeats from a hand-written query', () => {
    expect(filterFromQuery(new URLSearchParams('sync=&sync=Synced&sync=Synced&search=%20x%20')).sync).toEqual(['Synced']);
    expect(filterFromQuery(new URLSearchParams('search=%20x%20')).search).toBe('x');
  });
});

describe('parseLabelRequirement', () => {
  it('reads each form and refuses nonsense', () => {
    expect(parseLabelRequirement('a=b')).toEqual({ key: 'a', op: '=', value: 'b' });
    expect(parseLabelRequirement('a == b')).toEqual({ key: 'a', op: '=', value: 'b' });
    expect(parseLabelRequirement('a!=b')).toEqual({ key: 'a', op: '!=', value: 'b' });
    expect(parseLabelRequirement('!a')).toEqual({ key: 'a', op: '!exists', value: '' });
    expect(parseLabelRequirement('a b')).toBeUndefined();
  });
});

describe('facetsOf', () => {
  it('counts the applications of each value', () => {
    const facets = facetsOf(apps);
    expect(Object.fromEntries(facets.projects)).toEqual({ shop: 2, finance: 1, default: 1 });
    expect(facets.health.get('Degraded')).toBe(1);
    expect(facets.namespaces.get('shop')).toBe(2);
  });
});
