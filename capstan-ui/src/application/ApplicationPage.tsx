import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ResourceGraph } from '../resources/ResourceGraph';
import { ResourceList } from '../resources/ResourceList';
import { needsManaged, type PanelTab, ResourcePanel } from '../resources/ResourcePanel';
import { resourceKey } from '../resources/resourceKey';
import { defaultLayoutOptions, layoutTree } from '../resources/treeLayout';
import { useManagedResources } from '../resources/useManagedResources';
import { ErrorMessage } from '../ui/ErrorMessage';
import { LiveIndicator } from '../ui/LiveIndicator';
import { ApplicationHeader, type Dialog } from './ApplicationHeader';
import { DeleteDialog } from './DeleteDialog';
import { EditDialog } from './EditDialog';
import { HistoryDialog } from './HistoryDialog';
import { SyncDialog } from './SyncDialog';
import { useApplication, useResourceTree } from './useApplication';

/** How many more children a click on "+N more" shows. */
const MORE_STEP = 50;

/**
 * /applications/:name — the header, the resource tree (graph or list) and the side panel of the
 * selected resource. The view, the selected node and its tab live in the URL
 * (`?view=list&node=apps/Deployment/shop/web&tab=diff`), so links keep them.
 */
export function ApplicationPage() {
  const name = useParams().name ?? '';
  const navigate = useNavigate();
  const [query, setQuery] = useSearchParams();
  const { app, error, deleted, stream, replace } = useApplication(name);
  const { tree, error: treeError } = useResourceTree(name, app?.metadata.resourceVersion);
  const [dialog, setDialog] = useState<Dialog>();
  const [shown, setShown] = useState<Map<string, number>>(() => new Map());
  const [expandAll, setExpandAll] = useState(false);

  const view = query.get('view') === 'list' ? 'list' : 'tree';
  const selected = query.get('node') ?? undefined;
  const tab = (query.get('tab') as PanelTab | null) ?? 'summary';

  const setParams = useCallback(
    (changes: Record<string, string | undefined>) =>
      setQuery(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined) next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setQuery],
  );
  const select = useCallback((key: string) => setParams({ node: key, tab: undefined }), [setParams]);
  const more = useCallback(
    (parentKey: string) => setShown((current) => new Map(current).set(parentKey, (current.get(parentKey) ?? defaultLayoutOptions.maxChildren) + MORE_STEP)),
    [],
  );

  const nodes = useMemo(() => tree?.nodes ?? [], [tree]);
  const byKey = useMemo(() => new Map(nodes.map((node) => [resourceKey(node), node])), [nodes]);
  const pinned = useMemo(() => (selected ? new Set([selected]) : undefined), [selected]);
  const layout = useMemo(
    () =>
      layoutTree(
        { name, health: app?.status?.health, sync: app?.status?.sync?.status },
        nodes,
        { ...defaultLayoutOptions, maxChildren: expandAll ? Number.MAX_SAFE_INTEGER : defaultLayoutOptions.maxChildren, shown, pinned },
      ),
    [name, app?.status?.health, app?.status?.sync?.status, nodes, shown, expandAll, pinned],
  );

  const managed = useManagedResources(name, selected !== undefined && needsManaged(tab), app?.status?.reconciledAt);

  if (deleted) {
    return (
      <div className="page">
        <div className="empty card" data-testid="app-deleted">
          <h2>{name} was deleted</h2>
          <Link to="/applications">Back to the applications</Link>
        </div>
      </div>
    );
  }
  if (!app) {
    return (
      <div className="page">
        <p>
          <Link to="/applications">← Applications</Link>
        </p>
        {error ? <ErrorMessage error={error} action={`see ${name}`} /> : <div className="empty">Loading {name}…</div>}
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page-header" style={{ marginBottom: 8 }}>
        <Link to="/applications">← Applications</Link>
        <span className="spacer" />
        <LiveIndicator state={stream} />
      </div>
      <ApplicationHeader app={app} onOpen={setDialog} onChanged={replace} />
      <div className="tabs" role="tablist" aria-label="Resources view">
        <button type="button" role="tab" aria-selected={view === 'tree'} onClick={() => setParams({ view: undefined })} data-testid="view-tab-tree">
          Tree
        </button>
        <button type="button" role="tab" aria-selected={view === 'list'} onClick={() => setParams({ view: 'list' })} data-testid="view-tab-list">
          List
        </button>
      </div>
      <ErrorMessage error={treeError} action={`see the resources of ${name}`} />
      {!tree && !treeError && <div className="empty">Loading resources…</div>}
      {tree && nodes.length === 0 && (
        <div className="empty card" data-testid="resources-empty">
          <h2>No resources</h2>
          <p>The application has no resources yet{app.status?.sync?.status === 'OutOfSync' ? ': sync it to create them' : ''}.</p>
        </div>
      )}
      {tree && nodes.length > 0 && view === 'tree' && (
        <>
          <div className="graph-toolbar">
            <span className="muted" data-testid="resource-count">
              {nodes.length.toLocaleString()} resources{layout.hidden > 0 ? ` · ${layout.hidden.toLocaleString()} folded` : ''}
            </span>
            {layout.hidden > 0 && (
              <button type="button" className="small" onClick={() => setExpandAll(true)} data-testid="tree-expand-all">
                Show all
              </button>
            )}
            {(expandAll || shown.size > 0) && (
              <button
                type="button"
                className="small"
                onClick={() => {
                  setExpandAll(false);
                  setShown(new Map());
                }}
                data-testid="tree-collapse"
              >
                Fold
              </button>
            )}
          </div>
          <ResourceGraph layout={layout} selected={selected} onSelect={select} onMore={more} />
        </>
      )}
      {tree && nodes.length > 0 && view === 'list' && <ResourceList nodes={nodes} selected={selected} onSelect={select} />}
      {selected && (
        <ResourcePanel
          app={app}
          nodeKey={selected}
          node={byKey.get(selected)}
          managed={managed.items}
          managedError={managed.error}
          tab={tab}
          onTab={(next) => setParams({ tab: next === 'summary' ? undefined : next })}
          onClose={() => setParams({ node: undefined, tab: undefined })}
        />
      )}
      {dialog === 'sync' && <SyncDialog app={app} onClose={() => setDialog(undefined)} onSynced={replace} />}
      {dialog === 'history' && <HistoryDialog app={app} onClose={() => setDialog(undefined)} onRolledBack={replace} />}
      {dialog === 'edit' && <EditDialog app={app} onClose={() => setDialog(undefined)} onSaved={replace} />}
      {dialog === 'delete' && <DeleteDialog name={name} onClose={() => setDialog(undefined)} onDeleted={() => navigate('/applications')} />}
    </div>
  );
}
