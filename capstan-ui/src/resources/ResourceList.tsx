import { useMemo, useState } from 'react';
import type { ResourceNode } from '../api/types';
import { HealthBadge, SyncBadge } from '../ui/StatusBadge';
import { timeAgo } from '../ui/time';
import { VirtualRows } from '../ui/VirtualRows';
import { kindAbbreviation, kindRank } from './kinds';
import { resourceKey } from './resourceKey';

const COLUMNS = '60px minmax(120px, 1fr) minmax(100px, 0.8fr) minmax(180px, 2fr) 130px 120px 90px';

/** The resources of the tree as a flat table: the same objects as the graph, easier to scan and search. */
export function ResourceList({ nodes, selected, onSelect }: { nodes: readonly ResourceNode[]; selected?: string; onSelect: (key: string) => void }) {
  const [search, setSearch] = useState('');
  const sorted = useMemo(
    () =>
      [...nodes].sort(
        (a, b) =>
          Number(b.managed ?? b.parentRefs?.length === 0) - Number(a.managed ?? a.parentRefs?.length === 0) ||
          kindRank(a.kind) - kindRank(b.kind) ||
          a.kind.localeCompare(b.kind) ||
          a.name.localeCompare(b.name),
      ),
    [nodes],
  );
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = words.length === 0 ? sorted : sorted.filter((n) => words.every((w) => `${n.kind} ${n.namespace ?? ''} ${n.name} ${n.health?.status ?? ''} ${n.sync ?? ''}`.toLowerCase().includes(w)));

  return (
    <div>
      <div className="graph-toolbar">
        <input type="search" placeholder="Filter by kind, name, status" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Filter resources" data-testid="resource-filter" />
        <span className="muted">
          {shown.length === nodes.length ? `${nodes.length} resources` : `${shown.length} of ${nodes.length} resources`}
        </span>
      </div>
      <VirtualRows
        role="table"
        label="Resources"
        testId="resource-list"
        count={shown.length}
        rowHeight={40}
        header={
          <div className="table-row table-head" role="row" style={{ gridTemplateColumns: COLUMNS }}>
            {['', 'Kind', 'Namespace', 'Name', 'Health', 'Sync', 'Age'].map((heading, i) => (
              <div key={i} role="columnheader">
                {heading}
              </div>
            ))}
          </div>
        }
        renderRow={(i) => {
          const node = shown[i];
          const key = resourceKey(node);
          return (
            <div className="table-row" role="row" style={{ gridTemplateColumns: COLUMNS, background: key === selected ? 'var(--accent-soft)' : undefined }} data-testid={`resource-row-${key}`}>
              <div role="cell" className="muted mono">
                {kindAbbreviation(node.kind)}
              </div>
              <div role="cell">{node.kind}</div>
              <div role="cell">{node.namespace}</div>
              <div role="cell">
                <button type="button" className="link" onClick={() => onSelect(key)} title={node.name}>
                  {node.name}
                </button>
              </div>
              <div role="cell">{node.health?.status && <HealthBadge status={node.health.status} />}</div>
              <div role="cell">{node.sync && <SyncBadge status={node.sync} />}</div>
              <div role="cell" className="muted">
                {timeAgo(node.createdAt)}
              </div>
            </div>
          );
        }}
      />
    </div>
  );
}
