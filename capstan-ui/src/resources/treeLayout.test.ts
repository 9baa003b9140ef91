import { describe, expect, it } from 'vitest';
import type { ResourceNode } from '../api/types';
import { resourceKey } from './resourceKey';
import { APPLICATION_KEY, defaultLayoutOptions, edgePath, type LayoutOptions, layoutTree, moreKey, type TreeLayout, visibleIn } from './treeLayout';

const options: LayoutOptions = { maxChildren: 3, nodeWidth: 100, nodeHeight: 20, columnGap: 40, rowGap: 10 };

function node(group: string, kind: string, name: string, parent?: ResourceNode, fields: Partial<ResourceNode> = {}): ResourceNode {
  return {
    group,
    kind,
    namespace: 'shop',
    name,
    uid: `uid-${kind}-${name}`,
    parentRefs: parent ? [{ group: parent.group, kind: parent.kind, namespace: parent.namespace, name: parent.name, uid: parent.uid }] : [],
    health: { status: 'Healthy' },
    ...fields,
  };
}

const deployment = node('apps', 'Deployment', 'web');
const replicaSet = node('apps', 'ReplicaSet', 'web-5f6b', deployment);
const pods = [1, 2].map((i) => node('', 'Pod', `web-5f6b-${i}`, replicaSet));
const service = node('', 'Service', 'web');
const configMap = node('', 'ConfigMap', 'settings');

const placedOf = (layout: TreeLayout, key: string) => layout.nodes.find((n) => n.node.key === key)!;

describe('layoutTree columns', () => {
  const layout = layoutTree({ name: 'shop' }, [pods[1], service, replicaSet, deployment, pods[0], configMap], options);

  it('puts the application, managed objects, ReplicaSets and Pods in columns 0 to 3', () => {
    expect(placedOf(layout, APPLICATION_KEY).column).toBe(0);
    expect(placedOf(layout, resourceKey(deployment)).column).toBe(1);
    expect(placedOf(layout, resourceKey(service)).column).toBe(1);
    expect(placedOf(layout, resourceKey(replicaSet)).column).toBe(2);
    expect(placedOf(layout, resourceKey(pods[0])).column).toBe(3);
    expect(layout.columns).toBe(4);
    expect(layout.width).toBe(4 * 100 + 3 * 40);
  });

  it('orders siblings by kind (configuration, services, workloads) then name', () => {
    const managed = layout.nodes.filter((n) => n.column === 1).map((n) => n.node.key);
    expect(managed).toEqual([resourceKey(configMap), resourceKey(service), resourceKey(deployment)]);
  });

  it('gives each leaf its own row and centres a parent on its children', () => {
    const [first, second] = pods.map((pod) => placedOf(layout, resourceKey(pod)));
    expect(second.y - first.y).toBe(30);
    expect(placedOf(layout, resourceKey(replicaSet)).y).toBe((first.y + second.y) / 2);
    const ys = layout.nodes.filter((n) => n.column === 1).map((n) => n.y);
    expect(new Set(ys).size).toBe(ys.length);
    expect(layout.height).toBe(4 * 30 - 10);
  });

  it('draws one edge per parent and child', () => {
    expect(layout.edges).toHaveLength(6);
    expect(layout.edges.filter((e) => e.from === APPLICATION_KEY).map((e) => e.to).sort()).toEqual(
      [resourceKey(configMap), resourceKey(deployment), resourceKey(service)].sort(),
    );
  });
});

describe('layoutTree edge routing', () => {
  const layout = layoutTree({ name: 'shop' }, [deployment, replicaSet, ...pods], options);

  it('leaves the parent on its right side and enters the child on its left, turning halfway across the gap', () => {
    const edge = layout.edges.find((e) => e.to === resourceKey(pods[0]))!;
    const parent = placedOf(layout, resourceKey(replicaSet));
    const child = placedOf(layout, resourceKey(pods[0]));
    expect(edge.points).toEqual([
      [parent.x + 100, parent.y + 10],
      [parent.x + 120, parent.y + 10],
      [parent.x + 120, child.y + 10],
      [child.x, child.y + 10],
    ]);
  });

  it('draws a straight line between nodes on the same row', () => {
    const edge = layout.edges.find((e) => e.to === resourceKey(deployment))!;
    expect(edge.points).toHaveLength(2);
    expect(edgePath(edge)).toBe(`M${edge.points[0].join(',')} L${edge.points[1].join(',')}`);
  });

  it('rounds the corners of a turning line', () => {
    const edge = layout.edges.find((e) => e.to === resourceKey(pods[0]))!;
    expect(edgePath(edge)).toMatch(/^M[\d.,]+ L[\d.,]+ Q[\d.,]+ [\d.,]+ L[\d.,]+ Q[\d.,]+ [\d.,]+ L[\d.,]+$/);
  });
});

