package org.pathlane.app.ui.dashboard;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.pathlane.app.batch.BatchRow;
import org.pathlane.app.dashboard.DashboardViewModel;
import org.pathlane.app.dashboard.WorkflowRow;
import org.pathlane.app.ui.Navigator;

/** Every workflow with its jobs' state, progress and wait reason; cancel, retry and results from here. */
public final class DashboardView extends VBox {

    private final DashboardViewModel vm;
    private final Navigator navigator;
    private final boolean showUsers;
    private final VBox list = new VBox(12);
    private final VBox batchList = new VBox(12);
    private final java.util.Map<String, BatchCard> batchCards = new java.util.HashMap<>();
    private final java.util.Map<String, WorkflowCard> cards = new java.util.HashMap<>();

    public DashboardView(DashboardViewModel vm, Navigator navigator, boolean showUsers) {
        super(10);
        this.vm = vm;
        this.navigator = navigator;
        this.showUsers = showUsers;
        setId("dashboard");
        setPadding(new Insets(16));
        Label title = new Label(showUsers ? "Dashboard · every user's work" : "Dashboard");
        title.getStyleClass().add("screen-title");
        Label queue = new Label();
        queue.setId("user-queue");
        queue.getStyleClass().add("hint");
        queue.textProperty().bind(vm.queueTextProperty());
        Label message = new Label();
        message.setId("dashboard-message");
        message.textProperty().bind(vm.messageProperty());
        batchList.setId("batches");
        javafx.scene.control.ChoiceBox<DashboardViewModel.Filter> filter = new javafx.scene.control.ChoiceBox<>();
        filter.getItems().setAll(DashboardViewModel.Filter.values());
        filter.setValue(vm.filter());
        filter.setId("dashboard-filter");
        filter.setOnAction(e -> vm.setFilter(filter.getValue()));
        Label page = new Label();
        page.setId("dashboard-page");
        page.getStyleClass().add("hint");
        page.textProperty().bind(vm.pageTextProperty());
        javafx.scene.control.Button older = new javafx.scene.control.Button("Show older");
        older.setId("dashboard-older");
        older.setOnAction(e -> vm.showOlder());
        older.visibleProperty().bind(vm.pageTextProperty().isNotEmpty());
        older.managedProperty().bind(older.visibleProperty());
        javafx.scene.control.ChoiceBox<org.pathlane.app.dashboard.Period> period = new javafx.scene.control.ChoiceBox<>();
        period.getItems().setAll(org.pathlane.app.dashboard.Period.values());
        period.setValue(vm.period());
        period.setId("dashboard-period");
        period.setOnAction(e -> vm.setPeriod(period.getValue()));
        javafx.scene.control.CheckBox archived = new javafx.scene.control.CheckBox("Show archived");
        archived.setId("dashboard-archived");
        archived.setSelected(vm.showArchived());
        archived.setOnAction(e -> vm.setShowArchived(archived.isSelected()));
        javafx.scene.control.Button archiveAll = new javafx.scene.control.Button("Archive all finished");
        archiveAll.setId("dashboard-archive-finished");
        archiveAll.setOnAction(e -> {
            org.pathlane.app.confirm.Confirmation ask = vm.confirmArchiveFinished();
            if (ask == null) {
                vm.archiveFinished();
            } else {
                org.pathlane.app.ui.Confirm.ask(this, ask, vm::archiveFinished);
            }
        });
        javafx.scene.layout.HBox tools = new javafx.scene.layout.HBox(10, new Label("Show"), filter);
        if (vm.admin()) {
            tools.getChildren().addAll(new Label("of"), userChoice());
        }
        tools.getChildren().addAll(new Label("submitted"), period, archived, archiveAll);
        tools.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.HBox paging = new javafx.scene.layout.HBox(10, page, older);
        paging.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        ScrollPane scroll = new ScrollPane(new VBox(12, batchList, list, paging));
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, queue, tools, message, scroll);
        vm.workflows().addListener((ListChangeListener<WorkflowRow>) c -> redraw());
        vm.batches().addListener((ListChangeListener<BatchRow>) c -> redrawBatches());
        redraw();
        redrawBatches();
    }

    /** An admin's choice of whose work is listed: "All users" (the empty item) or one profile. */
    private javafx.scene.control.ChoiceBox<String> userChoice() {
        javafx.scene.control.ChoiceBox<String> users = new javafx.scene.control.ChoiceBox<>();
        users.setId("dashboard-user");
        users.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null || name.isEmpty() ? "All users" : name;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        Runnable fill = () -> {
            java.util.List<String> items = new java.util.ArrayList<>();
            items.add("");
            items.addAll(vm.users());
            users.getItems().setAll(items);
            users.setValue(vm.shownUser() == null ? "" : vm.shownUser());
        };
        fill.run();
        vm.users().addListener((ListChangeListener<String>) c -> fill.run());
        users.setOnAction(e -> {
            String chosen = users.getValue();
            String name = chosen == null || chosen.isEmpty() ? null : chosen;
            if (!java.util.Objects.equals(name, vm.shownUser())) {
                vm.setUser(name);
            }
        });
        return users;
    }

    private void redrawBatches() {
        java.util.Map<String, BatchCard> kept = new java.util.HashMap<>();
        java.util.List<javafx.scene.Node> order = new java.util.ArrayList<>();
        for (BatchRow b : vm.batches()) {
            String key = b.user() + "/" + b.id();
            BatchCard card = batchCards.get(key);
            if (card == null) {
                card = new BatchCard(b, vm, showUsers);
            } else {
                card.update(b);
            }
            kept.put(key, card);
            order.add(card);
        }
        batchCards.clear();
        batchCards.putAll(kept);
        if (!batchList.getChildren().equals(order)) {
            batchList.getChildren().setAll(order);
        }
    }

    private void redraw() {
        if (vm.workflows().isEmpty()) {
            cards.clear();
            Label empty = new Label("No workflows yet. Build one in the editor and press Submit.");
            empty.getStyleClass().add("hint");
            list.getChildren().setAll(empty);
            return;
        }
        java.util.Map<String, WorkflowCard> kept = new java.util.HashMap<>();
        java.util.List<javafx.scene.Node> order = new java.util.ArrayList<>();
        for (WorkflowRow w : vm.workflows()) {
            WorkflowCard card = cards.get(w.id());
            if (card == null) {
                card = new WorkflowCard(w, vm, navigator, showUsers);
            } else {
                card.update(w);
            }
            kept.put(w.id(), card);
            order.add(card);
        }
        cards.clear();
        cards.putAll(kept);
        if (!list.getChildren().equals(order)) {
            list.getChildren().setAll(order);
        }
    }
}
