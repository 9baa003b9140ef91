// Fake data for the mock API: 1,000 applications, and the resource trees, managed resources and
// events behind them; the application "big-platform" has 2,000 resources. Made from a fixed seed,
// so every run (and the measurements) sees the same data.

export const APPLICATION_COUNT = 1000;
export const BIG_APPLICATION = 'big-platform';
export const BIG_RESOURCE_COUNT = 2000;

const TEAMS = ['shop', 'payments', 'search', 'platform', 'data', 'ml', 'ops', 'identity'];
const COMPONENTS = ['web', 'api', 'worker', 'db', 'cache', 'gateway', 'cron', 'ui', 'auth', 'feed'];
const ENVS = ['dev', 'staging', 'prod'];
const T0 = Date.parse('2026-11-20T10:00:00Z');

/** A small seeded pseudo-random generator (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const hex = (rnd, n = 40) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
const time = (offsetMinutes) => new Date(T0 + offsetMinutes * 60_000).toISOString();

function weighted(rnd, table) {
  let r = rnd();
  for (const [value, weight] of table) {
    if ((r -= weight) < 0) return value;
  }
  return table[0][0];
}

function healthFor(rnd) {
  return weighted(rnd, [['Healthy', 0.8], ['Progressing', 0.07], ['Degraded', 0.06], ['Missing', 0.03], ['Suspended', 0.02], ['Unknown', 0.02]]);
}

/** The applications, each with its status, as the API lists them. */
export function makeApplications(count = APPLICATION_COUNT) {
  const rnd = random(42);
  const apps = [];
  for (let i = 0; i < count; i++) {
    const team = TEAMS[i % TEAMS.length];
    const component = COMPONENTS[Math.floor(i / TEAMS.length) % COMPONENTS.length];
    const env = ENVS[Math.floor(i / (TEAMS.length * COMPONENTS.length)) % ENVS.length];
    const name = i === 0 ? BIG_APPLICATION : `${team}-${component}-${env}-${String(i).padStart(4, '0')}`;
    apps.push(makeApplication(rnd, { name, team, component, env, helm: i % 7 === 3 }));
  }
  apps.push(makeApplication(rnd, { name: 'empty-app', team: 'ops', component: 'none', env: 'dev', empty: true }));
  return apps;
}

function makeApplication(rnd, { name, team, component, env, helm = false, empty = false }) {
  const health = empty ? 'Missing' : healthFor(rnd);
  const sync = empty ? 'OutOfSync' : weighted(rnd, [['Synced', 0.85], ['OutOfSync', 0.12], ['Unknown', 0.03]]);
  const revision = hex(rnd);
  const repoURL = helm ? `https://charts.example.com/${team}` : `https://git.example.com/${team}/${component}.git`;
  const source = helm ? { repoURL, chart: component, targetRevision: `1.${Math.floor(rnd() * 9)}.0` } : { repoURL, path: `deploy/${env}`, targetRevision: env === 'prod' ? 'release' : 'main' };
  const namespace = `${team}-${env}`;
  const resources = empty ? [] : managedList(name, namespace, component, rnd).map((r) => ({ ...r, status: sync === 'OutOfSync' && rnd() < 0.3 ? 'OutOfSync' : 'Synced', health: { status: r.kind === 'Deployment' ? health : 'Healthy' } }));
  const history = empty ? [] : [1, 2, 3].map((id) => ({ id, revision: id === 3 ? revision : hex(rnd), deployedAt: time(-600 * (4 - id)), source, initiatedBy: id === 2 ? { automated: true } : { username: 'admin' } }));
  const automated = env !== 'prod' && rnd() < 0.6;
  return {
    apiVersion: 'capstan.dev/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: 'capstan',
      uid: `app-${hex(rnd, 12)}`,
      resourceVersion: String(1000 + Math.floor(rnd() * 1000)),
      creationTimestamp: time(-5000 - Math.floor(rnd() * 5000)),
      labels: { team, env, tier: ['web', 'ui', 'gateway'].includes(component) ? 'front' : 'back' },
    },
    spec: {
      project: team,
      source,
      destination: { server: 'https://kubernetes.default.svc', namespace },
      syncPolicy: automated ? { automated: { prune: rnd() < 0.5, selfHeal: rnd() < 0.5 }, syncOptions: ['CreateNamespace=true'] } : undefined,
    },
    status: {
      sync: { status: sync, revision },
      health: { status: health, message: health === 'Degraded' ? `Deployment ${component} exceeded its progress deadline` : undefined },
      resources,
      reconciledAt: time(-Math.floor(rnd() * 30)),
      history,
      operationState: empty
        ? undefined
        : { phase: 'Succeeded', message: 'successfully synced (all tasks run)', startedAt: time(-60), finishedAt: time(-59), operation: { sync: { revision }, initiatedBy: { username: 'admin' } } },
      conditions: sync === 'Unknown' ? [{ type: 'ComparisonError', message: `rpc error: repository ${repoURL} not accessible: authentication required`, lastTransitionTime: time(-10) }] : undefined,
      summary: { images: [`registry.example.com/${team}/${component}:1.${Math.floor(rnd() * 20)}`] },
    },
  };
}

