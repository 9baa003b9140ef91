package dev.capstan.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Capstan's API server's own account of the time it spent answering, by route
 * ({@code capstan_api_request_duration_seconds} on its {@code /metrics}): from the request's
 * arrival to the end of the answer's writing, JSON encoding and compression included, the
 * network and the browser not. A request is counted when it ends.
 */
final class ApiRequestTimes {

    private static final Pattern LINE = Pattern.compile("^capstan_api_request_duration_seconds_(sum|count)\\{([^}]*)}\\s+(\\S+)$");
    private static final Pattern ROUTE = Pattern.compile("route=\"([^\"]*)\"");

    /** Requests to one route and the seconds they took, together. */
    record Total(long count, double seconds) {

        Total minus(Total before) {
            return new Total(count - before.count, seconds - before.seconds);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI metrics;

    ApiRequestTimes(String url) {
        this.metrics = URI.create(url + "/metrics");
    }

    /** The totals so far, by route. */
    Map<String, Total> read() throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + metrics + " answered " + answer.statusCode());
        }
        Map<String, Total> totals = new HashMap<>();
        for (String line : answer.body().split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            Matcher route = ROUTE.matcher(matcher.group(2));
            if (!route.find()) {
                continue;
            }
            double value = Double.parseDouble(matcher.group(3));
            Total part = matcher.group(1).equals("sum") ? new Total(0, value) : new Total((long) value, 0);
            totals.merge(route.group(1), part, (a, b) -> new Total(a.count + b.count, a.seconds + b.seconds));
        }
        return totals;
    }

    /** What {@code routes} took between two readings, together. */
    static Total between(Map<String, Total> before, Map<String, Total> after, Collection<String> routes) {
        Total sum = new Total(0, 0);
        for (String route : routes) {
            Total delta = after.getOrDefault(route, new Total(0, 0)).minus(before.getOrDefault(route, new Total(0, 0)));
            sum = new Total(sum.count + delta.count, sum.seconds + delta.seconds);
        }
        return sum;
    }
}
