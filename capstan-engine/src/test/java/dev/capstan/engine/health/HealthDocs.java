package dev.capstan.engine.health;

import java.util.List;

/** docs/health.md, rendered from the rule library: how health is decided, how to add rules, and every covered kind. */
final class HealthDocs {

    static final String REGENERATE = "./mvnw -B -q -ntp test -pl capstan-engine -Dtest=HealthDocsTest -Dcapstan.health.docs=write";

    private HealthDocs() {
    }

    static String markdown(List<LibraryFiles.Kind> kinds) {
        var text = new StringBuilder();
        text.append("""
                # Resource health

                <!-- Generated from capstan-engine/src/main/resources/dev/capstan/engine/health/library;
                     do not edit by hand. Regenerate with:
                     %s -->

                Capstan gives every object it manages a health: Healthy, Suspended, Progressing, Missing,
                Degraded or Unknown, with a message, and names the rule that decided it (`capstan health
                FILE` prints it in the RULE column; the controller keeps it in the Application's
                `status.resources`). An application's health is the worst of its resources'.

                ## How health is decided

                For each object the first of these that has an answer decides:

                | # | rule | `decidedBy` |
                | --- | --- | --- |
                | 1 | your CEL rules, in the order given | `cel:<source>#<index>` |
                | 2 | pending deletion: an object with a `deletionTimestamp` is Progressing | `deletion` |
                | 3 | your Lua health checks, brought from Argo CD, in the order given | `lua:<source>:<group>/<Kind>` |
                | 4 | Capstan's built-in check for the kind (Deployment, Pod, Job, PVC, ...) | `builtin:<Kind.group>` |
                | 5 | the rule library: one CEL rule file per kind, listed below | `library:<Kind.group>` |
                | 6 | the generic fallback, for any other kind | `generic:<aspect>` |

                Your Lua checks come after deletion because Argo CD never shows its scripts an object being
                deleted; scripts written for it rely on that. A rule or script that fails (does not compile,
                reads a field that is absent, runs too long, returns something odd) gives `Unknown` with
                the reason, naming where it came from; it never stops Capstan.

                The generic fallback reads the conventions most controllers follow: `spec.suspend` or
                `spec.paused` (and Crossplane's `crossplane.io/paused` annotation) is Suspended; an object
                without a status carries no health information and does not count; a
                `status.observedGeneration` behind `metadata.generation` is Progressing; then conditions
                (kstatus' `Stalled` and `Reconciling`, `Failed` and `Degraded`, Crossplane's `Synced` beside
                `Ready` for managed resources, composite resources and claims of any group, then the first
                of `Ready`, `Available`, `Healthy`, `Succeeded`, `Synced`), `status.phase`, a boolean
                `status.ready`, and a current `observedGeneration`. A status with nothing recognisable is
                `Unknown`, saying what it found, so that you notice and write a rule.

                ## Writing a CEL rule

                A rule file is a YAML list; each rule names a kind and lists checks, tried in order, the
                first whose `when` holds deciding. `object` is the live object.

                ```yaml
                - group: example.com            # "" or core for the core group
                  kind: Widget
                  checks:
                    - when: "object.?status.conditions.orValue([]).exists(c, c.type == 'Ready' && c.status == 'True')"
                      status: Healthy
                      message: widget is ready
                    - when: "object.?status.endpoint.orValue('') == ''"
                      status: Progressing
                      messageExpression: "'waiting for an endpoint for ' + object.metadata.name"
                ```

                Use `has()` or `?.` with `orValue()` for fields that may be absent. When no check applies, the
                next rule for the kind is tried, then the rest of the list above.

                - `capstan health FILE... --rules RULES.yaml` or `--rules-configmap NAMESPACE/NAME` (every
                  data key of the ConfigMap is a rule file); `capstan apply` takes the same options.
                - The controller reads the ConfigMap `capstan-health-rules` in its namespace at start (every
                  data key a rule file; `--health-rules-configmap NAME` names another). A key that is not a
                  rule file is logged, naming the key, and left out; the others still apply.

                ## Bringing Argo CD's Lua health checks

                Capstan runs Argo CD's Lua health scripts unchanged, read from data in the format of
                Argo CD's `argocd-cm` ConfigMap:

                ```yaml
                data:
                  resource.customizations.health.cert-manager.io_Certificate: |   # <group>_<Kind>
                    hs = {}
                    if obj.status ~= nil and obj.status.conditions ~= nil then
                      for i, condition in ipairs(obj.status.conditions) do
                        if condition.type == "Ready" and condition.status == "True" then
                          hs.status = "Healthy"
                          hs.message = condition.message
                          return hs
                        end
                      end
                    end
                    hs.status = "Progressing"
                    hs.message = "Waiting for certificate"
                    return hs
                  resource.customizations.health.PersistentVolumeClaim: |         # core group: <Kind> alone
                    ...
                  resource.customizations: |                                      # Argo CD's older form
                    example.com/Widget:
                      health.lua: |
                        ...
                    "*.crossplane.io/*":                                          # wildcards: older form only
                      health.lua: |
                        ...
                ```

                Other keys (Argo CD's other settings, actions, ignoreDifferences) are ignored. Where both
                forms name a kind the per-key form wins, and an exact kind wins over a wildcard. A script
                sees the object as `obj` (arrays indexed from 1, JSON null as nil) and returns a table with
                `status` (Healthy, Progressing, Degraded, Suspended, Missing or Unknown) and `message`.

                Scripts run in a sandbox: a fresh environment for every object, the base functions,
                `string`, `table`, `math`, and of `os` only `time`, `date`, `clock` and `difftime`; `io`,
                `require` (except of those libraries), `load`, `dofile`, `debug`, coroutines and Java are
                refused with a message saying so. Each run may use a million VM instructions and half a
                second; an endless loop stops there and gives `Unknown`.

                - `capstan health FILE... --lua-file argocd-cm.yaml` (a ConfigMap manifest, or a YAML mapping
                  of its data keys) or `--lua-configmap NAMESPACE/NAME` (read from the cluster, e.g.
                  `argocd/argocd-cm`); `capstan apply` takes the same options.
                - The controller reads the ConfigMap `capstan-health-lua` in its namespace at start
                  (`--health-lua-configmap NAME` names another, such as a copy of `argocd-cm`). A script
                  that does not compile is logged, naming its key, and judges its kinds `Unknown`.

                ## The rule library

                Kinds Capstan judges with a rule of its library, each a file
                `capstan-engine/src/main/resources/dev/capstan/engine/health/library/<group>/<Kind>.yaml`
                whose fixtures (at least three, one Healthy and one not) live in
                `capstan-engine/src/test/resources/health/<group>/<Kind>/`. Adding a kind is adding those
                files; `HealthLibraryCoverageTest` checks them, and this page is regenerated with:

                ```
                %s
                ```

                """.formatted(REGENERATE, REGENERATE));
        long groups = kinds.stream().map(kind -> kind.kind().group()).distinct().count();
        text.append("Covered: %s in %s.%n%n".formatted(count(kinds.size(), "kind"), count(groups, "group")));
        text.append("| group | kind | what the rule reads | fixtures |\n| --- | --- | --- | --- |\n");
        for (LibraryFiles.Kind kind : kinds) {
            text.append("| %s | %s | %s | %d |%n".formatted(kind.kind().isCore() ? "core" : kind.kind().group(), kind.kind().kind(),
                    kind.summary().replace("|", "\\|"), kind.fixtures().size()));
        }
        return text.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
