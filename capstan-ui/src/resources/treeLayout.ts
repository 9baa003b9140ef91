import type { HealthState, ResourceNode, SyncStatus } from '../api/types';
import { kindRank } from './kinds';
import { resourceKey } from './resourceKey';

/**
 * The resource tree of an application as a graph laid out left to right: the application in
 * column 0, its managed objects in column 1, what they own (ReplicaSets, Jobs) in column 2, and
 * so on, each parent centred beside its children, edges drawn as right-angled lines. A parent
 * with too many children shows the first of them and a "+N more" node; problem children
 * (anything not Healthy) are shown before healthy ones, so a failing Pod among 2,000 stays visible.
 */
export const APPLICATION_KEY = '::application';

export type GraphNode =
  | { type: 'application'; key: string; name: string; health?: HealthState; sync?: SyncStatus }
  | { type: 'resource'; key: string; resource: ResourceNode }
  | { type: 'more'; key: string; parentKey: string; hidden: number };

export interface PlacedNode {
  node: GraphNode;
  column: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Edge {
  from: string;
  to: string;
  /** The corners of the line, from the parent's right side to the child's left side. */
  points: [number, number][];
  /** To the first or last child of its parent: the lines that together span the parent's whole trunk. */
  outermost: boolean;
}

export interface TreeLayout {
  nodes: PlacedNode[];
  edges: Edge[];
  width: number;
  height: number;
  columns: number;
  /** Resources behind "+N more" nodes. */
  hidden: number;
}

export interface LayoutOptions {
  /** Children shown under a parent before the rest fold into "+N more". */
  maxChildren: number;
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
  /** Per parent key, how many children to show instead of maxChildren (raised by clicking "+N more"). */
  shown?: ReadonlyMap<string, number>;
  /** Keys to show whatever the limits, with their owners (the selected node of a deep link). */
  pinned?: ReadonlySet<string>;
}

export const defaultLayoutOptions: LayoutOptions = {
  maxChildren: 10,
  nodeWidth: 240,
  nodeHeight: 52,
  columnGap: 64,
  rowGap: 10,
};

export interface ApplicationSummary {
  name: string;
  health?: HealthState;
  sync?: SyncStatus;
}

export function moreKey(parentKey: string): string {
  return `more:${parentKey}`;
}

export function layoutTree(
  application: ApplicationSummary,
  resources: readonly ResourceNode[],
  options: LayoutOptions = defaultLayoutOptions,
): TreeLayout {
  const { children, extraParents, parentOf } = linkParents(resources);
  const pinned = withOwners(options.pinned, parentOf);
  const graphNodes = new Map<string, GraphNode>();
  graphNodes.set(APPLICATION_KEY, { type: 'application', key: APPLICATION_KEY, ...application });
  for (const resource of resources) {
    const key = resourceKey(resource);
    if (!graphNodes.has(key)) graphNodes.set(key, { type: 'resource', key, resource });
  }

  const placed = new Map<string, PlacedNode>();
  const edges: Edge[] = [];
  let nextRow = 0;
  let columns = 0;
  let hidden = 0;
  const rowHeight = options.nodeHeight + options.rowGap;
  const columnWidth = options.nodeWidth + options.columnGap;
  const visiting = new Set<string>();

  // Places the subtree of key; returns the row (fractional for a centred parent) it took.
  const place = (key: string, column: number): number => {
    visiting.add(key);
    columns = Math.max(columns, column + 1);
    const kids = (children.get(key) ?? []).filter((child) => !visiting.has(child) && !placed.has(child));
    const { visible, rest } = choose(kids, graphNodes, options.shown?.get(key) ?? options.maxChildren, pinned);
    const rows: number[] = visible.map((child) => place(child, column + 1));
    if (rest > 0) {
      hidden += countSubtree(kids.slice(0), visible, children);
      const more = moreKey(key);
      graphNodes.set(more, { type: 'more', key: more, parentKey: key, hidden: rest });
      columns = Math.max(columns, column + 2);
      rows.push(nextRow);
      put(more, column + 1, nextRow++);
    }
    const row = rows.length === 0 ? nextRow++ : (rows[0] + rows[rows.length - 1]) / 2;
    put(key, column, row);
    const shown = rest > 0 ? [...visible, moreKey(key)] : visible;
    shown.forEach((child, i) => {
      edges.push(route(placed.get(key)!, placed.get(child)!, i === 0 || i === shown.length - 1));
    });
    visiting.delete(key);
    return row;
  };

  const put = (key: string, column: number, row: number) => {
    placed.set(key, {
      node: graphNodes.get(key)!,
      column,
      x: column * columnWidth,
      y: row * rowHeight,
      width: options.nodeWidth,
      height: options.nodeHeight,
    });
  };

  place(APPLICATION_KEY, 0);

  // A child with a second owner gets a line from that one too, when both are shown.
  for (const [child, parents] of extraParents) {
    const to = placed.get(child);
    if (!to) continue;
    for (const parent of parents) {
      const from = placed.get(parent);
      if (from && from.column < to.column) edges.push(route(from, to, true));
    }
  }

  const nodes = [...placed.values()].sort((a, b) => a.column - b.column || a.y - b.y);
  return {
    nodes,
    edges,
    width: Math.max(0, columns * columnWidth - options.columnGap),
    height: Math.max(0, nextRow * rowHeight - options.rowGap),
    columns,
    hidden,
  };
}

/**
 * Which node each resource hangs under: managed objects (no parentRefs) under the application,
 * others under their first parent found by uid, else by group/kind/namespace/name; a resource
 * whose parents are all missing goes under the application, so nothing is lost.
 */
function linkParents(resources: readonly ResourceNode[]) {
  const byUid = new Map<string, string>();
  const keys = new Set<string>();
  for (const resource of resources) {
    const key = resourceKey(resource);
    keys.add(key);
    if (resource.uid) byUid.set(resource.uid, key);
  }
  const children = new Map<string, string[]>();
  const parentOf = new Map<string, string>();
  const extraParents = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const resource of resources) {
    const key = resourceKey(resource);
    if (seen.has(key)) continue;
    seen.add(key);
    const parents = (resource.parentRefs ?? [])
      .map((ref) => (ref.uid && byUid.get(ref.uid)) || (keys.has(resourceKey(ref)) ? resourceKey(ref) : undefined))
      .filter((parent): parent is string => parent !== undefined && parent !== key);
    const [first, ...others] = parents.length > 0 ? parents : [APPLICATION_KEY];
    push(children, first, key);
    parentOf.set(key, first);
    if (others.length > 0) extraParents.set(key, others);
  }
  return { children, extraParents, parentOf };
}

