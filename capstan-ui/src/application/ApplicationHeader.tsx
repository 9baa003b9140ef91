import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Application } from '../api/types';
import { projectOf, sourcesOf } from '../applications/applicationFilter';
import { destinationLabel, sourceLabel } from '../applications/applicationFacts';
import { ErrorMessage } from '../ui/ErrorMessage';
import { HealthBadge, SyncBadge } from '../ui/StatusBadge';
import { shortRevision, timeAgo } from '../ui/time';
import { OperationStatus } from './OperationStatus';

export const REFRESH_ANNOTATION = 'capstan.dev/refresh';

export type Dialog = 'sync' | 'history' | 'edit' | 'delete' | undefined;

/** The top of the application page: its state at a glance, its conditions and its actions. */
export function ApplicationHeader({
  app,
  onOpen,
  onChanged,
}: {
  app: Application;
  onOpen: (dialog: Dialog) => void;
  onChanged: (app: Application) => void;
}) {
  const name = app.metadata.name;
  const [error, setError] = useState<{ error: unknown; action: string }>();
  const [busy, setBusy] = useState<string>();
  const refreshing = app.metadata.annotations?.[REFRESH_ANNOTATION];
  const status = app.status ?? {};
  const source = sourcesOf(app)[0];
  const automated = app.spec.syncPolicy?.automated;

  const act = async (label: string, action: string, run: () => Promise<Application | object>) => {
    setBusy(label);
    setError(undefined);
    try {
      const answer = await run();
      if ('metadata' in answer) onChanged(answer as Application);
    } catch (e) {
      setError({ error: e, action });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="card app-header" data-testid="app-header" aria-label="Application">
      <div className="title">
        <h1 data-testid="app-name">{name}</h1>
        <HealthBadge status={status.health?.status} />
        <SyncBadge status={status.sync?.status} />
        {refreshing && <span className="muted">Refreshing ({refreshing})…</span>}
        <div className="actions">
          <button type="button" className="primary" onClick={() => onOpen('sync')} data-testid="sync-button">
            Sync
          </button>
          <div className="button-group" role="group" aria-label="Refresh">
            <button
              type="button"
              disabled={busy !== undefined}
              onClick={() => act('refresh', `refresh ${name}`, () => api.getApplication(name, 'normal'))}
              data-testid="refresh-button"
              title="Compare with Git again"
            >
              {busy === 'refresh' ? 'Refreshing…' : 'Refresh'}
            </button>
            <button
              type="button"
              disabled={busy !== undefined}
              onClick={() => act('hard', `refresh ${name}`, () => api.getApplication(name, 'hard'))}
              data-testid="hard-refresh-button"
              title="Render the manifests again, ignoring caches"
            >
              {busy === 'hard' ? 'Refreshing…' : 'Hard refresh'}
            </button>
          </div>
          <button type="button" onClick={() => onOpen('history')} data-testid="history-button">
            History &amp; rollback
          </button>
          <button type="button" onClick={() => onOpen('edit')} data-testid="edit-button">
            Edit
          </button>
          <button type="button" onClick={() => onOpen('delete')} data-testid="delete-button">
            Delete
          </button>
        </div>
      </div>
      {error && <div style={{ marginTop: 12 }}><ErrorMessage error={error.error} action={error.action} testId="action-error" /></div>}
      <div className="facts">
        <Fact label="Project">{projectOf(app)}</Fact>
        <Fact label="Repository">{sourcesOf(app).map((s) => s.repoURL).join(', ')}</Fact>
        <Fact label="Source">
          {sourceLabel(source)} @ {source?.targetRevision || 'HEAD'}
        </Fact>
        <Fact label="Revision" testId="app-revision">
          <span className="mono" title={status.sync?.revision}>
            {shortRevision(status.sync?.revision) || '—'}
          </span>
        </Fact>
        <Fact label="Destination">{destinationLabel(app)}</Fact>
        <Fact label="Sync policy">
          {automated ? `Automated${automated.prune ? ', prune' : ''}${automated.selfHeal ? ', self-heal' : ''}` : 'Manual'}
        </Fact>
        <Fact label="Last compared">{timeAgo(status.reconciledAt) || '—'}</Fact>
        {app.spec.dependsOn && app.spec.dependsOn.length > 0 && (
          <Fact label="Depends on">
            {app.spec.dependsOn.map((dependency, i) => (
              <span key={dependency.name}>
                {i > 0 && ', '}
                <Link to={`/applications/${encodeURIComponent(dependency.name)}`}>{dependency.name}</Link>
              </span>
            ))}
          </Fact>
        )}
      </div>
      {status.health?.message && status.health.status !== 'Healthy' && <p className="muted" style={{ margin: '10px 0 0' }}>{status.health.message}</p>}
      {status.conditions && status.conditions.length > 0 && (
        <div className="conditions" data-testid="app-conditions">
          {status.conditions.map((condition, i) => (
            <div key={`${condition.type}-${i}`} className={`message ${/Error$/.test(condition.type) ? 'error' : 'warning'}`} data-testid="app-condition" data-type={condition.type}>
              <strong>{condition.type}</strong>: {condition.message}
              {condition.lastTransitionTime && <span className="muted"> · {timeAgo(condition.lastTransitionTime)}</span>}
            </div>
          ))}
        </div>
      )}
      {status.operationState && (
        <OperationStatus
          state={status.operationState}
          onTerminate={() => act('terminate', `terminate the operation of ${name}`, () => api.terminateOperation(name))}
          terminating={busy === 'terminate'}
        />
      )}
    </section>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fact" data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value">{children}</div>
    </div>
  );
}
