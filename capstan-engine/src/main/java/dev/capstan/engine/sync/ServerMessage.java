package dev.capstan.engine.sync;

import dev.capstan.engine.cluster.ClusterException;

/** What the server said, without the object's name in front: task results carry the name already. */
final class ServerMessage {

    private ServerMessage() {
    }

    static String of(ClusterException e) {
        String message = e.getMessage() == null ? e.reason().name() : e.getMessage();
        String prefix = e.key() == null ? "" : e.key() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
