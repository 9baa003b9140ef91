package dev.capstan.api.v1alpha1;

import java.util.List;
import java.util.Map;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.FreeFormObject;
import dev.capstan.api.KeepsUnknownFields;

/**
 * Where an application's manifests come from: a path in a Git repository at a revision, and
 * how to render it (plain directory, Kustomize or Helm). Mirrors Argo CD's
 * {@code ApplicationSource}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationSource extends KeepsUnknownFields {

    @JsonPropertyDescription("URL of the Git repository, or of the Helm repository when chart is set.")
    @Required
    private String repoURL;

    @JsonPropertyDescription("Branch, tag or commit to deploy; HEAD when empty. With chart: the chart version (newest when empty).")
    private String targetRevision;

    @JsonPropertyDescription("Name of a chart in the Helm repository repoURL; path is not used then.")
    private String chart;

    @JsonPropertyDescription("Directory inside the repository, relative to its root.")
    private String path;

    @JsonPropertyDescription("Options for a plain directory of YAML and JSON manifests.")
    private Directory directory;

    @JsonPropertyDescription("Options for a Kustomize overlay.")
    private Kustomize kustomize;

    @JsonPropertyDescription("Options for a Helm chart.")
    private Helm helm;

    @JsonPropertyDescription("Name by which other sources refer to this one ($ref/path in Helm valueFiles).")
    private String ref;

    public String getRepoURL() {
        return repoURL;
    }

    public void setRepoURL(String repoURL) {
        this.repoURL = repoURL;
    }

    public String getTargetRevision() {
        return targetRevision;
    }

    public void setTargetRevision(String targetRevision) {
        this.targetRevision = targetRevision;
    }

    public String getPath() {
        return path;
    }

    public String getChart() {
        return chart;
    }

    public void setChart(String chart) {
        this.chart = chart;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Directory getDirectory() {
        return directory;
    }

    public void setDirectory(Directory directory) {
        this.directory = directory;
    }

    public Kustomize getKustomize() {
        return kustomize;
    }

    public void setKustomize(Kustomize kustomize) {
        this.kustomize = kustomize;
    }

    public Helm getHelm() {
        return helm;
    }

    public void setHelm(Helm helm) {
        this.helm = helm;
    }

    public String getRef() {
        return ref;
    }

    public void setRef(String ref) {
        this.ref = ref;
    }

    /**
     * Options for a plain directory source.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Directory extends KeepsUnknownFields {

        @JsonPropertyDescription("Also read manifests in subdirectories.")
        private Boolean recurse;

        @JsonPropertyDescription("Glob of files to read, such as {*.yaml,*.yml}.")
        private String include;

        @JsonPropertyDescription("Glob of files to skip; wins over include.")
        private String exclude;

        @JsonPropertyDescription("How the directory's *.jsonnet files are evaluated.")
        private Jsonnet jsonnet;

        public Jsonnet getJsonnet() {
            return jsonnet;
        }

        public void setJsonnet(Jsonnet jsonnet) {
            this.jsonnet = jsonnet;
        }

        public Boolean getRecurse() {
            return recurse;
        }

        public void setRecurse(Boolean recurse) {
            this.recurse = recurse;
        }

        public String getInclude() {
            return include;
        }

        public void setInclude(String include) {
            this.include = include;
        }

        public String getExclude() {
            return exclude;
        }

        public void setExclude(String exclude) {
            this.exclude = exclude;
        }
    }

    /**
     * External variables, top-level arguments and library paths for the Jsonnet files of a
     * directory source.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Jsonnet extends KeepsUnknownFields {

        @JsonPropertyDescription("External variables, read with std.extVar.")
        private List<JsonnetVariable> extVars;

        @JsonPropertyDescription("Top-level arguments, for a file that evaluates to a function.")
        private List<JsonnetVariable> tlas;

        @JsonPropertyDescription("Library directories relative to the repository root, searched for imports.")
        private List<String> libs;

        public List<JsonnetVariable> getExtVars() {
            return extVars;
        }

        public void setExtVars(List<JsonnetVariable> extVars) {
            this.extVars = extVars;
        }

        public List<JsonnetVariable> getTlas() {
            return tlas;
        }

        public void setTlas(List<JsonnetVariable> tlas) {
            this.tlas = tlas;
        }

        public List<String> getLibs() {
            return libs;
        }

        public void setLibs(List<String> libs) {
            this.libs = libs;
        }
    }

    /**
     * One Jsonnet variable or argument: a string, or with {@code code} a Jsonnet expression.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class JsonnetVariable extends KeepsUnknownFields {

        @JsonPropertyDescription("Name of the variable.")
        @Required
        private String name;

        @JsonPropertyDescription("The value: a string, or Jsonnet code when code is true.")
        private String value;

        @JsonPropertyDescription("Evaluate the value as Jsonnet code rather than take it as a string.")
        private Boolean code;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }

        public Boolean getCode() {
            return code;
        }

        public void setCode(Boolean code) {
            this.code = code;
        }
    }

    /**
     * Options applied to a Kustomize overlay, as if written in its kustomization.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Kustomize extends KeepsUnknownFields {

        @JsonPropertyDescription("Prefix added to every resource name.")
        private String namePrefix;

        @JsonPropertyDescription("Suffix added to every resource name.")
        private String nameSuffix;

        @JsonPropertyDescription("Image overrides: name=newName:tag, name:tag or name@digest.")
        private List<String> images;

        @JsonPropertyDescription("Replica count overrides by workload name.")
        private List<Replica> replicas;

        @JsonPropertyDescription("Labels added to every resource and selector.")
        private Map<String, String> commonLabels;

        @JsonPropertyDescription("Annotations added to every resource.")
        private Map<String, String> commonAnnotations;

        @JsonPropertyDescription("Namespace set on every namespaced resource.")
        private String namespace;

        @JsonPropertyDescription("Kustomize components to include, relative to the path.")
        private List<String> components;

        @JsonPropertyDescription("Kustomize patches ({path or patch, target, options}), kept as written.")
        private List<Map<String, Object>> patches;

        public String getNamePrefix() {
            return namePrefix;
        }

        public void setNamePrefix(String namePrefix) {
            this.namePrefix = namePrefix;
        }

        public String getNameSuffix() {
            return nameSuffix;
        }

        public void setNameSuffix(String nameSuffix) {
            this.nameSuffix = nameSuffix;
        }

        public List<String> getImages() {
            return images;
        }

        public void setImages(List<String> images) {
            this.images = images;
        }

        public List<Replica> getReplicas() {
            return replicas;
        }

        public void setReplicas(List<Replica> replicas) {
            this.replicas = replicas;
        }

        public Map<String, String> getCommonLabels() {
            return commonLabels;
        }

        public void setCommonLabels(Map<String, String> commonLabels) {
            this.commonLabels = commonLabels;
        }

        public Map<String, String> getCommonAnnotations() {
            return commonAnnotations;
        }

        public void setCommonAnnotations(Map<String, String> commonAnnotations) {
            this.commonAnnotations = commonAnnotations;
        }

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public List<String> getComponents() {
            return components;
        }

        public void setComponents(List<String> components) {
            this.components = components;
        }

        public List<Map<String, Object>> getPatches() {
            return patches;
        }

        public void setPatches(List<Map<String, Object>> patches) {
            this.patches = patches;
        }

        /**
         * A replica count for the workload of a given name.
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public static class Replica extends KeepsUnknownFields {

            @JsonPropertyDescription("Name of the Deployment or StatefulSet.")
            @Required
            private String name;

            @JsonPropertyDescription("Number of replicas.")
            @Required
            private IntOrString count;

            public String getName() {
                return name;
            }

            public void setName(String name) {
                this.name = name;
            }

            public IntOrString getCount() {
                return count;
            }

            public void setCount(IntOrString count) {
                this.count = count;
            }
        }
    }

    /**
     * Options for rendering a Helm chart with helm template.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Helm extends KeepsUnknownFields {

        @JsonPropertyDescription("Release name; the application name when empty.")
        private String releaseName;

        @JsonPropertyDescription("Values files, relative to the path or $ref/path of another source.")
        private List<String> valueFiles;

        @JsonPropertyDescription("Values as a YAML string.")
        private String values;

        @JsonPropertyDescription("Values as an object; wins over values.")
        @SchemaFrom(type = FreeFormObject.class)
        @PreserveUnknownFields
        private Map<String, Object> valuesObject;

        @JsonPropertyDescription("Single values, as helm --set; win over everything else.")
        private List<Parameter> parameters;

        @JsonPropertyDescription("Do not render the chart's crds/ directory.")
        private Boolean skipCrds;

        @JsonPropertyDescription("Skip value files that do not exist instead of failing.")
        private Boolean ignoreMissingValueFiles;

        public String getReleaseName() {
            return releaseName;
        }

        public void setReleaseName(String releaseName) {
            this.releaseName = releaseName;
        }

        public List<String> getValueFiles() {
            return valueFiles;
        }

        public void setValueFiles(List<String> valueFiles) {
            this.valueFiles = valueFiles;
        }

        public String getValues() {
            return values;
        }

        public void setValues(String values) {
            this.values = values;
        }

        public Map<String, Object> getValuesObject() {
            return valuesObject;
        }

        public void setValuesObject(Map<String, Object> valuesObject) {
            this.valuesObject = valuesObject;
        }

        public List<Parameter> getParameters() {
            return parameters;
        }

        public void setParameters(List<Parameter> parameters) {
            this.parameters = parameters;
        }

        public Boolean getSkipCrds() {
            return skipCrds;
        }

        public void setSkipCrds(Boolean skipCrds) {
            this.skipCrds = skipCrds;
        }

        public Boolean getIgnoreMissingValueFiles() {
            return ignoreMissingValueFiles;
        }

        public void setIgnoreMissingValueFiles(Boolean ignoreMissingValueFiles) {
            this.ignoreMissingValueFiles = ignoreMissingValueFiles;
        }

        /**
         * One Helm value, as helm --set name=value.
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public static class Parameter extends KeepsUnknownFields {

            @JsonPropertyDescription("Dotted path of the value.")
            @Required
            private String name;

            @JsonPropertyDescription("The value.")
            private String value;

            @JsonPropertyDescription("Keep the value a string (helm --set-string).")
            private Boolean forceString;

            public String getName() {
                return name;
            }

            public void setName(String name) {
                this.name = name;
            }

            public String getValue() {
                return value;
            }

            public void setValue(String value) {
                this.value = value;
            }

            public Boolean getForceString() {
                return forceString;
            }

            public void setForceString(Boolean forceString) {
                this.forceString = forceString;
            }
        }
    }
}
