package dev.capstan.bench;

import java.nio.file.Path;

/** One way of making the cluster hold the mix: the floor, a peer, or Capstan. */
interface Tool {

    String name();

    /** Prepares what needs no cluster time (parsing, conversion) before the clock starts. */
    default void prepare(ObjectMix mix, Path files) {
    }

    /** Applies the mix; returns when the tool says it is done. */
    void apply(ObjectMix mix, Path files) throws Exception;

    /** Writes (create, apply, update, delete) it sent in its last apply, or -1 when it cannot tell. */
    default long writes() {
        return -1;
    }
}
