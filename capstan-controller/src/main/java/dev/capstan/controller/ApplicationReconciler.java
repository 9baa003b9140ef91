package dev.capstan.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationDependency;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.HealthState;
import dev.capstan.api.v1alpha1.InitiatedBy;
import dev.capstan.api.v1alpha1.Operation;
import dev.capstan.api.v1alpha1.OperationState;
import dev.capstan.api.v1alpha1.ResourceStatus;
import dev.capstan.api.v1alpha1.SyncPolicy;
import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Health;
import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.SyncStatus;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;
import dev.capstan.engine.cluster.ClusterClient.ResourceType;
import dev.capstan.engine.cluster.ClusterException;
import dev.capstan.engine.diff.ClusterDiff;
import dev.capstan.engine.diff.ResourceComparer;
import dev.capstan.engine.diff.ResourceDiff;
import dev.capstan.engine.health.HealthAssessor;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.sync.AppliedFingerprint;
import dev.capstan.engine.sync.AppliedInventory;
import dev.capstan.engine.sync.Hooks;
import dev.capstan.engine.sync.InvalidManifestException;
import dev.capstan.engine.sync.SyncOptions;
import dev.capstan.engine.sync.SyncState;
import dev.capstan.engine.sync.Tracking;
import dev.capstan.controller.live.LiveObjects;
import dev.capstan.controller.runtime.WorkQueue;
import dev.capstan.git.Commit;
import dev.capstan.git.GitException;

/**
 * Reconciles one Application: the steps, in order, of making the cluster match Git and saying how
 * it stands. Each step is a method below; the only I/O is through {@link Applications},
 * {@link Sources}, the live-state cache and the cluster client.
 */
final class ApplicationReconciler {

