package fazt.core.peers;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Runs an action once when {@link #heard()} has not been called for the limit: a stream reader
 * blocked on a peer that went silent cannot notice that itself, so this thread ends the read by
 * closing the stream under it. Closing the watchdog stops it.
 */
final class IdleWatchdog implements AutoCloseable {
    private final long limitNanos;
    private final Runnable onIdle;
    private final Thread thread;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean stopped;

    IdleWatchdog(Duration limit, Runnable onIdle) {
        this.limitNanos = limit.toNanos();
        this.onIdle = onIdle;
        this.thread = Thread.ofVirtual().name("fazt-idle-watchdog").start(this::watch);
    }

    /** The usual action: close the stream a reader is blocked on, so that its read ends with an error. */
    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing only ends the read early
        }
    }

    /** Something arrived: the limit counts again from now. */
    void heard() {
        lastHeard = System.nanoTime();
    }

    private void watch() {
        try {
            while (!stopped) {
                long left = lastHeard + limitNanos - System.nanoTime();
                if (left <= 0) {
                    onIdle.run();
                    return;
                }
                Thread.sleep(Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            // close() stops the watch
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
