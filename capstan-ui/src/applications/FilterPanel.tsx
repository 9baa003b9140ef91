import { useEffect, useState } from 'react';
import { type ApplicationFilter, type Facets, noFilter, parseLabelRequirement } from './applicationFilter';

const SYNC_ORDER = ['Synced', 'OutOfSync', 'Unknown'];
const HEALTH_ORDER = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];

/** The filters of the application list: search, labels and a checkbox list per facet with counts. */
export function FilterPanel({ filter, facets, onChange }: { filter: ApplicationFilter; facets: Facets; onChange: (filter: ApplicationFilter) => void }) {
  const [search, setSearch] = useState(filter.search);
  const [labels, setLabels] = useState(filter.labels.join(', '));

  // Typing updates the URL after a short pause; a new URL (back button, link) updates the box.
  useEffect(() => setSearch(filter.search), [filter.search]);
  useEffect(() => setLabels(filter.labels.join(', ')), [filter.labels]);
  useEffect(() => {
    if (search.trim() === filter.search) return;
    const timer = setTimeout(() => onChange({ ...filter, search: search.trim() }), 200);
    return () => clearTimeout(timer);
  }, [search, filter, onChange]);

  const labelEntries = labels.split(',').map((l) => l.trim()).filter(Boolean);
  const badLabels = labelEntries.filter((entry) => !parseLabelRequirement(entry));
  const applyLabels = () => {
    if (badLabels.length === 0 && labelEntries.join(',') !== filter.labels.join(',')) onChange({ ...filter, labels: labelEntries });
  };

  return (
    <aside className="card filters" aria-label="Filters">
      <label className="field">
        <span>Search</span>
        <input
          type="search"
          placeholder="Name or repository"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="filter-search"
        />
      </label>
      <label className="field">
        <span>Labels</span>
        <input
          type="text"
          placeholder="team=web, !canary"
          value={labels}
          aria-invalid={badLabels.length > 0}
          onChange={(e) => setLabels(e.target.value)}
          onBlur={applyLabels}
          onKeyDown={(e) => e.key === 'Enter' && applyLabels()}
          data-testid="filter-labels"
        />
        {badLabels.length > 0 ? (
          <span className="invalid">Not a label requirement: {badLabels.join(', ')}</span>
        ) : (
          <span className="hint">key=value, key!=value, key or !key; Enter applies</span>
        )}
      </label>
      <Facet title="Sync status" field="sync" testId="filter-sync" values={ordered(facets.sync, filter.sync, SYNC_ORDER)} filter={filter} onChange={onChange} />
      <Facet title="Health status" field="health" testId="filter-health" values={ordered(facets.health, filter.health, HEALTH_ORDER)} filter={filter} onChange={onChange} />
      <Facet title="Project" field="projects" testId="filter-project" values={ordered(facets.projects, filter.projects)} filter={filter} onChange={onChange} />
      <Facet title="Namespace" field="namespaces" testId="filter-namespace" values={ordered(facets.namespaces, filter.namespaces)} filter={filter} onChange={onChange} />
      <p>
        <button type="button" className="link" onClick={() => onChange(noFilter)} data-testid="filter-clear">
          Clear filters
        </button>
      </p>
    </aside>
  );
}

/** The values of a facet with their counts: the known order first, then by name; chosen values stay even at 0. */
function ordered(counts: Map<string, number>, chosen: string[], order: string[] = []): [string, number][] {
  const values = new Set([...counts.keys(), ...chosen]);
  const rank = (value: string) => (order.includes(value) ? order.indexOf(value) : order.length);
  return [...values].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((value) => [value, counts.get(value) ?? 0]);
}

type FacetField = 'sync' | 'health' | 'projects' | 'namespaces';

function Facet({
  title,
  field,
  values,
  filter,
  onChange,
  testId,
}: {
  title: string;
  field: FacetField;
  values: [string, number][];
  filter: ApplicationFilter;
  onChange: (filter: ApplicationFilter) => void;
  testId: string;
}) {
  if (values.length === 0) return null;
  const chosen = new Set(filter[field]);
  const toggle = (value: string) => {
    const next = new Set(chosen);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    onChange({ ...filter, [field]: [...next] });
  };
  return (
    <fieldset className="facet" style={{ border: 'none', padding: 0 }}>
      <legend style={{ padding: 0 }}>
        <h3>{title}</h3>
      </legend>
      <div className="facet-values">
        {values.map(([value, count]) => (
          <label key={value} className="check">
            <input type="checkbox" checked={chosen.has(value)} onChange={() => toggle(value)} data-testid={`${testId}-${value}`} />
            <span className="ellipsis">{value || '(none)'}</span>
            <span className="count">{count}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