    static final String FINALIZER = Application.RESOURCES_FINALIZER;
    static final String REFRESH_ANNOTATION = "capstan.dev/refresh";
    static final String POLL_INTERVAL_ANNOTATION = "capstan.dev/poll-interval";
    static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
    static final String IN_CLUSTER_NAME = "in-cluster";
    private static final Duration DEPENDENCY_RECHECK = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationReconciler.class);

    private final Applications applications;
    private final Function<String, Optional<AppProject>> projects;
    private final Sources sources;
    private final LiveObjects live;
    private final ClusterClient cluster;
    private final HealthAssessor health;
    private final ApplicationEvents events;
    private final OperationRunner operations;
    private final ControllerOptions options;
    private final Clock clock;
    private final Map<String, Memory> memory = new ConcurrentHashMap<>();

    /** What the controller remembers of an application between reconciles; rebuilt after a restart. */
    private static final class Memory {
        /**
         * The manifests as last placed: the same instances while the commit, source and
         * destination stay, so what is worked out from them once (their hashes) is kept.
         */
        Placed placed;
        /** What the self-heal that runs now undoes, recorded as an Event once it is done (not before: it would delay the heal). */
        String drift;
        /** When a refresh was asked for: the next lookup of the revision must be no older. */
        volatile Instant refreshAt;
        /** The generation of the Application whose operation was taken on: a cache that still shows it is stale. */
        long operationTakenAt = -1;
        /** Whether the operation of this reconcile was found running (after a restart or for a retry), not just asked for. */
        boolean continuing;
        final SelfHealGuard selfHeal = SelfHealGuard.defaults();
        /** How long the guard held back a self-heal in this reconcile: the application is looked at again then, not at its next poll. */
        Duration selfHealHeldFor;
        final Map<ResourceKey, CachedDiff> diffs = new ConcurrentHashMap<>();
        final Map<ResourceKey, Confirmation> confirmations = new ConcurrentHashMap<>();
        /**
         * A status whose write failed (a timeout, a lost connection): the next reconcile starts from
         * it rather than from the cached one, so the result of a sync that ran (its operation state,
         * history and inventory) is not lost with the write.
         */
        ApplicationStatus unwritten;
        /** What the last reconcile that found nothing to do read; see {@link #unchangedSinceQuiet}. */
        volatile Quiet quiet;
    }

    /**
     * The inputs of a reconcile that found nothing to do, compared by identity where identity
     * means unchanged; {@code liveGeneration} is the live state's {@link LiveObjects#generation}
     * read before {@code live}.
     */
    private record Quiet(String applicationVersion, List<Manifest> placed, long liveGeneration, Manifest[] live,
                         Optional<String> unhealthyDependency) {

        boolean sameAs(Quiet other) {
            if (!applicationVersion.equals(other.applicationVersion) || placed != other.placed || live.length != other.live.length
                    || !unhealthyDependency.equals(other.unhealthyDependency)) {
                return false;
            }
            for (int i = 0; i < live.length; i++) {
                if (live[i] != other.live[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Placed(String key, List<Manifest> manifests) {
    }

    /** Whether a desired object's applied fingerprint matched its live object, as last checked. */
    private record Confirmation(Manifest desired, String liveVersion, AppliedFingerprint fingerprint, boolean confirmed) {
    }

    /** A dry-run comparison, valid while neither the desired object nor the live one changed. */
    private record CachedDiff(Manifest desired, String liveVersion, ResourceDiff diff) {
    }

    ApplicationReconciler(Applications applications, Function<String, Optional<AppProject>> projects, Sources sources,
                          LiveObjects live, ClusterClient cluster, HealthAssessor health, ApplicationEvents events,
                          ControllerOptions options, Clock clock) {
        this.applications = applications;
        this.projects = projects;
        this.sources = sources;
        this.live = live;
        this.cluster = cluster;
        this.health = health;
        this.events = events;
        this.options = options;
        this.clock = clock;
        this.operations = new OperationRunner(applications, cluster, health, events, live, clock);
    }

    /** The desired manifests of {@code name} as its last reconcile placed them (hooks included); empty before the first. */
    Optional<List<Manifest>> placed(String name) {
        Memory remembered = memory.get(name);
        Placed placed = remembered == null ? null : remembered.placed;
        return placed == null ? Optional.empty() : Optional.of(placed.manifests());
    }

    /** Asks for the target revision to be looked up again at the next reconcile (a webhook, a refresh). */
    void refresh(String name) {
        memory.computeIfAbsent(name, key -> new Memory()).refreshAt = clock.instant();
    }

    /**
     * Reconciles the application; returns when to look at it again (the next poll, a dependency
     * check, a retry), or empty when it is gone.
     */
    Optional<Duration> reconcile(String name) throws InterruptedException {
        Optional<Application> found = applications.get(name);
        if (found.isEmpty()) {
            memory.remove(name);
            applications.forget(name);
            events.forget(applications.namespace(), name);
            return Optional.empty();
        }
        Application application = found.get();
        if (application.getMetadata().getDeletionTimestamp() != null) {
            return finalizeDeletion(application);
        }
        Memory remembered = memory.computeIfAbsent(name, key -> new Memory());
        takeRefreshRequest(application, remembered);
        if (unchangedSinceQuiet(application, remembered)) {
            return Optional.of(pollInterval(application));
        }
        remembered.quiet = null;
        ApplicationStatus status = remembered.unwritten != null ? remembered.unwritten : copyOf(application.getStatus());
        var conditions = new Conditions(status.getConditions(), clock.instant());
        Duration next = pollInterval(application);
        Optional<String> unsupported = unsupported(application);
        if (unsupported.isPresent()) {
            conditions.set(Conditions.PROJECT_VIOLATION, unsupported.get());
            status.setConditions(conditions.list());
            writeStatus(application, status, remembered);
            return Optional.of(next);
        }
        boolean quietCandidate = false;
        Quiet inputs = null;
        try {
            Optional<Operation> operation = requestedOperation(application, status, remembered);
            Target target = target(application, remembered, operation);
            List<String> violations = projectViolations(application, target);
            if (!violations.isEmpty()) {
                conditions.set(Conditions.PROJECT_VIOLATION, String.join("; ", violations));
                events.record(application, ApplicationEvents.Type.Warning, "ProjectViolation", String.join("; ", violations));
                status.setSync(syncState(SyncStatus.OUT_OF_SYNC, target, application, "Unknown"));
                status.setConditions(conditions.list());
                writeStatus(application, status, remembered);
                return Optional.of(next);
            }
            inputs = operation.isEmpty() ? quietInputs(application, target) : null; // before reading: a change after it is not missed
            Comparison comparison = compare(application, status, target, remembered);
            LOG.debug("{}: {} at {}, out of sync {}, orphans {}", name, comparison.status(), target.shortRevision(),
                    comparison.outOfSync(), comparison.orphans());
            report(status, comparison, target, application);
            Optional<String> waitingFor = unhealthyDependency(application);
            waitingFor.ifPresent(message -> conditions.set(Conditions.WAITING_FOR_DEPENDENCY, message));
            if (operation.isEmpty() && waitingFor.isEmpty()) {
                operation = automatedSync(application, status, comparison, target, remembered, conditions);
            }
            if (operation.isPresent() && waitingFor.isEmpty()) {
                status.setConditions(conditions.list());
                OperationRunner.Outcome outcome = runOperation(application, status, operation.get(), target, comparison, remembered);
                if (outcome.retryIn().isPresent()) {
                    return outcome.retryIn();
                }
                application = outcome.application();
                status = outcome.status();
                remembered.unwritten = status; // until written: what the sync did must survive a failure from here on
                Target followed = target(application, remembered, Optional.empty());
                comparison = compare(application, status, followed, remembered);
                report(status, comparison, followed, application);
            }
            if (waitingFor.isPresent()) {
                next = DEPENDENCY_RECHECK;
            }
            Duration heldFor = remembered.selfHealHeldFor;
            remembered.selfHealHeldFor = null;
            if (heldFor != null && heldFor.compareTo(next) < 0) {
                next = heldFor;
            }
            quietCandidate = operation.isEmpty() && waitingFor.isEmpty() && heldFor == null;
            status.setConditions(conditions.list());
        } catch (GitException | RenderException | InvalidManifestException e) {
            conditions.set(Conditions.COMPARISON_ERROR, e.getMessage());
            events.record(application, ApplicationEvents.Type.Warning, "ComparisonError", e.getMessage());
            status.setConditions(conditions.list());
            if (status.getSync() == null) {
                status.setSync(new ApplicationStatus.Sync());
            }
            status.getSync().setStatus("Unknown");
            writeStatus(application, status, remembered);
            if (e instanceof GitException git && git.isTransient()) {
                throw e;
            }
            return Optional.of(next);
        } catch (ClusterException e) {
            conditions.set(Conditions.COMPARISON_ERROR, e.getMessage());
            status.setConditions(conditions.list());
            writeStatus(application, status, remembered);
            throw e;
        }
        status.setObservedGeneration(application.getMetadata().getGeneration());
        boolean wrote = writeStatus(application, status, remembered);
        if (!wrote && quietCandidate && inputs != null) {
            remembered.quiet = inputs;
        }
        return Optional.of(next);
    }

    /**
     * Whether nothing this reconcile reads has changed since one that found nothing to do: the
     * same Application (resource version), the same placed manifests (revision, source,
     * destination), the very same live objects in the cache, the same dependency health. Such a
     * reconcile would find nothing to do again, so the poll costs a revision lookup and this check.
     */
    private boolean unchangedSinceQuiet(Application application, Memory remembered) {
        Quiet quiet = remembered.quiet;
        if (quiet == null || remembered.unwritten != null || application.getOperation() != null
                || !application.getMetadata().getResourceVersion().equals(quiet.applicationVersion())) {
            return false;
        }
        try {
            Target target = target(application, remembered, Optional.empty());
            if (live.generation() == quiet.liveGeneration()) { // no live object changed anywhere: only the rest can have
                return target.desired() == quiet.placed() && unhealthyDependency(application).equals(quiet.unhealthyDependency());
            }
            Quiet now = quietInputs(application, target);
            if (!now.sameAs(quiet)) {
                return false;
            }
            remembered.quiet = now; // others' objects changed, not these: the next poll compares generations again
            return true;
        } catch (RuntimeException e) {
            return false; // the reconcile itself meets it again and reports it
        }
    }

    private Quiet quietInputs(Application application, Target target) {
        long generation = live.generation();
        Map<ResourceKey, Manifest> current = liveObjects(application, target.desired());
        return new Quiet(application.getMetadata().getResourceVersion(), target.desired(), generation,
                current.values().toArray(Manifest[]::new), unhealthyDependency(application));
    }

    // --- the steps -------------------------------------------------------------------------

    /**
     * What this controller cannot do for the application, said as a message: nothing is applied
     * to a cluster it does not run in, and a source must name one tool at most.
     */
    static Optional<String> unsupported(Application application) {
        var spec = application.getSpec();
        Optional<String> sourcesProblem = spec.getSource() != null ? SourceKind.conflict(spec.getSource(), "spec.source")
                : MultiSource.problem(spec.getSources());
        if (sourcesProblem.isPresent()) {
            return sourcesProblem;
        }
        var destination = spec.getDestination();
        boolean local = destination != null && (IN_CLUSTER_SERVER.equals(destination.getServer())
                || (destination.getServer() == null && IN_CLUSTER_NAME.equals(destination.getName())));
        if (!local) {
            return Optional.of("spec.destination must be this cluster (server " + IN_CLUSTER_SERVER + " or name " + IN_CLUSTER_NAME
                    + "); other clusters are not supported yet, and nothing is applied");
        }
        return Optional.empty();
    }

    /** A refresh annotation asks for the revision to be looked up now; a hard one also drops the renders. */
    private void takeRefreshRequest(Application application, Memory remembered) {
        Map<String, String> annotations = application.getMetadata().getAnnotations();
        String refresh = annotations == null ? null : annotations.get(REFRESH_ANNOTATION);
        if (refresh == null) {
            return;
        }
        remembered.refreshAt = clock.instant();
        remembered.diffs.clear();
        if (refresh.equals("hard")) {
            remembered.placed = null;
            (application.getSpec().getSource() != null ? List.of(application.getSpec().getSource())
                    : Objects.requireNonNullElse(application.getSpec().getSources(), List.<ApplicationSource>of()))
                    .forEach(source -> sources.forget(source.getRepoURL()));
        }
        applications.removeAnnotation(application.getMetadata().getName(), REFRESH_ANNOTATION);
    }

    /**
     * The operation to carry out now: one a user wrote into {@code operation} (taken over and
     * cleared), or one that was running when the controller stopped, or a retry that is due.
     */
    private Optional<Operation> requestedOperation(Application application, ApplicationStatus status, Memory remembered) {
        long generation = Objects.requireNonNullElse(application.getMetadata().getGeneration(), 0L);
        if (application.getOperation() != null && generation > remembered.operationTakenAt) {
            remembered.operationTakenAt = generation;
            remembered.continuing = false;
            applications.clearOperation(application.getMetadata().getName());
            status.setOperationState(null);
            return Optional.of(application.getOperation());
        }
        OperationState state = status.getOperationState();
        if (state != null && OperationRunner.PHASE_RUNNING.equals(state.getPhase()) && state.getOperation() != null) {
            remembered.continuing = true;
            return Optional.of(state.getOperation());
        }
        return Optional.empty();
    }

    /**
     * The sources to follow, the revision each names now (looked up at most once per poll
     * interval), and their manifests: one source's, or, for {@code spec.sources}, each rendered on
     * its own and merged; a source with a {@code ref} and no path or chart is only read by the
     * others ({@code $ref/...} value files).
     */
    private Target target(Application application, Memory remembered, Optional<Operation> operation) {
        boolean multiSource = application.getSpec().getSource() == null;
        List<ApplicationSource> followed = multiSource ? application.getSpec().getSources() : List.of(application.getSpec().getSource());
        List<String> revisions = new ArrayList<>(followed.stream().map(ApplicationSource::getTargetRevision).toList());
        var sync = operation.map(Operation::getSync);
        if (!multiSource && sync.isPresent() && sync.get().getSource() != null) {
            followed = List.of(sync.get().getSource());
            revisions.set(0, followed.getFirst().getTargetRevision());
        }
        if (!multiSource && sync.isPresent() && sync.get().getRevision() != null && !sync.get().getRevision().isBlank()) {
            revisions.set(0, sync.get().getRevision());
        }
        if (multiSource && sync.isPresent() && sync.get().getSources() != null && !sync.get().getSources().isEmpty()) {
            followed = sync.get().getSources();
            revisions = new ArrayList<>(followed.stream().map(ApplicationSource::getTargetRevision).toList());
        }
        if (multiSource && sync.isPresent() && sync.get().getRevisions() != null && sync.get().getRevisions().size() == followed.size()) {
            for (int i = 0; i < followed.size(); i++) {
                String revision = sync.get().getRevisions().get(i);
                if (revision != null && !revision.isBlank()) {
                    revisions.set(i, revision);
                }
            }
        }
        OperationState running = application.getStatus() == null ? null : application.getStatus().getOperationState();
        if (operation.isPresent() && remembered.continuing && running != null && running.getSyncResult() != null
                && running.getSyncResult().get("revision") instanceof String started) {
            List<String> startedAt = multiSource ? List.of(started.split(",", -1)) : List.of(started);
            if (startedAt.size() == followed.size()) {
                revisions = new ArrayList<>(startedAt); // resuming: the very revisions the operation started on
            }
        }
        Instant now = clock.instant();
        Instant refreshAt = remembered.refreshAt;
        // polls land on the work queue's steps (WorkQueue.step), so the poll that made a lookup comes
        // back when it is about an interval old, maybe a hair under: a lookup is fresh enough only
        // while younger by a step, so that poll looks again and a repository is looked up once an interval
        Duration interval = pollInterval(application);
        Instant notBefore = refreshAt != null ? refreshAt : now.minus(interval).plus(WorkQueue.step(interval));
        List<Target.Followed> resolved = new ArrayList<>();
        for (int i = 0; i < followed.size(); i++) {
            String wanted = Objects.requireNonNullElse(revisions.get(i), "HEAD");
            resolved.add(new Target.Followed(followed.get(i), sources.resolve(followed.get(i), wanted, notBefore)));
        }
        if (refreshAt != null) {
            remembered.refreshAt = null;
        }
        Target unplaced = new Target(resolved, multiSource, List.of());
        String placedFor = unplaced.revision() + "|" + unplaced.sourceKey() + "|" + OperationRunner.destinationNamespace(application);
        Placed placed = remembered.placed;
        if (placed == null || !placed.key().equals(placedFor)) {
            placed = new Placed(placedFor, render(application, unplaced).stream().map(Manifest::compacted).toList());
            remembered.placed = placed;
        }
        return new Target(resolved, multiSource, placed.manifests());
    }

    /** The placed manifests of the target's sources, merged when there are several. */
    private List<Manifest> render(Application application, Target target) {
        String name = application.getMetadata().getName();
        String namespace = OperationRunner.destinationNamespace(application);
        if (!target.multiSource()) {
            Target.Followed only = target.followed().getFirst();
            RenderResult rendered = sources.render(only.source(), only.revision(), Sources.RenderContext.of(name, namespace));
            return ApplicationDiff.place(application, rendered.manifests(), cluster);
        }
        Map<String, Sources.Reference> references = new LinkedHashMap<>();
        for (Target.Followed source : target.followed()) {
            if (source.source().getRef() != null && !source.source().getRef().isBlank() && !Sources.isChart(source.source())) {
                references.put(source.source().getRef(), new Sources.Reference(source.source().getRepoURL(), source.revision()));
            }
        }
        var context = new Sources.RenderContext(name, namespace, references);
        List<MergedSources.Part> parts = new ArrayList<>();
        for (int i = 0; i < target.followed().size(); i++) {
            Target.Followed source = target.followed().get(i);
            if (MultiSource.onlyReferenced(source.source())) {
                continue;
            }
            RenderResult rendered = sources.render(source.source(), source.revision(), context);
            parts.add(new MergedSources.Part(MultiSource.describe(source.source(), i), ApplicationDiff.place(application, rendered.manifests(), cluster)));
        }
        return MergedSources.merge(parts);
    }

    private List<String> projectViolations(Application application, Target target) {
        String project = Objects.requireNonNullElse(application.getSpec().getProject(), ProjectPolicy.DEFAULT_PROJECT);
        return ProjectPolicy.violations(project, projects.apply(project), target.sources(), application.getSpec().getDestination(),
                target.desired(), kind -> cluster.resourceType(kind).map(ResourceType::namespaced));
    }

    /**
     * Desired against live: objects whose applied fingerprint still matches are in sync without a
     * request; the others that exist are compared by a server-side dry run (remembered until
     * either side changes); tracked objects Git no longer has require pruning.
     */
    private Comparison compare(Application application, ApplicationStatus status, Target target, Memory remembered) {
        List<Manifest> desired = target.desired().stream().filter(manifest -> !Hooks.isHook(manifest)).toList();
        var tracked = Inventory.read(status.getInventory());
        Set<GroupKind> kinds = new LinkedHashSet<>();
        desired.forEach(manifest -> kinds.add(manifest.groupKind()));
        tracked.keySet().forEach(key -> kinds.add(key.groupKind()));
        kinds.forEach(live::watch);
        Map<ResourceKey, Manifest> current = liveObjects(application, desired);
        Set<ResourceKey> unconfirmed = unconfirmed(desired, current, tracked, remembered);
        List<Manifest> toDiff = new ArrayList<>();
        Map<ResourceKey, ResourceDiff> diffs = new LinkedHashMap<>();
        for (Manifest manifest : desired) {
            Manifest object = current.get(manifest.key());
            if (object == null || !unconfirmed.contains(manifest.key())) {
                continue;
            }
            CachedDiff cached = remembered.diffs.get(manifest.key());
            if (cached != null && cached.desired().equals(manifest) && cached.liveVersion().equals(resourceVersion(object))) {
                diffs.put(manifest.key(), cached.diff());
            } else {
                toDiff.add(manifest);
            }
        }
        if (!toDiff.isEmpty()) {
            var comparer = new ResourceComparer(ApplicationDiff.ignoreDifferences(application));
            for (ResourceDiff diff : new ClusterDiff(cluster, comparer, ApplyOptions.defaults(), 16).diff(toDiff, List.of())) {
                diffs.put(diff.key(), diff);
                Manifest desiredObject = toDiff.stream().filter(manifest -> manifest.key().equals(diff.key())).findFirst().orElseThrow();
                Manifest object = current.get(diff.key());
                if (object != null) {
                    remembered.diffs.put(diff.key(), new CachedDiff(desiredObject, resourceVersion(object), diff));
                }
            }
        }
        Set<ResourceKey> desiredKeys = new LinkedHashSet<>();
        target.desired().forEach(manifest -> desiredKeys.add(manifest.key()));
        var tracking = new Tracking(application.getMetadata().getName());
        List<Manifest> orphans = live.ofApplication(tracking.labelValue()).stream()
                .filter(object -> !desiredKeys.contains(object.key()) && tracking.owns(object) && !Hooks.isHook(object))
                .toList();
        remembered.diffs.keySet().retainAll(desiredKeys);
        return Comparison.of(desired, current, unconfirmed, diffs, orphans, health);
    }

    /**
     * {@link AppliedInventory#unconfirmed}, remembering each answer while the desired object (the
     * same instance), the live object's version and the fingerprint stay: a watch event on one
     * object of a large application then costs one check, not one per object.
     */
    private static Set<ResourceKey> unconfirmed(List<Manifest> desired, Map<ResourceKey, Manifest> current,
                                                Map<ResourceKey, Optional<AppliedFingerprint>> tracked, Memory remembered) {
        Set<ResourceKey> unconfirmed = new LinkedHashSet<>();
        for (Manifest manifest : desired) {
            ResourceKey key = manifest.key();
            Manifest live = current.get(key);
            Optional<AppliedFingerprint> fingerprint = tracked.getOrDefault(key, Optional.empty());
            if (live == null || fingerprint.isEmpty()) {
                unconfirmed.add(key);
                continue;
            }
            Confirmation known = remembered.confirmations.get(key);
            boolean confirmed;
            if (known != null && known.desired() == manifest && known.liveVersion().equals(resourceVersion(live))
                    && known.fingerprint().equals(fingerprint.get())) {
                confirmed = known.confirmed();
            } else {
                confirmed = AppliedInventory.unconfirmed(List.of(manifest), ignored -> Optional.of(live), Map.of(key, fingerprint)).isEmpty();
                remembered.confirmations.put(key, new Confirmation(manifest, resourceVersion(live), fingerprint.get(), confirmed));
            }
            if (!confirmed) {
                unconfirmed.add(key);
            }
        }
        remembered.confirmations.keySet().retainAll(current.keySet());
        return unconfirmed;
    }

    private Map<ResourceKey, Manifest> liveObjects(Application application, List<Manifest> desired) {
        Map<ResourceKey, Manifest> current = new LinkedHashMap<>();
        var tracking = new Tracking(application.getMetadata().getName());
        live.ofApplication(tracking.labelValue()).forEach(object -> current.put(object.key(), object));
        for (Manifest manifest : desired) {
            live.get(manifest.key()).ifPresent(object -> current.put(object.key(), object));
        }
        return current;
    }

    /** The comparison into the status: sync, health, per-resource rows. */
    private void report(ApplicationStatus status, Comparison comparison, Target target, Application application) {
        status.setSync(syncState(comparison.status(), target, application, null));
        status.setHealth(healthState(comparison.health()));
        List<ResourceStatus> rows = new ArrayList<>();
        for (Comparison.Row row : comparison.resources()) {
            var resource = new ResourceStatus();
            resource.setGroup(row.key().group().isEmpty() ? null : row.key().group());
            resource.setVersion(row.version());
            resource.setKind(row.key().kind());
            resource.setNamespace(row.key().namespace().isEmpty() ? null : row.key().namespace());
            resource.setName(row.key().name());
            resource.setStatus(row.status().display());
            row.health().filter(assessment -> !assessment.decidedBy().equals(dev.capstan.engine.health.HealthAssessment.NO_HEALTH_INFORMATION))
                    .ifPresent(assessment -> resource.setHealth(healthState(assessment.health())));
            resource.setRequiresPruning(row.requiresPruning() ? true : null);
            rows.add(resource);
        }
        status.setResources(rows);
    }

    private static ApplicationStatus.Sync syncState(SyncStatus syncStatus, Target target, Application application, String override) {
        var sync = new ApplicationStatus.Sync();
        sync.setStatus(override != null ? override : syncStatus.display());
        sync.setRevision(target.multiSource() ? null : target.revision());
        sync.setRevisions(target.multiSource() ? target.revisions() : null);
        var comparedTo = new ApplicationStatus.ComparedTo();
        comparedTo.setSource(target.source());
        comparedTo.setSources(target.multiSource() ? target.sources() : null);
        comparedTo.setDestination(application.getSpec().getDestination());
        sync.setComparedTo(comparedTo);
        return sync;
    }

    private static HealthState healthState(Health health) {
        var state = new HealthState();
        state.setStatus(health.status().display());
        state.setMessage(health.message().isEmpty() ? null : health.message());
        return state;
    }

    /** A dependency that is not Healthy yet, said as a message; empty when all are. */
    private Optional<String> unhealthyDependency(Application application) {
        List<ApplicationDependency> dependencies = application.getSpec().getDependsOn();
        if (dependencies == null) {
            return Optional.empty();
        }
        for (ApplicationDependency dependency : dependencies) {
            Optional<Application> other = applications.get(dependency.getName());
            String healthStatus = other.map(Application::getStatus).map(ApplicationStatus::getHealth).map(HealthState::getStatus).orElse(null);
            if (!HealthStatus.HEALTHY.display().equals(healthStatus)) {
                return Optional.of("waiting for " + dependency.getName() + " to be Healthy ("
                        + (other.isEmpty() ? "it does not exist" : healthStatus == null ? "not assessed yet" : "it is " + healthStatus) + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether automated sync starts an operation now: when the application is out of sync, for a
     * new revision (once per revision: a failed sync to it is not repeated), or, with self-heal,
     * for drift, at most as often as {@link SelfHealGuard} allows.
     */
    private Optional<Operation> automatedSync(Application application, ApplicationStatus status, Comparison comparison,
                                              Target target, Memory remembered, Conditions conditions) {
        SyncPolicy policy = application.getSpec().getSyncPolicy();
        if (policy == null || policy.getAutomated() == null) {
            return Optional.empty();
        }
        boolean prune = Boolean.TRUE.equals(policy.getAutomated().getPrune());
        boolean needed = !comparison.outOfSync().isEmpty() || (prune && !comparison.orphans().isEmpty());
        if (!needed) {
            return Optional.empty();
        }
        if (target.desired().isEmpty() && !Boolean.TRUE.equals(policy.getAutomated().getAllowEmpty())) {
            conditions.set(Conditions.AUTO_SYNC_HELD, "automated sync refused: the source has no objects at "
                    + target.shortRevision() + " and allowEmpty is not set, so nothing is pruned");
            return Optional.empty();
        }
        OperationState last = status.getOperationState();
        boolean sameTarget = last != null && last.getSyncResult() != null
                && target.revision().equals(last.getSyncResult().get("revision"))
                && target.sourceKey().equals(last.getSyncResult().get("source"));
        if (sameTarget && !"Succeeded".equals(last.getPhase())) {
            conditions.set(Conditions.AUTO_SYNC_HELD, "automated sync to " + target.shortRevision()
                    + " is not repeated after it " + Objects.requireNonNullElse(last.getPhase(), "ended").toLowerCase()
                    + "; push a fix or sync by hand");
            return Optional.empty();
        }
        if (sameTarget) {
            if (!Boolean.TRUE.equals(policy.getAutomated().getSelfHeal())) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            Optional<Duration> wait = remembered.selfHeal.delay(now);
            if (wait.isPresent()) {
                conditions.set(Conditions.SELF_HEAL_BACKOFF, "objects keep changing outside Git (another controller may be writing them); "
                        + "the next self-heal waits " + wait.get().toSeconds() + "s");
                events.record(application, ApplicationEvents.Type.Warning, "SelfHealBackoff", "objects keep changing outside Git: "
                        + describe(comparison.outOfSync()) + "; self-heal backs off");
                remembered.selfHealHeldFor = wait.get();
                return Optional.empty();
            }
            remembered.selfHeal.healed(now);
            remembered.drift = "changed outside Git: " + describeChanges(comparison) + "; restored from " + target.shortRevision();
        }
        var operation = new Operation();
        var sync = new Operation.SyncOperation();
        operation.setSync(sync);
        var initiatedBy = new InitiatedBy();
        initiatedBy.setAutomated(true);
        operation.setInitiatedBy(initiatedBy);
        return Optional.of(operation);
    }

    private OperationRunner.Outcome runOperation(Application application, ApplicationStatus status, Operation operation, Target target,
                                            Comparison comparison, Memory remembered) throws InterruptedException {
        Map<ResourceKey, Manifest> current = liveObjects(application, target.desired());
        String destination = OperationRunner.destinationNamespace(application);
        if (!destination.isEmpty()) {
            var key = new ResourceKey("", "Namespace", "", destination);
            live.get(key).or(() -> cluster.get(key)).ifPresent(object -> current.put(key, object));
        }
        OperationState running = status.getOperationState();
        Optional<SyncState> resumeFrom = running != null && OperationRunner.PHASE_RUNNING.equals(running.getPhase())
                ? OperationRunner.savedState(running).filter(state -> !state.isFinished()) : Optional.empty();
        if (resumeFrom.isPresent()) {
            LOG.info("resuming the sync of {} where it stopped", application.getMetadata().getName());
        }
        var outcome = operations.run(application, status, operation, target, current, comparison.outOfSync(), resumeFrom);
        remembered.diffs.clear();
        if (remembered.drift != null) {
            events.record(application, ApplicationEvents.Type.Normal, "DriftDetected", remembered.drift);
            remembered.drift = null;
        }
        return outcome;
    }

    /** Deleting an Application with the finalizer deletes what it applied first; without, its objects stay. */
    private Optional<Duration> finalizeDeletion(Application application) throws InterruptedException {
        List<String> finalizers = application.getMetadata().getFinalizers();
        if (finalizers == null || !finalizers.contains(FINALIZER)) {
            return Optional.empty();
        }
        String name = application.getMetadata().getName();
        var tracked = Inventory.read(application.getStatus() == null ? null : application.getStatus().getInventory());
        tracked.keySet().forEach(key -> live.watch(key.groupKind()));
        var tracking = new Tracking(name);
        Map<ResourceKey, Manifest> current = new LinkedHashMap<>();
        live.ofApplication(tracking.labelValue()).stream().filter(tracking::owns).forEach(object -> current.put(object.key(), object));
        if (!current.isEmpty()) {
            var plan = new dev.capstan.engine.sync.SyncPlanner().plan(dev.capstan.engine.sync.SyncRequest.of(name, "", List.of(), current)
                    .withOptions(SyncOptions.defaults().withPrune(true)));
            var state = new dev.capstan.engine.sync.SyncRunner(cluster, object -> health.assess(object).health(),
                    dev.capstan.engine.sync.SyncListener.NONE).run(plan);
            if (state.phase() != dev.capstan.engine.sync.OperationPhase.SUCCEEDED) {
                events.record(application, ApplicationEvents.Type.Warning, "DeletionFailed", "could not delete the resources: " + state.message());
                return Optional.of(Duration.ofSeconds(10));
            }
            events.record(application, ApplicationEvents.Type.Normal, "ResourcesDeleted", current.size() + " resources deleted");
        }
        applications.removeFinalizer(application, FINALIZER);
        memory.remove(name);
        return Optional.empty();
    }

    // --- small things ----------------------------------------------------------------------

    /** Writes the status if it changed; says whether it did. */
    private boolean writeStatus(Application application, ApplicationStatus status, Memory remembered) {
        try {
            boolean wrote = applications.writeStatus(application, status) != application;
            remembered.unwritten = null;
            return wrote;
        } catch (RuntimeException e) {
            remembered.unwritten = status;
            throw e;
        }
    }

    private Duration pollInterval(Application application) {
        Map<String, String> annotations = application.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(POLL_INTERVAL_ANNOTATION);
        if (value != null) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: annotation {}: {}", application.getMetadata().getName(), POLL_INTERVAL_ANNOTATION, e.getMessage());
            }
        }
        return options.pollInterval();
    }

    private static String resourceVersion(Manifest object) {
        return object.string("/metadata/resourceVersion");
    }


    /** The drifted objects, each with the fields that differ when a dry run said which. */
    private static String describeChanges(Comparison comparison) {
        List<String> parts = comparison.outOfSync().stream().limit(5).map(key -> {
            ResourceDiff diff = comparison.diffs().get(key);
            if (diff == null) {
                return key + " (missing)";
            }
            List<String> paths = diff.changedPaths();
            return paths.isEmpty() ? key.toString() : key + " (" + String.join(", ", paths.stream().limit(5).toList()) + ")";
        }).toList();
        int more = comparison.outOfSync().size() - parts.size();
        return String.join(", ", parts) + (more > 0 ? " and " + more + " more" : "");
    }

    private static String describe(Set<ResourceKey> keys) {
        List<String> names = keys.stream().limit(5).map(ResourceKey::toString).toList();
        return String.join(", ", names) + (keys.size() > 5 ? " and " + (keys.size() - 5) + " more" : "");
    }

    private ApplicationStatus copyOf(ApplicationStatus status) {
        return status == null ? new ApplicationStatus() : applications.copy(status);
    }
}
