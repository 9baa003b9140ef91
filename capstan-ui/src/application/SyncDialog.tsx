import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../api/client';
import type { Application } from '../api/types';
import { describeResource, resourceKey } from '../resources/resourceKey';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Modal } from '../ui/Modal';
import { SyncBadge } from '../ui/StatusBadge';
import { SYNC_OPTIONS, syncRequest } from './syncRequest';

export function SyncDialog({ app, onClose, onSynced }: { app: Application; onClose: () => void; onSynced: (app: Application) => void }) {
  const name = app.metadata.name;
  const resources = useMemo(() => (app.status?.resources ?? []).filter((r) => !r.hook), [app.status?.resources]);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(resources.map(resourceKey)));
  const [revision, setRevision] = useState('');
  const [prune, setPrune] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [force, setForce] = useState(false);
  const [options, setOptions] = useState<string[]>(() => (app.spec.syncPolicy?.syncOptions ?? []).filter((o) => SYNC_OPTIONS.includes(o)));
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const visible = resources.filter((r) => !filter || describeResource(r).toLowerCase().includes(filter.toLowerCase()));
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSynced(await api.sync(name, syncRequest({ revision, prune, dryRun, force, options, selected, resources })));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Sync ${name}`}
      onClose={onClose}
      testId="sync-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="sync-form" className="primary" disabled={busy || (resources.length > 0 && selected.size === 0)} data-testid="sync-submit">
            {busy ? 'Syncing…' : dryRun ? 'Dry run' : 'Synchronize'}
          </button>
        </>
      }
    >
      <form id="sync-form" onSubmit={submit}>
        <ErrorMessage error={error} action={`sync ${name}`} testId="sync-error" />
        <label className="field">
          <span>Revision</span>
          <input
            type="text"
            value={revision}
            onChange={(e) => setRevision(e.target.value)}
            placeholder={app.spec.source?.targetRevision || 'HEAD'}
            data-testid="sync-revision"
          />
          <span className="hint">Empty syncs the target revision.</span>
        </label>
        <fieldset>
          <legend>Options</legend>
          <label className="check">
            <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} data-testid="sync-prune" />
            Prune — delete resources that are no longer in Git
          </label>
          <label className="check">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="sync-dry-run" />
            Dry run — check with the API server, change nothing
          </label>
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} data-testid="sync-force" />
            Force — delete and create again what cannot be updated
          </label>
        </fieldset>
        <fieldset>
          <legend>Sync options</legend>
          {SYNC_OPTIONS.map((option) => (
            <label key={option} className="check">
              <input
                type="checkbox"
                checked={options.includes(option)}
                onChange={(e) => setOptions(e.target.checked ? [...options, option] : options.filter((o) => o !== option))}
                data-testid={`sync-option-${option.split('=')[0]}`}
              />
              <code>{option}</code>
            </label>
          ))}
        </fieldset>
        {resources.length > 0 && (
          <fieldset>
            <legend>
              Resources ({selected.size} of {resources.length})
            </legend>
            <div style={{ display: 'flex', gap: 10, marginBottom: 6, alignItems: 'center' }}>
              <button type="button" className="link" onClick={() => setSelected(new Set(resources.map(resourceKey)))} data-testid="sync-select-all">
                All
              </button>
              <button type="button" className="link" onClick={() => setSelected(new Set())} data-testid="sync-select-none">
                None
              </button>
              <button
                type="button"
                className="link"
                onClick={() => setSelected(new Set(resources.filter((r) => r.status === 'OutOfSync').map(resourceKey)))}
                data-testid="sync-select-out-of-sync"
              >
                Out of sync
              </button>
              <input type="search" placeholder="Filter" value={filter} onChange={(e) => setFilter(e.target.value)} style={{ marginLeft: 'auto' }} aria-label="Filter resources" />
            </div>
            <div className="resource-choices">
              {visible.slice(0, 500).map((resource) => {
                const key = resourceKey(resource);
                return (
                  <label key={key} className="check">
                    <input type="checkbox" checked={selected.has(key)} onChange={() => toggle(key)} data-testid={`sync-resource-${key}`} />
                    <span className="ellipsis" style={{ flex: 1 }}>
                      {describeResource(resource)}
                    </span>
                    <SyncBadge status={resource.status} iconOnly />
                  </label>
                );
              })}
              {visible.length > 500 && <p className="muted">{visible.length - 500} more; filter to find them.</p>}
            </div>
          </fieldset>
        )}
      </form>
    </Modal>
  );
}
