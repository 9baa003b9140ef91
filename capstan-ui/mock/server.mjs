// A fake Capstan API server for trying the UI without a cluster: `npm run build && npm run dev:mock`.
// Serves the built UI from target/classes/dev/capstan/ui and the calls of docs/api.md from JSON
// fixtures (written to target/mock-fixtures/ on first start from fixtures.mjs; edit them and
// restart to change the data). Users: admin/admin (everything) and viewer/viewer (read only).
// Applications change at random every few seconds, so the live updates can be watched.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, extname, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { hash, liveManifest, makeApplications, makeEvents, makeManaged, makeTree, random } from './fixtures.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const UI = join(ROOT, 'target/classes/dev/capstan/ui');
const FIXTURES = join(ROOT, 'target/mock-fixtures');
const PORT = Number(process.env.PORT ?? 8090);
const HOST = process.env.HOST ?? '127.0.0.1';
const CHANGE_EVERY_MS = Number(process.env.CHANGE_EVERY_MS ?? 3000);

const USERS = { admin: { password: 'admin', groups: ['admins'], canWrite: true }, viewer: { password: 'viewer', groups: [], canWrite: false } };

function loadFixtures() {
  const file = join(FIXTURES, 'applications.json');
  if (!existsSync(file)) {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(file, JSON.stringify({ items: makeApplications() }));
  }
  return JSON.parse(readFileSync(file, 'utf8')).items;
}

const apps = new Map(loadFixtures().map((app) => [app.metadata.name, app]));
const trees = new Map();
const sessions = new Map();
const failedLogins = new Map();
const watchers = new Set();
let resourceVersion = 5000;

function treeOf(app) {
  const name = app.metadata.name;
  if (!trees.has(name)) {
    const file = join(FIXTURES, `tree-${name}.json`);
    if (!existsSync(file)) writeFileSync(file, JSON.stringify(makeTree(app)));
    trees.set(name, JSON.parse(readFileSync(file, 'utf8')));
  }
  return trees.get(name);
}

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

const REASON = { 400: 'InvalidArgument', 401: 'Unauthenticated', 403: 'PermissionDenied', 404: 'NotFound', 409: 'AlreadyExists', 429: 'TooManyRequests' };
const fail = (res, code, message, headers) => send(res, code, { error: REASON[code] ?? 'Internal', code, message }, headers);

function userOf(req) {
  const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith('capstan.token='));
  const token = cookie?.slice('capstan.token='.length) ?? (req.headers.authorization ?? '').replace(/^Bearer /, '');
  return sessions.get(token);
}

async function bodyOf(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}

function bump(app) {
  app.metadata.resourceVersion = String(++resourceVersion);
  return app;
}

function publish(type, app) {
  const data = `data: ${JSON.stringify({ result: { type, application: app } })}\n\n`;
  for (const watcher of watchers) {
    if (!watcher.name || watcher.name === app.metadata.name) watcher.res.write(data);
  }
}

function change(app, mutate) {
  mutate(app);
  bump(app);
  publish('MODIFIED', app);
}

/** A sync in steps: Running with tasks finishing one by one, then Succeeded, a new history entry. */
function runSync(app, sync, user) {
  const resources = (app.status.resources ?? []).filter((r) => !sync.resources || sync.resources.some((s) => s.kind === r.kind && s.name === r.name));
  const tasks = resources.map((r) => ({ group: r.group, kind: r.kind, namespace: r.namespace, name: r.name, phase: 'Sync', wave: 0, action: 'APPLY', status: 'PENDING', message: '' }));
  const revision = sync.revision || app.status.sync.revision;
  app.status.operationState = {
    phase: 'Running',
    message: 'syncing',
    startedAt: new Date().toISOString(),
    operation: { sync, initiatedBy: { username: user } },
    syncResult: { revision, state: { phase: 'RUNNING', syncPhase: 'Sync', wave: 0, tasks } },
  };
  bump(app);
  let step = 0;
  const timer = setInterval(() => {
    if (!apps.has(app.metadata.name) || app.status.operationState?.phase !== 'Running') return clearInterval(timer);
    change(app, () => {
      if (step < tasks.length) {
        tasks[step].status = 'SUCCEEDED';
        tasks[step].message = sync.dryRun ? 'configured (server dry run)' : 'configured';
        if (tasks[step + 1]) tasks[step + 1].status = 'RUNNING';
        step += 1;
        return;
      }
      clearInterval(timer);
      const state = app.status.operationState;
      state.phase = 'Succeeded';
      state.message = sync.dryRun ? 'successfully synced (dry run)' : 'successfully synced (all tasks run)';
      state.finishedAt = new Date().toISOString();
      state.syncResult.state.phase = 'SUCCEEDED';
      if (!sync.dryRun) {
        app.status.sync = { status: 'Synced', revision };
        for (const r of app.status.resources ?? []) r.status = 'Synced';
        const history = app.status.history ?? (app.status.history = []);
        const id = (history.at(-1)?.id ?? 0) + 1;
        history.push({ id, revision, deployedAt: state.finishedAt, source: sync.source ?? app.spec.source, initiatedBy: { username: user } });
        if (history.length > 10) history.shift();
      }
    });
  }, 700);
}

