package fazt.desktop.views;

import java.util.List;
import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

/**
 * A small line of daily counts (an app's pageviews), scaled to its own height; its colour comes
 * from the theme through the {@code sparkline-line} style class.
 */
final class Sparkline extends Region {
    private final Polyline line = new Polyline();
    private List<Long> counts = List.of();

    Sparkline(double width, double height) {
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        line.setManaged(false);
        getChildren().add(line);
        setMinSize(width, height);
        setPrefSize(width, height);
        setMaxSize(width, height);
    }

    void show(List<Long> values) {
        counts = values == null ? List.of() : List.copyOf(values);
        requestLayout();
    }

    List<Long> counts() {
        return counts;
    }

    @Override
    protected void layoutChildren() {
        line.getPoints().clear();
        if (counts.size() < 2) return;
        double w = getWidth() - 2;
        double h = getHeight() - 2;
        long max = Math.max(1, counts.stream().mapToLong(Long::longValue).max().orElse(1));
        for (int i = 0; i < counts.size(); i++) {
            line.getPoints().add(1 + w * i / (counts.size() - 1));
            line.getPoints().add(1 + h - h * counts.get(i) / max);
        }
    }
}
