// How long the in-memory work of the UI takes at the mock's sizes: filtering 1,000 applications
// and laying out a tree of 2,000 resources. Prints the times (`npm run measure`); asserts none,
// since they depend on the machine.
import { expect, test } from 'vitest';
// Plain JavaScript shared with the mock server (measure files are left out of the type check).
import { BIG_APPLICATION, makeApplications, makeTree } from '../../mock/fixtures.mjs';
import type { Application, ApplicationWatchEvent, ResourceNode } from '../api/types';
import { applyEvents, emptyList } from '../applications/applicationList';
import { facetsOf, filterApplications, filterFromQuery } from '../applications/applicationFilter';
import { defaultLayoutOptions, layoutTree, visibleIn } from '../resources/treeLayout';

function time(label: string, run: () => unknown, rounds = 20): void {
  run(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(58)} median ${median.toFixed(2).padStart(8)} ms   max ${samples[samples.length - 1].toFixed(2).padStart(8)} ms`);
}

test('list filtering of 1,000 applications', () => {
  const apps = makeApplications() as Application[];
  const events: ApplicationWatchEvent[] = apps.map((application) => ({ type: 'ADDED', application }));
  console.log(`\n${apps.length} applications`);
  time('merge 1,000 ADDED stream events into an empty list', () => applyEvents(emptyList, events));
  time('count the facets (project, sync, health, namespace)', () => facetsOf(apps));
  const filters = {
    'health=Degraded': 'health=Degraded',
    'search=payments api (two words)': 'search=payments%20api',
    'project x2, sync, label, search': 'project=shop&project=data&sync=Synced&label=tier%3Dfront&search=web',
  };
  for (const [label, query] of Object.entries(filters)) {
    const filter = filterFromQuery(new URLSearchParams(query));
    time(`filter ${label}`, () => filterApplications(apps, filter));
  }
  expect(filterApplications(apps, filterFromQuery(new URLSearchParams('health=Degraded'))).length).toBeGreaterThan(0);
});

test('tree layout of 2,000 resources', () => {
  const big = (makeApplications() as Application[]).find((app) => app.metadata.name === BIG_APPLICATION)!;
  const nodes = makeTree(big).nodes as ResourceNode[];
  console.log(`\n${nodes.length} resources`);
  const summary = { name: BIG_APPLICATION };
  time('layout, siblings folded beyond 10', () => layoutTree(summary, nodes, defaultLayoutOptions));
  time('layout, everything shown', () => layoutTree(summary, nodes, { ...defaultLayoutOptions, maxChildren: Number.MAX_SAFE_INTEGER }));
  const all = layoutTree(summary, nodes, { ...defaultLayoutOptions, maxChildren: Number.MAX_SAFE_INTEGER });
  time('nodes and edges in a 1400x900 viewport (all shown)', () => visibleIn(all, { left: 0, top: all.height / 2, width: 1400, height: 900 }), 200);
  console.log(`all shown: ${all.nodes.length} nodes, ${all.edges.length} edges, ${all.width}x${all.height} px`);
  expect(all.nodes.length).toBe(nodes.length + 1);
});
