package fazt.desktop.shell;

import atlantafx.base.theme.Styles;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The column of sections on the window's left: one always chosen, each with its icon and shortcut. */
public final class Sidebar extends VBox {
    private final ToggleGroup group = new ToggleGroup();
    private final Map<Section, ToggleButton> buttons = new EnumMap<>(Section.class);

    public Sidebar(Consumer<Section> onSelect) {
        setId("sidebar");
        getStyleClass().add("sidebar");
        Label brand = new Label("fazt");
        brand.getStyleClass().addAll("sidebar-brand", Styles.TITLE_3);
        getChildren().add(brand);
        for (Section s : Section.values()) {
            ToggleButton b = new ToggleButton(s.title(), new FontIcon(s.icon()));
            b.setId(s.navId());
            b.setToggleGroup(group);
            b.getStyleClass().addAll("sidebar-item", Styles.FLAT);
            b.setContentDisplay(ContentDisplay.LEFT);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setGraphicTextGap(10);
            b.setTooltip(new Tooltip(s.title() + " (" + Shortcuts.name(s.digit()) + ")"));
            buttons.put(s, b);
            getChildren().add(b);
        }
        // a section is always chosen: clicking the chosen one keeps it
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                group.selectToggle(was);
                return;
            }
            buttons.forEach((s, b) -> {
                if (b == now) onSelect.accept(s);
            });
        });
    }

    /** Shows {@code section} as chosen (and tells the window, as a click does). */
    public void select(Section section) {
        group.selectToggle(buttons.get(section));
    }

    public Section selected() {
        for (var e : buttons.entrySet()) if (e.getValue().isSelected()) return e.getKey();
        return null;
    }
}
