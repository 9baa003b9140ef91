package dev.capstan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.capstan.api.v1alpha1.ApplicationSource;

import io.fabric8.kubernetes.api.model.IntOrString;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Helm, Kustomize and Jsonnet fields of an application's source that {@code app create}
 * sets and {@code app set} changes, with Argo CD's flag names. A list given replaces the list;
 * an option not given leaves its field as it is.
 */
final class ToolFields {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--helm-chart", paramLabel = "CHART",
            description = "A chart from the Helm repository or OCI registry (oci://...) at --repo, instead of --path; --revision is its version.")
    String helmChart;

    @Option(names = "--release-name", paramLabel = "NAME", description = "Helm release name (default: the application's name).")
    String releaseName;

    @Option(names = "--values", paramLabel = "FILE", description = "A Helm value file, relative to the chart (repeatable; $ref/path for a ref source).")
    List<String> valueFiles = new ArrayList<>();

    @Option(names = "--values-literal-file", paramLabel = "FILE", description = "A local YAML file whose text becomes the Helm values of the source.")
    Path valuesLiteralFile;

    @Option(names = "--helm-set", paramLabel = "KEY=VALUE", description = "A Helm parameter, as helm --set (repeatable).")
    List<String> helmSet = new ArrayList<>();

    @Option(names = "--helm-set-string", paramLabel = "KEY=VALUE", description = "A Helm parameter kept a string, as helm --set-string (repeatable).")
    List<String> helmSetString = new ArrayList<>();

    @Option(names = "--helm-skip-crds", arity = "0..1", fallbackValue = "true", paramLabel = "BOOLEAN",
            description = "Leave out the chart's crds/ directory.")
    Boolean helmSkipCrds;

    @Option(names = "--ignore-missing-value-files", arity = "0..1", fallbackValue = "true", paramLabel = "BOOLEAN",
            description = "Skip value files that do not exist instead of failing.")
    Boolean ignoreMissingValueFiles;

    @Option(names = "--nameprefix", paramLabel = "PREFIX", description = "Kustomize name prefix.")
    String namePrefix;

    @Option(names = "--namesuffix", paramLabel = "SUFFIX", description = "Kustomize name suffix.")
    String nameSuffix;

    @Option(names = "--kustomize-namespace", paramLabel = "NAMESPACE", description = "Kustomize namespace for every object.")
    String kustomizeNamespace;

    @Option(names = "--kustomize-image", paramLabel = "IMAGE",
            description = "A Kustomize image override such as web=registry.example/web:1.2 (repeatable).")
    List<String> kustomizeImages = new ArrayList<>();

    @Option(names = "--kustomize-replica", paramLabel = "NAME=COUNT", description = "A Kustomize replica count (repeatable).")
    List<String> kustomizeReplicas = new ArrayList<>();

    @Option(names = "--kustomize-common-label", paramLabel = "KEY=VALUE", description = "A Kustomize common label (repeatable).")
    List<String> commonLabels = new ArrayList<>();

    @Option(names = "--kustomize-common-annotation", paramLabel = "KEY=VALUE", description = "A Kustomize common annotation (repeatable).")
    List<String> commonAnnotations = new ArrayList<>();

    @Option(names = "--jsonnet-ext-var-str", paramLabel = "KEY=VALUE", description = "A Jsonnet external variable, a string (repeatable).")
    List<String> extVarStrings = new ArrayList<>();

    @Option(names = "--jsonnet-ext-var-code", paramLabel = "KEY=CODE", description = "A Jsonnet external variable, Jsonnet code (repeatable).")
    List<String> extVarCode = new ArrayList<>();

    @Option(names = "--jsonnet-tla-str", paramLabel = "KEY=VALUE", description = "A Jsonnet top-level argument, a string (repeatable).")
    List<String> tlaStrings = new ArrayList<>();

    @Option(names = "--jsonnet-tla-code", paramLabel = "KEY=CODE", description = "A Jsonnet top-level argument, Jsonnet code (repeatable).")
    List<String> tlaCode = new ArrayList<>();

    @Option(names = "--jsonnet-libs", paramLabel = "PATH", description = "A Jsonnet library path in the repository (repeatable).")
    List<String> jsonnetLibs = new ArrayList<>();

    boolean isEmpty() {
        return helmChart == null && !hasHelm() && !hasKustomize() && !hasJsonnet();
    }

    /** Sets the fields that were given in {@code source}. */
    void applyTo(ApplicationSource source) {
        if (helmChart != null) {
            source.setChart(helmChart);
        }
        if (hasHelm()) {
            applyToHelm(orNew(source.getHelm(), ApplicationSource.Helm::new, source::setHelm));
        }
        if (hasKustomize()) {
            applyToKustomize(orNew(source.getKustomize(), ApplicationSource.Kustomize::new, source::setKustomize));
        }
        if (hasJsonnet()) {
            var directory = orNew(source.getDirectory(), ApplicationSource.Directory::new, source::setDirectory);
            applyToJsonnet(orNew(directory.getJsonnet(), ApplicationSource.Jsonnet::new, directory::setJsonnet));
        }
    }

    private boolean hasHelm() {
        return releaseName != null || !valueFiles.isEmpty() || valuesLiteralFile != null || !helmSet.isEmpty() || !helmSetString.isEmpty()
                || helmSkipCrds != null || ignoreMissingValueFiles != null;
    }

    private boolean hasKustomize() {
        return namePrefix != null || nameSuffix != null || kustomizeNamespace != null || !kustomizeImages.isEmpty()
                || !kustomizeReplicas.isEmpty() || !commonLabels.isEmpty() || !commonAnnotations.isEmpty();
    }

    private boolean hasJsonnet() {
        return !extVarStrings.isEmpty() || !extVarCode.isEmpty() || !tlaStrings.isEmpty() || !tlaCode.isEmpty() || !jsonnetLibs.isEmpty();
    }

    private void applyToHelm(ApplicationSource.Helm helm) {
        if (releaseName != null) {
            helm.setReleaseName(releaseName);
        }
        if (!valueFiles.isEmpty()) {
            helm.setValueFiles(List.copyOf(valueFiles));
        }
        if (valuesLiteralFile != null) {
            try {
                helm.setValues(Files.readString(valuesLiteralFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UserError("--values-literal-file " + valuesLiteralFile + ": cannot read it: " + e.getMessage());
            }
        }
        if (!helmSet.isEmpty() || !helmSetString.isEmpty()) {
            var parameters = new ArrayList<ApplicationSource.Helm.Parameter>();
            pairs("--helm-set", helmSet).forEach((name, value) -> parameters.add(parameter(name, value, null)));
            pairs("--helm-set-string", helmSetString).forEach((name, value) -> parameters.add(parameter(name, value, true)));
            helm.setParameters(parameters);
        }
        if (helmSkipCrds != null) {
            helm.setSkipCrds(helmSkipCrds);
        }
        if (ignoreMissingValueFiles != null) {
            helm.setIgnoreMissingValueFiles(ignoreMissingValueFiles);
        }
    }

    private void applyToKustomize(ApplicationSource.Kustomize kustomize) {
        if (namePrefix != null) {
            kustomize.setNamePrefix(namePrefix);
        }
        if (nameSuffix != null) {
            kustomize.setNameSuffix(nameSuffix);
        }
        if (kustomizeNamespace != null) {
            kustomize.setNamespace(kustomizeNamespace);
        }
        if (!kustomizeImages.isEmpty()) {
            kustomize.setImages(List.copyOf(kustomizeImages));
        }
        if (!kustomizeReplicas.isEmpty()) {
            var replicas = new ArrayList<ApplicationSource.Kustomize.Replica>();
            pairs("--kustomize-replica", kustomizeReplicas).forEach((name, count) -> {
                if (!count.matches("\\d+")) {
                    throw usage("--kustomize-replica " + name + "=" + count + ": COUNT must be a whole number");
                }
                var replica = new ApplicationSource.Kustomize.Replica();
                replica.setName(name);
                replica.setCount(new IntOrString(Integer.parseInt(count)));
                replicas.add(replica);
            });
            kustomize.setReplicas(replicas);
        }
        if (!commonLabels.isEmpty()) {
            kustomize.setCommonLabels(pairs("--kustomize-common-label", commonLabels));
        }
        if (!commonAnnotations.isEmpty()) {
            kustomize.setCommonAnnotations(pairs("--kustomize-common-annotation", commonAnnotations));
        }
    }

    private void applyToJsonnet(ApplicationSource.Jsonnet jsonnet) {
        if (!extVarStrings.isEmpty() || !extVarCode.isEmpty()) {
            jsonnet.setExtVars(variables("--jsonnet-ext-var-str", extVarStrings, "--jsonnet-ext-var-code", extVarCode));
        }
        if (!tlaStrings.isEmpty() || !tlaCode.isEmpty()) {
            jsonnet.setTlas(variables("--jsonnet-tla-str", tlaStrings, "--jsonnet-tla-code", tlaCode));
        }
        if (!jsonnetLibs.isEmpty()) {
            jsonnet.setLibs(List.copyOf(jsonnetLibs));
        }
    }

    private List<ApplicationSource.JsonnetVariable> variables(String stringFlag, List<String> strings, String codeFlag, List<String> code) {
        var variables = new ArrayList<ApplicationSource.JsonnetVariable>();
        pairs(stringFlag, strings).forEach((name, value) -> variables.add(variable(name, value, null)));
        pairs(codeFlag, code).forEach((name, value) -> variables.add(variable(name, value, true)));
        return variables;
    }

    private static ApplicationSource.JsonnetVariable variable(String name, String value, Boolean code) {
        var variable = new ApplicationSource.JsonnetVariable();
        variable.setName(name);
        variable.setValue(value);
        variable.setCode(code);
        return variable;
    }

    private static ApplicationSource.Helm.Parameter parameter(String name, String value, Boolean forceString) {
        var parameter = new ApplicationSource.Helm.Parameter();
        parameter.setName(name);
        parameter.setValue(value);
        parameter.setForceString(forceString);
        return parameter;
    }

    /** {@code KEY=VALUE} texts in order; the value may hold further {@code =}. */
    private Map<String, String> pairs(String flag, List<String> texts) {
        var pairs = new LinkedHashMap<String, String>();
        for (String text : texts) {
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw usage(flag + " " + text + ": expected KEY=VALUE");
            }
            pairs.put(text.substring(0, equals), text.substring(equals + 1));
        }
        return pairs;
    }

    private static <T> T orNew(T existing, Supplier<T> make, java.util.function.Consumer<T> set) {
        if (existing != null) {
            return existing;
        }
        T made = make.get();
        set.accept(made);
        return made;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
