package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.Operation;

class SyncBodyTest {

    @Test
    void every_field_of_the_contract_becomes_part_of_the_sync() {
        Operation.SyncOperation sync = SyncBody.read(Json.body("""
                {"revision": "abc123", "prune": true, "dryRun": false, "strategy": {"apply": {"force": true}},
                 "resources": [{"group": "apps", "kind": "Deployment", "namespace": "shop", "name": "web"}],
                 "syncOptions": {"items": ["CreateNamespace=true"]}}
                """));
        assertThat(sync.getRevision()).isEqualTo("abc123");
        assertThat(sync.getPrune()).isTrue();
        assertThat(sync.getDryRun()).isNull();
        assertThat(sync.getSyncOptions()).containsExactly("CreateNamespace=true", "Force=true");
        assertThat(sync.getResources()).singleElement().satisfies(resource -> {
            assertThat(resource.getGroup()).isEqualTo("apps");
            assertThat(resource.getName()).isEqualTo("web");
        });
    }

    @Test
    void an_empty_body_is_a_plain_sync() {
        Operation.SyncOperation sync = SyncBody.read(Json.body(""));
        assertThat(sync.getRevision()).isNull();
        assertThat(sync.getResources()).isNull();
        assertThat(sync.getSyncOptions()).isNull();
    }

    @Test
    void a_field_of_the_wrong_shape_is_named() {
        assertThatThrownBy(() -> SyncBody.read(Json.body("{\"prune\": \"yes\"}"))).hasMessage("prune must be true or false");
        assertThatThrownBy(() -> SyncBody.read(Json.body("{\"resources\": [{\"kind\": \"ConfigMap\"}]}")))
                .hasMessage("resources[0] needs a kind and a name");
        assertThatThrownBy(() -> SyncBody.read(Json.body("{\"syncOptions\": {\"items\": [\"nonsense\"]}}")))
                .hasMessageStartingWith("syncOptions: each item is Key=value");
    }
}
