package fazt.desktop.views;

import fazt.core.Node;
import fazt.core.analytics.Interval;
import fazt.core.analytics.TimelinePoint;
import fazt.desktop.Jobs;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.geometry.Side;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * Daily pageviews and unique visitors of one app over the last 30 days (SPEC §7), read through
 * the {@link Node} off the FX thread, so it shows a linked peer's app the same way.
 */
public final class VisitsChart extends BarChart<String, Number> {
    static final int DAYS = 30;
    /** Stands for "every app" where an app name is kept; compared by identity, so no app name equals it. */
    private static final String WHOLE_INSTANCE = new String("(whole instance)");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);

    private final Supplier<Node> node;
    private final XYChart.Series<String, Number> pageviews = new XYChart.Series<>();
    private final XYChart.Series<String, Number> visitors = new XYChart.Series<>();
    /** The app asked for last; an answer for another app arrives late and is dropped. */
    private String app;

    public VisitsChart(Supplier<Node> node) {
        super(new CategoryAxis(), new NumberAxis());
        this.node = node;
        setId("visits-chart");
        setTitle("Visits, last 30 days (UTC)");
        setAnimated(false);
        setLegendVisible(true);
        setLegendSide(Side.RIGHT); // below, it would be cut off at this height
        setCategoryGap(2);
        setBarGap(0);
        setPrefHeight(200);
        setMinHeight(160);
        pageviews.setName("Pageviews");
        visitors.setName("Visitors");
        getData().add(pageviews);
        getData().add(visitors);
    }

    /** Loads and shows {@code appName}'s last 30 days; null clears the chart. */
    public void show(String appName) {
        app = appName;
        if (appName == null) {
            pageviews.getData().clear();
            visitors.getData().clear();
            return;
        }
        Jobs.run(() -> node.get().timeline(appName, Interval.DAY, DAYS), points -> {
            if (Objects.equals(app, appName)) fill(points);
        }, message -> setTitle("Visits unavailable: " + message));
    }

    /** Loads and shows the last 30 days of every app of the node together (the Analytics section). */
    public void showWholeInstance() {
        String whole = WHOLE_INSTANCE;
        app = whole;
        Jobs.run(() -> node.get().timeline(null, Interval.DAY, DAYS), points -> {
            if (app == whole) fill(points);
        }, message -> setTitle("Visits unavailable: " + message));
    }

    private void fill(List<TimelinePoint> points) {
        setTitle("Visits, last 30 days (UTC)");
        pageviews.getData().clear();
        visitors.getData().clear();
        for (TimelinePoint p : points) {
            String day = DAY.format(Instant.ofEpochMilli(p.start()));
            pageviews.getData().add(new XYChart.Data<>(day, p.pageviews()));
            visitors.getData().add(new XYChart.Data<>(day, p.visitors()));
        }
    }

    /** The pageviews shown, oldest day first (for tests and the accessibility of the numbers). */
    public List<Long> pageviewCounts() {
        return pageviews.getData().stream().map(d -> d.getYValue().longValue()).toList();
    }
}
