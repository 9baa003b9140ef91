package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationSpec;

class LabelSelectorTest {

    private static final Map<String, String> LABELS = Map.of("team", "shop", "tier", "web", "env", "qa");

    @Test
    void equality_inequality_sets_and_existence_all_must_hold() {
        assertThat(LabelSelector.parse("team=shop").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("team==shop,tier!=db").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("env in (dev, qa),team").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("env notin (qa)").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("!legacy").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("team=shop,tier=db").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("owner").matches(LABELS)).isFalse();
    }

    @Test
    void a_malformed_selector_is_an_invalid_argument_naming_the_part() {
        assertThatThrownBy(() -> LabelSelector.parse("team=shop,=x"))
                .isInstanceOf(ApiError.class).hasMessageContaining("selector team=shop,=x")
                .extracting(error -> ((ApiError) error).kind()).isEqualTo(ApiError.Kind.INVALID_ARGUMENT);
    }

    @Test
    void the_application_filter_combines_project_selector_name_and_search() {
        Application web = application("web-frontend", "shop", Map.of("team", "shop"));
        Application db = application("database", null, Map.of("team", "data"));

        var byProject = new ApplicationFilter(List.of("default"), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(byProject.matches(db)).as("no project is the default project").isTrue();
        assertThat(byProject.matches(web)).isFalse();

        var bySearch = new ApplicationFilter(List.of(), Optional.of(LabelSelector.parse("team=shop")), Optional.empty(), Optional.of("FRONT"));
        assertThat(bySearch.matches(web)).isTrue();
        assertThat(bySearch.matches(db)).isFalse();

        var byName = new ApplicationFilter(List.of(), Optional.empty(), Optional.of("web"), Optional.empty());
        assertThat(byName.matches(web)).as("name matches exactly").isFalse();
    }

    @Test
    void the_filter_reads_repeated_and_comma_separated_projects_from_the_query() {
        var request = Request.of(Map.of(), Map.of("project", List.of("shop,data", "ops"), "search", List.of("")), "");
        var filter = ApplicationFilter.of(request);
        assertThat(filter.projects()).containsExactly("shop", "data", "ops");
        assertThat(filter.search()).isEmpty();
    }

    static Application application(String name, String project, Map<String, String> labels) {
        var application = new Application();
        application.getMetadata().setName(name);
        application.getMetadata().setLabels(labels);
        var spec = new ApplicationSpec();
        spec.setProject(project);
        application.setSpec(spec);
        return application;
    }
}
