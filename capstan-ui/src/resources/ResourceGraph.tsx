import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { HealthBadge, SyncBadge } from '../ui/StatusBadge';
import { kindAbbreviation } from './kinds';
import { type PlacedNode, type TreeLayout, type Viewport, edgePath, visibleIn } from './treeLayout';

const MARGIN = 20;

/**
 * The resource tree drawn from its layout: SVG lines under HTML buttons for the nodes. Only the
 * part in view is rendered, so the graph scrolls smoothly with thousands of resources.
 */
export function ResourceGraph({
  layout,
  selected,
  onSelect,
  onMore,
}: {
  layout: TreeLayout;
  selected?: string;
  onSelect: (key: string) => void;
  onMore: (parentKey: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Viewport>({ left: 0, top: 0, width: 1200, height: 800 });
  const frame = useRef(0);

  const measure = () => {
    const element = ref.current;
    if (!element) return;
    setViewport({ left: element.scrollLeft - MARGIN, top: element.scrollTop - MARGIN, width: element.clientWidth, height: element.clientHeight });
  };

  useLayoutEffect(() => {
    measure();
    const observer = new ResizeObserver(measure);
    if (ref.current) observer.observe(ref.current);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, []);

  // Bring the selected node into view once it is placed (a deep link, a click in the list).
  const scrolledTo = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!selected || scrolledTo.current === selected) return;
    const node = layout.nodes.find((n) => n.node.key === selected);
    const element = ref.current;
    if (!node || !element) return;
    scrolledTo.current = selected;
    const inView =
      node.x + MARGIN >= element.scrollLeft &&
      node.x + node.width + MARGIN <= element.scrollLeft + element.clientWidth &&
      node.y + MARGIN >= element.scrollTop &&
      node.y + node.height + MARGIN <= element.scrollTop + element.clientHeight;
    if (!inView) {
      element.scrollTo({ left: Math.max(0, node.x - element.clientWidth / 3), top: Math.max(0, node.y - element.clientHeight / 2) });
    }
  }, [selected, layout]);

  const seen = useMemo(() => visibleIn(layout, viewport, 300), [layout, viewport]);

  return (
    <div
      ref={ref}
      className="graph"
      data-testid="resource-graph"
      onScroll={() => {
        cancelAnimationFrame(frame.current);
        frame.current = requestAnimationFrame(measure);
      }}
    >
      <div className="graph-canvas" style={{ width: layout.width, height: layout.height }}>
        <svg className="edges" width={layout.width} height={layout.height} aria-hidden="true">
          {seen.edges.map((edge) => (
            <path key={`${edge.from}>${edge.to}`} d={edgePath(edge)} />
          ))}
        </svg>
        {seen.nodes.map((placed) => (
          <GraphNodeButton key={placed.node.key} placed={placed} selected={placed.node.key === selected} onSelect={onSelect} onMore={onMore} />
        ))}
      </div>
    </div>
  );
}

const GraphNodeButton = memo(function GraphNodeButton({
  placed,
  selected,
  onSelect,
  onMore,
}: {
  placed: PlacedNode;
  selected: boolean;
  onSelect: (key: string) => void;
  onMore: (parentKey: string) => void;
}) {
  const { node, x, y, width, height } = placed;
  const style = { left: x, top: y, width, height };
  if (node.type === 'more') {
    return (
      <button
        type="button"
        className="graph-node more"
        style={style}
        onClick={() => onMore(node.parentKey)}
        data-testid={`tree-more-${node.parentKey}`}
        title="Show more of these"
      >
        +{node.hidden.toLocaleString()} more
      </button>
    );
  }
  if (node.type === 'application') {
    return (
      <button
        type="button"
        className="graph-node application"
        style={style}
        aria-pressed={selected}
        onClick={() => onSelect(node.key)}
        data-testid="tree-node-application"
        aria-label={`Application ${node.name}`}
      >
        <span className="kind-icon">app</span>
        <span className="node-text">
          <span className="node-kind">Application</span>
          <span className="node-name">{node.name}</span>
        </span>
        <span className="node-status">
          <HealthBadge status={node.health?.status} iconOnly testId="node-health" />
          <SyncBadge status={node.sync} iconOnly testId="node-sync" />
        </span>
      </button>
    );
  }
  const resource = node.resource;
  return (
    <button
      type="button"
      className="graph-node"
      style={style}
      aria-pressed={selected}
      onClick={() => onSelect(node.key)}
      data-testid={`tree-node-${node.key}`}
      aria-label={`${resource.kind} ${resource.name}`}
      title={`${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}${resource.health?.message ? `\n${resource.health.message}` : ''}`}
    >
      <span className="kind-icon">{kindAbbreviation(resource.kind)}</span>
      <span className="node-text">
        <span className="node-kind">{resource.kind}</span>
        <span className="node-name">{resource.name}</span>
      </span>
      <span className="node-status">
        {resource.health?.status && <HealthBadge status={resource.health.status} iconOnly testId="node-health" />}
        {resource.sync && <SyncBadge status={resource.sync} iconOnly testId="node-sync" />}
      </span>
    </button>
  );
});
