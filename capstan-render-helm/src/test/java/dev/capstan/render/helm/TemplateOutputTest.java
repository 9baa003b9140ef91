package dev.capstan.render.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.engine.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateOutputTest {

    private static final String OUTPUT = """
            ---
            # Source: web/charts/cache/templates/configmap.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cache
            ---
            # Source: web/templates/all.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            ---
            # Source: web/templates/all.yaml
            apiVersion: v1
            kind: ConfigMapList
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: one
            ---
            # Source: web/templates/empty.yaml
            """;

    @Test
    void each_object_comes_from_its_template_where_the_chart_lies_in_the_source() {
        List<Manifest> manifests = TemplateOutput.read(OUTPUT, "charts/web", "charts/web/Chart.yaml");

        assertThat(manifests).extracting(m -> m.kind() + "/" + m.name() + " " + m.origin()).containsExactly(
                "ConfigMap/cache charts/web/charts/cache/templates/configmap.yaml",
                "Service/web charts/web/templates/all.yaml",
                "ConfigMap/one charts/web/templates/all.yaml");
    }

    @Test
    void a_chart_at_the_root_or_from_a_repository_is_named_by_its_own_files() {
        assertThat(TemplateOutput.located("web/templates/x.yaml", ".")).isEqualTo("templates/x.yaml");
        assertThat(TemplateOutput.located("web/templates/x.yaml", "web")).isEqualTo("web/templates/x.yaml");
    }

    @Test
    void a_document_without_a_source_comes_from_the_fallback() {
        List<Manifest> manifests = TemplateOutput.read("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n", "charts/web", "charts/web/Chart.yaml");

        assertThat(manifests).singleElement().extracting(m -> m.origin().toString()).isEqualTo("charts/web/Chart.yaml");
    }
}
