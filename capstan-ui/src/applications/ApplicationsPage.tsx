import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Application } from '../api/types';
import { ErrorMessage } from '../ui/ErrorMessage';
import { LiveIndicator } from '../ui/LiveIndicator';
import { VirtualRows } from '../ui/VirtualRows';
import { type ApplicationFilter, facetsOf, filterApplications, filterFromQuery, filterToQuery, isFiltering } from './applicationFilter';
import { ApplicationTableHeader, ApplicationTableRow, TABLE_ROW_HEIGHT } from './ApplicationTable';
import { ApplicationTile, TILE_ROW_HEIGHT, TILE_WIDTH } from './ApplicationTile';
import { FilterPanel } from './FilterPanel';
import { useApplicationList } from './useApplicationList';

type View = 'tiles' | 'table';
const VIEW_KEY = 'capstan.applications.view';

function storedView(): View {
  try {
    return localStorage.getItem(VIEW_KEY) === 'table' ? 'table' : 'tiles';
  } catch {
    return 'tiles';
  }
}

/** /applications: every application as tiles or a table, filtered in memory, kept live. */
export function ApplicationsPage() {
  const { list, loaded, error, stream } = useApplicationList();
  const [query, setQuery] = useSearchParams();
  const [view, setView] = useState<View>(storedView);
  const [width, setWidth] = useState(1000);

  const filter = useMemo(() => filterFromQuery(query), [query]);
  const all = useMemo(() => list.names.map((name) => list.byName.get(name)!), [list]);
  const facets = useMemo(() => facetsOf(all), [all]);
  const shown = useMemo(() => filterApplications(all, filter), [all, filter]);

  const changeFilter = useCallback(
    (next: ApplicationFilter) => setQuery((current) => filterToQuery(next, current), { replace: true }),
    [setQuery],
  );
  const changeView = (next: View) => {
    setView(next);
    try {
      localStorage.setItem(VIEW_KEY, next);
    } catch {
      // private mode: remembered for this page only
    }
  };

  const perRow = Math.max(1, Math.floor((width + 12) / (TILE_WIDTH + 12)));

  return (
    <div className="page">
      <div className="page-header">
        <h1>Applications</h1>
        <span className="muted" data-testid="apps-count">
          {loaded ? (isFiltering(filter) ? `${shown.length} of ${all.length}` : `${all.length}`) : ''}
        </span>
        <LiveIndicator state={stream} />
        <span className="spacer" />
        <div className="button-group" role="group" aria-label="View">
          <button type="button" aria-pressed={view === 'tiles'} onClick={() => changeView('tiles')} data-testid="view-tiles">
            Tiles
          </button>
          <button type="button" aria-pressed={view === 'table'} onClick={() => changeView('table')} data-testid="view-table">
            Table
          </button>
        </div>
        <Link className="button primary" to="/applications/new" data-testid="new-app-button">
          + New application
        </Link>
      </div>
      <ErrorMessage error={error} action="list applications" />
      {loaded && all.length === 0 ? (
        <div className="empty card" data-testid="apps-empty">
          <h2>No applications yet</h2>
          <p>
            <Link to="/applications/new">Create one</Link> to deploy manifests from a Git repository.
          </p>
        </div>
      ) : (
        <div className="list-layout">
          <FilterPanel filter={filter} facets={facets} onChange={changeFilter} />
          <section aria-label="Applications">
            {!loaded && !error && <div className="empty">Loading applications…</div>}
            {loaded && shown.length === 0 && (
              <div className="empty card" data-testid="apps-empty">
                <h2>No applications match the filters</h2>
                <button type="button" className="link" onClick={() => changeFilter({ projects: [], sync: [], health: [], namespaces: [], labels: [], search: '' })}>
                  Clear filters
                </button>
              </div>
            )}
            {loaded && shown.length > 0 && view === 'tiles' && (
              <VirtualRows
                key="tiles"
                count={Math.ceil(shown.length / perRow)}
                rowHeight={TILE_ROW_HEIGHT}
                onWidth={setWidth}
                label="Application tiles"
                testId="app-tiles"
                renderRow={(row) => (
                  <div className="tile-row" style={{ gridTemplateColumns: `repeat(${perRow}, minmax(0, 1fr))` }}>
                    {shown.slice(row * perRow, row * perRow + perRow).map((app: Application) => (
                      <ApplicationTile key={app.metadata.name} app={app} />
                    ))}
                  </div>
                )}
              />
            )}
            {loaded && shown.length > 0 && view === 'table' && (
              <VirtualRows
                key="table"
                role="table"
                count={shown.length}
                rowHeight={TABLE_ROW_HEIGHT}
                label="Applications table"
                testId="app-table"
                header={<ApplicationTableHeader />}
                renderRow={(i) => <ApplicationTableRow app={shown[i]} />}
              />
            )}
          </section>
        </div>
      )}
    </div>
  );
}
