package dev.capstan.controller.webhook;

/**
 * A payload that is not what its provider sends: not JSON, or a field missing or of the wrong
 * type. The message names the field; {@link WebhookParser} turns it into a 400 answer.
 */
final class MalformedPayloadException extends RuntimeException {

    MalformedPayloadException(String message) {
        super(message, null, false, false);
    }
}
