package dev.capstan.controller.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads a webhook request into the pushes it reports. Which provider sent it is told by its
 * event header; what it reports, by its payload:
 *
 * <ul>
 *   <li>GitHub, {@code X-GitHub-Event: push} ({@code ping} is answered and ignored);
 *   <li>GitLab, {@code X-Gitlab-Event: Push Hook} or {@code Tag Push Hook};
 *   <li>Bitbucket Cloud, {@code X-Event-Key: repo:push}: one event per branch or tag it changed;
 *   <li>Bitbucket Data Center, {@code X-Event-Key: repo:refs_changed}: likewise;
 *   <li>Gitea and Forgejo, {@code X-Gitea-Event} or {@code X-Forgejo-Event: push}. Gitea also
 *       sends {@code X-GitHub-Event}, so its own header is looked at first;
 *   <li>anything else that can send {@code X-Capstan-Event: push} with
 *       {@code {"repository": "<url>", "ref": "refs/heads/main", "after": "<sha>"}}.
 * </ul>
 *
 * <p>Other events of a known provider are ignored, not refused, so a webhook subscribed to more
 * than pushes does not show failures in the host's delivery log. GitHub's and Gitea's
 * form-encoded deliveries ({@code payload=<json>}) are read as well as JSON ones.
 */
final class WebhookParser {

    static final String GITHUB_EVENT = "X-GitHub-Event";
    static final String GITLAB_EVENT = "X-Gitlab-Event";
    static final String BITBUCKET_EVENT = "X-Event-Key";
    static final String BITBUCKET_CLOUD_HOOK = "X-Hook-UUID";
    static final String GITEA_EVENT = "X-Gitea-Event";
    static final String FORGEJO_EVENT = "X-Forgejo-Event";
    static final String CAPSTAN_EVENT = "X-Capstan-Event";

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");
    private static final Pattern ZEROS = Pattern.compile("0+");
    /** GitHub lists at most this many commits in a push; a longer push cannot be told apart. */
    private static final int GITHUB_COMMIT_LIMIT = 2048;

    /** What a request reported. */
    sealed interface Result {

        /** One or more refs moved; never empty. */
        record Pushes(List<PushEvent> events) implements Result {
            public Pushes {
                events = List.copyOf(events);
            }
        }

        /** An event that is not a push (a ping, an issue comment): nothing to do. */
        record Ignored(String note) implements Result {
        }

        /** Not what the provider sends: the message names the field. */
        record Malformed(String message) implements Result {
        }
    }

    private WebhookParser() {
    }

    /** The provider whose event header the request carries, if any. */
    static Optional<Provider> provider(Headers headers) {
        if (headers.has(CAPSTAN_EVENT)) {
            return Optional.of(Provider.GENERIC);
        }
        if (headers.has(GITEA_EVENT) || headers.has(FORGEJO_EVENT)) {
            return Optional.of(Provider.GITEA);
        }
        if (headers.has(GITLAB_EVENT)) {
            return Optional.of(Provider.GITLAB);
        }
        if (headers.has(BITBUCKET_EVENT)) {
            boolean cloud = headers.get(BITBUCKET_EVENT).orElseThrow().equals("repo:push") || headers.has(BITBUCKET_CLOUD_HOOK);
            return Optional.of(cloud ? Provider.BITBUCKET_CLOUD : Provider.BITBUCKET_SERVER);
        }
        if (headers.has(GITHUB_EVENT)) {
            return Optional.of(Provider.GITHUB);
        }
        return Optional.empty();
    }

    /** Reads a request {@link #provider} attributed to {@code provider}. */
    static Result parse(Provider provider, Headers headers, byte[] body) {
        try {
            return switch (provider) {
                case GITHUB -> github(headers, body);
                case GITLAB -> gitlab(headers, body);
                case BITBUCKET_CLOUD -> bitbucketCloud(headers, body);
                case BITBUCKET_SERVER -> bitbucketServer(headers, body);
                case GITEA -> gitea(headers, body);
                case GENERIC -> generic(headers, body);
            };
        } catch (MalformedPayloadException e) {
            return new Result.Malformed(e.getMessage());
        }
    }

    private static Result github(Headers headers, byte[] body) {
        String event = headers.get(GITHUB_EVENT).orElseThrow();
        if (event.equals("ping")) {
            return new Result.Ignored("ping received: the webhook reaches Capstan");
        }
        if (!event.equals("push")) {
            return notAPush(Provider.GITHUB, event);
        }
        JsonPayload payload = JsonPayload.parse(formOrJson(headers, body));
        JsonPayload repository = payload.object("repository");
        Optional<List<JsonPayload>> commits = payload.optionalObjects("commits");
        boolean complete = commits.isPresent() && commits.get().size() < GITHUB_COMMIT_LIMIT
                && !payload.optionalBoolean("forced").orElse(false)
                && !payload.optionalBoolean("created").orElse(false)
                && !payload.optionalBoolean("deleted").orElse(false);
        return githubShaped(Provider.GITHUB, payload, repository, complete);
    }

