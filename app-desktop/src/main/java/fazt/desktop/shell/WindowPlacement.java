package fazt.desktop.shell;

import javafx.animation.PauseTransition;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * The window opens where it was and as large as it was: each move or resize is remembered (a
 * moment after it settles, and at once when the window closes), and restored when it opens again,
 * unless no screen shows that place any more (a monitor unplugged): then the default size, centred.
 */
public final class WindowPlacement {
    /** How long after the last move or resize the place is written down. */
    private static final Duration SETTLE = Duration.millis(400);
    /** Less than this much of the window on a screen does not count as showing it. */
    private static final double MIN_VISIBLE = 80;

    private WindowPlacement() {}

    /** A window's place and size, as stored: {@code x,y,width,height[,maximized]}. */
    public record Bounds(double x, double y, double width, double height, boolean maximized) {
        public String text() {
            return (long) x + "," + (long) y + "," + (long) width + "," + (long) height + (maximized ? ",maximized" : "");
        }

        /** The bounds stored as {@code text}, or null when there are none or they do not read as bounds. */
        public static Bounds parse(String text) {
            if (text == null) return null;
            String[] p = text.split(",");
            if (p.length < 4 || p.length > 5) return null;
            try {
                Bounds b = new Bounds(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3]),
                        p.length == 5 && p[4].equals("maximized"));
                return b.width() >= 200 && b.height() >= 150 ? b : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** Puts {@code stage} where the preferences say it was; returns whether there was such a place on a screen now. */
    public static boolean restore(Stage stage, DesktopPrefs prefs) {
        Bounds b = prefs.window();
        if (b == null || !onSomeScreen(b)) return false;
        stage.setX(b.x());
        stage.setY(b.y());
        stage.setWidth(b.width());
        stage.setHeight(b.height());
        if (b.maximized()) stage.setMaximized(true);
        return true;
    }

    private static boolean onSomeScreen(Bounds b) {
        for (Screen s : Screen.getScreens()) {
            Rectangle2D v = s.getVisualBounds();
            double w = Math.min(v.getMaxX(), b.x() + b.width()) - Math.max(v.getMinX(), b.x());
            double h = Math.min(v.getMaxY(), b.y() + b.height()) - Math.max(v.getMinY(), b.y());
            if (w >= MIN_VISIBLE && h >= MIN_VISIBLE) return true;
        }
        return false;
    }

    /** From now on, writes down where {@code stage} is whenever it moves, resizes or closes. */
    public static void remember(Stage stage, DesktopPrefs prefs) {
        PauseTransition settle = new PauseTransition(SETTLE);
        settle.setOnFinished(e -> save(stage, prefs));
        Runnable later = settle::playFromStart;
        stage.xProperty().addListener((o, a, b) -> later.run());
        stage.yProperty().addListener((o, a, b) -> later.run());
        stage.widthProperty().addListener((o, a, b) -> later.run());
        stage.heightProperty().addListener((o, a, b) -> later.run());
        stage.maximizedProperty().addListener((o, a, b) -> later.run());
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> {
            settle.stop();
            save(stage, prefs);
            prefs.flush();
        });
    }

    /** Writes down where {@code stage} is now; a maximized window keeps the size it had before. */
    public static void save(Stage stage, DesktopPrefs prefs) {
        if (stage.isIconified() || Double.isNaN(stage.getWidth())) return;
        Bounds before = prefs.window();
        if (stage.isMaximized()) {
            prefs.window(before == null ? new Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), true)
                    : new Bounds(before.x(), before.y(), before.width(), before.height(), true));
            return;
        }
        prefs.window(new Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false));
    }
}
