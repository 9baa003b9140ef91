package dev.capstan.engine;

/**
 * Where a desired object came from: a file (relative to the source root) and the line its
 * document starts on, so that an error about the object can point at it. Live objects have none.
 */
public record Origin(String file, int line) {

    public static final Origin NONE = new Origin("", 0);

    public boolean isKnown() {
        return !file.isEmpty();
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
