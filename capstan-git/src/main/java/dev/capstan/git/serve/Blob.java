package dev.capstan.git.serve;

import org.eclipse.jgit.lib.FileMode;

/** What one path of a tree holds: a file (plain or executable) or a symbolic link, whose content is its target. */
record Blob(FileMode mode, byte[] content) {
}
