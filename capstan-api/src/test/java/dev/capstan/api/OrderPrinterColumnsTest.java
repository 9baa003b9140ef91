package dev.capstan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;

import org.junit.jupiter.api.Test;

class OrderPrinterColumnsTest {

    private static final List<CustomResourceColumnDefinition> BY_JSON_PATH = List.of(
            column("Age", ".metadata.creationTimestamp"), column("Health", ".status.health.status"),
            column("Sync", ".status.sync.status"));

    @Test
    void orders_columns_as_listed() {
        assertThat(OrderPrinterColumns.ordered(BY_JSON_PATH, List.of("Sync", "Health", "Age"), "test"))
                .extracting(CustomResourceColumnDefinition::getName).containsExactly("Sync", "Health", "Age");
    }

    @Test
    void refuses_a_list_that_misses_or_invents_a_column() {
        assertThatThrownBy(() -> OrderPrinterColumns.ordered(BY_JSON_PATH, List.of("Sync", "Age"), "test"))
                .hasMessageContaining("[Age, Health, Sync]");
        assertThatThrownBy(() -> OrderPrinterColumns.ordered(BY_JSON_PATH, List.of("Sync", "Health", "Age", "Size"),
                "test")).hasMessageContaining("lists [Sync, Health, Age, Size]");
    }

    private static CustomResourceColumnDefinition column(String name, String jsonPath) {
        return new CustomResourceColumnDefinitionBuilder().withName(name).withJsonPath(jsonPath).withType("string")
                .build();
    }
}
