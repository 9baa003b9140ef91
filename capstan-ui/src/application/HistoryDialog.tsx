import { useState } from 'react';
import { api } from '../api/client';
import type { Application, RevisionHistory } from '../api/types';
import { sourceLabel } from '../applications/applicationFacts';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Modal } from '../ui/Modal';
import { formatTime, shortRevision, timeAgo } from '../ui/time';

/** The application's past syncs, newest first, each with a Rollback that asks before it acts. */
export function HistoryDialog({ app, onClose, onRolledBack }: { app: Application; onClose: () => void; onRolledBack: (app: Application) => void }) {
  const name = app.metadata.name;
  const history = [...(app.status?.history ?? [])].sort((a, b) => b.id - a.id);
  const current = history[0]?.id;
  const [confirming, setConfirming] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const automated = app.spec.syncPolicy?.automated !== undefined;

  const rollback = async (entry: RevisionHistory) => {
    setBusy(true);
    setError(undefined);
    try {
      onRolledBack(await api.rollback(name, entry.id));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`History of ${name}`} onClose={onClose} testId="history-dialog" wide>
      <ErrorMessage error={error} action={`roll back ${name}`} testId="history-error" />
      {automated && <div className="message info">Automated sync is on: it will sync the target revision again after a rollback, unless you turn it off first.</div>}
      {history.length === 0 ? (
        <div className="empty" data-testid="history-empty">
          No syncs yet.
        </div>
      ) : (
        history.map((entry) => (
          <div key={entry.id} className="history-entry" data-testid={`history-entry-${entry.id}`}>
            <strong>#{entry.id}</strong>
            <div style={{ minWidth: 0 }}>
              <div>
                <span className="mono" title={entry.revision}>
                  {shortRevision(entry.revision ?? entry.revisions?.join(', '))}
                </span>
                {entry.id === current && <span className="muted"> · deployed now</span>}
              </div>
              <div className="muted ellipsis" title={formatTime(entry.deployedAt)}>
                {formatTime(entry.deployedAt)} ({timeAgo(entry.deployedAt)})
                {entry.initiatedBy?.username ? ` by ${entry.initiatedBy.username}` : entry.initiatedBy?.automated ? ' automatically' : ''}
              </div>
              <div className="muted ellipsis" title={(entry.sources ?? (entry.source ? [entry.source] : [])).map((s) => s.repoURL).join(', ')}>
                {(entry.sources ?? (entry.source ? [entry.source] : [])).map((s) => `${s.repoURL} ${sourceLabel(s)}`).join(' · ')}
              </div>
            </div>
            <div>
              {confirming === entry.id ? (
                <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
                  <span>Roll back to #{entry.id}?</span>
                  <button type="button" onClick={() => setConfirming(undefined)} disabled={busy}>
                    Cancel
                  </button>
                  <button type="button" className="danger" onClick={() => rollback(entry)} disabled={busy} data-testid="rollback-confirm">
                    {busy ? 'Rolling back…' : 'Roll back'}
                  </button>
                </span>
              ) : (
                <button type="button" onClick={() => setConfirming(entry.id)} disabled={entry.id === current} data-testid={`rollback-button-${entry.id}`}>
                  Rollback
                </button>
              )}
            </div>
          </div>
        ))
      )}
    </Modal>
  );
}
