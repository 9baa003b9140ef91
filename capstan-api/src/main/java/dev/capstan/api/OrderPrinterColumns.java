package dev.capstan.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.YamlDumpSettingsBuilder;

import tools.jackson.databind.json.JsonMapper;

/**
 * A build step, run right after the CRD generator: puts the printer columns of each generated
 * CRD in the order its type's {@link PrinterColumnOrder} gives. The generator sorts them by
 * JSON path, which would make {@code kubectl get applications} show AGE first. Fails the build
 * when the names listed and the columns generated differ.
 *
 * <p>Arguments: the generator's output directory, then the custom resource class names.
 */
public final class OrderPrinterColumns {

    private OrderPrinterColumns() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: OrderPrinterColumns <crd directory> <custom resource class>...");
        }
        Path directory = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            Class<? extends HasMetadata> type = Class.forName(args[i]).asSubclass(HasMetadata.class);
            reorder(directory.resolve(CustomResourceDefinitions.fileName(type)), type);
        }
    }

    static void reorder(Path file, Class<? extends HasMetadata> type) throws IOException {
        PrinterColumnOrder order = type.getAnnotation(PrinterColumnOrder.class);
        if (order == null) {
            throw new IllegalArgumentException(type.getName() + " has no @PrinterColumnOrder");
        }
        var serialization = new KubernetesSerialization(JsonMapper.builderWithJackson2Defaults().build(), true,
                new YamlDumpSettingsBuilder().setMinimizeQuotes(true).build());
        CustomResourceDefinition crd = serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            version.setAdditionalPrinterColumns(ordered(version.getAdditionalPrinterColumns(), List.of(order.value()),
                    file.getFileName() + " " + version.getName()));
        }
        Files.writeString(file, "# Generated at build time from " + type.getName() + "; do not edit.\n"
                + serialization.asYaml(crd));
    }

    static List<CustomResourceColumnDefinition> ordered(List<CustomResourceColumnDefinition> columns,
            List<String> names, String where) {
        List<String> generated = columns.stream().map(CustomResourceColumnDefinition::getName).sorted().toList();
        if (!generated.equals(names.stream().sorted().toList())) {
            throw new IllegalStateException(where + ": @PrinterColumnOrder lists " + names
                    + " but the generated printer columns are " + generated);
        }
        List<CustomResourceColumnDefinition> result = new ArrayList<>(columns);
        result.sort(Comparator.comparingInt(column -> names.indexOf(column.getName())));
        return result;
    }
}
