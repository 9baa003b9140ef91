package dev.capstan.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an Application from options or from a YAML file. It gets the finalizer "
                + Application.RESOURCES_FINALIZER + ", so deleting it deletes its resources, unless --no-cascade-finalizer.",
                "An Application that exists already is left alone when it would not change, replaced with --upsert, "
                        + "and refused otherwise."})
final class AppCreateCommand extends CapstanSubcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Name of the Application (not with -f).")
    private String name;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "YAML file of one or more Applications ('-' reads standard input); other options change what it says.")
    private String file;

    @Mixin
    private ApplicationFields fields;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label of the Application (repeatable).")
    private List<String> labels = new ArrayList<>();

    @Option(names = "--upsert", description = "Replace the spec of an Application that exists and differs.")
    private boolean upsert;

    @Option(names = "--no-cascade-finalizer",
            description = "Do not add the finalizer: deleting the Application will leave its resources in place.")
    private boolean noCascadeFinalizer;

    @Override
    public Integer call() {
        List<Application> applications = file != null ? fromFile() : List.of(fromOptions());
        var out = out();
        try (var client = capstan.connect()) {
            for (Application application : applications) {
                ObjectMeta metadata = application.getMetadata();
                if (!noCascadeFinalizer && (metadata.getFinalizers() == null
                        || !metadata.getFinalizers().contains(Application.RESOURCES_FINALIZER))) {
                    var finalizers = new ArrayList<>(metadata.getFinalizers() == null ? List.<String>of() : metadata.getFinalizers());
                    finalizers.add(Application.RESOURCES_FINALIZER);
                    metadata.setFinalizers(finalizers);
                }
                String namespace = metadata.getNamespace() == null ? capstan.namespace() : metadata.getNamespace();
                var store = new ResourceStore<>(client, Application.class, namespace);
                var outcome = store.createOrUpsert(application, upsert);
                out.println(store.key(metadata.getName()) + " " + outcome);
            }
        }
        out.flush();
        return 0;
    }

    private List<Application> fromFile() {
        if (name != null) {
            throw usage("give NAME or -f FILE, not both");
        }
        List<Application> applications = ResourceFile.read(file, Application.class, System.in);
        for (Application application : applications) {
            if (!fields.isEmpty()) {
                if (application.getSpec() == null) {
                    application.setSpec(new ApplicationSpec());
                }
                fields.applyTo(application.getSpec(), application.getMetadata().getName());
            }
            addLabels(application.getMetadata());
        }
        return applications;
    }

    private Application fromOptions() {
        if (name == null) {
            throw usage("give the Application's NAME (or -f FILE)");
        }
        var application = new Application();
        application.setMetadata(new ObjectMeta());
        application.getMetadata().setName(name);
        application.setSpec(fields.newSpec());
        addLabels(application.getMetadata());
        return application;
    }

    private void addLabels(ObjectMeta metadata) {
        if (labels.isEmpty()) {
            return;
        }
        Map<String, String> all = new LinkedHashMap<>(metadata.getLabels() == null ? Map.of() : metadata.getLabels());
        for (String label : labels) {
            int equals = label.indexOf('=');
            if (equals <= 0) {
                throw usage("--label " + label + ": expected KEY=VALUE");
            }
            all.put(label.substring(0, equals), label.substring(equals + 1));
        }
        metadata.setLabels(all);
    }
}
