package fazt.desktop;

import fazt.core.FaztException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * Long work off the FX thread: the result or a readable message comes back on the FX thread.
 * Messages are what a person can act on, never stack traces.
 */
public final class Jobs {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fazt-desktop-job");
        t.setDaemon(true);
        return t;
    });

    private Jobs() {}

    /** Runs {@code work} in the background; {@code onDone} or {@code onError} then run on the FX thread. */
    public static <T> Task<T> run(Supplier<T> work, Consumer<T> onDone, Consumer<String> onError) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() {
                return work.get();
            }
        };
        task.setOnSucceeded(e -> onDone.accept(task.getValue()));
        task.setOnFailed(e -> onError.accept(message(task.getException())));
        POOL.execute(task);
        return task;
    }

    /** A person-readable message for a failure. */
    public static String message(Throwable t) {
        if (t instanceof FaztException) return t.getMessage();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof FaztException) return root.getMessage();
        String m = root.getMessage();
        return m == null || m.isBlank() ? "something went wrong (" + root.getClass().getSimpleName() + ")" : m;
    }

    /** Runs on the FX thread, now if already there. */
    public static void fx(Runnable r) {
        if (Platform.isFxApplicationThread()) r.run();
        else Platform.runLater(r);
    }
}