    private static Result gitea(Headers headers, byte[] body) {
        String event = headers.get(GITEA_EVENT).or(() -> headers.get(FORGEJO_EVENT)).orElseThrow();
        if (!event.equals("push")) {
            return notAPush(Provider.GITEA, event);
        }
        JsonPayload payload = JsonPayload.parse(formOrJson(headers, body));
        JsonPayload repository = payload.object("repository");
        // Gitea lists only the last few commits of a push; total_commits says whether that was all.
        OptionalLong total = payload.optionalCount("total_commits");
        int listed = payload.optionalObjects("commits").map(List::size).orElse(-1);
        boolean complete = total.isPresent() && total.getAsLong() == listed;
        return githubShaped(Provider.GITEA, payload, repository, complete);
    }

    /** GitHub's push payload, which Gitea copies. */
    private static Result githubShaped(Provider provider, JsonPayload payload, JsonPayload repository, boolean commitsComplete) {
        String ref = payload.text("ref");
        if (!isBranchOrTag(ref)) {
            return otherRef(ref);
        }
        List<String> urls = urls(repository, "clone_url", "ssh_url", "html_url");
        Optional<String> commit = commit(payload, "after");
        Optional<List<String>> files = commitsComplete && isUpdate(payload, ref)
                ? Optional.of(changedFiles(payload.objects("commits")))
                : Optional.empty();
        return pushes(new PushEvent(provider, urls, ref, commit, branchName(repository.optionalText("default_branch")), files));
    }

    private static Result gitlab(Headers headers, byte[] body) {
        String event = headers.get(GITLAB_EVENT).orElseThrow();
        if (!event.equals("Push Hook") && !event.equals("Tag Push Hook")) {
            return notAPush(Provider.GITLAB, event);
        }
        JsonPayload payload = JsonPayload.parse(body);
        String ref = payload.text("ref");
        if (!isBranchOrTag(ref)) {
            return otherRef(ref);
        }
        JsonPayload project = payload.object("project");
        var urls = new LinkedHashSet<>(urls(project, "git_http_url", "git_ssh_url", "web_url"));
        payload.optionalObject("repository").ifPresent(repository -> {
            repository.optionalText("git_http_url").ifPresent(urls::add);
            repository.optionalText("git_ssh_url").ifPresent(urls::add);
        });
        // For an annotated tag "after" is the tag object; checkout_sha is the commit it tags.
        Optional<String> commit = commit(payload, "checkout_sha").or(() -> commit(payload, "after"));
        // GitLab lists at most 20 commits; total_commits_count says whether that was all.
        OptionalLong total = payload.optionalCount("total_commits_count");
        Optional<List<JsonPayload>> commits = payload.optionalObjects("commits");
        boolean complete = total.isPresent() && commits.isPresent() && total.getAsLong() == commits.get().size();
        Optional<List<String>> files = complete && isUpdate(payload, ref) ? Optional.of(changedFiles(commits.get())) : Optional.empty();
        return pushes(new PushEvent(Provider.GITLAB, List.copyOf(urls), ref, commit,
                branchName(project.optionalText("default_branch")), files));
    }

    private static Result bitbucketCloud(Headers headers, byte[] body) {
        String event = headers.get(BITBUCKET_EVENT).orElseThrow();
        if (!event.equals("repo:push")) {
            return notAPush(Provider.BITBUCKET_CLOUD, event);
        }
        JsonPayload payload = JsonPayload.parse(body);
        // The payload gives only the web page; the matcher treats it as the clone URL it also is.
        List<String> urls = List.of(payload.object("repository").object("links").object("html").text("href"));
        var events = new ArrayList<PushEvent>();
        for (JsonPayload change : payload.object("push").objects("changes")) {
            Optional<JsonPayload> created = change.optionalObject("new");
            JsonPayload side = created.or(() -> change.optionalObject("old")).orElseThrow(() -> change.missing("new"));
            String name = side.text("name");
            String ref = switch (side.text("type")) {
                case "branch" -> PushEvent.BRANCH_PREFIX + name;
                case "tag", "annotated_tag" -> PushEvent.TAG_PREFIX + name;
                default -> "";
            };
            if (ref.isEmpty()) {
                continue;
            }
            Optional<String> commit = created.isPresent() ? commit(created.get().object("target"), "hash") : Optional.empty();
            events.add(new PushEvent(Provider.BITBUCKET_CLOUD, urls, ref, commit, Optional.empty(), Optional.empty()));
        }
        return events.isEmpty() ? new Result.Ignored("the push changed no branch or tag") : new Result.Pushes(events);
    }

