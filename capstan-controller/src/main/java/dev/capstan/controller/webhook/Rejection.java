package dev.capstan.controller.webhook;

/**
 * Why a webhook request was turned away: a reason that fixes the HTTP status, and a message for
 * whoever reads the Git host's delivery log. Messages never hold a secret or a signature.
 */
record Rejection(Reason reason, String message) {

    enum Reason {
        METHOD_NOT_ALLOWED(405, "MethodNotAllowed"),
        PAYLOAD_TOO_LARGE(413, "PayloadTooLarge"),
        UNKNOWN_SENDER(400, "UnknownSender"),
        MALFORMED_PAYLOAD(400, "MalformedPayload"),
        SIGNATURE_MISSING(401, "SignatureMissing"),
        SIGNATURE_MISMATCH(401, "SignatureMismatch"),
        NO_SECRET_CONFIGURED(403, "NoSecretConfigured"),
        NOT_FOUND(404, "NotFound"),
        CONSUMER_FAILED(500, "InternalError");

        private final int status;
        private final String code;

        Reason(int status, String code) {
            this.status = status;
            this.code = code;
        }

        int status() {
            return status;
        }

        /** The reason as the JSON response spells it. */
        String code() {
            return code;
        }
    }

    int status() {
        return reason.status();
    }
}
