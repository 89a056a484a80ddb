package org.pathlane.app.viewer;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts JavaFX for command-line tools. The launcher runs the command line on the plain classpath
 * without platform flags, so the headless platform (software rendering, no display needed) is chosen
 * here, before the toolkit starts: always for {@code snapshot}, and for other tools when there is no
 * display. Explicit {@code -Dglass.platform}/{@code -Dprism.order} settings win.
 */
public final class JavaFxRuntime {

    private static final Logger log = LoggerFactory.getLogger(JavaFxRuntime.class);
    private static boolean started;

    private JavaFxRuntime() {
    }

    /** Starts JavaFX on its headless platform (unless the platform was chosen on the command line). */
    public static synchronized void startHeadless() {
        if (!started) {
            chooseHeadless();
        }
        start();
    }

    /** Starts JavaFX on the desktop when there is a display, headless otherwise. */
    public static synchronized void startHeadlessWithoutDisplay() {
        if (!started && !hasDisplay()) {
            chooseHeadless();
        }
        start();
    }

    /** Whether this machine has a screen JavaFX can open windows on. */
    public static boolean hasDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void chooseHeadless() {
        if (System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Headless");
            if (System.getProperty("prism.order") == null) {
                System.setProperty("prism.order", "sw");
            }
            log.debug("JavaFX runs on its headless platform with software rendering");
        }
    }

    private static void start() {
        if (started) {
            return;
        }
        CountDownLatch ready = new CountDownLatch(1);
        try {
            Platform.startup(ready::countDown);
        } catch (IllegalStateException alreadyRunning) {
            ready.countDown();
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            throw new IllegalStateException("JavaFX could not start on this display (" + message + ")"
                    + (message.contains("GTK") ? "; on Linux it needs GTK 3: apt-get install libgtk-3-0" : ""), e);
        }
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JavaFX started", e);
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    /**
     * Runs {@code work} on the FX thread and returns its result. For command-line threads only: never call
     * it from the FX thread or from a worker pool.
     */
    public static <T> T onFx(Callable<T> work) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("onFx must not be called on the FX thread");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the FX thread", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