function mayWrite(res, user, action, app) {
  if (USERS[user]?.canWrite) return true;
  fail(res, 403, `permission denied: applications, ${action}, ${app ? `${app.spec.project}/${app.metadata.name}` : '*'}`);
  return false;
}

async function api(req, res, url) {
  const path = url.pathname;
  const method = req.method;

  if (path === '/api/v1/session' && method === 'POST') {
    const body = await bodyOf(req);
    const key = body?.username ?? '';
    const failures = (failedLogins.get(key) ?? []).filter((t) => Date.now() - t < 300_000);
    if (failures.length >= 5) return fail(res, 429, 'too many failed logins; try again later', { 'Retry-After': String(Math.ceil((failures[0] + 300_000 - Date.now()) / 1000)) });
    const user = USERS[key];
    if (!user || user.password !== body.password) {
      failedLogins.set(key, [...failures, Date.now()]);
      return fail(res, 401, 'invalid username or password');
    }
    const token = randomBytes(16).toString('hex');
    sessions.set(token, key);
    return send(res, 200, { token }, { 'Set-Cookie': `capstan.token=${token}; HttpOnly; SameSite=Strict; Path=/` });
  }
  if (path === '/api/v1/session' && method === 'DELETE') {
    const user = userOf(req);
    for (const [token, name] of sessions) if (name === user) sessions.delete(token);
    return send(res, 200, {}, { 'Set-Cookie': 'capstan.token=; Max-Age=0; Path=/' });
  }
  if (path === '/api/v1/session/userinfo') {
    const user = userOf(req);
    return send(res, 200, user ? { loggedIn: true, username: user, groups: USERS[user].groups } : { loggedIn: false });
  }

  const user = userOf(req);
  if (!user) return fail(res, 401, 'no session: log in');

  if (path === '/api/v1/stream/applications') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    const watcher = { res, name: url.searchParams.get('name') ?? '' };
    watchers.add(watcher);
    for (const app of apps.values()) {
      if (!watcher.name || watcher.name === app.metadata.name) res.write(`data: ${JSON.stringify({ result: { type: 'ADDED', application: app } })}\n\n`);
    }
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      watchers.delete(watcher);
    });
    return;
  }
  if (path === '/api/v1/projects') {
    const names = [...new Set([...apps.values()].map((a) => a.spec.project)), 'default'].sort();
    return send(res, 200, { items: names.map((name) => ({ metadata: { name }, spec: { sourceRepos: ['*'] } })) });
  }
  if (path === '/api/v1/applications' && method === 'GET') {
    return send(res, 200, { items: [...apps.values()] });
  }
  if (path === '/api/v1/applications' && method === 'POST') {
    if (!mayWrite(res, user, 'create')) return;
    const app = await bodyOf(req);
    const name = app?.metadata?.name;
    if (!name) return fail(res, 400, 'metadata.name: required');
    if (!app.spec?.destination) return fail(res, 400, 'spec.destination: required');
    if (apps.has(name)) return fail(res, 409, `application ${name} already exists`);
    app.metadata = { ...app.metadata, namespace: 'capstan', uid: randomBytes(6).toString('hex'), creationTimestamp: new Date().toISOString() };
    app.status = { sync: { status: 'OutOfSync' }, health: { status: 'Missing' }, resources: [], history: [] };
    apps.set(name, bump(app));
    trees.set(name, { nodes: [] });
    publish('ADDED', app);
    return send(res, 200, app);
  }

  const match = /^\/api\/v1\/applications\/([^/]+)(?:\/(.+))?$/.exec(path);
  if (!match) return fail(res, 404, `no such path: ${path}`);
  const name = decodeURIComponent(match[1]);
  const sub = match[2] ?? '';
  const app = apps.get(name);
  if (!app) return fail(res, 404, `application ${name} not found`);

  if (sub === '' && method === 'GET') {
    const refresh = url.searchParams.get('refresh');
    if (refresh) {
      change(app, () => (app.metadata.annotations = { ...app.metadata.annotations, 'capstan.dev/refresh': refresh }));
      setTimeout(() => change(app, () => {
        delete app.metadata.annotations['capstan.dev/refresh'];
        app.status.reconciledAt = new Date().toISOString();
      }), refresh === 'hard' ? 2500 : 1200);
    }
    return send(res, 200, app);
  }
  if (sub === '' && method === 'PUT') {
    if (!mayWrite(res, user, 'update', app)) return;
    const body = await bodyOf(req);
    if (!body?.spec) return fail(res, 400, 'spec: required');
    if (body.metadata?.resourceVersion && body.metadata.resourceVersion !== app.metadata.resourceVersion) {
      return send(res, 409, { error: 'Conflict', code: 409, message: `application ${name} changed meanwhile; reload and edit again` });
    }
    change(app, () => {
      app.spec = body.spec;
      app.metadata.labels = body.metadata?.labels;
      app.metadata.annotations = body.metadata?.annotations;
    });
    return send(res, 200, app);
  }
  if (sub === '' && method === 'DELETE') {
    if (!mayWrite(res, user, 'delete', app)) return;
    apps.delete(name);
    bump(app);
    publish('DELETED', app);
    return send(res, 200, {});
  }
  if (sub === 'sync' && method === 'POST') {
    if (!mayWrite(res, user, 'sync', app)) return;
    if (app.status.operationState?.phase === 'Running') return fail(res, 409, 'another operation is already in progress');
    const body = await bodyOf(req);
    if (!body) return fail(res, 400, 'body: not JSON');
    runSync(app, { revision: body.revision, prune: body.prune, dryRun: body.dryRun, resources: body.resources, syncOptions: body.syncOptions?.items }, user);
    publish('MODIFIED', app);
    return send(res, 200, app);
  }
  if (sub === 'rollback' && method === 'POST') {
    if (!mayWrite(res, user, 'rollback', app)) return;
    const body = await bodyOf(req);
    const entry = (app.status.history ?? []).find((h) => h.id === body?.id);
    if (!entry) return fail(res, 404, `history entry ${body?.id} not found`);
    if (app.spec.syncPolicy?.automated) return fail(res, 400, 'rollback cannot be initiated when auto-sync is enabled');
    runSync(app, { revision: entry.revision, source: entry.source, rollbackTo: entry.id }, user);
    publish('MODIFIED', app);
    return send(res, 200, app);
  }
  if (sub === 'operation' && method === 'DELETE') {
    if (!mayWrite(res, user, 'sync', app)) return;
    change(app, () => {
      const state = app.status.operationState;
      if (state?.phase === 'Running') Object.assign(state, { phase: 'Failed', message: 'operation terminated', finishedAt: new Date().toISOString() });
    });
    return send(res, 200, {});
  }
  if (sub === 'resource-tree') return send(res, 200, treeOf(app));
  if (sub === 'managed-resources') return send(res, 200, makeManaged(treeOf(app)));
  const findNode = () =>
    treeOf(app).nodes.find((n) => n.kind === url.searchParams.get('kind') && n.name === (url.searchParams.get('resourceName') ?? url.searchParams.get('name')) && (n.namespace ?? '') === (url.searchParams.get('namespace') ?? url.searchParams.get('resourceNamespace') ?? ''));
  if (sub === 'resource') {
    const node = findNode();
    return node ? send(res, 200, { manifest: liveManifest(node) }) : fail(res, 404, 'resource not found');
  }
  if (sub === 'events') {
    const resourceName = url.searchParams.get('resourceName');
    const node = resourceName ? treeOf(app).nodes.find((n) => n.name === resourceName && (n.namespace ?? '') === (url.searchParams.get('resourceNamespace') ?? '')) : undefined;
    return send(res, 200, makeEvents(name, node));
  }
  return fail(res, 404, `no such path: ${path}`);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.woff2': 'font/woff2' };

