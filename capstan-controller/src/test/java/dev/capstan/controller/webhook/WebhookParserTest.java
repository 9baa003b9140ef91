package dev.capstan.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.controller.webhook.WebhookParser.Result;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One test per payload under {@code webhook/payloads}: {@code <case>.json} is the body and
 * {@code <case>.yaml} beside it gives the request's headers and what must come of it: the push
 * events ({@code expect}), a note for an ignored event ({@code ignored}), or the message of a
 * malformed one ({@code malformed}).
 */
class WebhookParserTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> reads_each_payload_as_its_expectation_says() throws IOException, URISyntaxException {
        Path payloads = Path.of(Objects.requireNonNull(getClass().getResource("/webhook/payloads")).toURI());
        return Files.list(payloads)
                .filter(file -> file.getFileName().toString().endsWith(".yaml"))
                .sorted()
                .map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString().replace(".yaml", ""), () -> check(spec)));
    }

    private static void check(Path specFile) throws IOException {
        JsonNode spec = YAML.readTree(specFile.toFile());
        byte[] body = Files.readAllBytes(specFile.resolveSibling(specFile.getFileName().toString().replace(".yaml", ".json")));
        Map<String, String> headerMap = new LinkedHashMap<>();
        spec.path("headers").properties().forEach(header -> headerMap.put(header.getKey(), header.getValue().asString()));
        Headers headers = Headers.of(headerMap);

        Optional<Provider> provider = WebhookParser.provider(headers);
        assertThat(provider).as("provider told by the headers").isPresent();
        Result result = WebhookParser.parse(provider.get(), headers, body);

        if (spec.has("ignored")) {
            assertThat(result).isEqualTo(new Result.Ignored(spec.path("ignored").asString()));
        } else if (spec.has("malformed")) {
            assertThat(result).isEqualTo(new Result.Malformed(spec.path("malformed").asString()));
        } else {
            List<PushEvent> expected = spec.path("expect").valueStream().map(WebhookParserTest::event).toList();
            assertThat(result).isEqualTo(new Result.Pushes(expected));
        }
    }

    private static PushEvent event(JsonNode node) {
        return new PushEvent(
                Provider.valueOf(node.path("provider").asString()),
                strings(node.path("repositoryUrls")),
                node.path("ref").asString(),
                Optional.ofNullable(node.get("commit")).map(JsonNode::asString),
                Optional.ofNullable(node.get("defaultBranch")).map(JsonNode::asString),
                Optional.ofNullable(node.get("changedFiles")).map(WebhookParserTest::strings));
    }

    private static List<String> strings(JsonNode list) {
        return list.valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void reads_a_form_encoded_github_delivery() throws IOException, URISyntaxException {
        byte[] json = Files.readAllBytes(Path.of(Objects.requireNonNull(getClass().getResource("/webhook/payloads/github-push.json")).toURI()));
        byte[] form = ("payload=" + URLEncoder.encode(new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        Headers headers = Headers.of(Map.of("X-GitHub-Event", "push", "Content-Type", "application/x-www-form-urlencoded"));

        Result result = WebhookParser.parse(Provider.GITHUB, headers, form);

        assertThat(result).isInstanceOfSatisfying(Result.Pushes.class, pushes -> {
            assertThat(pushes.events()).singleElement().satisfies(event -> {
                assertThat(event.ref()).isEqualTo("refs/heads/main");
                assertThat(event.commit()).contains("4920a203891e046277fc417c52c521ce02c05a3c");
            });
        });
    }

    @Test
    void tells_the_provider_by_its_event_header_in_any_case() {
        assertThat(WebhookParser.provider(Headers.of(Map.of("x-github-event", "push")))).contains(Provider.GITHUB);
        assertThat(WebhookParser.provider(Headers.of(Map.of("X-GITLAB-EVENT", "Push Hook")))).contains(Provider.GITLAB);
        assertThat(WebhookParser.provider(Headers.of(Map.of("X-Event-Key", "repo:push")))).contains(Provider.BITBUCKET_CLOUD);
        assertThat(WebhookParser.provider(Headers.of(Map.of("X-Event-Key", "pullrequest:created", "X-Hook-UUID", "8b1c5e2a"))))
                .contains(Provider.BITBUCKET_CLOUD);
        assertThat(WebhookParser.provider(Headers.of(Map.of("X-Event-Key", "repo:refs_changed")))).contains(Provider.BITBUCKET_SERVER);
        assertThat(WebhookParser.provider(Headers.of(Map.of("X-Forgejo-Event", "push", "X-GitHub-Event", "push")))).contains(Provider.GITEA);
        assertThat(WebhookParser.provider(Headers.of(Map.of("X-Capstan-Event", "push")))).contains(Provider.GENERIC);
        assertThat(WebhookParser.provider(Headers.of(Map.of("Content-Type", "application/json")))).isEmpty();
    }

    @Test
    void ignores_events_that_are_not_pushes() {
        Headers headers = Headers.of(Map.of("X-Gitlab-Event", "Merge Request Hook"));

        Result result = WebhookParser.parse(Provider.GITLAB, headers, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(result).isEqualTo(new Result.Ignored("gitlab event 'Merge Request Hook' is not a push: ignored"));
    }

    @Test
    void names_a_field_of_the_wrong_type_by_its_path() {
        Headers headers = Headers.of(Map.of("X-Event-Key", "repo:push"));
        byte[] body = """
                {"repository": {"links": {"html": {"href": "https://bitbucket.org/harbourlabs/shipyard"}}},
                 "push": {"changes": [{"new": {"type": "branch", "name": 7}}]}}
                """.getBytes(StandardCharsets.UTF_8);

        Result result = WebhookParser.parse(Provider.BITBUCKET_CLOUD, headers, body);

        assertThat(result).isEqualTo(new Result.Malformed("field 'push.changes[0].new.name' must be a string, not a number"));
    }

    @Test
    void refuses_an_empty_body_and_json_that_is_not_an_object() {
        Headers headers = Headers.of(Map.of("X-Capstan-Event", "push"));

        assertThat(WebhookParser.parse(Provider.GENERIC, headers, new byte[0]))
                .isEqualTo(new Result.Malformed("the body is empty; a JSON object was expected"));
        assertThat(WebhookParser.parse(Provider.GENERIC, headers, "[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Result.Malformed("the body is JSON but not an object"));
    }
}
