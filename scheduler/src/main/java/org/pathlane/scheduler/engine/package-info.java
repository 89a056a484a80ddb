/**
 * The scheduler engine: {@link org.pathlane.scheduler.engine.Scheduler} is the one entry point the desktop app,
 * the command line and the tests use. It implements every rule of {@code specs/scheduler.md}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * SchedulerConfig config = SchedulerConfig.dataDir(Path.of(System.getProperty("user.home"), ".pathlane"))
 *         .withHandler(new SegmentJob());              // your JobHandler; "sleep" is always there
 * try (Scheduler scheduler = Scheduler.start(config)) {  // opens/migrates pathlane.mv.db, restores work
 *     scheduler.addListener(new SchedulerListener() {   // called on "pathlane-events", after each commit
 *         public void onEvent(SchedulerEvent e) { Platform.runLater(() -> dashboard.apply(e)); }
 *         public void onEmit(String user, String workflowId, String jobId, Object payload) { ... }
 *     });
 *     scheduler.profiles().create(null, new UserProfile("ana", "#AA3377", false, pbkdf2Hash, null));
 *     String id = scheduler.submit("ana", new WorkflowSpec("liver batch", List.of(
 *             new JobSpec("seg1", "slides-1", "segment", Map.of("slide", "/data/a.svs"), List.of()),
 *             new JobSpec("report", "report", "sleep", Map.of("durationMs", 10), List.of("seg1")))));
 *     WorkflowView view = scheduler.workflow("ana", id);   // states, attempts, reasons, wait reasons
 *     scheduler.cancelJob("ana", id, "seg1");
 * }
 * }</pre>
 * Invalid workflows throw {@code WorkflowRejectedException} (nothing stored); ids of other users' work throw
 * {@code NotFoundException} exactly like unknown ids; admin-only calls throw {@code SecurityException}.
 *
 * <h2>How it works</h2>
 * One thread ({@code pathlane-scheduler}) owns the {@link org.pathlane.scheduler.rules.RuleBook}, the in-memory
 * index of unfinished work (a cache rebuilt from the database at start and after any failed transaction).
 * Every input is queued to it; it applies what is queued, settling the rules after each input, writes every
 * resulting state change as a conditional {@code UPDATE ... WHERE status = ...} that must change exactly one
 * row, commits once, and only then announces the events, starts the jobs it dispatched on worker threads and
 * interrupts the ones it cancelled. It sleeps on its queue: no polling. While very short jobs are in flight it
 * waits up to 1 ms for more outcomes so one commit carries several (group commit).
 *
 * <h2>Choices where the spec is silent</h2>
 * <ul>
 * <li>Admission is strictly FIFO over waiting workflows: a workflow is admitted when it is first in the queue and
 *     its user is active or a slot is free. A waiting user's place is their oldest waiting workflow.</li>
 * <li>A slot is released before admission runs, even when the same user's next workflow heads the queue (the
 *     trace then shows USER_RELEASED and USER_ACTIVATED); the user's place in the fairness tie-break is their
 *     latest activation.</li>
 * <li>Cancelling a RUNNING job interrupts it and sets its token; it stays RUNNING (and keeps its worker) until
 *     the handler returns, then ends CANCELLED whatever the handler returned: a late success never overwrites
 *     the cancel. The cancel request is persisted, so a crash meanwhile still ends the job CANCELLED.</li>
 * <li>Rule 8 applies again to every job it cancels; the reason always names the job that failed or was
 *     cancelled first ({@code upstream job x1 failed}). Cancelling a workflow cancels its PENDING jobs first.</li>
 * <li>A workflow ends FAILED if any job failed, else CANCELLED if any job was cancelled, else SUCCEEDED.</li>
 * <li>Wait reasons are checked in the order USER_SLOT, BRANCH, DEPENDENCY, WORKER. Positions are 1-based:
 *     the workflow's place in the admission queue, the number of unfinished jobs ahead in the lane, or the
 *     place in the order rule 9 would start the ready jobs; DEPENDENCY has none (0).</li>
 * <li>Lowering a limit pre-empts nothing: running jobs finish and active users keep their slot until released.
 *     Limits set by an admin are saved and win over the configuration at the next start.</li>
 * <li>Closing the engine interrupts running jobs and leaves them RUNNING in the database: the next start puts
 *     them back to PENDING with attempt + 1, exactly as after a crash. A job's result folder
 *     ({@code results/<user>/<workflow>/<job>/}) is created on first use and survives restarts, so a handler
 *     can resume from its checkpoints.</li>
 * <li>Profile names are the identity and never change. Anyone may create an ordinary profile; creating an admin
 *     needs an admin (except the first). A profile with unfinished workflows cannot be deleted, nor can the last
 *     admin. Slide libraries are personal, also for admins.</li>
 * <li>Retrying a FAILED or CANCELLED workflow submits all its jobs again as a new workflow of its owner that
 *     records {@code retryOf}.</li>
 * <li>Archiving hides a finished workflow from the dashboard's default query and deletes nothing (rows, jobs
 *     and results stay; it can be unarchived). Only the owner or an admin may archive, enforced by the update's
 *     own condition on owner and finished status; another user's id is refused like an unknown one. It is not
 *     a scheduler state change, so it announces no event and works the same on every node of a lab.</li>
 * <li>Ids are time-ordered UUIDs, submission and activation order come from one database sequence, and times
 *     from the injected clock: nothing assumes a single process.</li>
 * <li>On a lab database ({@link org.pathlane.scheduler.engine.SchedulerConfig#lab}) every PathLane is a node
 *     ({@code ClusterNode}): it runs the jobs given to it and the holder of the engine lease decides, with
 *     {@code maxWorkers} per node (the rule book's cap is the live nodes' workers together, and each started
 *     job goes to the live node with the most free workers, the deciding node on a tie) and
 *     {@code maxActiveUsers} lab-wide. A submission's place in the FIFO is the order the decider takes the
 *     requests in ({@code pl_inbox}, the order they were committed), not the wall-clock time of each node.
 *     A dead node's RUNNING jobs go back to PENDING once its heartbeat is older than the lease. On a node that
 *     does not decide, {@code workflows} shows no wait reasons and {@code userQueue} is refused (only the
 *     decider knows them); {@code limits()} gives this node's workers and the lab's {@code maxActiveUsers}.
 *     A job's outcome reported by a run the decider already found dead is ignored: the job runs again.</li>
 * </ul>
 */
package org.pathlane.scheduler.engine;
