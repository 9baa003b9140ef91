package dev.capstan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.health.HealthAssessment;
import dev.capstan.engine.health.HealthAssessor;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.engine.render.DirectorySourceTree;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import tools.jackson.databind.node.ArrayNode;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Assess the health of the objects in FILEs (or '-' for standard input), offline, "
                + "and say which rule decided each.")
final class HealthCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "YAML or JSON files of live objects; '-' reads standard input.")
    private List<String> files;

    @Mixin
    private HealthRuleOptions rules;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json.")
    private String output = "table";

    @Override
    public void run() {
        HealthAssessor assessor;
        try (var connection = new LazyConnection(cluster)) {
            assessor = rules.assessor(connection::cluster, spec.commandLine().getErr());
        }
        var assessments = new ArrayList<HealthAssessment>();
        var objects = new ArrayList<Manifest>();
        for (String file : files) {
            for (Manifest object : objectsIn(file)) {
                objects.add(object);
                assessments.add(assessor.assess(object));
            }
        }
        var out = spec.commandLine().getOut();
        switch (output) {
            case "table" -> {
                out.printf("%-50s %-12s %-32s %s%n", "RESOURCE", "STATUS", "RULE", "MESSAGE");
                assessments.forEach(a -> out.printf("%-50s %-12s %-32s %s%n", a.key(), a.status().display(),
                        a.decidedBy(), a.message()));
            }
            case "json" -> out.println(json(objects, assessments));
            default -> throw new UserError("unknown output format " + output + " (table or json)");
        }
        out.flush();
    }

    private static String json(List<Manifest> objects, List<HealthAssessment> assessments) {
        ArrayNode array = ManifestFormat.JSON.createArrayNode();
        for (int i = 0; i < objects.size(); i++) {
            Manifest object = objects.get(i);
            HealthAssessment assessment = assessments.get(i);
            array.addObject()
                    .put("apiVersion", object.apiVersion())
                    .put("kind", object.kind())
                    .put("namespace", object.namespace())
                    .put("name", object.name())
                    .put("status", assessment.status().display())
                    .put("message", assessment.message());
        }
        return ManifestFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array);
    }

    /** The objects of one file, read exactly as the renderer reads sources (file and line in errors). */
    private List<Manifest> objectsIn(String file) {
        try {
            Path path;
            if (file.equals("-")) {
                Path dir = Files.createTempDirectory("capstan-health");
                dir.toFile().deleteOnExit();
                path = Files.write(dir.resolve("stdin.yaml"), System.in.readAllBytes());
                path.toFile().deleteOnExit();
            } else {
                path = Path.of(file).toAbsolutePath();
            }
            if (!Files.isRegularFile(path)) {
                throw new UserError(file + ": no such file");
            }
            var options = DirectoryOptions.defaults().withInclude(escapeGlob(path.getFileName().toString()));
            return new DirectoryRenderer().render(new DirectorySourceTree(path.getParent()), ".", options).manifests();
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String escapeGlob(String name) {
        return name.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }
}
