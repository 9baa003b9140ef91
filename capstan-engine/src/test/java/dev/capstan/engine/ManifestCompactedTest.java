package dev.capstan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

class ManifestCompactedTest {

    private static final Manifest DEPLOYMENT = Manifest.parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels: {app: web, tier: front}
              annotations: {capstan.dev/sync-wave: "2"}
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                  - {name: web, image: "web:1", ports: [{containerPort: 8080}]}
            status: {readyReplicas: 2, conditions: [{type: Available, status: "True"}]}
            """);

    @Test
    void a_compacted_manifest_has_the_same_content_in_the_same_order() {
        Manifest compact = DEPLOYMENT.compacted();

        assertThat(compact).isEqualTo(DEPLOYMENT);
        assertThat(DEPLOYMENT).isEqualTo(compact);
        assertThat(compact.hashCode()).isEqualTo(DEPLOYMENT.hashCode());
        assertThat(compact.toYaml()).isEqualTo(DEPLOYMENT.toYaml());
        assertThat(compact.contentHash()).isEqualTo(DEPLOYMENT.contentHash());
        assertThat(compact.key()).isEqualTo(DEPLOYMENT.key());
        assertThat(compact.label("tier")).contains("front");
        assertThat(compact.annotation("capstan.dev/sync-wave")).contains("2");
        assertThat(compact.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(compact.at("/status/conditions/0/type").asString()).isEqualTo("Available");
        assertThat(compact.at("/spec/missing").isMissingNode()).isTrue();
    }

    @Test
    void a_compacted_manifest_refuses_changes_in_place_but_gives_changeable_copies() {
        Manifest compact = DEPLOYMENT.compacted();

        assertThatThrownBy(() -> ((ObjectNode) compact.at("/metadata/labels")).put("app", "other"))
                .isInstanceOf(UnsupportedOperationException.class);
        Manifest changed = compact.with(object -> ((ObjectNode) object.get("metadata")).put("name", "api"));
        assertThat(changed.name()).isEqualTo("api");
        assertThat(compact.name()).isEqualTo("web");
        assertThat(compact.copyObject().withObject("/metadata/labels").put("app", "copy").get("app").asString()).isEqualTo("copy");
    }

    @Test
    void short_text_is_shared_with_equal_text_elsewhere() {
        Manifest one = DEPLOYMENT.compacted();
        Manifest two = Manifest.parse(DEPLOYMENT.toJson()).compacted();

        assertThat(one.namespace()).isSameAs(two.namespace());
        assertThat(one.label("app").orElseThrow()).isSameAs(two.label("app").orElseThrow());
    }
}