    private static Result bitbucketServer(Headers headers, byte[] body) {
        String event = headers.get(BITBUCKET_EVENT).orElseThrow();
        if (event.equals("diagnostics:ping")) {
            return new Result.Ignored("ping received: the webhook reaches Capstan");
        }
        if (!event.equals("repo:refs_changed")) {
            return notAPush(Provider.BITBUCKET_SERVER, event);
        }
        JsonPayload payload = JsonPayload.parse(body);
        JsonPayload links = payload.object("repository").object("links");
        List<String> urls = links.objects("clone").stream().map(clone -> clone.text("href")).distinct().toList();
        if (urls.isEmpty()) {
            throw links.invalid("clone", "lists no clone URL");
        }
        var events = new ArrayList<PushEvent>();
        for (JsonPayload change : payload.objects("changes")) {
            String ref = change.optionalObject("ref").flatMap(r -> r.optionalText("id"))
                    .or(() -> change.optionalText("refId"))
                    .orElseThrow(() -> change.missing("ref.id"));
            if (isBranchOrTag(ref)) {
                events.add(new PushEvent(Provider.BITBUCKET_SERVER, urls, ref, commit(change, "toHash"), Optional.empty(), Optional.empty()));
            }
        }
        return events.isEmpty() ? new Result.Ignored("the push changed no branch or tag") : new Result.Pushes(events);
    }

    private static Result generic(Headers headers, byte[] body) {
        String event = headers.get(CAPSTAN_EVENT).orElseThrow();
        if (event.equals("ping")) {
            return new Result.Ignored("ping received: the webhook reaches Capstan");
        }
        if (!event.equals("push")) {
            return notAPush(Provider.GENERIC, event);
        }
        JsonPayload payload = JsonPayload.parse(body);
        String repository = payload.text("repository");
        String ref = payload.text("ref");
        if (!isBranchOrTag(ref)) {
            throw payload.invalid("ref", "must be a full branch or tag name such as refs/heads/main or refs/tags/v1.0.0, not '" + ref + "'");
        }
        return pushes(new PushEvent(Provider.GENERIC, List.of(repository), ref, commit(payload, "after"), Optional.empty(), Optional.empty()));
    }

    private static byte[] formOrJson(Headers headers, byte[] body) {
        boolean form = headers.get("Content-Type")
                .map(type -> type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                .orElse(false);
        if (!form) {
            return body;
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.startsWith("payload=")) {
                try {
                    return URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new MalformedPayloadException("form field 'payload' is not URL-encoded");
                }
            }
        }
        throw new MalformedPayloadException("form field 'payload' is missing");
    }

    private static List<String> urls(JsonPayload repository, String... fields) {
        var urls = new LinkedHashSet<String>();
        for (String field : fields) {
            repository.optionalText(field).ifPresent(urls::add);
        }
        if (urls.isEmpty()) {
            throw new MalformedPayloadException("the payload names no repository URL: "
                    + String.join(", ", Arrays.stream(fields).map(field -> "'" + repository.pathOf(field) + "'").toList())
                    + " are all missing");
        }
        return List.copyOf(urls);
    }

    /** The SHA in {@code field}; empty when absent or all zeros (a deleted ref). */
    private static Optional<String> commit(JsonPayload payload, String field) {
        Optional<String> sha = payload.optionalText(field);
        if (sha.isPresent() && !SHA.matcher(sha.get()).matches()) {
            throw payload.invalid(field, "is not a commit SHA (40 or 64 hex digits)");
        }
        return sha.filter(hex -> !ZEROS.matcher(hex).matches()).map(hex -> hex.toLowerCase(Locale.ROOT));
    }

    /** A branch that existed before and after the push: only then do its commits say what changed. */
    private static boolean isUpdate(JsonPayload payload, String ref) {
        return ref.startsWith(PushEvent.BRANCH_PREFIX)
                && payload.optionalText("before").filter(sha -> !ZEROS.matcher(sha).matches()).isPresent()
                && commit(payload, "after").isPresent();
    }

    private static List<String> changedFiles(List<JsonPayload> commits) {
        var files = new LinkedHashSet<String>();
        for (JsonPayload commit : commits) {
            files.addAll(commit.texts("added"));
            files.addAll(commit.texts("modified"));
            files.addAll(commit.texts("removed"));
        }
        return List.copyOf(files);
    }

    private static Optional<String> branchName(Optional<String> branch) {
        return branch.map(name -> name.startsWith(PushEvent.BRANCH_PREFIX) ? name.substring(PushEvent.BRANCH_PREFIX.length()) : name);
    }

    private static boolean isBranchOrTag(String ref) {
        return (ref.startsWith(PushEvent.BRANCH_PREFIX) && ref.length() > PushEvent.BRANCH_PREFIX.length())
                || (ref.startsWith(PushEvent.TAG_PREFIX) && ref.length() > PushEvent.TAG_PREFIX.length());
    }

    private static Result pushes(PushEvent event) {
        return new Result.Pushes(List.of(event));
    }

    private static Result notAPush(Provider provider, String event) {
        return new Result.Ignored(provider + " event '" + event + "' is not a push: ignored");
    }

    private static Result otherRef(String ref) {
        return new Result.Ignored("ref '" + ref + "' is neither a branch nor a tag: ignored");
    }
}