function managedList(name, namespace, component, rnd) {
  const list = [
    { group: '', version: 'v1', kind: 'ConfigMap', namespace, name: `${component}-config` },
    { group: '', version: 'v1', kind: 'Service', namespace, name: component },
    { group: 'apps', version: 'v1', kind: 'Deployment', namespace, name: component },
  ];
  if (rnd() < 0.5) list.push({ group: '', version: 'v1', kind: 'Secret', namespace, name: `${component}-credentials` });
  if (rnd() < 0.4) list.push({ group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', namespace, name: component });
  if (rnd() < 0.3) list.push({ group: 'batch', version: 'v1', kind: 'CronJob', namespace, name: `${component}-cleanup` });
  void name;
  return list;
}

/** The resource tree of an application: its managed objects and what they own. */
export function makeTree(app) {
  if (app.metadata.name === BIG_APPLICATION) return makeBigTree(app);
  const rnd = random(hash(app.metadata.name));
  const nodes = [];
  for (const r of app.status.resources ?? []) {
    const node = resourceNode(rnd, r, [], { sync: r.status, health: r.health, managed: true });
    nodes.push(node);
    if (r.kind === 'Deployment') {
      const rs = resourceNode(rnd, { group: 'apps', version: 'v1', kind: 'ReplicaSet', namespace: r.namespace, name: `${r.name}-${hex(rnd, 5)}` }, [node], { health: { status: 'Healthy' } });
      nodes.push(rs);
      const pods = 1 + Math.floor(rnd() * 4);
      for (let p = 0; p < pods; p++) {
        nodes.push(resourceNode(rnd, { group: '', version: 'v1', kind: 'Pod', namespace: r.namespace, name: `${rs.name}-${hex(rnd, 5)}` }, [rs], { health: r.health, images: app.status.summary.images }));
      }
    }
    if (r.kind === 'Service') {
      nodes.push(resourceNode(rnd, { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', namespace: r.namespace, name: `${r.name}-${hex(rnd, 5)}` }, [node], {}));
    }
  }
  return { nodes };
}

function makeBigTree(app) {
  const rnd = random(7);
  const ns = app.spec.destination.namespace;
  const nodes = [];
  const managed = (kind, group, name, extra = {}) => {
    const node = resourceNode(rnd, { group, version: 'v1', kind, namespace: ns, name }, [], { sync: rnd() < 0.03 ? 'OutOfSync' : 'Synced', health: { status: 'Healthy' }, managed: true, ...extra });
    nodes.push(node);
    return node;
  };
  const workload = (name, pods, degradedIndex = -1) => {
    const deployment = managed('Deployment', 'apps', name, degradedIndex >= 0 ? { health: { status: 'Degraded', message: 'Deployment has 1 unavailable replica' } } : {});
    const rs = resourceNode(rnd, { group: 'apps', version: 'v1', kind: 'ReplicaSet', namespace: ns, name: `${name}-7c9d8f` }, [deployment], { health: { status: 'Healthy' } });
    nodes.push(rs);
    for (let p = 0; p < pods; p++) {
      const bad = p === degradedIndex;
      nodes.push(resourceNode(rnd, { group: '', version: 'v1', kind: 'Pod', namespace: ns, name: `${rs.name}-${String(p).padStart(4, '0')}` }, [rs], { health: bad ? { status: 'Degraded', message: 'CrashLoopBackOff: back-off 5m0s restarting failed container' } : { status: 'Healthy' }, images: ['registry.example.com/platform/huge:2.3'] }));
    }
  };
  workload('huge', 1000, 737);
  for (let d = 0; d < 30; d++) workload(`service-${String(d).padStart(2, '0')}`, 10);
  for (let i = 0; i < 300; i++) managed('ConfigMap', '', `config-${String(i).padStart(3, '0')}`);
  for (let i = 0; i < 200; i++) managed('Service', '', `svc-${String(i).padStart(3, '0')}`);
  for (let i = 0; i < 100; i++) managed('Secret', '', `secret-${String(i).padStart(3, '0')}`);
  for (let i = 0; i < 30; i++) managed('ServiceAccount', '', `sa-${String(i).padStart(2, '0')}`);
  for (let i = 0; i < 8; i++) managed('Ingress', 'networking.k8s.io', `ingress-${i}`);
  return { nodes: nodes.slice(0, BIG_RESOURCE_COUNT) };
}

function resourceNode(rnd, ref, parents, fields) {
  return {
    ...ref,
    uid: `${hex(rnd, 8)}-${hex(rnd, 4)}-${hex(rnd, 4)}`,
    resourceVersion: String(Math.floor(rnd() * 100000)),
    createdAt: time(-Math.floor(rnd() * 3000)),
    parentRefs: parents.map((p) => ({ group: p.group, kind: p.kind, namespace: p.namespace, name: p.name, uid: p.uid })),
    managed: parents.length === 0,
    ...fields,
  };
}

/** The live object of a tree node, as JSON text. */
export function liveManifest(node) {
  return JSON.stringify(objectOf(node, false));
}

/** managed-resources of an application: desired and live state, and their diff for those out of sync. */
export function makeManaged(tree) {
  return {
    items: tree.nodes
      .filter((n) => n.managed)
      .map((n) => {
        const live = objectOf(n, false);
        const desired = objectOf(n, n.sync === 'OutOfSync');
        return {
          group: n.group,
          kind: n.kind,
          namespace: n.namespace,
          name: n.name,
          status: n.sync,
          hook: false,
          requiresPruning: false,
          liveState: n.health?.status === 'Missing' ? 'null' : JSON.stringify(live),
          targetState: JSON.stringify(desired),
          normalizedLiveState: JSON.stringify(live),
          predictedLiveState: JSON.stringify(desired),
          diff: n.sync === 'OutOfSync' ? diffOf(n) : '',
        };
      }),
  };
}

function objectOf(node, changed) {
  const meta = { name: node.name, namespace: node.namespace || undefined, labels: { 'app.kubernetes.io/instance': node.namespace } };
  const apiVersion = node.group ? `${node.group}/${node.version ?? 'v1'}` : node.version ?? 'v1';
  switch (node.kind) {
    case 'ConfigMap':
      return { apiVersion, kind: node.kind, metadata: meta, data: { mode: changed ? 'fast' : 'slow', 'log.level': 'info' } };
    case 'Secret':
      return { apiVersion, kind: node.kind, metadata: meta, type: 'Opaque', data: { password: '++++++++' } };
    case 'Deployment':
      return { apiVersion, kind: node.kind, metadata: meta, spec: { replicas: changed ? 3 : 2, selector: { matchLabels: { app: node.name } }, template: { metadata: { labels: { app: node.name } }, spec: { containers: [{ name: node.name, image: `registry.example.com/${node.name}:${changed ? '1.3' : '1.2'}` }] } } } };
    default:
      return { apiVersion, kind: node.kind, metadata: meta, spec: {} };
  }
}

function diffOf(node) {
  if (node.kind === 'Deployment') {
    return ['--- live', '+++ desired', '@@ -9,7 +9,7 @@', ' metadata:', '   name: ' + node.name, ' spec:', '-  replicas: 2', '+  replicas: 3', '   template:', '     spec:', '       containers:', `-      - image: registry.example.com/${node.name}:1.2`, `+      - image: registry.example.com/${node.name}:1.3`, ''].join('\n');
  }
  return ['--- live', '+++ desired', '@@ -1,6 +1,6 @@', ' apiVersion: v1', ' data:', "   log.level: info", '-  mode: slow', '+  mode: fast', ` kind: ${node.kind}`, ''].join('\n');
}

/** Events of an application or of one of its resources. */
export function makeEvents(appName, node) {
  const rnd = random(hash(appName + (node?.name ?? '')));
  const subject = node ?? { kind: 'Application', name: appName, namespace: 'capstan' };
  const reasons = node?.kind === 'Pod' ? [['Normal', 'Scheduled', 'Successfully assigned to node-1'], ['Normal', 'Pulled', 'Container image already present on machine'], ['Normal', 'Started', 'Started container']] : [['Normal', 'ResourceUpdated', 'Updated sync status: OutOfSync -> Synced'], ['Normal', 'OperationCompleted', 'Sync operation succeeded']];
  if (node?.health?.status === 'Degraded') reasons.push(['Warning', 'BackOff', 'Back-off restarting failed container']);
  return {
    items: reasons.map(([type, reason, message], i) => ({
      metadata: { name: `${subject.name}.${hex(rnd, 8)}`, namespace: subject.namespace, uid: hex(rnd, 16) },
      type,
      reason,
      message,
      count: 1 + Math.floor(rnd() * 5),
      firstTimestamp: time(-120 + i),
      lastTimestamp: time(-30 + i * 5),
      involvedObject: { kind: subject.kind, name: subject.name, namespace: subject.namespace },
    })),
  };
}

export function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
