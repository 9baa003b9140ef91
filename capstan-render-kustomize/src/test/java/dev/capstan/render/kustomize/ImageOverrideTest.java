package dev.capstan.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageOverrideTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            nginx=registry.example.com/nginx:1.27      | nginx                    | registry.example.com/nginx | 1.27 | -
            nginx=registry.example.com/nginx           | nginx                    | registry.example.com/nginx | -    | -
            nginx=registry.example.com/nginx@sha256:ab | nginx                    | registry.example.com/nginx | -    | sha256:ab
            nginx=mirror/nginx:1.27@sha256:ab          | nginx                    | mirror/nginx               | 1.27 | sha256:ab
            nginx:1.27                                 | nginx                    | -                          | 1.27 | -
            nginx@sha256:ab                            | nginx                    | -                          | -    | sha256:ab
            registry:5000/team/app:2.0                 | registry:5000/team/app   | -                          | 2.0  | -
            registry:5000/team/app=other:5000/app      | registry:5000/team/app   | other:5000/app             | -    | -
            """)
    void parses_the_forms_kustomize_edit_set_image_takes(String text, String name, String newName, String newTag, String digest) {
        assertThat(ImageOverride.parse(text)).isEqualTo(new ImageOverride(name, orEmpty(newName), orEmpty(newTag), orEmpty(digest)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "nginx=", "=nginx:1", "nginx:", "nginx@", "nginx:1=other"})
    void refuses_an_override_that_changes_nothing_or_does_not_parse(String text) {
        assertThatThrownBy(() -> ImageOverride.parse(text))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
                .hasMessageStartingWith("kustomize image '" + text + "': ");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
