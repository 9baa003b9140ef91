import type { Application } from '../api/types';

/**
 * What the application list shows: applications of any of the chosen projects, sync statuses,
 * health statuses and destination namespaces (an empty choice allows all), matching every label
 * requirement, whose name or repository contains the search text. It lives in the page's URL
 * query, so that a link keeps it.
 */
export interface ApplicationFilter {
  projects: string[];
  sync: string[];
  health: string[];
  namespaces: string[];
  /** Label requirements: `key=value`, `key!=value`, `key` (has the label) or `!key` (has not). */
  labels: string[];
  search: string;
}

export const noFilter: ApplicationFilter = { projects: [], sync: [], health: [], namespaces: [], labels: [], search: '' };

const KEYS = {
  projects: 'project',
  sync: 'sync',
  health: 'health',
  namespaces: 'namespace',
  labels: 'label',
} as const;

export function filterFromQuery(query: URLSearchParams): ApplicationFilter {
  const list = (key: string) => unique(query.getAll(key).map((v) => v.trim()).filter(Boolean));
  return {
    projects: list(KEYS.projects),
    sync: list(KEYS.sync),
    health: list(KEYS.health),
    namespaces: list(KEYS.namespaces),
    labels: list(KEYS.labels),
    search: (query.get('search') ?? '').trim(),
  };
}

/** `base` (the page's other query parameters) with the filter's parameters set. */
export function filterToQuery(filter: ApplicationFilter, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const query = new URLSearchParams(base);
  for (const [field, key] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    query.delete(key);
    for (const value of filter[field]) query.append(key, value);
  }
  query.delete('search');
  if (filter.search) query.set('search', filter.search);
  return query;
}

export function isFiltering(filter: ApplicationFilter): boolean {
  const chosen = filter.projects.length + filter.sync.length + filter.health.length + filter.namespaces.length + filter.labels.length;
  return chosen > 0 || filter.search !== '';
}

export interface LabelRequirement {
  key: string;
  op: '=' | '!=' | 'exists' | '!exists';
  value: string;
}

/** The requirement a label filter entry states; undefined for text that is none. */
export function parseLabelRequirement(text: string): LabelRequirement | undefined {
  const entry = text.trim();
  const match = /^([^=!\s]+)\s*(!=|==|=)\s*(\S*)$/.exec(entry);
  if (match) return { key: match[1], op: match[2] === '!=' ? '!=' : '=', value: match[3] };
  if (/^![^=!\s]+$/.test(entry)) return { key: entry.slice(1), op: '!exists', value: '' };
  if (/^[^=!\s]+$/.test(entry)) return { key: entry, op: 'exists', value: '' };
  return undefined;
}

function meetsLabel(labels: Record<string, string>, requirement: LabelRequirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.op) {
    case '=':
      return has && labels[requirement.key] === requirement.value;
    case '!=':
      return !has || labels[requirement.key] !== requirement.value;
    case 'exists':
      return has;
    case '!exists':
      return !has;
  }
}

export const projectOf = (app: Application) => app.spec.project || 'default';
export const syncOf = (app: Application) => app.status?.sync?.status || 'Unknown';
export const healthOf = (app: Application) => app.status?.health?.status || 'Unknown';
export const namespaceOf = (app: Application) => app.spec.destination?.namespace ?? '';

export function sourcesOf(app: Application) {
  return app.spec.sources ?? (app.spec.source ? [app.spec.source] : []);
}

const searchTexts = new WeakMap<Application, string>();

/** The lower-case text the search looks in: the name, the repositories, paths and charts. */
function searchText(app: Application): string {
  let text = searchTexts.get(app);
  if (text === undefined) {
    const parts = [app.metadata.name];
    for (const source of sourcesOf(app)) parts.push(source.repoURL ?? '', source.path ?? '', source.chart ?? '');
    text = parts.join('\n').toLowerCase();
    searchTexts.set(app, text);
  }
  return text;
}

/** A predicate for the filter, compiled once for a whole list. */
export function matcher(filter: ApplicationFilter): (app: Application) => boolean {
  const projects = new Set(filter.projects);
  const sync = new Set(filter.sync);
  const health = new Set(filter.health);
  const namespaces = new Set(filter.namespaces);
  const labels = filter.labels.map(parseLabelRequirement).filter((r): r is LabelRequirement => r !== undefined);
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  return (app) =>
    (projects.size === 0 || projects.has(projectOf(app))) &&
    (sync.size === 0 || sync.has(syncOf(app))) &&
    (health.size === 0 || health.has(healthOf(app))) &&
    (namespaces.size === 0 || namespaces.has(namespaceOf(app))) &&
    labels.every((requirement) => meetsLabel(app.metadata.labels ?? {}, requirement)) &&
    (words.length === 0 || words.every((word) => searchText(app).includes(word)));
}

export function filterApplications(apps: readonly Application[], filter: ApplicationFilter): Application[] {
  if (!isFiltering(filter)) return [...apps];
  return apps.filter(matcher(filter));
}

export interface Facets {
  projects: Map<string, number>;
  sync: Map<string, number>;
  health: Map<string, number>;
  namespaces: Map<string, number>;
}

/** How many applications have each project, status and namespace: the choices of the filter. */
export function facetsOf(apps: readonly Application[]): Facets {
  const facets: Facets = { projects: new Map(), sync: new Map(), health: new Map(), namespaces: new Map() };
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const app of apps) {
    count(facets.projects, projectOf(app));
    count(facets.sync, syncOf(app));
    count(facets.health, healthOf(app));
    count(facets.namespaces, namespaceOf(app));
  }
  return facets;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
