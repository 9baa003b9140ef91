package dev.capstan.controller;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.IntOrString;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.HelmOptions;
import dev.capstan.engine.render.JsonnetOptions;
import dev.capstan.engine.render.KustomizeOptions;

/**
 * A source's options in the spec, as the options record of the tool that renders it: what Argo
 * CD's fields mean, said once. Pure; a field not set leaves the tool's default.
 */
final class ToolOptions {

    private ToolOptions() {
    }

    static DirectoryOptions directory(ApplicationSource source) {
        var directory = source.getDirectory();
        DirectoryOptions options = DirectoryOptions.defaults();
        if (directory == null) {
            return options;
        }
        if (Boolean.TRUE.equals(directory.getRecurse())) {
            options = options.withRecurse(true);
        }
        if (directory.getInclude() != null && !directory.getInclude().isBlank()) {
            options = options.withInclude(directory.getInclude());
        }
        if (directory.getExclude() != null && !directory.getExclude().isBlank()) {
            options = options.withExclude(directory.getExclude());
        }
        var jsonnet = directory.getJsonnet();
        if (jsonnet != null) {
            options = options.withJsonnet(new JsonnetOptions(variables(jsonnet.getExtVars()), variables(jsonnet.getTlas()), jsonnet.getLibs()));
        }
        return options;
    }

    /**
     * @param allowRemoteBases the operator's choice: whether kustomizations may load from URLs
     * @throws dev.capstan.engine.render.RenderException {@code INVALID_OPTIONS} naming a replica
     *     count or patch field that is wrong
     */
    static KustomizeOptions kustomize(ApplicationSource source, boolean allowRemoteBases) {
        KustomizeOptions options = KustomizeOptions.defaults().withAllowRemoteBases(allowRemoteBases);
        var kustomize = source.getKustomize();
        if (kustomize == null) {
            return options;
        }
        List<KustomizeOptions.Replica> replicas = Objects.requireNonNullElse(kustomize.getReplicas(), List.<ApplicationSource.Kustomize.Replica>of())
                .stream().map(replica -> KustomizeOptions.Replica.parse(replica.getName(), count(replica.getCount()))).toList();
        List<KustomizeOptions.Patch> patches = Objects.requireNonNullElse(kustomize.getPatches(), List.<java.util.Map<String, Object>>of())
                .stream().map(KustomizeOptions.Patch::fromFields).toList();
        return options.withNamePrefix(kustomize.getNamePrefix())
                .withNameSuffix(kustomize.getNameSuffix())
                .withImages(kustomize.getImages())
                .withReplicas(replicas)
                .withCommonLabels(kustomize.getCommonLabels())
                .withCommonAnnotations(kustomize.getCommonAnnotations())
                .withNamespace(kustomize.getNamespace())
                .withComponents(kustomize.getComponents())
                .withPatches(patches);
    }

    /**
     * @param application the release name unless the source names one
     * @param namespace the destination namespace, the release's namespace
     * @param kubeVersion the destination cluster's version, for {@code .Capabilities.KubeVersion}
     */
    static HelmOptions helm(ApplicationSource source, String application, String namespace, String kubeVersion) {
        var helm = source.getHelm();
        String release = helm == null || helm.getReleaseName() == null || helm.getReleaseName().isBlank() ? application : helm.getReleaseName();
        HelmOptions options = HelmOptions.defaults(release).withNamespace(namespace).withKubeVersion(kubeVersion);
        if (helm == null) {
            return options;
        }
        List<HelmOptions.Parameter> parameters = Objects.requireNonNullElse(helm.getParameters(), List.<ApplicationSource.Helm.Parameter>of())
                .stream().map(parameter -> new HelmOptions.Parameter(parameter.getName(), parameter.getValue(),
                        Boolean.TRUE.equals(parameter.getForceString()))).toList();
        return options.withValueFiles(helm.getValueFiles())
                .withIgnoreMissingValueFiles(Boolean.TRUE.equals(helm.getIgnoreMissingValueFiles()))
                .withValues(helm.getValues())
                .withValuesObject(helm.getValuesObject())
                .withParameters(parameters)
                .withSkipCrds(Boolean.TRUE.equals(helm.getSkipCrds()));
    }

    private static List<JsonnetOptions.Variable> variables(List<ApplicationSource.JsonnetVariable> variables) {
        return Objects.requireNonNullElse(variables, List.<ApplicationSource.JsonnetVariable>of()).stream()
                .map(variable -> new JsonnetOptions.Variable(Objects.requireNonNullElse(variable.getName(), ""), variable.getValue(),
                        Boolean.TRUE.equals(variable.getCode())))
                .toList();
    }

    private static String count(IntOrString count) {
        if (count == null) {
            return "";
        }
        return count.getIntVal() != null ? count.getIntVal().toString() : count.getStrVal();
    }
}
