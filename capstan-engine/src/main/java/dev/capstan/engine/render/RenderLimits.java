package dev.capstan.engine.render;

/**
 * How much a renderer may read and produce for one application, so that one repository cannot
 * exhaust the memory of the process rendering it. An operator setting, not an application's.
 *
 * @param maxFileBytes the largest file a renderer reads (default 4 MiB)
 * @param maxTotalBytes the most bytes of files read for one application (default 64 MiB)
 * @param maxObjects the most objects one application may render to (default 10,000)
 */
public record RenderLimits(long maxFileBytes, long maxTotalBytes, int maxObjects) {

    private static final long MIB = 1024 * 1024;

    public RenderLimits {
        if (maxFileBytes <= 0 || maxTotalBytes <= 0 || maxObjects <= 0) {
            throw new IllegalArgumentException("render limits must be positive: " + maxFileBytes + ", " + maxTotalBytes + ", " + maxObjects);
        }
    }

    public static RenderLimits defaults() {
        return new RenderLimits(4 * MIB, 64 * MIB, 10_000);
    }

    public RenderLimits withMaxFileBytes(long bytes) {
        return new RenderLimits(bytes, maxTotalBytes, maxObjects);
    }

    public RenderLimits withMaxTotalBytes(long bytes) {
        return new RenderLimits(maxFileBytes, bytes, maxObjects);
    }

    public RenderLimits withMaxObjects(int objects) {
        return new RenderLimits(maxFileBytes, maxTotalBytes, objects);
    }

    /** {@code 4 MiB} for whole mebibytes, otherwise {@code 1500 bytes}. */
    public static String describeBytes(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }
}
