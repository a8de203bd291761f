package fazt.desktop.views;

import javafx.scene.control.Button;

/** Buttons of the views: each has an id, which the TestFX tests click by. */
final class Buttons {
    private Buttons() {}

    static Button of(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
