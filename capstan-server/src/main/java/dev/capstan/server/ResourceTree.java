package dev.capstan.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.capstan.api.v1alpha1.ResourceStatus;
import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.health.HealthAssessment;
import dev.capstan.engine.health.HealthAssessor;

import tools.jackson.databind.JsonNode;

/**
 * An application's resource tree, worked out from values: its managed objects as the status
 * lists them (sync and health as the controller judged them), their live copies, and the objects
 * each made (ReplicaSets, Pods, Jobs), down to a few levels, linked by {@code ownerReferences}.
 */
final class ResourceTree {

    static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    private static final int MAX_DEPTH = 4;

    private ResourceTree() {
    }

    /**
     * @param rows     the application's {@code status.resources}
     * @param live     the live copy of a managed object, if it exists
     * @param children the objects an object made, oldest first
     * @param health   assesses the objects the status does not judge (the children)
     */
    static List<TreeNode> build(List<ResourceStatus> rows, Function<ResourceKey, Optional<Manifest>> live,
                                Function<Manifest, List<Manifest>> children, HealthAssessor health) {
        List<TreeNode> nodes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<Level> parents = new ArrayDeque<>();
        for (ResourceStatus row : rows) {
            ResourceKey key = new ResourceKey(Objects.requireNonNullElse(row.getGroup(), ""), row.getKind(),
                    Objects.requireNonNullElse(row.getNamespace(), ""), row.getName());
            Optional<Manifest> object = live.apply(key);
            nodes.add(managed(row, key, object, health));
            object.ifPresent(found -> {
                seen.add(found.string("/metadata/uid"));
                parents.add(new Level(found, 1));
            });
        }
        while (!parents.isEmpty()) {
            Level parent = parents.poll();
            if (parent.depth() > MAX_DEPTH) {
                continue;
            }
            for (Manifest child : children.apply(parent.object())) {
                String uid = child.string("/metadata/uid");
                if (uid.isEmpty() || !seen.add(uid)) {
                    continue;
                }
                nodes.add(child(child, health));
                parents.add(new Level(child, parent.depth() + 1));
            }
        }
        return List.copyOf(nodes);
    }

    private record Level(Manifest object, int depth) {
    }

    private static TreeNode managed(ResourceStatus row, ResourceKey key, Optional<Manifest> object, HealthAssessor health) {
        TreeNode.HealthView view;
        String decidedBy = null;
        if (object.isEmpty()) {
            view = new TreeNode.HealthView("Missing", "");
        } else {
            HealthAssessment assessment = health.assess(object.get());
            decidedBy = assessment.decidedBy();
            view = row.getHealth() != null && row.getHealth().getStatus() != null
                    ? new TreeNode.HealthView(row.getHealth().getStatus(), Objects.requireNonNullElse(row.getHealth().getMessage(), ""))
                    : new TreeNode.HealthView(assessment.status().display(), assessment.message());
        }
        String version = row.getVersion() != null ? row.getVersion() : object.map(ResourceTree::version).orElse("");
        return new TreeNode(key.group(), version, key.kind(), key.namespace(), key.name(),
                object.map(found -> blankToNull(found.string("/metadata/uid"))).orElse(null),
                object.map(found -> blankToNull(found.string("/metadata/resourceVersion"))).orElse(null),
                object.map(found -> blankToNull(found.string("/metadata/creationTimestamp"))).orElse(null),
                List.of(), view, decidedBy, row.getStatus(), true,
                object.map(ResourceTree::info).orElse(List.of()), object.map(ResourceTree::images).orElse(List.of()));
    }

    private static TreeNode child(Manifest object, HealthAssessor health) {
        HealthAssessment assessment = health.assess(object);
        List<TreeNode.ParentRef> parents = new ArrayList<>();
        for (JsonNode owner : object.at("/metadata/ownerReferences")) {
            parents.add(new TreeNode.ParentRef(GroupKind.groupOf(owner.path("apiVersion").asString("")), owner.path("kind").asString(""),
                    object.namespace(), owner.path("name").asString(""), blankToNull(owner.path("uid").asString(""))));
        }
        GroupKind kind = object.groupKind();
        return new TreeNode(kind.group(), version(object), kind.kind(), object.namespace(), object.name(),
                blankToNull(object.string("/metadata/uid")), blankToNull(object.string("/metadata/resourceVersion")),
                blankToNull(object.string("/metadata/creationTimestamp")), List.copyOf(parents),
                new TreeNode.HealthView(assessment.status().display(), assessment.message()), assessment.decidedBy(), null, false,
                info(object), images(object));
    }

    /** What a node says at a glance: a workload's revision, a Pod's phase. */
    static List<TreeNode.Info> info(Manifest object) {
        List<TreeNode.Info> info = new ArrayList<>();
        object.annotation(REVISION_ANNOTATION).ifPresent(revision -> info.add(new TreeNode.Info("Revision", revision)));
        if (object.groupKind().equals(GroupKind.core("Pod"))) {
            String phase = object.string("/status/phase");
            if (!phase.isEmpty()) {
                info.add(new TreeNode.Info("Status", phase));
            }
        }
        return List.copyOf(info);
    }

    /** The container images an object runs or would run, in order, each once. */
    static List<String> images(Manifest object) {
        Set<String> images = new LinkedHashSet<>();
        for (String pointer : List.of("/spec/containers", "/spec/initContainers", "/spec/template/spec/containers",
                "/spec/template/spec/initContainers", "/spec/jobTemplate/spec/template/spec/containers", "/status/containerStatuses")) {
            for (JsonNode container : object.at(pointer)) {
                String image = container.path("image").asString("");
                if (!image.isEmpty()) {
                    images.add(image);
                }
            }
        }
        return List.copyOf(images);
    }

    private static String version(Manifest object) {
        String apiVersion = object.apiVersion();
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
