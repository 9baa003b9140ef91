package dev.capstan.engine.render;

import java.util.Objects;

/**
 * How to read a directory of plain YAML and JSON manifests, as Argo CD's {@code directory} source.
 *
 * <p>{@code include} and {@code exclude} are glob patterns matched against each file's path
 * relative to the application's path, the way Argo CD matches them: {@code *} and {@code **}
 * match any run of characters including {@code /}, {@code ?} one character, {@code [a-z]} and
 * {@code [!a-z]} a class, {@code {a,b}} either alternative, and {@code \} escapes. An empty
 * pattern means no filter. A file that matches {@code exclude} is left out even if it matches
 * {@code include}.
 *
 * @param recurse whether to read subdirectories too (default false)
 * @param include only files matching this pattern are read (default: all)
 * <p>{@code *.jsonnet} files are selected the same way and evaluated with {@code jsonnet} when the
 * {@link DirectoryRenderer} has a {@link JsonnetEvaluator}; {@code *.libsonnet} files are only imported.
 *
 * @param exclude files matching this pattern are not read (default: none)
 * @param jsonnet how Jsonnet files are evaluated (default: {@link JsonnetOptions#none()})
 */
public record DirectoryOptions(boolean recurse, String include, String exclude, JsonnetOptions jsonnet) implements RenderOptions {

    public DirectoryOptions {
        include = Objects.requireNonNullElse(include, "");
        exclude = Objects.requireNonNullElse(exclude, "");
        jsonnet = Objects.requireNonNullElse(jsonnet, JsonnetOptions.none());
    }

    public DirectoryOptions(boolean recurse, String include, String exclude) {
        this(recurse, include, exclude, JsonnetOptions.none());
    }

    public static DirectoryOptions defaults() {
        return new DirectoryOptions(false, "", "", JsonnetOptions.none());
    }

    public DirectoryOptions withRecurse(boolean newRecurse) {
        return new DirectoryOptions(newRecurse, include, exclude, jsonnet);
    }

    public DirectoryOptions withInclude(String pattern) {
        return new DirectoryOptions(recurse, pattern, exclude, jsonnet);
    }

    public DirectoryOptions withExclude(String pattern) {
        return new DirectoryOptions(recurse, include, pattern, jsonnet);
    }

    public DirectoryOptions withJsonnet(JsonnetOptions options) {
        return new DirectoryOptions(recurse, include, exclude, options);
    }
}
