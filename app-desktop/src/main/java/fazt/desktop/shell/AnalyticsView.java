package fazt.desktop.shell;

import atlantafx.base.theme.Styles;
import fazt.core.analytics.StatsSummary;
import fazt.desktop.DesktopSession;
import fazt.desktop.Jobs;
import fazt.desktop.views.VisitsChart;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Analytics of the managed node as a whole: pageviews today, in 7 and 30 days and the visitors of
 * the 30 days, over the daily chart of every app together. Per-app numbers are in the Apps section.
 */
public final class AnalyticsView extends VBox {
    private final DesktopSession session;
    private final Label totals = new Label("…");
    private final VisitsChart chart;
    private long generation;

    public AnalyticsView(DesktopSession session) {
        this.session = session;
        setId("analytics-view");
        setSpacing(12);
        setPadding(new Insets(16));
        totals.setId("analytics-totals");
        totals.getStyleClass().add(Styles.TEXT_MUTED);
        totals.setWrapText(true);
        chart = new VisitsChart(session::node);
        chart.setId("analytics-chart");
        VBox.setVgrow(chart, Priority.ALWAYS);
        chart.setMaxHeight(Double.MAX_VALUE);
        getChildren().addAll(new HBox(totals), chart);
    }

    /** Reads the managed node's numbers again (when the section shows, and after a switch). */
    public void refresh() {
        long mine = ++generation;
        chart.showWholeInstance();
        Jobs.run(() -> session.node().stats(null), s -> {
            if (mine == generation) totals.setText(text(s));
        }, m -> {
            if (mine == generation) totals.setText("Visits unavailable: " + m);
        });
    }

    static String text(StatsSummary s) {
        return "Pageviews: " + s.pageviews().today() + " today, " + s.pageviews().last7Days() + " in 7 days, " + s.pageviews().last30Days()
                + " in 30 days · Visitors in 30 days: " + s.visitors().last30Days();
    }

    public VisitsChart chart() {
        return chart;
    }

    public Label totals() {
        return totals;
    }
}
