package dev.capstan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import dev.capstan.engine.Manifest;

/**
 * The objects of {@code bench health}: live objects of 17 kinds (built-in workloads, library kinds,
 * custom resources only the generic fallback knows, configuration), each in one of its usual
 * states (healthy, rolling out, failing, suspended), with the fields a real API server returns
 * (labels, annotations, managed fields left out). Built from a fixed seed, so every run judges
 * the same 10,000 objects.
 */
final class HealthObjects {

    private static final List<BiFunction<Integer, Random, String>> KINDS = List.of(
            HealthObjects::deployment, HealthObjects::pod, HealthObjects::statefulSet, HealthObjects::daemonSet,
            HealthObjects::job, HealthObjects::service, HealthObjects::claim, HealthObjects::configMap,
            HealthObjects::certificate, HealthObjects::kustomization, HealthObjects::helmRelease, HealthObjects::rollout,
            HealthObjects::kafka, HealthObjects::bucket, HealthObjects::pipelineRun, HealthObjects::widget,
            HealthObjects::serviceMonitor);

    private HealthObjects() {
    }

    static int kinds() {
        return KINDS.size();
    }

    static List<Manifest> mix(int count) {
        var random = new Random(20261126L);
        var objects = new ArrayList<Manifest>(count);
        for (int i = 0; i < count; i++) {
            objects.add(Manifest.parse(KINDS.get(i % KINDS.size()).apply(i, random)));
        }
        return objects;
    }

    private static String metadata(String name, int i, long generation) {
        return """
                metadata:
                  name: %s-%d
                  namespace: team-%d
                  uid: 6f1c2a4e-%04d-4c1e-9a7b-%012d
                  resourceVersion: "%d"
                  generation: %d
                  creationTimestamp: "2026-11-20T08:00:00Z"
                  labels:
                    app.kubernetes.io/name: %s
                    app.kubernetes.io/instance: %s-%d
                    app.kubernetes.io/part-of: shop
                  annotations:
                    capstan.dev/tracking-id: shop:apps/%s:team-%d/%s-%d
                """.formatted(name, i, i % 20, i % 10_000, i, 1000 + i, generation, name, name, i, name, i % 20, name, i);
    }

    private static String deployment(int i, Random random) {
        int state = random.nextInt(10);
        int replicas = 1 + random.nextInt(5);
        int updated = state < 7 ? replicas : replicas - 1;
        return "apiVersion: apps/v1\nkind: Deployment\n" + metadata("web", i, 4) + """
                spec:
                  replicas: %d
                  paused: %s
                  selector: {matchLabels: {app.kubernetes.io/name: web}}
                  template:
                    metadata: {labels: {app.kubernetes.io/name: web}}
                    spec:
                      containers:
                        - name: web
                          image: ghcr.io/acme/web:1.%d.0
                          ports: [{containerPort: 8080}]
                          resources: {requests: {cpu: 100m, memory: 128Mi}}
                status:
                  observedGeneration: %d
                  replicas: %d
                  updatedReplicas: %d
                  readyReplicas: %d
                  availableReplicas: %d
                  conditions:
                    - {type: Available, status: "True", reason: MinimumReplicasAvailable, message: Deployment has minimum availability.}
                    - {type: Progressing, status: "%s", reason: %s, message: "ReplicaSet \\"web-%d-7d9f\\" has %s."}
                """.formatted(replicas, state == 9, i % 7, state == 8 ? 3 : 4, replicas, updated, updated, updated,
                state == 7 ? "False" : "True", state == 7 ? "ProgressDeadlineExceeded" : "NewReplicaSetAvailable", i,
                state == 7 ? "timed out progressing" : "successfully progressed");
    }

