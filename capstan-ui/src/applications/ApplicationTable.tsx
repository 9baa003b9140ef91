import { Link } from 'react-router';
import type { Application } from '../api/types';
import { HealthBadge, SyncBadge } from '../ui/StatusBadge';
import { shortRevision } from '../ui/time';
import { healthOf, namespaceOf, projectOf, sourcesOf, syncOf } from './applicationFilter';
import { destinationLabel, repoLabel, sourceLabel, targetRevisionLabel } from './applicationFacts';

export const TABLE_ROW_HEIGHT = 40;

const COLUMNS = 'minmax(160px, 1.4fr) 110px 130px 120px minmax(160px, 2fr) minmax(100px, 1fr) minmax(120px, 1fr) 110px';

/** The table view: a grid of rows with ARIA table roles, so that only the rows in view are rendered. */
export function ApplicationTableHeader() {
  const headings = ['Name', 'Project', 'Health', 'Sync', 'Repository', 'Path', 'Destination', 'Revision'];
  return (
    <div className="table-row table-head" role="row" style={{ gridTemplateColumns: COLUMNS }}>
      {headings.map((heading) => (
        <div key={heading} role="columnheader">
          {heading}
        </div>
      ))}
    </div>
  );
}

export function ApplicationTableRow({ app }: { app: Application }) {
  const name = app.metadata.name;
  return (
    <div className="table-row" role="row" style={{ gridTemplateColumns: COLUMNS }} data-testid={`app-row-${name}`}>
      <div role="cell">
        <Link to={`/applications/${encodeURIComponent(name)}`} data-testid={`app-link-${name}`}>
          {name}
        </Link>
      </div>
      <div role="cell">{projectOf(app)}</div>
      <div role="cell">
        <HealthBadge status={healthOf(app)} />
      </div>
      <div role="cell">
        <SyncBadge status={syncOf(app)} />
      </div>
      <div role="cell" title={repoLabel(app)}>
        {repoLabel(app)}
      </div>
      <div role="cell">{sourceLabel(sourcesOf(app)[0])}</div>
      <div role="cell" title={destinationLabel(app)}>
        {destinationLabel(app) || namespaceOf(app)}
      </div>
      <div role="cell" title={app.status?.sync?.revision}>
        {targetRevisionLabel(app)} {app.status?.sync?.revision ? `(${shortRevision(app.status.sync.revision)})` : ''}
      </div>
    </div>
  );
}
