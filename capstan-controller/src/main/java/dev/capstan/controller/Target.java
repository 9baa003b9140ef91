package dev.capstan.controller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.Manifest;

/**
 * What an application desires right now: the sources it follows (the spec's, or a rollback's),
 * the revision each names now (a commit SHA, or a chart's version), and the manifests there,
 * ready to apply (destination namespace set, tracking marks added); hooks included. An
 * application with {@code spec.sources} follows several, in order; one with {@code spec.source}
 * exactly one.
 */
record Target(List<Followed> followed, boolean multiSource, List<Manifest> desired) {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /** One source at the revision it names now. */
    record Followed(ApplicationSource source, String revision) {
    }

    Target {
        followed = List.copyOf(followed);
        if (followed.isEmpty()) {
            throw new IllegalArgumentException("a target follows at least one source");
        }
    }

    /** A single-source target. */
    static Target of(ApplicationSource source, String revision, List<Manifest> desired) {
        return new Target(List.of(new Followed(source, revision)), false, desired);
    }

    /** The source followed; null for a multi-source application (see {@link #sources()}). */
    ApplicationSource source() {
        return multiSource ? null : followed.getFirst().source();
    }

    List<ApplicationSource> sources() {
        return followed.stream().map(Followed::source).toList();
    }

    /**
     * What was deployed, as one string: the commit SHA (or chart version) of the source, or for a
     * multi-source application those of every source in order, joined by commas.
     */
    String revision() {
        return String.join(",", revisions());
    }

    List<String> revisions() {
        return followed.stream().map(Followed::revision).toList();
    }

    /** The revision as people read it: a commit's first seven characters, a version as it is. */
    String shortRevision() {
        return String.join(",", followed.stream().map(Followed::revision).map(Target::shortened).toList());
    }

    /** Says whether the same sources (repositories, paths, tools and options) are followed, whatever their revisions. */
    String sourceKey() {
        return String.join(" + ", followed.stream().map(Followed::source).map(Target::sourceKey).toList());
    }

    /**
     * Source keys by source object (which has no {@code equals}: by identity), while the object
     * lives: the Application in the informer's cache keeps its source, so a poll does not hash it
     * again.
     */
    private static final Map<ApplicationSource, String> KEYS = Collections.synchronizedMap(new WeakHashMap<>());

    private static String sourceKey(ApplicationSource source) {
        String known = KEYS.get(source);
        if (known == null) {
            known = hashedSourceKey(source);
            KEYS.put(source, known);
        }
        return known;
    }

    private static String hashedSourceKey(ApplicationSource source) {
        var copy = JSON.convertValue(source, ApplicationSource.class);
        copy.setTargetRevision(null);
        String where = Sources.isChart(source) ? "chart " + source.getChart() : Objects.requireNonNullElse(source.getPath(), "");
        return source.getRepoURL() + "|" + where + "|" + sha256(JSON.asJson(copy)).substring(0, 12);
    }

    private static String shortened(String revision) {
        return revision.length() == 40 && revision.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? revision.substring(0, 7) : revision;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
