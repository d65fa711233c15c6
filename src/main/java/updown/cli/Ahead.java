package updown.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One piece of a command's work started on a daemon thread of its own before the command needs it, so that it runs
 * while the command does something it does not depend on (a batch command's start-up is single-threaded and a
 * second core is there). {@link #get()} waits for it and hands back its result or its own exception, so the command
 * reports a failure at the same point, and in the same words, as if it had done the work itself.
 */
final class Ahead<T> {
    private final FutureTask<T> task;

    private Ahead(FutureTask<T> task) {
        this.task = task;
    }

    static <T> Ahead<T> start(String threadName, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, threadName);
        t.setDaemon(true); // never keeps the JVM alive: a command that stops early leaves it behind
        t.start();
        return new Ahead<>(task);
    }

    /** The work's result; its exception as thrown (unchecked ones as they are, checked ones as {@code Exception}). */
    T get() throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }
}
