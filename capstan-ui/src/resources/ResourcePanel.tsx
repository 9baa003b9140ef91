import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Application, KubeEvent, ManagedResource, ResourceNode } from '../api/types';
import { ErrorMessage } from '../ui/ErrorMessage';
import { HealthBadge, SyncBadge } from '../ui/StatusBadge';
import { formatTime, timeAgo } from '../ui/time';
import { diffLines, diffStats } from './diffLines';
import { manifestYaml } from './manifestText';
import { describeResource, parseResourceKey, resourceKey } from './resourceKey';
import { APPLICATION_KEY } from './treeLayout';

export type PanelTab = 'summary' | 'live' | 'desired' | 'diff' | 'events';
const RESOURCE_TABS: [PanelTab, string][] = [
  ['summary', 'Summary'],
  ['live', 'Live manifest'],
  ['desired', 'Desired manifest'],
  ['diff', 'Diff'],
  ['events', 'Events'],
];
const APPLICATION_TABS: [PanelTab, string][] = [
  ['summary', 'Summary'],
  ['live', 'Manifest'],
  ['events', 'Events'],
];

/** Whether a tab needs the managed-resources call. */
export const needsManaged = (tab: PanelTab) => tab === 'summary' || tab === 'desired' || tab === 'diff';

/**
 * The side panel of the selected node: its summary, live and desired manifests, their diff and
 * its events. For the application node: its summary, its own manifest and its events.
 */
export function ResourcePanel({
  app,
  nodeKey,
  node,
  managed,
  managedError,
  tab,
  onTab,
  onClose,
}: {
  app: Application;
  nodeKey: string;
  node: ResourceNode | undefined;
  managed: ReadonlyMap<string, ManagedResource> | undefined;
  managedError: unknown;
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  onClose: () => void;
}) {
  const isApplication = nodeKey === APPLICATION_KEY;
  const ref = node ?? parseResourceKey(nodeKey);
  const tabs = isApplication ? APPLICATION_TABS : RESOURCE_TABS;
  const current = tabs.some(([id]) => id === tab) ? tab : 'summary';
  const item = managed?.get(nodeKey);

  useEffect(() => {
    const close = (event: KeyboardEvent) => event.key === 'Escape' && !document.querySelector('dialog[open]') && onClose();
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [onClose]);

  return (
    <aside className="panel" aria-label="Resource details" data-testid="resource-panel">
        <div className="panel-header">
          <div style={{ minWidth: 0 }}>
            <div className="muted">{isApplication ? 'Application' : ref?.kind}</div>
            <h2 style={{ margin: 0, overflowWrap: 'anywhere' }}>{isApplication ? app.metadata.name : ref?.name}</h2>
            <div style={{ display: 'flex', gap: 12, marginTop: 4 }}>
              {isApplication ? (
                <>
                  <HealthBadge status={app.status?.health?.status} />
                  <SyncBadge status={app.status?.sync?.status} />
                </>
              ) : (
                <>
                  {node?.health?.status && <HealthBadge status={node.health.status} />}
                  {(node?.sync ?? item?.status) && <SyncBadge status={node?.sync ?? item?.status} />}
                </>
              )}
            </div>
          </div>
          <span className="spacer" />
          <button type="button" onClick={onClose} aria-label="Close panel" data-testid="panel-close">
            ✕
          </button>
        </div>
        <div className="tabs" role="tablist">
          {tabs.map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={current === id} onClick={() => onTab(id)} data-testid={`panel-tab-${id}`}>
              {label}
            </button>
          ))}
        </div>
        <div className="panel-body" role="tabpanel" data-testid={`panel-content-${current}`}>
          {isApplication ? (
            <ApplicationTab app={app} tab={current} />
          ) : !ref ? (
            <div className="message error">Not a resource: {nodeKey}</div>
          ) : (
            <ResourceTab appName={app.metadata.name} nodeKey={nodeKey} node={node} item={item} managed={managed} managedError={managedError} tab={current} />
          )}
        </div>
    </aside>
  );
}

