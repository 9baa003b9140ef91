import { Link } from 'react-router';
import type { Application } from '../api/types';
import { HealthBadge, OperationBadge, SyncBadge } from '../ui/StatusBadge';
import { healthOf, projectOf, sourcesOf, syncOf } from './applicationFilter';
import { destinationLabel, repoLabel, sourceLabel, targetRevisionLabel } from './applicationFacts';

export const TILE_WIDTH = 300;
export const TILE_ROW_HEIGHT = 162;

/** One application as a card of the tile view. */
export function ApplicationTile({ app }: { app: Application }) {
  const name = app.metadata.name;
  const operation = app.status?.operationState;
  return (
    <article className="card tile" data-testid={`app-tile-${name}`} data-health={healthOf(app)} aria-label={name}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Link className="name ellipsis" to={`/applications/${encodeURIComponent(name)}`} data-testid={`app-link-${name}`}>
          {name}
        </Link>
        <span style={{ flex: 1 }} />
        {operation?.phase === 'Running' && <OperationBadge status="Running" iconOnly title="Syncing" />}
      </div>
      <div className="statuses">
        <HealthBadge status={healthOf(app)} />
        <SyncBadge status={syncOf(app)} />
      </div>
      <dl>
        <dt>Project</dt>
        <dd>{projectOf(app)}</dd>
        <dt>Repository</dt>
        <dd title={repoLabel(app)}>{repoLabel(app)}</dd>
        <dt>Path</dt>
        <dd>
          {sourceLabel(sourcesOf(app)[0])} @ {targetRevisionLabel(app)}
        </dd>
        <dt>Destination</dt>
        <dd title={destinationLabel(app)}>{destinationLabel(app)}</dd>
      </dl>
    </article>
  );
}
