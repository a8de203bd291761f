package fazt.desktop.views;

import fazt.core.Node;
import fazt.core.apps.Alias;
import fazt.core.apps.AppInfo;
import fazt.desktop.DesktopSession;
import fazt.desktop.Jobs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Aliases (SPEC §3.4, §11): list, set (app, redirect, reserved), remove, swap. Each action acts on
 * the node managed when the person acted.
 */
public final class AliasesView extends VBox {
    private final DesktopSession session;
    private final TableView<Alias> table = new TableView<>();
    private final TextField subdomain = new TextField();
    private final ChoiceBox<String> type = new ChoiceBox<>();
    private final TextField target = new TextField();
    private final TextField swapWith = new TextField();
    private final Label message = new Label();
    private Map<String, String> appNames = Map.of();
    /** Counts refreshes, so that only the newest one (after a switch, the new node's) fills the table. */
    private int generation;

    public AliasesView(DesktopSession session) {
        this.session = session;
        setId("aliases-view");
        setSpacing(6);
        setPadding(new Insets(8));
        table.setId("aliases-table");
        table.getColumns().add(column("Subdomain", Alias::subdomain));
        table.getColumns().add(column("Type", Alias::type));
        table.getColumns().add(column("Target", a -> Alias.APP.equals(a.type()) ? appNames.getOrDefault(a.target(), a.target())
                : a.target() == null ? "" : a.target()));
        table.getColumns().add(column("URL", a -> session.appUrl(a.subdomain())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        VBox.setVgrow(table, Priority.ALWAYS);
        subdomain.setId("alias-subdomain");
        subdomain.setPromptText("subdomain");
        type.setId("alias-type");
        type.getItems().addAll(Alias.APP, Alias.REDIRECT, Alias.RESERVED);
        type.setValue(Alias.APP);
        target.setId("alias-target");
        target.setPromptText("app name, or https://… for a redirect");
        swapWith.setId("alias-swap-with");
        swapWith.setPromptText("swap the selected with…");
        HBox form = new HBox(8, subdomain, type, target, Buttons.of("Set", "alias-set", this::set),
                Buttons.of("Remove selected", "alias-remove", this::removeSelected));
        HBox swap = new HBox(8, swapWith, Buttons.of("Swap", "alias-swap", this::swapSelected));
        message.setId("aliases-message");
        message.setWrapText(true);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == null) return;
            subdomain.setText(now.subdomain());
            type.setValue(now.type());
            target.setText(Alias.APP.equals(now.type()) ? appNames.getOrDefault(now.target(), now.target())
                    : now.target() == null ? "" : now.target());
        });
        getChildren().addAll(table, form, swap, message);
        refresh();
    }

    private static TableColumn<Alias, String> column(String title, java.util.function.Function<Alias, String> value) {
        TableColumn<Alias, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    public void refresh() {
        int mine = ++generation;
        Node target = session.node();
        Jobs.run(() -> {
            Map<String, String> names = new HashMap<>();
            for (AppInfo a : target.apps()) names.put(a.id(), a.name());
            return Map.entry(names, target.aliases());
        }, (Map.Entry<Map<String, String>, List<Alias>> r) -> {
            if (mine != generation) return;
            appNames = r.getKey();
            table.getItems().setAll(r.getValue());
        }, m -> {
            if (mine == generation) message.setText(m);
        });
    }

    /** Creates or changes the alias in the form. */
    public void set() {
        String sub = subdomain.getText().trim();
        String kind = type.getValue();
        String to = target.getText().trim();
        Node node = session.node();
        Jobs.run(() -> node.setAlias(sub, kind, to.isEmpty() ? null : to), a -> {
            message.setText(a.subdomain() + " now " + (Alias.RESERVED.equals(a.type()) ? "is reserved" : "points to " + to));
            refresh();
        }, message::setText);
    }

    private void removeSelected() {
        Alias a = table.getSelectionModel().getSelectedItem();
        if (a == null) {
            message.setText("Select an alias first.");
            return;
        }
        Node node = session.node();
        Jobs.run(() -> {
            node.removeAlias(a.subdomain());
            return null;
        }, v -> {
            message.setText("Removed " + a.subdomain() + ".");
            refresh();
        }, message::setText);
    }

    private void swapSelected() {
        Alias a = table.getSelectionModel().getSelectedItem();
        String other = swapWith.getText().trim();
        if (a == null || other.isEmpty()) {
            message.setText("Select an alias and name the one to swap it with.");
            return;
        }
        Node node = session.node();
        Jobs.run(() -> {
            node.swapAliases(a.subdomain(), other);
            return null;
        }, v -> {
            message.setText("Swapped " + a.subdomain() + " and " + other + ".");
            refresh();
        }, message::setText);
    }

    public TableView<Alias> table() {
        return table;
    }
}
