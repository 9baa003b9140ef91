package dev.capstan.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlPlaneExtensionTest {

    /** A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric. */
    private static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    @Test
    void namespace_is_a_dns_label_derived_from_the_class_name() {
        String namespace = ControlPlaneExtension.namespaceFor(ControlPlaneExtensionTest.class);

        assertThat(namespace).matches(DNS_1123_LABEL).hasSizeLessThanOrEqualTo(63)
                .startsWith("controlplaneextensiontest-");
    }

    @Test
    void two_namespaces_for_the_same_class_differ() {
        assertThat(ControlPlaneExtension.namespaceFor(ControlPlaneExtensionTest.class))
                .isNotEqualTo(ControlPlaneExtension.namespaceFor(ControlPlaneExtensionTest.class));
    }

    @Test
    void a_long_class_name_is_shortened_to_a_dns_label() {
        String namespace = ControlPlaneExtension.namespaceFor(
                AVeryLongTestClassNameThatKeepsGoingWellPastTheSixtyThreeCharacterLimitOfALabel.class);

        assertThat(namespace).matches(DNS_1123_LABEL).hasSizeLessThanOrEqualTo(63)
                .startsWith("averylongtestclassname");
    }

    @Test
    void characters_outside_a_dns_label_are_replaced_and_not_left_at_the_ends() {
        String namespace = ControlPlaneExtension.namespaceFor(Under_Scored$Name_.class);

        assertThat(namespace).matches(DNS_1123_LABEL).hasSizeLessThanOrEqualTo(63)
                .startsWith("under-scored-name-");
    }

    @Test
    void a_class_without_a_simple_name_gets_a_generic_prefix() {
        Object anonymous = new Object() { };

        String namespace = ControlPlaneExtension.namespaceFor(anonymous.getClass());

        assertThat(namespace).matches(DNS_1123_LABEL).startsWith("test-");
    }

    private static final class AVeryLongTestClassNameThatKeepsGoingWellPastTheSixtyThreeCharacterLimitOfALabel {
    }

    @SuppressWarnings("checkstyle:TypeName")
    private static final class Under_Scored$Name_ {
    }
}
