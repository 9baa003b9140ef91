package dev.capstan.engine.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to render a Helm chart, as Argo CD's {@code helm} source. Values are layered, later layers
 * winning: the chart's own values, then {@code valueFiles} in order, then {@code values}, then
 * {@code valuesObject}, then {@code parameters}.
 *
 * @param releaseName the release name templates see as {@code .Release.Name}; the caller gives the application's name by default
 * @param namespace the namespace templates see as {@code .Release.Namespace}; empty for {@code default}
 * @param valueFiles values files relative to the chart's directory; none may lead out of the source root
 * @param ignoreMissingValueFiles whether a value file that does not exist is skipped rather than an error
 * @param values values as YAML text; empty for none
 * @param valuesObject values as a tree of maps, lists and scalars
 * @param parameters single values by dotted name, as {@code helm --set}
 * @param skipCrds whether the files in the chart's {@code crds/} directory are left out
 * @param kubeVersion the Kubernetes version templates see as {@code .Capabilities.KubeVersion}; empty for Helm's default
 * @param apiVersions the API versions templates see in {@code .Capabilities.APIVersions}, beyond Helm's defaults
 */
public record HelmOptions(
        String releaseName,
        String namespace,
        List<String> valueFiles,
        boolean ignoreMissingValueFiles,
        String values,
        Map<String, Object> valuesObject,
        List<Parameter> parameters,
        boolean skipCrds,
        String kubeVersion,
        List<String> apiVersions) implements RenderOptions {

    public HelmOptions {
        Objects.requireNonNull(releaseName, "releaseName");
        namespace = Objects.requireNonNullElse(namespace, "");
        valueFiles = List.copyOf(Objects.requireNonNullElse(valueFiles, List.of()));
        values = Objects.requireNonNullElse(values, "");
        // a null value is meaningful in Helm (it removes a default), so no Map.copyOf
        valuesObject = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(valuesObject, Map.of())));
        parameters = List.copyOf(Objects.requireNonNullElse(parameters, List.of()));
        kubeVersion = Objects.requireNonNullElse(kubeVersion, "");
        apiVersions = List.copyOf(Objects.requireNonNullElse(apiVersions, List.of()));
    }

    /** Renders the chart with its own values, as release {@code releaseName}. */
    public static HelmOptions defaults(String releaseName) {
        return new HelmOptions(releaseName, "", List.of(), false, "", Map.of(), List.of(), false, "", List.of());
    }

    public HelmOptions withNamespace(String newNamespace) {
        return new HelmOptions(releaseName, newNamespace, valueFiles, ignoreMissingValueFiles, values, valuesObject, parameters, skipCrds, kubeVersion, apiVersions);
    }

    public HelmOptions withValueFiles(List<String> files) {
        return new HelmOptions(releaseName, namespace, files, ignoreMissingValueFiles, values, valuesObject, parameters, skipCrds, kubeVersion, apiVersions);
    }

    public HelmOptions withIgnoreMissingValueFiles(boolean ignore) {
        return new HelmOptions(releaseName, namespace, valueFiles, ignore, values, valuesObject, parameters, skipCrds, kubeVersion, apiVersions);
    }

    public HelmOptions withValues(String yaml) {
        return new HelmOptions(releaseName, namespace, valueFiles, ignoreMissingValueFiles, yaml, valuesObject, parameters, skipCrds, kubeVersion, apiVersions);
    }

    public HelmOptions withValuesObject(Map<String, Object> object) {
        return new HelmOptions(releaseName, namespace, valueFiles, ignoreMissingValueFiles, values, object, parameters, skipCrds, kubeVersion, apiVersions);
    }

    public HelmOptions withParameters(List<Parameter> newParameters) {
        return new HelmOptions(releaseName, namespace, valueFiles, ignoreMissingValueFiles, values, valuesObject, newParameters, skipCrds, kubeVersion, apiVersions);
    }

    public HelmOptions withSkipCrds(boolean skip) {
        return new HelmOptions(releaseName, namespace, valueFiles, ignoreMissingValueFiles, values, valuesObject, parameters, skip, kubeVersion, apiVersions);
    }

    public HelmOptions withKubeVersion(String version) {
        return new HelmOptions(releaseName, namespace, valueFiles, ignoreMissingValueFiles, values, valuesObject, parameters, skipCrds, version, apiVersions);
    }

    public HelmOptions withApiVersions(List<String> versions) {
        return new HelmOptions(releaseName, namespace, valueFiles, ignoreMissingValueFiles, values, valuesObject, parameters, skipCrds, kubeVersion, versions);
    }

    /**
     * One value set by name, as {@code helm --set name=value}: {@code a.b} is key {@code b} of map
     * {@code a}, {@code a[0]} the first item of list {@code a}, {@code \.} a dot within a key. The
     * value is typed as Helm types it ({@code true}, {@code 3}, {@code null}) unless {@code forceString}.
     */
    public record Parameter(String name, String value, boolean forceString) {

        public Parameter {
            Objects.requireNonNull(name, "name");
            value = Objects.requireNonNullElse(value, "");
        }
    }
}