function ApplicationTab({ app, tab }: { app: Application; tab: PanelTab }) {
  if (tab === 'events') return <Events appName={app.metadata.name} />;
  if (tab === 'live') {
    return <pre className="code">{manifestYaml(JSON.stringify({ ...app, status: undefined }))}</pre>;
  }
  const status = app.status ?? {};
  return (
    <dl className="summary">
      <dt>Name</dt>
      <dd>{app.metadata.name}</dd>
      <dt>Namespace</dt>
      <dd>{app.metadata.namespace}</dd>
      <dt>Created</dt>
      <dd>{formatTime(app.metadata.creationTimestamp)}</dd>
      <dt>Health</dt>
      <dd>
        {status.health?.status} {status.health?.message && <span className="muted">— {status.health.message}</span>}
      </dd>
      <dt>Sync</dt>
      <dd>
        {status.sync?.status} <span className="mono">{status.sync?.revision}</span>
      </dd>
      <dt>Resources</dt>
      <dd>{status.resources?.length ?? 0}</dd>
      <dt>Images</dt>
      <dd>{(status.summary?.images ?? []).join(', ') || '—'}</dd>
      <dt>Labels</dt>
      <dd>{Object.entries(app.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || '—'}</dd>
    </dl>
  );
}

function ResourceTab({
  appName,
  nodeKey,
  node,
  item,
  managed,
  managedError,
  tab,
}: {
  appName: string;
  nodeKey: string;
  node: ResourceNode | undefined;
  item: ManagedResource | undefined;
  managed: ReadonlyMap<string, ManagedResource> | undefined;
  managedError: unknown;
  tab: PanelTab;
}) {
  const ref = node ?? parseResourceKey(nodeKey)!;
  const managedLoading = !managed && !managedError;
  const notManaged = managed && !item;
  switch (tab) {
    case 'live':
      return <LiveManifest appName={appName} node={node} nodeKey={nodeKey} />;
    case 'desired': {
      if (managedError) return <ErrorMessage error={managedError} action="read the desired state" />;
      if (managedLoading) return <p className="muted">Loading…</p>;
      if (notManaged) return <p className="muted">Not in Git: this object is owned by another one, which the application manages.</p>;
      const yaml = manifestYaml(item!.targetState);
      return yaml ? <pre className="code" data-testid="desired-manifest">{yaml}</pre> : <p className="muted">Not in Git any more{item!.requiresPruning ? ': a sync with prune deletes it' : ''}.</p>;
    }
    case 'diff': {
      if (managedError) return <ErrorMessage error={managedError} action="read the diff" />;
      if (managedLoading) return <p className="muted">Loading…</p>;
      if (notManaged) return <p className="muted">No diff: this object is not in Git, it is owned by another one.</p>;
      return <Diff text={item!.diff ?? ''} />;
    }
    case 'events':
      return <Events appName={appName} resource={{ ...ref, uid: node?.uid }} />;
    default:
      return <ResourceSummary node={node} item={item} nodeKey={nodeKey} />;
  }
}

function ResourceSummary({ node, item, nodeKey }: { node: ResourceNode | undefined; item: ManagedResource | undefined; nodeKey: string }) {
  const ref = node ?? parseResourceKey(nodeKey)!;
  return (
    <dl className="summary" data-testid="resource-summary">
      <dt>Kind</dt>
      <dd>
        {ref.kind} {node?.version && <span className="muted">({ref.group ? `${ref.group}/` : ''}{node.version})</span>}
      </dd>
      <dt>Namespace</dt>
      <dd>{ref.namespace || <span className="muted">cluster-scoped</span>}</dd>
      <dt>Name</dt>
      <dd>{ref.name}</dd>
      {node?.uid && (
        <>
          <dt>UID</dt>
          <dd className="mono">{node.uid}</dd>
        </>
      )}
      {node?.createdAt && (
        <>
          <dt>Created</dt>
          <dd>
            {formatTime(node.createdAt)} ({timeAgo(node.createdAt)})
          </dd>
        </>
      )}
      <dt>Health</dt>
      <dd>
        {node?.health?.status ?? '—'}
        {node?.health?.message && <div className="muted">{node.health.message}</div>}
        {node?.healthDecidedBy && <div className="muted">decided by {node.healthDecidedBy}</div>}
      </dd>
      <dt>Sync</dt>
      <dd>
        {node?.sync ?? item?.status ?? (node?.managed === false ? 'owned by another object' : '—')}
        {item?.requiresPruning && <div className="muted">No longer in Git: a sync with prune deletes it.</div>}
        {item?.hook && <div className="muted">A sync hook.</div>}
      </dd>
      {node?.parentRefs && node.parentRefs.length > 0 && (
        <>
          <dt>Owned by</dt>
          <dd>{node.parentRefs.map(describeResource).join(', ')}</dd>
        </>
      )}
      {node?.images && node.images.length > 0 && (
        <>
          <dt>Images</dt>
          <dd className="mono">{node.images.join(', ')}</dd>
        </>
      )}
      {(node?.info ?? []).map((info) => (
        <InfoRow key={info.name} name={info.name} value={info.value} />
      ))}
    </dl>
  );
}

function InfoRow({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </>
  );
}

function LiveManifest({ appName, node, nodeKey }: { appName: string; node: ResourceNode | undefined; nodeKey: string }) {
  const [text, setText] = useState<string>();
  const [error, setError] = useState<unknown>();
  const missing = node?.health?.status === 'Missing' && !node.uid;
  useEffect(() => {
    if (missing) return;
    const ref = node ?? parseResourceKey(nodeKey)!;
    const controller = new AbortController();
    setText(undefined);
    setError(undefined);
    api.liveResource(appName, ref, controller.signal).then(
      (answer) => setText(manifestYaml(answer.manifest) ?? ''),
      (e) => !(e instanceof DOMException && e.name === 'AbortError') && setError(e),
    );
    return () => controller.abort();
  }, [appName, nodeKey, node?.resourceVersion, missing]);
  if (missing) return <p className="muted">Missing from the cluster: a sync creates it.</p>;
  if (error) return <ErrorMessage error={error} action={`read ${describeResource(node ?? parseResourceKey(nodeKey)!)}`} />;
  if (text === undefined) return <p className="muted">Loading…</p>;
  return text ? <pre className="code" data-testid="live-manifest">{text}</pre> : <p className="muted">Not in the cluster.</p>;
}

function Diff({ text }: { text: string }) {
  const lines = diffLines(text);
  if (lines.length === 0) return <p className="muted" data-testid="diff-empty">No differences: the live object matches Git.</p>;
  const stats = diffStats(lines);
  return (
    <>
      <p className="muted">
        <span style={{ color: 'var(--added-text)' }}>+{stats.added}</span> <span style={{ color: 'var(--removed-text)' }}>−{stats.removed}</span> lines (live → desired)
      </p>
      <div className="diff" data-testid="diff">
        {lines.map((line, i) => (
          <div key={i} className={`diff-line ${line.type}`} data-type={line.type}>
            <span className="no">{line.oldLine ?? ''}</span>
            <span className="no">{line.newLine ?? ''}</span>
            <span>{line.text}</span>
          </div>
        ))}
      </div>
    </>
  );
}

function Events({ appName, resource }: { appName: string; resource?: { group?: string; kind: string; namespace?: string; name: string; uid?: string } }) {
  const [events, setEvents] = useState<KubeEvent[]>();
  const [error, setError] = useState<unknown>();
  const key = resource ? resourceKey(resource) : '';
  useEffect(() => {
    const controller = new AbortController();
    setEvents(undefined);
    setError(undefined);
    api.events(appName, resource, controller.signal).then(
      (answer) => setEvents(answer.items ?? []),
      (e) => !(e instanceof DOMException && e.name === 'AbortError') && setError(e),
    );
    return () => controller.abort();
  }, [appName, key, resource?.uid]);
  if (error) return <ErrorMessage error={error} action="read events" />;
  if (!events) return <p className="muted">Loading…</p>;
  if (events.length === 0) return <p className="muted" data-testid="events-empty">No events.</p>;
  const when = (event: KubeEvent) => event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? '';
  const sorted = [...events].sort((a, b) => when(b).localeCompare(when(a)));
  return (
    <table className="grid" data-testid="events">
      <thead>
        <tr>
          <th style={{ width: 80 }}>Type</th>
          <th style={{ width: 150 }}>Reason</th>
          <th>Message</th>
          <th style={{ width: 60 }}>Count</th>
          <th style={{ width: 90 }}>Last seen</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((event, i) => (
          <tr key={event.metadata?.uid ?? i} className={event.type === 'Warning' ? 'status-Missing' : undefined}>
            <td>{event.type}</td>
            <td title={event.reason}>{event.reason}</td>
            <td title={event.message} style={{ whiteSpace: 'normal' }}>
              {event.message}
            </td>
            <td>{event.count ?? 1}</td>
            <td title={formatTime(when(event))}>{timeAgo(when(event))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
