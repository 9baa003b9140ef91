package dev.capstan.server;

import java.util.List;
import java.util.Map;

/** What a handler answers, as a value: status, content type, body, extra headers and cookies. */
record Reply(int status, String contentType, String body, Map<String, String> headers, List<String> cookies) {

    static final String JSON = "application/json; charset=utf-8";

    Reply {
        headers = Map.copyOf(headers);
        cookies = List.copyOf(cookies);
    }

    static Reply json(Object value) {
        return new Reply(200, JSON, value instanceof String text ? text : Json.write(value), Map.of(), List.of());
    }

    static Reply empty() {
        return json("{}");
    }

    static Reply error(ApiError error) {
        Map<String, String> headers = error.kind() == ApiError.Kind.TOO_MANY_REQUESTS
                ? Map.of("Retry-After", String.valueOf(ErrorMapping.retryAfterSeconds(error.retryAfter()))) : Map.of();
        return new Reply(error.kind().status(), JSON, error.json(), headers, List.of());
    }

    Reply withCookie(String setCookie) {
        var more = new java.util.ArrayList<>(cookies);
        more.add(setCookie);
        return new Reply(status, contentType, body, headers, more);
    }
}
