package dev.capstan.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.render.HelmOptions.Parameter;
import dev.capstan.engine.render.RenderException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    private static String values(Parameter... parameters) {
        return ParameterValues.of(List.of(parameters)).toString();
    }

    @Test
    void dotted_names_make_nested_maps() {
        assertThat(values(new Parameter("image.tag", "v2", false), new Parameter("image.pullPolicy", "Always", false)))
                .isEqualTo("{\"image\":{\"tag\":\"v2\",\"pullPolicy\":\"Always\"}}");
    }

    @Test
    void values_are_typed_as_helm_types_them() {
        assertThat(values(new Parameter("a", "true", false), new Parameter("b", "42", false), new Parameter("c", "null", false),
                new Parameter("d", "0755", false), new Parameter("e", "1.5", false), new Parameter("f", "0", false)))
                .isEqualTo("{\"a\":true,\"b\":42,\"c\":null,\"d\":\"0755\",\"e\":\"1.5\",\"f\":0}");
    }

    @Test
    void force_string_keeps_the_value_a_string() {
        assertThat(values(new Parameter("b", "42", true), new Parameter("a", "true", true))).isEqualTo("{\"b\":\"42\",\"a\":\"true\"}");
    }

    @Test
    void indexes_make_lists() {
        assertThat(values(new Parameter("hosts[1].name", "b.example.org", false), new Parameter("hosts[0].name", "a.example.org", false)))
                .isEqualTo("{\"hosts\":[{\"name\":\"a.example.org\"},{\"name\":\"b.example.org\"}]}");
    }

    @Test
    void an_escaped_dot_is_part_of_the_key() {
        assertThat(values(new Parameter("annotations.example\\.org/team", "shop", false)))
                .isEqualTo("{\"annotations\":{\"example.org/team\":\"shop\"}}");
    }

    @Test
    void braces_make_a_list_and_commas_otherwise_stay_in_the_value() {
        assertThat(values(new Parameter("ports", "{80,443}", false), new Parameter("csv", "a,b", false)))
                .isEqualTo("{\"ports\":[80,443],\"csv\":\"a,b\"}");
    }

    @Test
    void a_later_parameter_wins() {
        assertThat(values(new Parameter("image", "x", false), new Parameter("image.tag", "v2", false))).isEqualTo("{\"image\":{\"tag\":\"v2\"}}");
    }

    @Test
    void a_name_that_does_not_parse_is_an_error_naming_it() {
        assertThatThrownBy(() -> values(new Parameter("hosts[x]", "a", false)))
                .isInstanceOf(RenderException.class)
                .hasMessage("Helm parameter 'hosts[x]' has list index 'x', which is not a number");
        assertThatThrownBy(() -> values(new Parameter("a..b", "a", false))).hasMessage("Helm parameter 'a..b' has an empty key");
    }
}
