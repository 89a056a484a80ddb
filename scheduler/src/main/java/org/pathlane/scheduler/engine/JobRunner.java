package org.pathlane.scheduler.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.api.CancellationToken;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.ProgressSink;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.rules.JobNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs started jobs on worker threads and reports each outcome back to the engine loop. */
final class JobRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** Where a worker reports that its handler returned. */
    interface Outcomes {
        /** @param elsewhere the handler said this node cannot run the job but another might */
        void jobEnded(String jobId, String workflowId, String jobKey, int attempt, boolean succeeded, String failure,
                boolean elsewhere);
    }

    private final Map<String, JobHandler> handlers;
    private final Path resultsRoot;
    private final EventBus bus;
    private final Outcomes outcomes;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile long lastStart;
    private final Map<String, JobView.Progress> progress = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("pathlane-job-", 1).daemon(true).factory());

    JobRunner(Map<String, JobHandler> handlers, Path resultsRoot, EventBus bus, Outcomes outcomes) {
        this.handlers = handlers;
        this.resultsRoot = resultsRoot;
        this.bus = bus;
        this.outcomes = outcomes;
    }

    /**
     * The folder of a job's results: {@code results/<user>/<workflow>/<job>/}, one of its own for every job. The
     * workflow's folder is named after the workflow and its id ({@code Nuclei-case-7.svs_01a2…}), so a user finds a
     * slide's results by its name; a workflow that began writing under its bare id (PathLane 0.1–0.3) keeps
     * writing there, where its checkpoints are.
     */
    Path resultDir(String user, String workflowId, String workflowName, String jobKey) {
        Path userDir = resultsRoot.resolve(folderName(user));
        Path byId = userDir.resolve(folderName(workflowId));
        Path workflowDir = Files.isDirectory(byId) ? byId : userDir.resolve(workflowFolder(workflowName, workflowId));
        return workflowDir.resolve(folderName(jobKey));
    }

    /**
     * Where a finished job's results are to be read: its own folder, or for a job that ran before every job got a
     * folder of its own (PathLane 0.1), the folder it wrote then, if only that one exists.
     */
    Path existingResultDir(String user, String workflowId, String workflowName, String jobKey) {
        Path own = resultDir(user, workflowId, workflowName, jobKey);
        if (Files.isDirectory(own)) {
            return own;
        }
        Path legacy = resultsRoot.resolve(legacyName(user)).resolve(legacyName(workflowId)).resolve(legacyName(jobKey));
        return Files.isDirectory(legacy) ? legacy : own;
    }

    /**
     * A workflow's folder: its name made safe for every file system (letters, digits, '.', '_' and '-', at most 60
     * characters, never a Windows device name before its first dot) before its id, which alone keeps folders
     * apart (two workflows may share a name).
     */
    static String workflowFolder(String workflowName, String workflowId) {
        String readable = workflowName == null ? "" : java.text.Normalizer.normalize(workflowName, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "").replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60).replaceAll("[-.]+$", "");
        }
        if (WINDOWS_DEVICE.matcher(readable.split("\\.", 2)[0]).matches()) {
            // Windows opens "aux.svs_<id>" as the device AUX: no such folder could be made there.
            readable = "_" + readable;
        }
        return readable.isEmpty() ? folderName(workflowId) : readable + "_" + folderName(workflowId);
    }

    /**
     * A folder name that no other name maps to, on case-sensitive and case-insensitive disks alike: a name of
     * lower-case letters, digits, '.', '_' and '-' (not starting with '.') stands as it is; any other name is
     * made safe and gets {@code ~} and 12 hex digits of its SHA-256, so {@code seg 1}, {@code seg_1},
     * {@code Seg1} and {@code seg1} get four folders.
     */
    static String folderName(String name) {
        if (PLAIN.matcher(name).matches()) {
            return name;
        }
        String cleaned = legacyName(name);
        if (cleaned.length() > 100) {
            cleaned = cleaned.substring(0, 100);
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cleaned + "~" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static final java.util.regex.Pattern WINDOWS_DEVICE = java.util.regex.Pattern.compile(
            "(?i)CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]");

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[a-z0-9_-][a-z0-9._-]{0,99}");

    private static String legacyName(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }

    /** {@code System.nanoTime()} of the last job handed to a worker. */
    long lastStartNanos() {
        return lastStart;
    }

    /** Jobs handed to workers whose outcome is not reported yet. */
    int inFlight() {
        return running.size();
    }

    JobView.Progress progress(String jobId) {
        return progress.get(jobId);
    }

    void start(JobNode job) {
        // The workflow's jobs are fixed once it is submitted; resultDirOf looks one up only when a handler asks.
        List<JobNode> siblings = job.workflow().jobs();
        start(new Assignment(job.id(), job.workflow().user(), job.workflow().id(), job.workflow().label(), job.key(),
                job.type(), job.params(), job.attempt(), () -> siblings.stream().map(JobNode::key).toList()));
    }

    /**
     * A job given to this node's workers: by its own engine, or in a lab by the decider on another node.
     *
     * @param siblingKeys the keys of the job's workflow's jobs, looked up only when a handler asks for one
     */
    record Assignment(String jobId, String user, String workflowId, String workflowName, String jobKey, String type,
            Map<String, Object> params, int attempt, java.util.function.Supplier<List<String>> siblingKeys) {
    }

    /** Starts the job on a worker; false (nothing done) if this node already runs it. */
    boolean start(Assignment job) {
        lastStart = System.nanoTime();
        Running run = new Running(job.jobId(), job.user(), job.workflowId(), job.workflowName(), job.jobKey(),
                job.siblingKeys(), job.attempt(), job.params(),
                resultDir(job.user(), job.workflowId(), job.workflowName(), job.jobKey()));
        if (running.putIfAbsent(job.jobId(), run) != null) {
            return false;
        }
        JobHandler handler = handlers.get(job.type());
        workers.execute(() -> run.execute(handler));
        return true;
    }

    /** Whether a job of this id is in one of this node's workers. */
    boolean runs(String jobId) {
        return running.containsKey(jobId);
    }

    /** The ids of the jobs in this node's workers. */
    java.util.Set<String> runningIds() {
        return java.util.Set.copyOf(running.keySet());
    }

    /** Rule 11: sets the job's token and interrupts its thread if it is still in the handler. */
    void cancel(String jobId) {
        Running run = running.get(jobId);
        if (run != null) {
            run.cancel();
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> {
                if (running.get(jobId) == run) {
                    LOG.warn("Job {} of workflow {} (user {}) was cancelled 1 s ago and still runs: its handler ignores "
                            + "the cancellation token; it keeps a worker until it returns", run.jobKey, run.workflowId, run.user);
                }
            });
        }
    }

    /** Interrupts every running job and stops the workers; their outcomes are no longer reported. */
    @Override
    public void close() {
        running.values().forEach(Running::cancel);
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Some jobs did not stop within 5 s of closing the scheduler: {}", running.keySet());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reason stored with a failed job: the message, or what kind of failure it was and what to try. */
    static String reason(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? null : e.getMessage();
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + (message == null ? "OutOfMemoryError" : message) + "): the job needed more memory "
                    + "than PathLane may use; try a smaller region or batch, or give PathLane more memory (-Xmx)";
        }
        if (e instanceof StackOverflowError) {
            return "the job's handler failed with a stack overflow (StackOverflowError); this is a bug in that job type: "
                    + "report it with the job's parameters";
        }
        if (e instanceof Error && !(e instanceof AssertionError) && !(e instanceof LinkageError)) {
            return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private final class Running implements JobContext, CancellationToken, ProgressSink {
        private final String id;
        private final String user;
        private final String workflowId;
        private final String workflowName;
        private final String jobKey;
        private final int attempt;
        private final Map<String, Object> params;
        private final Path resultDir;
        private volatile boolean cancelled;
        private Thread thread;

        private final java.util.function.Supplier<List<String>> siblings;

        Running(String id, String user, String workflowId, String workflowName, String jobKey,
                java.util.function.Supplier<List<String>> siblings, int attempt, Map<String, Object> params, Path resultDir) {
            this.id = id;
            this.user = user;
            this.workflowId = workflowId;
            this.workflowName = workflowName;
            this.jobKey = jobKey;
            this.siblings = siblings;
            this.attempt = attempt;
            this.params = params;
            this.resultDir = resultDir;
        }

        void execute(JobHandler handler) {
            synchronized (this) {
                thread = Thread.currentThread();
                if (cancelled) {
                    thread.interrupt();
                }
            }
            boolean succeeded = false;
            boolean elsewhere = false;
            String failure = null;
            try {
                if (handler == null) {
                    throw new IllegalStateException("no handler is registered for this job's type; "
                            + "start PathLane with the module that provides it");
                }
                handler.run(this);
                succeeded = true;
            } catch (Throwable e) {
                // Whatever the handler threw, Errors included (OutOfMemoryError on a big slide, StackOverflowError),
                // the job ends with a reason and its worker goes back: nothing may leave a job RUNNING forever.
                failure = reason(e);
                elsewhere = e instanceof org.pathlane.scheduler.api.NotRunnableHereException;
                if (!cancelled) {
                    // The reason is stored with the job and shown to its user; the stack trace is for developers.
                    LOG.info("Job {} of workflow {} (user {}) failed: {}", jobKey, workflowId, user, failure);
                    LOG.debug("Job {} failed with", jobKey, e);
                }
            } finally {
                synchronized (this) {
                    thread = null;
                }
                Thread.interrupted();
                running.remove(id);
                progress.remove(id);
                outcomes.jobEnded(id, workflowId, jobKey, attempt, succeeded, failure, elsewhere);
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void report(long done, long total, String message) {
            String text = message == null ? "" : message;
            progress.put(id, new JobView.Progress(done, total, text));
            bus.progress(user, workflowId, jobKey, done, total, text);
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public String workflowId() {
            return workflowId;
        }

        @Override
        public String jobId() {
            return jobKey;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public Map<String, Object> params() {
            return params;
        }

        /** Created on first use, so jobs that write nothing leave no empty folders behind. */
        @Override
        public Path resultDir() {
            try {
                return Files.createDirectories(resultDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the result folder " + resultDir + " of job " + jobKey
                        + " (" + e.getMessage() + "); check the data folder's free space and permissions", e);
            }
        }

        @Override
        public Path resultDirOf(String otherJob) {
            if (otherJob == null || !siblings.get().contains(otherJob)) {
                throw new IllegalArgumentException("this workflow has no job \"" + otherJob + "\"; name a job of "
                        + "this workflow by its id");
            }
            return existingResultDir(user, workflowId, workflowName, otherJob);
        }

        @Override
        public CancellationToken cancellation() {
            return this;
        }

        @Override
        public ProgressSink progress() {
            return this;
        }

        @Override
        public void emit(Object payload) {
            bus.emit(user, workflowId, jobKey, payload);
        }
    }
}
