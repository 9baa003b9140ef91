package dev.capstan.engine.sync;

import static dev.capstan.engine.sync.TestManifests.configMap;
import static dev.capstan.engine.sync.TestManifests.object;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.Manifest;

class TrackingTest {

    private final Tracking shop = new Tracking("shop");

    @Test
    void names_the_application_and_the_objects_own_identity() {
        assertThat(shop.idOf(configMap("web", "settings").build().key())).isEqualTo("shop:/ConfigMap:web/settings");
        assertThat(shop.idOf(object("rbac.authorization.k8s.io/v1", "ClusterRole", "", "reader").build().key()))
                .isEqualTo("shop:rbac.authorization.k8s.io/ClusterRole:/reader");
    }

    @Test
    void owns_only_objects_marked_by_it_for_themselves() {
        Manifest marked = shop.mark(configMap("web", "settings").build());
        Manifest copied = marked.with(object -> object.withObject("/metadata").put("name", "copy"));

        assertThat(shop.owns(marked)).isTrue();
        assertThat(shop.owns(copied)).isFalse();
        assertThat(new Tracking("billing").owns(marked)).isFalse();
        assertThat(shop.owns(configMap("web", "settings").build())).isFalse();
    }

    @Test
    void keeps_existing_annotations_and_labels_when_marking() {
        Manifest marked = shop.mark(configMap("web", "settings").annotate("team", "payments").build());

        assertThat(marked.annotations()).containsEntry("team", "payments").containsEntry(Tracking.ANNOTATION, "shop:/ConfigMap:web/settings");
        assertThat(marked.labels()).containsEntry(Tracking.LABEL, "shop");
    }

    @Test
    void cuts_a_long_application_name_to_a_valid_label_value() {
        String longName = "a".repeat(62) + ".b-and-more";

        assertThat(new Tracking(longName).labelValue()).isEqualTo("a".repeat(62));
    }
}