describe('layoutTree collapsing siblings', () => {
  const many = Array.from({ length: 50 }, (_, i) => node('', 'Pod', `web-${String(i).padStart(2, '0')}`, replicaSet));
  many[37] = { ...many[37], health: { status: 'Degraded', message: 'CrashLoopBackOff' } };

  it('shows maxChildren children and a "+N more" node for the rest', () => {
    const layout = layoutTree({ name: 'shop' }, [deployment, replicaSet, ...many], options);
    const podNodes = layout.nodes.filter((n) => n.node.type === 'resource' && n.node.resource.kind === 'Pod');
    expect(podNodes).toHaveLength(3);
    const more = placedOf(layout, moreKey(resourceKey(replicaSet)));
    expect(more.node).toMatchObject({ type: 'more', hidden: 47, parentKey: resourceKey(replicaSet) });
    expect(more.column).toBe(3);
    expect(layout.hidden).toBe(47);
    expect(layout.edges.some((e) => e.to === more.node.key)).toBe(true);
  });

  it('shows problem children before healthy ones', () => {
    const layout = layoutTree({ name: 'shop' }, [deployment, replicaSet, ...many], options);
    const shown = layout.nodes.filter((n) => n.column === 3 && n.node.type === 'resource').map((n) => n.node.key);
    expect(shown).toContain(resourceKey(many[37]));
    expect(shown).toEqual([resourceKey(many[0]), resourceKey(many[1]), resourceKey(many[37])]);
  });

  it('shows the worst problems first when there are more than fit', () => {
    const kids = Array.from({ length: 8 }, (_, i) => node('', 'ConfigMap', `cm-${i}`, undefined, { sync: 'OutOfSync' }));
    const broken = node('apps', 'Deployment', 'broken', undefined, { health: { status: 'Degraded' } });
    const layout = layoutTree({ name: 'shop' }, [...kids, broken], options);
    expect(layout.nodes.filter((n) => n.column === 1 && n.node.type === 'resource').map((n) => n.node.key)).toContain(resourceKey(broken));
  });

  it('shows more children of a parent the user expanded', () => {
    const shown = new Map([[resourceKey(replicaSet), 20]]);
    const layout = layoutTree({ name: 'shop' }, [deployment, replicaSet, ...many], { ...options, shown });
    expect(layout.nodes.filter((n) => n.column === 3 && n.node.type === 'resource')).toHaveLength(20);
    expect(placedOf(layout, moreKey(resourceKey(replicaSet))).node).toMatchObject({ hidden: 30 });
  });

  it('shows a pinned resource and its owners whatever the limits', () => {
    const deployments = Array.from({ length: 6 }, (_, i) => node('apps', 'Deployment', `d${i}`));
    const owned = node('apps', 'ReplicaSet', 'd5-rs', deployments[5]);
    const pinned = new Set([resourceKey(owned)]);
    const layout = layoutTree({ name: 'shop' }, [...deployments, owned], { ...options, pinned });
    expect(placedOf(layout, resourceKey(owned)).column).toBe(2);
    expect(placedOf(layout, resourceKey(deployments[5])).column).toBe(1);
    expect(layout.nodes.filter((n) => n.column === 1 && n.node.type === 'resource')).toHaveLength(3);
  });

  it('never folds away a single child', () => {
    const four = many.slice(0, 4);
    const layout = layoutTree({ name: 'shop' }, [deployment, replicaSet, ...four], options);
    expect(layout.nodes.filter((n) => n.column === 3)).toHaveLength(4);
    expect(layout.hidden).toBe(0);
  });

  it('counts what hidden children own as hidden too', () => {
    const deployments = Array.from({ length: 6 }, (_, i) => node('apps', 'Deployment', `d${i}`));
    const owned = deployments.map((d) => node('apps', 'ReplicaSet', `${d.name}-rs`, d));
    const layout = layoutTree({ name: 'shop' }, [...deployments, ...owned], options);
    expect(layout.hidden).toBe(6);
  });
});

