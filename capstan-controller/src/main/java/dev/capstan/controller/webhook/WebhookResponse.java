package dev.capstan.controller.webhook;

import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer to a webhook request: an HTTP status and a JSON body. Accepted and ignored events
 * say how many pushes were taken ({@code {"provider": "github", "accepted": 1, "refs": [...]}},
 * an ignored one with a {@code note}); refusals say why ({@code {"reason": "SignatureMismatch",
 * "message": "..."}}).
 */
public record WebhookResponse(int status, String jsonBody) {

    static WebhookResponse accepted(Provider provider, List<PushEvent> events) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("provider", provider.displayName())
                .put("accepted", events.size());
        events.forEach(event -> body.withArray("refs").add(event.ref()));
        return new WebhookResponse(200, body.toString());
    }

    static WebhookResponse ignored(Provider provider, String note) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("provider", provider.displayName())
                .put("accepted", 0)
                .put("note", note);
        return new WebhookResponse(200, body.toString());
    }

    static WebhookResponse rejected(Rejection rejection) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("reason", rejection.reason().code())
                .put("message", rejection.message());
        return new WebhookResponse(rejection.status(), body.toString());
    }
}