function withOwners(keys: ReadonlySet<string> | undefined, parentOf: ReadonlyMap<string, string>): Set<string> {
  const all = new Set<string>();
  for (let key of keys ?? []) {
    while (key && !all.has(key)) {
      all.add(key);
      key = parentOf.get(key) ?? '';
    }
  }
  return all;
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const HEALTH_SEVERITY: Record<string, number> = { Degraded: 4, Missing: 3, Unknown: 2, Progressing: 2, Suspended: 1 };

/** How much a node needs a look: broken first, then on its way, then out of sync; 0 for a fine one. */
function severity(node: GraphNode | undefined): number {
  if (node?.type !== 'resource') return 0;
  const health = HEALTH_SEVERITY[node.resource.health?.status ?? ''] ?? 0;
  return health > 0 ? health + 1 : node.resource.sync === 'OutOfSync' ? 1 : 0;
}

function compareNodes(a: GraphNode | undefined, b: GraphNode | undefined): number {
  if (a?.type !== 'resource' || b?.type !== 'resource') return 0;
  const x = a.resource;
  const y = b.resource;
  return kindRank(x.kind) - kindRank(y.kind) || compareText(x.kind, y.kind) || compareText(x.namespace ?? '', y.namespace ?? '') || compareText(x.name, y.name);
}

/** Plain code-unit order: names are ASCII, and localeCompare costs ten times more on 2,000 siblings. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The children to show, in sibling order, and how many fold away: the pinned ones, then problems
 * (the worst first), then the first in order, up to the limit. Showing all but one would save nothing, so a
 * "+1 more" never appears.
 */
export function choose(
  kids: string[],
  nodes: ReadonlyMap<string, GraphNode>,
  limit: number,
  pinned: ReadonlySet<string> = new Set(),
): { visible: string[]; rest: number } {
  const sorted = [...kids].sort((a, b) => compareNodes(nodes.get(a), nodes.get(b)));
  if (sorted.length <= limit + 1) return { visible: sorted, rest: 0 };
  const picked = new Set(sorted.filter((key) => pinned.has(key)));
  const problems = sorted
    .map((key) => ({ key, severity: severity(nodes.get(key)) }))
    .filter((problem) => problem.severity > 0)
    .sort((a, b) => b.severity - a.severity);
  for (const { key } of problems) {
    if (picked.size >= limit) break;
    picked.add(key);
  }
  for (const key of sorted) {
    if (picked.size >= limit) break;
    picked.add(key);
  }
  return { visible: sorted.filter((key) => picked.has(key)), rest: sorted.length - picked.size };
}

/** How many resources fold away under a parent: the hidden children and all they own. */
function countSubtree(kids: string[], visible: string[], children: ReadonlyMap<string, string[]>): number {
  const shown = new Set(visible);
  let count = 0;
  const stack = kids.filter((key) => !shown.has(key));
  const seen = new Set<string>();
  while (stack.length > 0) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    count += 1;
    stack.push(...(children.get(key) ?? []));
  }
  return count;
}

