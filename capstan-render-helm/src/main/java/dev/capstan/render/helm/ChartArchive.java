package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a packaged chart ({@code web-1.2.0.tgz}: a gzipped tar holding {@code web/Chart.yaml}
 * and the rest) into a directory, without the leading {@code web/}. Only regular files and
 * directories are unpacked; an entry whose path leads out of the chart is refused; sizes count
 * against the render's {@link ReadBudget}.
 */
final class ChartArchive {

    private static final int BLOCK = 512;

    private ChartArchive() {
    }

    /** @param name the chart as messages name it */
    static void extract(Path archive, Path target, ReadBudget budget, String name) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            Files.createDirectories(target);
            String longName = null;
            while (true) {
                byte[] header = in.readNBytes(BLOCK);
                if (header.length < BLOCK || isZero(header)) {
                    break;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                byte[] body = readBody(in, size, type, budget, name);
                String path = longName != null ? longName : path(header);
                longName = null;
                switch (type) {
                    case 'x' -> longName = paxPath(body);
                    case 'L' -> longName = text(body, 0, body.length);
                    case '0', '\0' -> write(target, path, body, name);
                    default -> {
                        // directories are made as files need them; links and devices are left out
                    }
                }
            }
        } catch (IOException e) {
            throw new RenderException(Reason.MALFORMED, Origin.NONE, name + " is not a readable chart archive: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(target.resolve("Chart.yaml"))) {
            throw new RenderException(Reason.MALFORMED, Origin.NONE, name + " is not a chart archive: it has no Chart.yaml at its top");
        }
    }

    private static byte[] readBody(InputStream in, long size, char type, ReadBudget budget, String name) throws IOException {
        if (type == '0' || type == '\0' || type == 'x' || type == 'L') {
            if (size > budget.maxFileBytes()) {
                throw new RenderException(Reason.TOO_LARGE, Origin.NONE, name + " holds a file larger than the limit per file");
            }
            budget.spend(name, size);
            byte[] body = in.readNBytes((int) size);
            if (body.length < size) {
                throw new IOException("it ends in the middle of a file");
            }
            in.skipNBytes(padding(size));
            return body;
        }
        in.skipNBytes(size + padding(size));
        return new byte[0];
    }

    private static void write(Path target, String path, byte[] body, String name) {
        List<String> segments = inChart(path, name);
        if (segments.isEmpty()) {
            return;
        }
        Path file = target;
        for (String segment : segments) {
            file = file.resolve(segment);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path's segments after the chart's own directory; refused when it leads anywhere else. */
    private static List<String> inChart(String path, String name) {
        if (path.startsWith("/")) {
            throw new RenderException(Reason.PATH_OUTSIDE_ROOT, Origin.NONE, name + " holds " + path + ", an absolute path");
        }
        var segments = new ArrayList<String>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new RenderException(Reason.PATH_OUTSIDE_ROOT, Origin.NONE, name + " holds " + path + ", which leads out of the chart");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? segments : segments.subList(1, segments.size());
    }

    private static String path(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = text(header, 257, 5).equals("ustar");
        String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The {@code path} record of a PAX extended header, or null when it has none. */
    private static String paxPath(byte[] body) {
        String records = new String(body, StandardCharsets.UTF_8);
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) throws IOException {
        String digits = text(header, offset, length).strip();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("an entry's size is not a number");
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
