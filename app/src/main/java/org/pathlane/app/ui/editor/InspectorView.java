package org.pathlane.app.ui.editor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.pathlane.app.editor.EditorViewModel;
import org.pathlane.app.editor.model.Dependency;
import org.pathlane.app.editor.model.DraftJob;
import org.pathlane.scheduler.api.JobType;
import org.pathlane.scheduler.api.ParamSpec;
import org.pathlane.app.editor.model.Problem;

/**
 * The selected job's parameters and arrows. Fields commit on Enter or when they lose focus; a refused
 * value shows its reason under the field and leaves the job as it was.
 */
final class InspectorView extends VBox {

    private final EditorViewModel vm;
    private final Map<String, Consumer<Object>> fieldUpdaters = new LinkedHashMap<>();
    private String shownJob;

    InspectorView(EditorViewModel vm) {
        super(8);
        this.vm = vm;
        setId("inspector");
        getStyleClass().add("inspector");
        vm.revisionProperty().addListener((obs, old, now) -> refresh());
        vm.slideChoices().addListener((javafx.collections.ListChangeListener<String>) c -> rebuild());
        rebuild();
    }

    private void refresh() {
        String id = vm.selectedJobProperty().get();
        Optional<DraftJob> job = id == null ? Optional.empty() : vm.draft().job(id);
        if (job.isEmpty() || !id.equals(shownJob)) {
            rebuild();
            return;
        }
        fieldUpdaters.forEach((key, update) -> update.accept(job.get().params().get(key)));
        rebuildFooter(job.get());
    }

    private final VBox footer = new VBox(6);

    private void rebuild() {
        fieldUpdaters.clear();
        getChildren().clear();
        Label title = new Label("Inspector");
        title.getStyleClass().add("section-title");
        getChildren().add(title);
        String id = vm.selectedJobProperty().get();
        Optional<DraftJob> selected = id == null ? Optional.empty() : vm.draft().job(id);
        shownJob = selected.map(DraftJob::id).orElse(null);
        if (selected.isEmpty()) {
            Label hint = new Label("Select a job to edit its parameters.");
            hint.getStyleClass().add("hint");
            hint.setWrapText(true);
            getChildren().add(hint);
            return;
        }
        DraftJob job = selected.get();
        JobType type = vm.catalog().find(job.type()).orElse(JobType.generic(job.type()));
        Label heading = new Label(type.label() + " · " + job.id());
        heading.getStyleClass().add("inspector-heading");
        Label description = new Label(type.description());
        description.setWrapText(true);
        description.getStyleClass().add("hint");
        getChildren().addAll(heading, description);
        for (ParamSpec p : type.params()) {
            getChildren().add(field(job, p));
        }
        getChildren().add(footer);
        rebuildFooter(job);
    }

    private VBox field(DraftJob job, ParamSpec p) {
        Label label = new Label(p.label() + (p.required() ? " *" : ""));
        label.getStyleClass().add("field-label");
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setManaged(false);
        Consumer<String> commit = text -> {
            Optional<String> refusal = vm.setParam(job.id(), p.key(), text);
            error.setText(refusal.orElse(""));
            error.setManaged(refusal.isPresent());
        };
        javafx.scene.control.Control control;
        if (p.kind() == ParamSpec.Kind.BOOLEAN) {
            javafx.scene.control.CheckBox box = new javafx.scene.control.CheckBox();
            Consumer<Object> update = v -> box.setSelected(Boolean.TRUE.equals(v));
            update.accept(job.params().get(p.key()));
            box.setOnAction(e -> commit.accept(String.valueOf(box.isSelected())));
            fieldUpdaters.put(p.key(), update);
            control = box;
        } else if (p.kind() == ParamSpec.Kind.CHOICE || p.kind() == ParamSpec.Kind.SLIDE || p.kind() == ParamSpec.Kind.JOB) {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().setAll(switch (p.kind()) {
                case SLIDE -> vm.slideChoices();
                case JOB -> vm.jobChoices(job.id(), p.key());
                default -> p.choices();
            });
            box.setPromptText(p.kind() == ParamSpec.Kind.SLIDE ? (vm.slideChoices().isEmpty()
                    ? "Import slides in the Slides library first" : "Pick a slide") : "");
            box.setMaxWidth(Double.MAX_VALUE);
            if (p.kind() == ParamSpec.Kind.JOB) {
                box.setPromptText(box.getItems().isEmpty() ? "Add a job it can read first" : "Pick a job, or draw an arrow from it");
                box.setConverter(new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(String id) {
                        return id == null ? "" : vm.describeJob(id);
                    }

                    @Override
                    public String fromString(String text) {
                        return text;
                    }
                });
            }
            Consumer<Object> update = v -> box.setValue(v == null ? null : v.toString());
            update.accept(job.params().get(p.key()));
            box.setOnAction(e -> commit.accept(box.getValue()));
            fieldUpdaters.put(p.key(), update);
            control = box;
        } else {
            TextField text = new TextField();
            Consumer<Object> update = v -> {
                if (!text.isFocused()) {
                    text.setText(v == null ? "" : v.toString());
                }
            };
            text.setText(Optional.ofNullable(job.params().get(p.key())).map(Object::toString).orElse(""));
            text.setOnAction(e -> commit.accept(text.getText()));
            text.focusedProperty().addListener((obs, was, now) -> {
                if (!now && vm.draft().job(job.id()).isPresent()) {
                    commit.accept(text.getText());
                }
            });
            fieldUpdaters.put(p.key(), update);
            control = text;
        }
        control.setId("param-" + p.key());
        VBox box = new VBox(3, label, control, error);
        if (!p.help().isEmpty()) {
            Label help = new Label(p.help());
            help.getStyleClass().add("field-help");
            help.setWrapText(true);
            box.getChildren().add(2, help);
        }
        return box;
    }

    private void rebuildFooter(DraftJob job) {
        footer.getChildren().clear();
        var waitsFor = vm.draft().dependencies().stream().filter(d -> d.to().equals(job.id())).toList();
        Label deps = new Label(waitsFor.isEmpty() ? "Waits for no other job." : "Waits for:");
        deps.getStyleClass().add("field-label");
        footer.getChildren().add(deps);
        for (Dependency d : waitsFor) {
            Button remove = new Button("✕");
            remove.getStyleClass().addAll("flat", "lane-button");
            remove.setOnAction(e -> vm.disconnect(d));
            footer.getChildren().add(new HBox(6, new Label(d.from() + " (" + vm.draft().job(d.from())
                    .map(j -> vm.catalog().label(j.type())).orElse("?") + ")"), remove));
        }
        for (String note : vm.notesOf(job.id())) {
            Label l = new Label(note);
            l.getStyleClass().add("warning-text");
            l.setId("job-note");
            l.setWrapText(true);
            footer.getChildren().add(l);
        }
        for (Problem problem : vm.problemsOf(job.id())) {
            Label l = new Label(problem.message());
            l.getStyleClass().add("field-error");
            l.setWrapText(true);
            footer.getChildren().add(l);
        }
        Button delete = new Button("Delete job");
        delete.setId("delete-job");
        delete.getStyleClass().add("danger");
        delete.setOnAction(e -> vm.deleteSelection());
        footer.getChildren().add(delete);
    }
}
