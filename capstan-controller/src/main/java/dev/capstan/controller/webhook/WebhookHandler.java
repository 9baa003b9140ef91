package dev.capstan.controller.webhook;

import dev.capstan.controller.webhook.Rejection.Reason;
import dev.capstan.controller.webhook.WebhookParser.Result;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one webhook request, independent of any HTTP server: refuse anything but POST (405)
 * and bodies over the limit (413); tell the provider by its event header (400 when there is
 * none); verify the request against that provider's secret (401, or 403 when none is
 * configured); read the pushes it reports (400 when malformed) and hand each to the consumer.
 * Events that are not pushes are answered 200 with a note and nothing else happens.
 *
 * <p>The consumer is called on the requesting thread before the answer is given; it should only
 * queue the push (the refresh it leads to takes longer than a Git host waits for an answer).
 */
public final class WebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@]*@");

    private final WebhookVerifier verifier;
    private final WebhookOptions options;
    private final Consumer<PushEvent> onPush;

    public WebhookHandler(WebhookSecrets secrets, WebhookOptions options, Consumer<PushEvent> onPush) {
        this.verifier = new WebhookVerifier(Objects.requireNonNull(secrets, "secrets"));
        this.options = Objects.requireNonNull(options, "options");
        this.onPush = Objects.requireNonNull(onPush, "onPush");
    }

    /**
     * @param headers the request's headers; names in any case
     * @param body the raw body, exactly as received (signatures are over these bytes)
     */
    public WebhookResponse handle(String method, Map<String, String> headers, byte[] body) {
        if (!"POST".equals(method)) {
            return refuse(Optional.empty(), new Rejection(Reason.METHOD_NOT_ALLOWED, "only POST is accepted, not " + method));
        }
        if (body.length > options.maxBodyBytes()) {
            return tooLarge();
        }
        Headers named = Headers.of(headers);
        Optional<Provider> provider = WebhookParser.provider(named);
        if (provider.isEmpty()) {
            return refuse(provider, unknownSender());
        }
        Optional<Rejection> refused = verifier.verify(provider.get(), named, body);
        if (refused.isPresent()) {
            return refuse(provider, refused.get());
        }
        return switch (WebhookParser.parse(provider.get(), named, body)) {
            case Result.Pushes pushes -> deliver(provider.get(), pushes.events());
            case Result.Ignored ignored -> {
                LOG.debug("Ignored a {} webhook: {}", provider.get(), ignored.note());
                yield WebhookResponse.ignored(provider.get(), ignored.note());
            }
            case Result.Malformed malformed -> refuse(provider, new Rejection(Reason.MALFORMED_PAYLOAD, malformed.message()));
        };
    }

    /** The body limit, for a server to enforce while the body streams in. */
    public int maxBodyBytes() {
        return options.maxBodyBytes();
    }

    /** The answer to a body over {@link #maxBodyBytes}. */
    public WebhookResponse tooLarge() {
        return refuse(Optional.empty(), new Rejection(Reason.PAYLOAD_TOO_LARGE,
                "the body is larger than the " + options.maxBodyBytes() + " bytes accepted"));
    }

    private WebhookResponse deliver(Provider provider, List<PushEvent> events) {
        for (PushEvent event : events) {
            LOG.info("Webhook push from {}: {} {}{}", provider, display(event.repositoryUrls().getFirst()), event.ref(),
                    event.commit().map(sha -> " at " + sha).orElse(""));
            try {
                onPush.accept(event);
            } catch (RuntimeException e) {
                LOG.error("Could not hand on a {} push to {}", provider, event.ref(), e);
                return WebhookResponse.rejected(new Rejection(Reason.CONSUMER_FAILED,
                        "the push was verified but could not be handed on; Capstan's polling will still see it"));
            }
        }
        return WebhookResponse.accepted(provider, events);
    }

    private static WebhookResponse refuse(Optional<Provider> provider, Rejection rejection) {
        String sender = provider.map(Provider::displayName).orElse("webhook");
        if (rejection.status() == 401 || rejection.status() == 403) {
            LOG.warn("Refused a {} request: {}", sender, rejection.message());
        } else {
            LOG.debug("Refused a {} request: {}", sender, rejection.message());
        }
        return WebhookResponse.rejected(rejection);
    }

    private static Rejection unknownSender() {
        return new Rejection(Reason.UNKNOWN_SENDER, "the request carries none of the event headers Capstan reads: "
                + String.join(", ", WebhookParser.GITHUB_EVENT, WebhookParser.GITLAB_EVENT, WebhookParser.BITBUCKET_EVENT,
                        WebhookParser.GITEA_EVENT, WebhookParser.FORGEJO_EVENT, WebhookParser.CAPSTAN_EVENT));
    }

    private static String display(String url) {
        return USER_INFO.matcher(url).replaceFirst("");
    }
}
