package dev.capstan.bench;

import java.util.List;
import java.util.Locale;

/**
 * A page of the web UI to time, and the same data without the UI. Each is JavaScript run in a page
 * of the logged-in browser, on the API's origin:
 * <ul>
 *   <li>{@code shown}: a predicate polled on every animation frame of the UI's page; it returns
 *       {@code performance.now()} once the page shows what a user came for, else false;</li>
 *   <li>{@code floor}: fetches the page's API answers and parses them, nothing shown; returns
 *       {@code {ms, parseMs, items}} measured inside the page ({@code parseMs}: JSON.parse alone);</li>
 *   <li>{@code peer}: the same fetches, then the data drawn as one plain HTML table by
 *       {@code innerHTML}, no framework, laid out ({@code offsetHeight}); returns
 *       {@code {ms, items}}.</li>
 * </ul>
 *
 * @param apiPaths  the API paths the UI's page loads its data from (for its resource timings)
 * @param apiRoutes the same calls as the API server's metrics name their routes
 * @param items     how many items the data holds (applications, or tree nodes)
 */
record UiScenario(String name, String path, String shown, String floor, String peer, List<String> apiPaths, List<String> apiRoutes,
                  int items) {

    private static final String LIST = "/api/v1/applications";

    /** The list of applications; shown once it counts them all and the first tile is in view. */
    static UiScenario applicationList(int applications, String first) {
        String shown = """
                () => {
                  const count = document.querySelector('[data-testid="apps-count"]');
                  const tile = document.querySelector('[data-testid="app-tile-%s"]');
                  if (!count || count.textContent !== '%d' || !tile) return false;
                  const box = tile.getBoundingClientRect();
                  return box.height > 0 && box.top < innerHeight ? performance.now() : false;
                }""".formatted(first, applications);
        String floor = """
                async () => {
                  const start = performance.now();
                  const text = await fetch('%s', { headers: { Accept: 'application/json' } }).then((answer) => answer.text());
                  const parsing = performance.now();
                  const list = JSON.parse(text);
                  const end = performance.now();
                  return { ms: end - start, parseMs: end - parsing, items: (list.items ?? []).length };
                }""".formatted(LIST);
        String peer = """
                async () => {
                  const start = performance.now();
                  const list = await fetch('%s', { headers: { Accept: 'application/json' } }).then((answer) => answer.json());
                  const text = (value) => String(value ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
                  const rows = (list.items ?? []).map((app) => `<tr><td>${text(app.metadata.name)}</td><td>${text(app.spec?.project)}</td>`
                      + `<td>${text(app.status?.sync?.status)}</td><td>${text(app.status?.health?.status)}</td></tr>`);
                  document.body.innerHTML = '<table><thead><tr><th>name</th><th>project</th><th>sync</th><th>health</th></tr></thead>'
                      + `<tbody>${rows.join('')}</tbody></table>`;
                  const height = document.body.offsetHeight;
                  return { ms: performance.now() - start, items: rows.length, height };
                }""".formatted(LIST);
        return new UiScenario("ui-list-" + applications, "/applications", shown, floor, peer, List.of(LIST), List.of(LIST), applications);
    }

    /** One application's page; shown once it counts all its resources and the graph shows the application and a resource. */
    static UiScenario applicationTree(String application, int resources) {
        String app = LIST + "/" + application;
        String tree = app + "/resource-tree";
        String shown = """
                () => {
                  const count = document.querySelector('[data-testid="resource-count"]');
                  const graph = document.querySelector('[data-testid="resource-graph"]');
                  if (!count || !count.textContent.startsWith('%s resources') || !graph) return false;
                  const root = graph.querySelector('[data-testid="tree-node-application"]');
                  const node = graph.querySelector('[data-testid^="tree-node-/"]');
                  if (!root || !node) return false;
                  const box = node.getBoundingClientRect();
                  return box.height > 0 && box.top < innerHeight ? performance.now() : false;
                }""".formatted(String.format(Locale.US, "%,d", resources));
        String fetchBoth = """
                  const json = (path) => fetch(path, { headers: { Accept: 'application/json' } }).then((answer) => answer.json());
                  const [app, tree] = await Promise.all([json('%s'), json('%s')]);""".formatted(app, tree);
        String floor = """
                async () => {
                  const start = performance.now();
                  const text = (path) => fetch(path, { headers: { Accept: 'application/json' } }).then((answer) => answer.text());
                  const texts = await Promise.all([text('%s'), text('%s')]);
                  const parsing = performance.now();
                  const [app, tree] = texts.map((each) => JSON.parse(each));
                  const end = performance.now();
                  return { ms: end - start, parseMs: end - parsing, items: (tree.nodes ?? []).length, app: app.metadata.name };
                }""".formatted(app, tree);
        String peer = """
                async () => {
                  const start = performance.now();
                %s
                  const text = (value) => String(value ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
                  const rows = (tree.nodes ?? []).map((node) => `<tr><td>${text(node.kind)}</td><td>${text(node.namespace)}</td>`
                      + `<td>${text(node.name)}</td><td>${text(node.sync)}</td><td>${text(node.health?.status)}</td></tr>`);
                  document.body.innerHTML = `<h1>${text(app.metadata.name)}</h1><p>${text(app.status?.sync?.status)} `
                      + `${text(app.status?.health?.status)} ${text(app.status?.sync?.revision)}</p>`
                      + '<table><thead><tr><th>kind</th><th>namespace</th><th>name</th><th>sync</th><th>health</th></tr></thead>'
                      + `<tbody>${rows.join('')}</tbody></table>`;
                  const height = document.body.offsetHeight;
                  return { ms: performance.now() - start, items: rows.length, height };
                }""".formatted(fetchBoth);
        return new UiScenario("ui-tree-" + resources, "/applications/" + application, shown, floor, peer, List.of(app, tree),
                List.of(LIST + "/:name", LIST + "/:name/resource-tree"), resources);
    }

    /**
     * Where the UI's page spent its time, read from its own performance timeline once it showed
     * the data: the navigation's DOMContentLoaded (HTML and scripts in), the end of the session
     * check ({@code GET /api/v1/session/userinfo}, which the pages wait for), the first and the
     * last moment of the API calls of {@code apiPaths}, and their bytes (decoded, and as sent).
     */
    static final String TIMELINE = """
            (paths) => {
              const navigation = performance.getEntriesByType('navigation')[0];
              const resources = performance.getEntriesByType('resource');
              const calls = resources.filter((entry) => paths.includes(new URL(entry.name).pathname));
              const session = resources.find((entry) => new URL(entry.name).pathname === '/api/v1/session/userinfo');
              return {
                domContentLoaded: navigation ? navigation.domContentLoadedEventEnd : -1,
                sessionEnd: session ? session.responseEnd : -1,
                apiStart: calls.length ? Math.min(...calls.map((entry) => entry.startTime)) : -1,
                apiEnd: calls.length ? Math.max(...calls.map((entry) => entry.responseEnd)) : -1,
                apiBytes: calls.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
                apiTransferred: calls.reduce((sum, entry) => sum + entry.transferSize, 0),
                apiCalls: calls.length,
              };
            }""";
}
