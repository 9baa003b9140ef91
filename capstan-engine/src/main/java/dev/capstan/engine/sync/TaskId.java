package dev.capstan.engine.sync;

import dev.capstan.engine.ResourceKey;

/** Which task a result belongs to: an object in a phase (a hook can run in several phases). */
record TaskId(ResourceKey key, SyncPhase phase) {
}
