package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes exactly the routes the server has. */
class OpenApiRoutesTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void the_document_and_the_router_name_the_same_methods_and_paths() {
        var parts = new ApiRouter.Parts(null, null, null, null, null, null, null, null, null, null, ServerOptions.DEFAULT_BODY_LIMIT);
        var router = ApiRouter.build(vertx, parts, new Calls(null));

        Set<String> documented = new TreeSet<>();
        JsonNode paths = Json.body(ApiRouter.openApiDocument()).path("paths");
        for (var path : paths.properties()) {
            for (var method : path.getValue().properties()) {
                documented.add(method.getKey().toUpperCase() + " " + path.getKey());
            }
        }

        assertThat(ApiRouter.served(router)).isEqualTo(documented).contains("GET /api/v1/applications/{name}/resource-tree", "GET /metrics");
    }

    @Test
    void every_api_call_documents_its_errors_and_every_route_of_the_contract_is_there() {
        JsonNode paths = Json.body(ApiRouter.openApiDocument()).path("paths");
        assertThat(paths.path("/api/v1/applications/{name}/sync").path("post").path("responses").has("403")).isTrue();
        assertThat(ApiRouter.endpoints(new ApiRouter.Parts(null, null, null, null, null, null, null, null, null, null, 1)))
                .hasSize(26);
    }
}