    private static String pod(int i, Random random) {
        int state = random.nextInt(10);
        String phase = state < 6 ? "Running" : state < 8 ? "Pending" : state == 8 ? "Running" : "Succeeded";
        String waiting = state == 8 ? "waiting: {reason: CrashLoopBackOff, message: back-off 5m0s restarting failed container}" : "running: {startedAt: \"2026-11-26T09:00:00Z\"}";
        return "apiVersion: v1\nkind: Pod\n" + metadata("web", i, 0) + """
                spec:
                  restartPolicy: Always
                  nodeName: node-%d
                  containers:
                    - {name: web, image: "ghcr.io/acme/web:1.2.0"}
                status:
                  phase: %s
                  podIP: 10.244.%d.%d
                  conditions:
                    - {type: Initialized, status: "True"}
                    - {type: Ready, status: "%s"}
                    - {type: ContainersReady, status: "%s"}
                    - {type: PodScheduled, status: "True"}
                  containerStatuses:
                    - name: web
                      image: ghcr.io/acme/web:1.2.0
                      ready: %s
                      restartCount: %d
                      state: {%s}
                """.formatted(i % 3, phase, i % 250, i % 200, state < 6 ? "True" : "False", state < 6 ? "True" : "False",
                state < 6, state == 8 ? 7 : 0, waiting);
    }

    private static String statefulSet(int i, Random random) {
        int state = random.nextInt(4);
        return "apiVersion: apps/v1\nkind: StatefulSet\n" + metadata("db", i, 2) + """
                spec:
                  replicas: 3
                  serviceName: db
                  selector: {matchLabels: {app.kubernetes.io/name: db}}
                  updateStrategy: {type: RollingUpdate}
                  template:
                    metadata: {labels: {app.kubernetes.io/name: db}}
                    spec: {containers: [{name: db, image: "postgres:17"}]}
                status:
                  observedGeneration: 2
                  replicas: 3
                  readyReplicas: %d
                  currentReplicas: 3
                  updatedReplicas: 3
                  currentRevision: db-%d-5d8c
                  updateRevision: db-%d-%s
                """.formatted(state == 3 ? 2 : 3, i, i, state == 2 ? "9f1a" : "5d8c");
    }

    private static String daemonSet(int i, Random random) {
        int available = random.nextInt(4) == 0 ? 2 : 3;
        return "apiVersion: apps/v1\nkind: DaemonSet\n" + metadata("agent", i, 1) + """
                spec:
                  selector: {matchLabels: {app.kubernetes.io/name: agent}}
                  template:
                    metadata: {labels: {app.kubernetes.io/name: agent}}
                    spec: {containers: [{name: agent, image: "ghcr.io/acme/agent:2.0"}]}
                status:
                  observedGeneration: 1
                  desiredNumberScheduled: 3
                  currentNumberScheduled: 3
                  updatedNumberScheduled: 3
                  numberReady: %d
                  numberAvailable: %d
                """.formatted(available, available);
    }

    private static String job(int i, Random random) {
        int state = random.nextInt(3);
        String condition = switch (state) {
            case 0 -> "- {type: Complete, status: \"True\", reason: Completed}";
            case 1 -> "- {type: Failed, status: \"True\", reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit}";
            default -> "[]";
        };
        return "apiVersion: batch/v1\nkind: Job\n" + metadata("migrate", i, 1) + """
                spec:
                  backoffLimit: 3
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "ghcr.io/acme/migrate:1.0"}]
                status:
                  startTime: "2026-11-26T09:00:00Z"
                  active: %d
                  succeeded: %d
                  failed: %d
                  conditions:
                    %s
                """.formatted(state == 2 ? 1 : 0, state == 0 ? 1 : 0, state == 1 ? 4 : 0, condition.replace("\n", "\n    "));
    }

    private static String service(int i, Random random) {
        boolean balancer = random.nextInt(4) == 0;
        return "apiVersion: v1\nkind: Service\n" + metadata("web", i, 0) + """
                spec:
                  type: %s
                  selector: {app.kubernetes.io/name: web}
                  ports: [{name: http, port: 80, targetPort: 8080}]
                  clusterIP: 10.96.%d.%d
                status:
                  loadBalancer: %s
                """.formatted(balancer ? "LoadBalancer" : "ClusterIP", i % 250, i % 200,
                balancer && random.nextBoolean() ? "{ingress: [{ip: 203.0.113.10}]}" : "{}");
    }

