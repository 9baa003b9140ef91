package dev.capstan.render.kustomize;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;

/**
 * One entry of a kustomization's {@code images}, parsed from the short form an application
 * gives: {@code name=newName:tag}, {@code name=newName@digest}, {@code name=newName},
 * {@code name:tag} or {@code name@digest} ({@code name=newName:tag@digest} sets both). A
 * registry port ({@code registry:5000/app:1}) is told from a tag by the {@code /} after it.
 * Empty fields are not written.
 */
record ImageOverride(String name, String newName, String newTag, String digest) {

    static ImageOverride parse(String text) {
        String spec = text.strip();
        int equals = spec.indexOf('=');
        String name;
        Reference reference;
        if (equals >= 0) {
            name = spec.substring(0, equals);
            reference = Reference.parse(spec.substring(equals + 1));
            if (reference.image().isEmpty()) {
                throw invalid(text, "no new image name after '='");
            }
        } else {
            reference = Reference.parse(spec);
            name = reference.image();
            if (reference.tag().isEmpty() && reference.digest().isEmpty()) {
                throw invalid(text, "give name=newName, name:tag or name@digest");
            }
            reference = new Reference("", reference.tag(), reference.digest());
        }
        if (name.isEmpty() || name.contains(":") && !name.contains("/") || name.contains("@")) {
            throw invalid(text, "the image name '" + name + "' is not a plain image name");
        }
        return new ImageOverride(name, reference.image(), reference.tag(), reference.digest());
    }

    /** An image reference cut into its parts; parts that are not there are empty. */
    private record Reference(String image, String tag, String digest) {

        static Reference parse(String reference) {
            String rest = reference;
            String digest = "";
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
                if (digest.isEmpty()) {
                    throw invalid(reference, "nothing after '@'");
                }
            }
            String tag = "";
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
                if (tag.isEmpty()) {
                    throw invalid(reference, "nothing after ':'");
                }
            }
            return new Reference(rest, tag, digest);
        }
    }

    private static RenderException invalid(String text, String problem) {
        return new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, "kustomize image '" + text + "': " + problem);
    }
}