function serveUi(res, url) {
  const file = join(UI, url.pathname);
  const inside = file.startsWith(UI) && existsSync(file) && statSync(file).isFile();
  const target = inside ? file : join(UI, 'index.html');
  if (!existsSync(target)) return send(res, 500, 'The UI is not built: run `npm run build` first.\n');
  res.writeHead(200, { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' });
  res.end(readFileSync(target));
}

// Now and then an application changes health or sync, as a cluster's would.
const rnd = random(hash('changes'));
const names = () => [...apps.keys()];
setInterval(() => {
  const list = names();
  if (list.length === 0) return;
  const app = apps.get(list[Math.floor(rnd() * list.length)]);
  if (app.status.operationState?.phase === 'Running') return;
  change(app, () => {
    const health = ['Healthy', 'Healthy', 'Progressing', 'Degraded'][Math.floor(rnd() * 4)];
    app.status.health = { status: health, message: health === 'Degraded' ? 'Deployment has 1 unavailable replica' : undefined };
    app.status.sync.status = rnd() < 0.7 ? 'Synced' : 'OutOfSync';
    app.status.reconciledAt = new Date().toISOString();
  });
}, CHANGE_EVERY_MS).unref();

createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const handle = url.pathname.startsWith('/api/') ? api(req, res, url) : Promise.resolve(serveUi(res, url));
  handle.catch((e) => fail(res, 500, String(e?.message ?? e)));
}).listen(PORT, HOST, () => {
  console.log(`Capstan mock API and UI on http://${HOST}:${PORT}/ — users admin/admin and viewer/viewer; ${apps.size} applications`);
});