    private static String claim(int i, Random random) {
        return "apiVersion: v1\nkind: PersistentVolumeClaim\n" + metadata("data", i, 0) + """
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 10Gi}}
                  storageClassName: standard
                status:
                  phase: %s
                """.formatted(random.nextInt(5) == 0 ? "Pending" : "Bound");
    }

    private static String configMap(int i, Random random) {
        return "apiVersion: v1\nkind: ConfigMap\n" + metadata("settings", i, 0) + """
                data:
                  LOG_LEVEL: info
                  FEATURE_FLAGS: "search,checkout,recommendations"
                  TIMEOUT: "%ds"
                """.formatted(10 + random.nextInt(50));
    }

    private static String certificate(int i, Random random) {
        int state = random.nextInt(4);
        String conditions = switch (state) {
            case 0, 1 -> "- {type: Ready, status: \"True\", reason: Ready, message: Certificate is up to date and has not expired, observedGeneration: 1}";
            case 2 -> "- {type: Issuing, status: \"True\", reason: DoesNotExist, message: Issuing certificate as Secret does not exist}\n"
                    + "- {type: Ready, status: \"False\", reason: DoesNotExist, message: Issuing certificate as Secret does not exist}";
            default -> "- {type: Ready, status: \"False\", reason: Failed, message: The certificate request has failed to complete}";
        };
        return "apiVersion: cert-manager.io/v1\nkind: Certificate\n" + metadata("tls", i, 1) + """
                spec:
                  secretName: tls-%d
                  dnsNames: [shop-%d.example.com, www.shop-%d.example.com]
                  issuerRef: {kind: ClusterIssuer, name: letsencrypt}
                status:
                  notAfter: "2027-02-18T08:14:00Z"
                  renewalTime: "2027-01-19T08:14:00Z"
                  conditions:
                    %s
                """.formatted(i, i, i, conditions.replace("\n", "\n    "));
    }

