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

    /** An arrow drawn from one job's port to another's. Refusals are shown, not thrown. */
    public boolean connect(String from, String to) {
        Optional<String> refusal = draft().connectRefusal(from, to);
        if (refusal.isPresent()) {
            message.set(refusal.get());
            return false;
        }
        edit(d -> d.connect(from, to));
        return true;
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
        long jobs = now.lanes().stream().mapToLong(l -> l.jobs().size()).sum();
        if (jobs == 0 || now.equals(kept)) {
            return Optional.empty();
        }
        return Optional.of(new Confirmation("Drop the draft “" + now.name() + "”?",
                "Its " + jobs + (jobs == 1 ? " job is" : " jobs are") + " not saved as a template or submitted since the"
                        + " last change. Save it first to keep it; Undo brings it back until you close PathLane.",
                "Start a new workflow"));
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
