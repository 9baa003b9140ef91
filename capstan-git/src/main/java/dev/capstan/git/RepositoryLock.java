package dev.capstan.git;

import dev.capstan.git.GitException.Reason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may write one cached repository: one thread in this JVM (a lock shared by every cache in
 * the JVM, keyed by the lock file) and one JVM on the machine (an operating-system lock on the
 * file), so that two controllers sharing a cache volume never fetch into one repository at once.
 * A thread that holds it may take it again.
 */
final class RepositoryLock implements AutoCloseable {

    private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private RepositoryLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Waits up to {@code timeout} for both locks on {@code lockFile}, {@code what} naming the repository for messages.
     *
     * @throws GitException {@code TIMEOUT} if another thread or process held it all that time
     */
    static RepositoryLock acquire(Path lockFile, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReentrantLock threadLock = IN_THIS_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), path -> new ReentrantLock());
        try {
            if (!threadLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(timeout, what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(Reason.TIMEOUT, "interrupted while waiting for the cache of " + what);
        }
        if (threadLock.getHoldCount() > 1) {
            return new RepositoryLock(threadLock, null, null); // this thread already holds the file lock too
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock;
            while ((fileLock = channel.tryLock()) == null) {
                if (System.nanoTime() > deadline) {
                    throw busy(timeout, what);
                }
                LockSupport.parkNanos(POLL_NANOS);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new GitException(Reason.TIMEOUT, "interrupted while waiting for the cache of " + what);
                }
            }
            return new RepositoryLock(threadLock, channel, fileLock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            threadLock.unlock();
            if (e instanceof GitException known) {
                throw known;
            }
            throw new GitException(Reason.OTHER, "cannot lock the cache of " + what + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        if (fileLock == null) {
            threadLock.unlock();
            return;
        }
        try {
            fileLock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        } finally {
            closeQuietly(channel);
            threadLock.unlock();
        }
    }

    private static GitException busy(Duration timeout, String what) {
        return new GitException(Reason.TIMEOUT, "the cache of " + what + " stayed locked by another fetch for "
                + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s"));
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
