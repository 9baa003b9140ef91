package dev.capstan.bench;

import java.nio.file.Path;

/** A tool that can sync the same, unchanged application again (the no-op reconcile). */
interface ResyncableTool extends Tool {

    void resync(ObjectMix mix, Path files) throws Exception;
}