/** A right-angled line from the parent's right side to the child's left, turning halfway across the gap. */
export function route(from: PlacedNode, to: PlacedNode, outermost: boolean): Edge {
  const x1 = from.x + from.width;
  const y1 = from.y + from.height / 2;
  const x2 = to.x;
  const y2 = to.y + to.height / 2;
  const middle = x1 + (x2 - x1) / 2;
  const points: [number, number][] =
    y1 === y2 ? [[x1, y1], [x2, y2]] : [[x1, y1], [middle, y1], [middle, y2], [x2, y2]];
  return { from: from.node.key, to: to.node.key, points, outermost };
}

/** The SVG path of an edge, with its corners rounded by up to `radius`. */
export function edgePath(edge: Edge, radius = 6): string {
  const points = edge.points;
  let path = `M${points[0][0]},${points[0][1]}`;
  for (let i = 1; i < points.length; i++) {
    const point = points[i];
    const next = points[i + 1];
    const r = next ? Math.min(radius, length(points[i - 1], point) / 2, length(point, next) / 2) : 0;
    if (r <= 0) {
      path += ` L${point[0]},${point[1]}`;
      continue;
    }
    const before = towards(point, points[i - 1], r);
    const after = towards(point, next, r);
    path += ` L${before[0]},${before[1]} Q${point[0]},${point[1]} ${after[0]},${after[1]}`;
  }
  return path;
}

function length(a: [number, number], b: [number, number]): number {
  return Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1]);
}

function towards(from: [number, number], to: [number, number], distance: number): [number, number] {
  const dx = Math.sign(to[0] - from[0]);
  const dy = Math.sign(to[1] - from[1]);
  return [from[0] + dx * distance, from[1] + dy * distance];
}

export interface Viewport {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The nodes and edges to draw for the viewport (widened by `margin`), so that a tree of thousands
 * of resources renders only what can be seen: the nodes in it, the lines to the children in it,
 * and the outermost lines of each parent whose trunk crosses it (drawn whole, they cover the
 * parent's side of every line).
 */
export function visibleIn(layout: TreeLayout, viewport: Viewport, margin = 200): { nodes: PlacedNode[]; edges: Edge[] } {
  const top = viewport.top - margin;
  const bottom = viewport.top + viewport.height + margin;
  const left = viewport.left - margin;
  const right = viewport.left + viewport.width + margin;
  const inside = (x: number, y: number) => x >= left && x <= right && y >= top && y <= bottom;
  const nodes = layout.nodes.filter((n) => n.y + n.height >= top && n.y <= bottom && n.x + n.width >= left && n.x <= right);
  const edges = layout.edges.filter((edge) => {
    const first = edge.points[0];
    const last = edge.points[edge.points.length - 1];
    if (inside(last[0], last[1])) return true;
    if (!edge.outermost) return false;
    const middle = edge.points.length > 2 ? edge.points[1][0] : first[0];
    return middle >= left && middle <= right && Math.max(first[1], last[1]) >= top && Math.min(first[1], last[1]) <= bottom;
  });
  return { nodes, edges };
}