    private static String kustomization(int i, Random random) {
        int state = random.nextInt(5);
        String conditions = switch (state) {
            case 0, 1 -> "- {type: Ready, status: \"True\", reason: ReconciliationSucceeded, message: \"Applied revision: main@sha1:5b3c9e0d\"}";
            case 2 -> "- {type: Reconciling, status: \"True\", reason: Progressing, message: Reconciliation in progress}\n"
                    + "- {type: Ready, status: Unknown, reason: Progressing, message: Reconciliation in progress}";
            case 3 -> "- {type: Stalled, status: \"True\", reason: ArtifactFailed, message: kustomization path not found}\n"
                    + "- {type: Ready, status: \"False\", reason: ArtifactFailed, message: kustomization path not found}";
            default -> "- {type: Ready, status: \"False\", reason: HealthCheckFailed, message: health check failed after 5m0s}";
        };
        return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n" + metadata("apps", i, 3) + """
                spec:
                  interval: 10m
                  path: ./apps/production
                  prune: true
                  sourceRef: {kind: GitRepository, name: flux-system}
                status:
                  observedGeneration: 3
                  lastAppliedRevision: main@sha1:5b3c9e0d
                  conditions:
                    %s
                """.formatted(conditions.replace("\n", "\n    "));
    }

    private static String helmRelease(int i, Random random) {
        boolean failed = random.nextInt(4) == 0;
        return "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n" + metadata("podinfo", i, 2) + """
                spec:
                  interval: 5m
                  chart:
                    spec: {chart: podinfo, version: 6.7.1, sourceRef: {kind: HelmRepository, name: podinfo}}
                  values: {replicaCount: 2}
                status:
                  observedGeneration: 2
                  conditions:
                    - {type: Ready, status: "%s", reason: %s, message: "%s"}
                    - {type: Released, status: "%s", reason: %s}
                """.formatted(failed ? "False" : "True", failed ? "InstallFailed" : "UpgradeSucceeded",
                failed ? "Helm install failed: context deadline exceeded" : "Helm upgrade succeeded for release podinfo.v2",
                failed ? "False" : "True", failed ? "InstallFailed" : "UpgradeSucceeded");
    }

    private static String rollout(int i, Random random) {
        int state = random.nextInt(4);
        String phase = switch (state) {
            case 0, 1 -> "Healthy";
            case 2 -> "Progressing";
            default -> "Degraded";
        };
        return "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\n" + metadata("web", i, 5) + """
                spec:
                  replicas: 4
                  strategy: {canary: {steps: [{setWeight: 20}, {pause: {duration: 60}}]}}
                  template:
                    spec: {containers: [{name: web, image: "ghcr.io/acme/web:1.3.0"}]}
                status:
                  observedGeneration: "5"
                  phase: %s
                  message: "%s"
                  replicas: 4
                  updatedReplicas: 4
                  availableReplicas: 4
                """.formatted(phase, state == 3 ? "ProgressDeadlineExceeded: rollout exceeded its progress deadline" : "");
    }

    private static String kafka(int i, Random random) {
        boolean ready = random.nextInt(4) != 0;
        return "apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\n" + metadata("events", i, 1) + """
                spec:
                  kafka: {replicas: 3, version: 3.9.0, listeners: [{name: tls, port: 9093, type: internal, tls: true}]}
                  entityOperator: {topicOperator: {}, userOperator: {}}
                status:
                  observedGeneration: 1
                  clusterId: c-%d
                  conditions:
                    - {type: %s, status: "True", lastTransitionTime: "2026-11-26T09:00:00Z"%s}
                """.formatted(i, ready ? "Ready" : "NotReady", ready ? "" : ", reason: Creating, message: Kafka cluster is being deployed");
    }

    private static String bucket(int i, Random random) {
        int state = random.nextInt(4);
        String conditions = switch (state) {
            case 0, 1 -> "- {type: Ready, status: \"True\", reason: Available}\n- {type: Synced, status: \"True\", reason: ReconcileSuccess}";
            case 2 -> "- {type: Ready, status: \"False\", reason: Creating}\n- {type: Synced, status: \"True\", reason: ReconcileSuccess}";
            default -> "- {type: Ready, status: \"False\", reason: Creating}\n"
                    + "- {type: Synced, status: \"False\", reason: ReconcileError, message: \"create failed: BucketAlreadyExists\"}";
        };
        return "apiVersion: s3.aws.upbound.io/v1beta1\nkind: Bucket\n" + metadata("logs", i, 1) + """
                spec:
                  forProvider: {region: eu-west-1}
                  providerConfigRef: {name: default}
                status:
                  atProvider: {arn: "arn:aws:s3:::logs-%d"}
                  conditions:
                    %s
                """.formatted(i, conditions.replace("\n", "\n    "));
    }

    private static String pipelineRun(int i, Random random) {
        int state = random.nextInt(3);
        return "apiVersion: tekton.dev/v1\nkind: PipelineRun\n" + metadata("build", i, 1) + """
                spec:
                  pipelineRef: {name: build}
                status:
                  startTime: "2026-11-26T09:00:00Z"
                  conditions:
                    - {type: Succeeded, status: "%s", reason: %s, message: "%s"}
                """.formatted(state == 0 ? "True" : state == 1 ? "False" : "Unknown", state == 0 ? "Succeeded" : state == 1 ? "Failed" : "Running",
                state == 0 ? "Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 0" : state == 1 ? "Tasks Completed: 2 (Failed: 1)" : "Tasks Completed: 1");
    }

    private static String widget(int i, Random random) {
        return "apiVersion: example.com/v1\nkind: Widget\n" + metadata("widget", i, 1) + """
                spec: {colour: blue, size: %d}
                status:
                  phase: %s
                  endpoint: https://widgets.example.com/%d
                """.formatted(random.nextInt(10), random.nextInt(5) == 0 ? "Failed" : "Running", i);
    }

    private static String serviceMonitor(int i, Random random) {
        return "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\n" + metadata("web", i, 1) + """
                spec:
                  selector: {matchLabels: {app.kubernetes.io/name: web}}
                  endpoints: [{port: http, interval: %ds}]
                """.formatted(15 + random.nextInt(45));
    }
}
