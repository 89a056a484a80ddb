package org.pathlane.app.editor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pathlane.app.batch.BatchTag;
import org.pathlane.app.concurrent.UiExecutors;
import org.pathlane.app.confirm.Confirmation;
import org.pathlane.app.editor.model.Dependency;
import org.pathlane.app.editor.model.DraftJob;
import org.pathlane.app.editor.model.DraftValidator;
import org.pathlane.scheduler.api.JobType;
import org.pathlane.scheduler.api.ParamSpec;
import org.pathlane.app.editor.model.Problem;
import org.pathlane.app.editor.model.TemplateCodec;
import org.pathlane.app.editor.model.WorkflowDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the workflow editor does, without a scene: lanes, jobs, arrows, parameters, validation,
 * undo/redo, templates and submission. The canvas only turns gestures into these calls and draws
 * {@link #draftProperty()}.
 */
public final class EditorViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(EditorViewModel.class);

    private final JobCatalog catalog;
    private final DraftValidator validator;
    private final WorkflowSubmitter submitter;
    private final UiExecutors executors;
    private final TemplateCodec codec = new TemplateCodec();
    private final UndoHistory<WorkflowDraft> history = new UndoHistory<>(200);

    private final ReadOnlyObjectWrapper<WorkflowDraft> draft = new ReadOnlyObjectWrapper<>(WorkflowDraft.empty("New workflow"));
    private final ReadOnlyObjectWrapper<String> selectedJob = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Dependency> selectedArrow = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyListWrapper<Problem> problems = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper submitBlockedReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canSubmit = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyLongWrapper revision = new javafx.beans.property.ReadOnlyLongWrapper();
    private final ObservableList<String> slideChoices = FXCollections.observableArrayList();
    /** The draft as last saved, loaded or submitted (FX thread): New asks before dropping anything else. */
    private WorkflowDraft kept;
    private java.util.function.Function<String, Optional<String>> slideNotes = path -> Optional.empty();

    public EditorViewModel(JobCatalog catalog, SlideCheck slideCheck, WorkflowSubmitter submitter, UiExecutors executors) {
        this.catalog = catalog;
        this.validator = new DraftValidator(name -> catalog.find(name).orElse(null), slideCheck::isReadable);
        this.submitter = submitter;
        this.executors = executors;
        revalidate();
    }

    /** Whether a slide path can still be read; the library answers it from what it imported. */
    @FunctionalInterface
    public interface SlideCheck {
        boolean isReadable(String path);
    }

    // ---- read-only state for the view ---------------------------------------------------------

    public ReadOnlyObjectProperty<WorkflowDraft> draftProperty() {
        return draft.getReadOnlyProperty();
    }

    public WorkflowDraft draft() {
        return draft.get();
    }

    /**
     * Goes up once after every change of draft, selection or problems, when all of them agree: the
     * one thing the canvas and the inspector redraw on.
     */
    public javafx.beans.property.ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> selectedJobProperty() {
        return selectedJob.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Dependency> selectedArrowProperty() {
        return selectedArrow.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<Problem> problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty submitBlockedReasonProperty() {
        return submitBlockedReason.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSubmitProperty() {
        return canSubmit.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty submittingProperty() {
        return submitting.getReadOnlyProperty();
    }

    /** The last thing the editor has to tell: a refused gesture, a saved file, a submitted workflow. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public List<JobType> palette() {
        return catalog.types();
    }

    public JobCatalog catalog() {
        return catalog;
    }

    /** The slides the inspector offers (the signed-in user's library). */
    public ObservableList<String> slideChoices() {
        return slideChoices;
    }

    /**
     * What the editor says about a slide beside a job that reads it, e.g. that the file gives no pixel size;
     * the library answers it from the facts it stored at import.
     */
    public void setSlideNotes(java.util.function.Function<String, Optional<String>> notes) {
        this.slideNotes = notes;
        revision.set(revision.get() + 1);
    }

    /**
     * Warnings that do not block Submit but change what a job does: a slide without a pixel size, run at an
     * assumed one unless the job sets its own.
     */
    public List<String> notesOf(String jobId) {
        Optional<DraftJob> job = draft().job(jobId);
        Optional<JobType> type = job.flatMap(j -> catalog.find(j.type()));
        if (job.isEmpty() || type.isEmpty()) {
            return List.of();
        }
        Object ownMpp = job.get().params().get("mpp");
        if (type.get().param("mpp").isPresent() && ownMpp != null && !ownMpp.toString().isBlank()) {
            return List.of();
        }
        return type.get().params().stream()
                .filter(p -> p.kind() == ParamSpec.Kind.SLIDE)
                .map(p -> job.get().params().get(p.key()))
                .filter(Objects::nonNull)
                .flatMap(slide -> slideNotes.apply(slide.toString()).stream())
                .toList();
    }

    /** Problems that mark a job card. */
    public List<Problem> problemsOf(String jobId) {
        return problems.stream().filter(p -> p.jobIds().contains(jobId)).toList();
    }

    /** Problems that mark an arrow. */
    public boolean isFlagged(Dependency arrow) {
        return problems.stream().anyMatch(p -> p.arrows().contains(arrow));
    }

    /** Problems that mark a lane. */
    public List<Problem> problemsOfLane(String laneId) {
        return problems.stream().filter(p -> laneId.equals(p.laneId())).toList();
    }

    // ---- edits --------------------------------------------------------------------------------

    public void setName(String name) {
        if (!Objects.equals(name, draft().name())) {
            edit(d -> d.withName(name));
        }
    }

    /** @return the new lane's id */
    public String addLane() {
        String id = draft().nextLaneId();
        edit(d -> d.addLane(null));
        return id;
    }

    public void renameLane(String laneId, String name) {
        if (name == null || name.isBlank()) {
            message.set("A lane needs a name: it is the branch the scheduler runs in order.");
            return;
        }
        edit(d -> d.renameLane(laneId, name));
    }

    public void moveLane(String laneId, int toIndex) {
        edit(d -> d.moveLane(laneId, toIndex));
    }

    public void deleteLane(String laneId) {
        edit(d -> d.removeLane(laneId));
    }

    /** A palette item dropped into a lane: a new job with the type's defaults, selected. */
    public String dropNewJob(String type, String laneId, int index) {
        JobType jobType = catalog.find(type).orElseThrow(() -> new IllegalArgumentException("Unknown job type " + type));
        String id = draft().nextJobId();
        edit(d -> d.addJob(laneId, index, type, jobType.defaults()));
        select(id);
        return id;
    }

    public void moveJob(String jobId, String laneId, int index) {
        edit(d -> d.moveJob(jobId, laneId, index));
    }

    /**
     * An arrow drawn from one job's port to another's. Refusals are shown, not thrown. When the target has an
     * empty job parameter the source fits (an export's source, drawn from a segmentation), the arrow fills it
     * in, in the same undo step.
     */
    public boolean connect(String from, String to) {
        Optional<String> refusal = draft().connectRefusal(from, to);
        if (refusal.isPresent()) {
            message.set(refusal.get());
            return false;
        }
        edit(d -> {
            WorkflowDraft connected = d.connect(from, to);
            DraftJob target = connected.job(to).orElseThrow();
            String fromType = connected.job(from).orElseThrow().type();
            for (ParamSpec p : catalog.find(target.type()).map(JobType::params).orElse(List.of())) {
                Object value = target.params().get(p.key());
                if (p.kind() == ParamSpec.Kind.JOB && (value == null || value.toString().isBlank()) && p.acceptsJobType(fromType)) {
                    return connected.setParam(to, p.key(), from);
                }
            }
            return connected;
        });
        return true;
    }

    /** The jobs a job parameter may name: the other jobs of the draft of the types it accepts, in lane order. */
    public List<String> jobChoices(String jobId, String key) {
        Optional<ParamSpec> spec = draft().job(jobId).flatMap(j -> catalog.find(j.type())).flatMap(t -> t.param(key));
        return draft().allJobs().stream()
                .filter(j -> !j.id().equals(jobId))
                .filter(j -> spec.map(p -> p.acceptsJobType(j.type())).orElse(true))
                .map(DraftJob::id).toList();
    }

    /** A job as a person picks it from a list, e.g. "j1 · Segment nuclei · case-7.svs". */
    public String describeJob(String jobId) {
        return draft().job(jobId).map(j -> {
            Object slide = j.params().get("slide");
            String file = slide == null ? "" : " · " + java.nio.file.Path.of(slide.toString()).getFileName();
            return j.id() + " · " + catalog.label(j.type()) + file;
        }).orElse(jobId + " (not in this workflow)");
    }

    public void disconnect(Dependency arrow) {
        edit(d -> d.disconnect(arrow));
        if (arrow.equals(selectedArrow.get())) {
            selectedArrow.set(null);
        }
    }

    /**
     * Sets a parameter from the inspector's text.
     *
     * @return empty when stored, else why the text was refused (the draft is left unchanged)
     */
    public Optional<String> setParam(String jobId, String key, String text) {
        DraftJob job = draft().job(jobId).orElseThrow();
        Optional<ParamSpec> spec = catalog.find(job.type()).flatMap(t -> t.param(key));
        Object value;
        try {
            value = spec.map(s -> s.parse(text)).orElse(text == null || text.isBlank() ? null : text.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!Objects.equals(value, job.params().get(key))) {
            edit(d -> d.setParam(jobId, key, value));
        }
        return Optional.empty();
    }

    /**
     * Selects a job (null: nothing). Selecting what is already selected changes nothing, so the
     * canvas is not redrawn under a click that is still in progress (a double-click on a lane name).
     */
    public void select(String jobId) {
        if (Objects.equals(jobId, selectedJob.get()) && selectedArrow.get() == null) {
            return;
        }
        selectedArrow.set(null);
        selectedJob.set(jobId);
        revision.set(revision.get() + 1);
    }

    public void selectArrow(Dependency arrow) {
        if (Objects.equals(arrow, selectedArrow.get()) && selectedJob.get() == null) {
            return;
        }
        selectedJob.set(null);
        selectedArrow.set(arrow);
        revision.set(revision.get() + 1);
    }

    /** The Delete key: removes the selected job or arrow. */
    public void deleteSelection() {
        if (selectedJob.get() != null && draft().job(selectedJob.get()).isPresent()) {
            String id = selectedJob.get();
            edit(d -> d.removeJob(id));
            selectedJob.set(null);
        } else if (selectedArrow.get() != null) {
            disconnect(selectedArrow.get());
        }
    }

    public void undo() {
        history.undo(draft()).ifPresent(this::show);
    }

    public void redo() {
        history.redo(draft()).ifPresent(this::show);
    }

    /**
     * Whether New would drop work: asks when the draft has jobs and changed since it was last saved,
     * loaded or submitted. Empty when New can go ahead at once.
     */
    public Optional<Confirmation> confirmNewWorkflow() {
        WorkflowDraft now = draft();
        long jobs = unsavedJobs();
        if (jobs == 0) {
            return Optional.empty();
        }
        return Optional.of(new Confirmation("Drop the draft “" + now.name() + "”?",
                "Its " + jobs + (jobs == 1 ? " job is" : " jobs are") + " not saved as a template or submitted since the"
                        + " last change. Save it first to keep it; Undo brings it back until you close PathLane.",
                "Start a new workflow"));
    }

    /**
     * Whether leaving (quitting PathLane, switching profile) would lose the draft: asks when it has jobs and
     * changed since it was last saved, loaded or submitted. Empty when nothing would be lost.
     *
     * @param leaving what the user is doing, e.g. "Quit" or "Switch profile"
     */
    public Optional<Confirmation> confirmLeaving(String leaving) {
        long jobs = unsavedJobs();
        if (jobs == 0) {
            return Optional.empty();
        }
        return Optional.of(new Confirmation(leaving + " without saving the draft “" + draft().name() + "”?",
                "Its " + jobs + (jobs == 1 ? " job is" : " jobs are") + " not saved as a template or submitted since the"
                        + " last change, and the draft is lost when you " + leaving.toLowerCase(java.util.Locale.ROOT)
                        + ". Keep, then Save… it in the workflow editor, to use it again.",
                leaving + " without saving"));
    }

    /** Jobs of the draft that would be lost: all of them when it changed since it was last kept, else none. */
    private long unsavedJobs() {
        WorkflowDraft now = draft();
        long jobs = now.lanes().stream().mapToLong(l -> l.jobs().size()).sum();
        return now.equals(kept) ? 0 : jobs;
    }

    /** Starts over with an empty workflow of one lane. */
    public void newWorkflow() {
        history.recordBefore(draft());
        show(WorkflowDraft.empty("New workflow").addLane(null));
    }

    // ---- templates ----------------------------------------------------------------------------

    public void saveTemplate(Path file) {
        WorkflowDraft snapshot = draft();
        executors.background().execute(() -> {
            String result;
            boolean saved = false;
            try {
                codec.save(snapshot, file);
                result = "Saved template " + file.getFileName() + ".";
                saved = true;
            } catch (IOException e) {
                LOG.warn("Could not save workflow template {}: {}", file, e.toString());
                result = "Could not save " + file + ": " + e.getMessage() + ". Choose another folder.";
            }
            String text = result;
            boolean ok = saved;
            executors.fx().execute(() -> {
                if (ok) {
                    kept = snapshot;
                }
                message.set(text);
            });
        });
    }

    public void loadTemplate(Path file) {
        executors.background().execute(() -> {
            try {
                WorkflowDraft loaded = codec.load(file);
                executors.fx().execute(() -> {
                    history.recordBefore(draft());
                    show(loaded);
                    kept = loaded;
                    message.set("Loaded template " + file.getFileName() + ".");
                });
            } catch (IOException e) {
                executors.fx().execute(() -> message.set(e.getMessage()));
            }
        });
    }

    // ---- submission ---------------------------------------------------------------------------

    /** Sends the draft to the engine; on success the editor keeps the draft so it can be submitted again. */
    public void submit() {
        if (!canSubmit.get() || submitting.get()) {
            return;
        }
        submitting.set(true);
        updateCanSubmit();
        WorkflowDraft snapshot = draft();
        var spec = snapshot.toSpec();
        executors.background().execute(() -> {
            String result;
            WorkflowDraft submittedDraft = null;
            try {
                String id = submitter.submit(spec);
                result = "Submitted \"" + spec.name() + "\" as " + id + ": follow it on the dashboard.";
                submittedDraft = snapshot;
            } catch (Exception e) {
                LOG.info("Workflow {} refused by the engine: {}", spec.name(), e.getMessage());
                result = "The engine refused \"" + spec.name() + "\": " + e.getMessage();
            }
            String text = result;
            WorkflowDraft done = submittedDraft;
            executors.fx().execute(() -> {
                if (done != null) {
                    kept = done;
                }
                submitting.set(false);
                updateCanSubmit();
                message.set(text);
            });
        });
    }

    // ---- batches ------------------------------------------------------------------------------

    /**
     * The slides found in a folder for a batch, and what to tell the user about them.
     *
     * @param slides absolute paths, sorted
     * @param note   e.g. "12 slides in /data/case-7" or why there are none
     */
    public record FolderSlides(java.nio.file.Path folder, List<String> slides, String note) {
        public FolderSlides {
            slides = List.copyOf(slides);
        }
    }

    /**
     * Looks for the slide files of a folder (up to three folders down; in the background) to run this workflow
     * on, and hands them to {@code then} on the FX thread.
     */
    public void slidesIn(java.nio.file.Path folder, java.util.function.Consumer<FolderSlides> then) {
        executors.background().execute(() -> {
            FolderSlides found;
            try {
                List<String> slides = org.pathlane.app.slides.SlideFiles.in(folder).stream().map(java.nio.file.Path::toString).toList();
                found = new FolderSlides(folder, slides, slides.isEmpty()
                        ? "No slide files in " + folder + " (looked for " + String.join(", ",
                                new java.util.TreeSet<>(org.pathlane.app.slides.SlideFiles.EXTENSIONS))
                                + " up to three folders down)."
                        : slides.size() + " slide" + (slides.size() == 1 ? "" : "s") + " in " + folder + ".");
            } catch (java.io.IOException e) {
                found = new FolderSlides(folder, List.of(), "Could not look in " + folder + ": " + e.getMessage());
            }
            FolderSlides result = found;
            executors.fx().execute(() -> then.accept(result));
        });
    }

    /**
     * Runs this workflow once per slide, as a batch: every job that reads a slide reads that slide, each
     * workflow is named after its slide and tagged with the batch ({@link BatchTag}), and its lanes are named
     * after the slide too, so the slides are separate branches that run side by side as workers allow. All slides' workflows
     * are checked first and none is submitted when one has a problem.
     *
     * @return the batch id, or empty when refused (the reason is in {@link #messageProperty()})
     */
    public Optional<String> submitBatch(List<String> slides) {
        if (slides.isEmpty()) {
            message.set("Pick the slides to run this workflow on.");
            return Optional.empty();
        }
        WorkflowDraft template = draft();
        boolean readsSlide = template.allJobs().stream().anyMatch(j -> catalog.find(j.type())
                .map(t -> t.params().stream().anyMatch(p -> p.kind() == ParamSpec.Kind.SLIDE)).orElse(false));
        if (!readsSlide) {
            message.set("No job of this workflow reads a slide: add one (e.g. Segment nuclei) to run it over slides.");
            return Optional.empty();
        }
        String id = BatchTag.newId();
        List<WorkflowDraft> drafts = new java.util.ArrayList<>();
        List<String> labels = slideLabels(slides);
        for (int i = 0; i < slides.size(); i++) {
            String slide = slides.get(i);
            String file = labels.get(i);
            WorkflowDraft one = onSlide(template, slide);
            // A branch is one user's queue across workflows: with the template's lane names every slide, and any
            // later workflow of the same lane name, would wait for the slides before it. Each slide gets its own.
            for (var lane : template.lanes()) {
                one = one.renameLane(lane.id(), lane.name() + " · " + file);
            }
            one = one.withName(new BatchTag(id, i + 1, slides.size()).name(template.name(), file));
            List<Problem> found = validator.validate(one);
            if (!found.isEmpty()) {
                message.set("Batch not submitted: for " + file + ", " + found.getFirst().message());
                return Optional.empty();
            }
            drafts.add(one);
        }
        submitting.set(true);
        updateCanSubmit();
        executors.background().execute(() -> {
            int done = 0;
            String result;
            try {
                for (WorkflowDraft one : drafts) {
                    submitter.submit(one.toSpec());
                    done++;
                }
                result = "Submitted batch “" + template.name() + "” over " + drafts.size() + " slide" + (drafts.size() == 1 ? "" : "s")
                        + ": follow it on the dashboard.";
            } catch (Exception e) {
                LOG.info("Batch {} stopped after {} workflows: {}", id, done, e.getMessage());
                result = "The engine refused " + drafts.get(done).name() + ": " + e.getMessage() + ". " + done + " of "
                        + drafts.size() + " slides were submitted; cancel the batch on the dashboard or submit the rest again.";
            }
            String text = result;
            executors.fx().execute(() -> {
                submitting.set(false);
                updateCanSubmit();
                message.set(text);
            });
        });
        return Optional.of(id);
    }

    /**
     * What names each slide of a batch in its workflow's name and lanes: its file name, or where another slide
     * of the batch has the same file name (every case folder's {@code HE.svs}), its folder and file name
     * ({@code case-7/HE.svs}), so that the dashboard tells them apart and each slide gets a lane of its own
     * rather than waiting for the one of the same name. A label still taken gets its place in the batch.
     */
    private static List<String> slideLabels(List<String> slides) {
        java.util.Map<String, Long> files = slides.stream().map(s -> String.valueOf(java.nio.file.Path.of(s).getFileName()))
                .collect(java.util.stream.Collectors.groupingBy(f -> f, java.util.stream.Collectors.counting()));
        List<String> labels = new java.util.ArrayList<>(slides.size());
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (int i = 0; i < slides.size(); i++) {
            java.nio.file.Path p = java.nio.file.Path.of(slides.get(i));
            String file = String.valueOf(p.getFileName());
            String label = files.get(file) == 1 || p.getParent() == null || p.getParent().getFileName() == null ? file
                    : p.getParent().getFileName() + "/" + file;
            labels.add(taken.add(label) ? label : label + " (" + (i + 1) + ")");
        }
        return labels;
    }

    /** The draft with every slide parameter of every job set to {@code slide}. */
    private WorkflowDraft onSlide(WorkflowDraft template, String slide) {
        WorkflowDraft one = template;
        for (DraftJob job : template.allJobs()) {
            for (ParamSpec p : catalog.find(job.type()).map(JobType::params).orElse(List.of())) {
                if (p.kind() == ParamSpec.Kind.SLIDE) {
                    one = one.setParam(job.id(), p.key(), slide);
                }
            }
        }
        return one;
    }

    // ---- internals ----------------------------------------------------------------------------

    private void edit(UnaryOperator<WorkflowDraft> change) {
        WorkflowDraft before = draft();
        WorkflowDraft after;
        try {
            after = change.apply(before);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        if (after.equals(before)) {
            return;
        }
        history.recordBefore(before);
        show(after);
    }

    private void show(WorkflowDraft next) {
        if (selectedJob.get() != null && next.job(selectedJob.get()).isEmpty()) {
            selectedJob.set(null);
        }
        if (selectedArrow.get() != null && !next.dependencies().contains(selectedArrow.get())) {
            selectedArrow.set(null);
        }
        problems.setAll(validator.validate(next));
        draft.set(next);
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        updateCanSubmit();
        revision.set(revision.get() + 1);
    }

    /** Re-checks the draft, e.g. after the slide library changed. */
    public void revalidate() {
        show(draft());
    }

    private void updateCanSubmit() {
        String reason = problems.isEmpty() ? "" : problems.getFirst().message()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        if (reason.isEmpty() && submitting.get()) {
            reason = "Submitting…";
        }
        submitBlockedReason.set(reason);
        canSubmit.set(reason.isEmpty());
    }
}