describe('layoutTree odd input', () => {
  it('hangs a child whose parent is missing under the application', () => {
    const orphan = node('', 'Pod', 'lost', node('apps', 'ReplicaSet', 'gone'));
    const layout = layoutTree({ name: 'shop' }, [orphan], options);
    expect(placedOf(layout, resourceKey(orphan)).column).toBe(1);
  });

  it('finds a parent by key when the reference has no uid', () => {
    const pod = node('', 'Pod', 'p', undefined, { parentRefs: [{ group: 'apps', kind: 'ReplicaSet', namespace: 'shop', name: 'web-5f6b' }] });
    const layout = layoutTree({ name: 'shop' }, [deployment, replicaSet, pod], options);
    expect(placedOf(layout, resourceKey(pod)).column).toBe(3);
  });

  it('survives a cycle of owners', () => {
    const a = node('x', 'A', 'a', undefined, { uid: 'a', parentRefs: [{ kind: 'B', name: 'b', uid: 'b' }] });
    const b = node('x', 'B', 'b', undefined, { uid: 'b', parentRefs: [{ kind: 'A', name: 'a', uid: 'a' }] });
    const layout = layoutTree({ name: 'shop' }, [a, b], options);
    expect(layout.nodes).toHaveLength(1);
  });

  it('draws a second owner with an extra edge', () => {
    const other = node('apps', 'ReplicaSet', 'other', deployment);
    const pod = node('', 'Pod', 'shared', undefined, {
      parentRefs: [
        { group: 'apps', kind: 'ReplicaSet', namespace: 'shop', name: 'web-5f6b', uid: replicaSet.uid },
        { group: 'apps', kind: 'ReplicaSet', namespace: 'shop', name: 'other', uid: other.uid },
      ],
    });
    const layout = layoutTree({ name: 'shop' }, [deployment, replicaSet, other, pod], options);
    expect(layout.edges.filter((e) => e.to === resourceKey(pod)).map((e) => e.from).sort()).toEqual(
      [resourceKey(other), resourceKey(replicaSet)].sort(),
    );
  });

  it('lays out an application without resources as a single node', () => {
    const layout = layoutTree({ name: 'shop' }, [], defaultLayoutOptions);
    expect(layout.nodes.map((n) => n.node.key)).toEqual([APPLICATION_KEY]);
    expect(layout.edges).toEqual([]);
  });
});

describe('visibleIn', () => {
  it('keeps only nodes and edges near the viewport', () => {
    const many = Array.from({ length: 200 }, (_, i) => node('', 'ConfigMap', `cm-${String(i).padStart(3, '0')}`));
    const layout = layoutTree({ name: 'shop' }, many, { ...options, maxChildren: 500 });
    const seen = visibleIn(layout, { left: 0, top: 3000, width: 800, height: 300 }, 0);
    const ys = seen.nodes.filter((n) => n.column === 1).map((n) => n.y);
    expect(ys.length).toBeGreaterThan(5);
    expect(ys.length).toBeLessThan(15);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(3000 - 20);
    // the lines to the nodes shown, and the outermost ones that carry the trunk through
    const centred = (n: { y: number; height: number }) => n.y + n.height / 2 >= 3000 && n.y + n.height / 2 <= 3300;
    const shownKeys = seen.nodes.filter((n) => n.column === 1 && centred(n)).map((n) => n.node.key);
    const edgeKeys = seen.edges.map((e) => e.to);
    expect(edgeKeys).toEqual(expect.arrayContaining(shownKeys));
    expect(edgeKeys.filter((key) => !shownKeys.includes(key))).toEqual(expect.arrayContaining([resourceKey(many[199])]));
    expect(edgeKeys.length).toBeLessThanOrEqual(shownKeys.length + 2);
  });

  it('keeps the trunk of a parent whose children are all outside the viewport', () => {
    const layout = layoutTree({ name: 'shop' }, [deployment, replicaSet, ...pods], options);
    const seen = visibleIn(layout, { left: 395, top: 21, width: 10, height: 1 }, 0);
    expect(seen.nodes).toEqual([]);
    expect(seen.edges.map((e) => e.to)).toEqual([resourceKey(pods[0])]);
  });
});
