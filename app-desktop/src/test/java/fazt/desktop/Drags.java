package fazt.desktop;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import java.io.File;
import java.util.List;
import java.util.Map;
import javafx.event.EventType;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * Drag events as the system delivers them while a person drags files over the window: JavaFX
 * offers no public way to make a dragboard, so this one is made as the toolkit makes its own.
 */
public final class Drags {
    private Drags() {}

    /** A drag event of {@code type} carrying {@code files} (none: a drag of something else, like text). */
    public static DragEvent of(EventType<DragEvent> type, List<File> files) {
        Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
        board.setContent(files.isEmpty() ? Map.of(DataFormat.PLAIN_TEXT, "some text") : Map.of(DataFormat.FILES, files));
        return new DragEvent(type, board, 20, 20, 20, 20, TransferMode.COPY, null, null, null);
    }
}
