package fazt.desktop.views;

import atlantafx.base.theme.Styles;
import fazt.core.apps.AppInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One app as a rich row of the Apps view: its name, its address (clickable, copyable, with the
 * full text in a tooltip when it does not fit), the active version, the last deploy as "3 min
 * ago", a sparkline of its visits, its live WebSocket connections, a QR code of its LAN address
 * while the window shares on the network, and its actions as icon buttons with tooltips.
 */
final class AppCard extends HBox {
    /** Pixels per QR module: a 25-module code with its quiet zone is about 90 pixels wide. */
    static final int QR_SCALE = 3;

    /** What the row's buttons ask the Apps view to do. */
    interface Actions {
        void open(AppInfo app);

        void versions(AppInfo app);

        void logs(AppInfo app);

        void envVars(AppInfo app);

        void delete(AppInfo app);
    }

    /** What a row shows beyond the app itself. */
    record Facts(String url, Optional<String> lanUrl, List<Long> visits, long now) {}

    private final AppInfo app;
    private final Label live;
    private final Label ago;
    private final Sparkline sparkline = new Sparkline(96, 28);
    private final ImageView qr;

    AppCard(AppInfo app, Facts facts, Actions actions) {
        this.app = app;
        setId("app-card-" + app.name());
        getStyleClass().add("app-card");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(14);

        Label name = new Label(app.name());
        name.getStyleClass().addAll("app-name", Styles.TITLE_4);
        Label version = new Label(app.activeVersion() == null ? "no version" : "v" + app.activeVersion());
        version.getStyleClass().addAll("app-version", "pill");
        live = new Label(app.connections() + " live");
        live.getStyleClass().addAll("app-live", "pill", app.connections() > 0 ? "pill-on" : "pill-off");
        live.setTooltip(new Tooltip("Open WebSocket connections to this app (at the last refresh)"));
        HBox title = new HBox(8, name, version, live);
        title.setAlignment(Pos.BASELINE_LEFT);

        Hyperlink link = new Hyperlink(facts.url());
        link.getStyleClass().add("app-url");
        link.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        link.setMinWidth(80);
        link.setTooltip(new Tooltip(facts.url()));
        link.setOnAction(e -> actions.open(app));
        Button copy = icon(Feather.COPY, "app-copy-url", "Copy the address", () -> copy(facts.url()));
        HBox address = new HBox(2, link, copy);
        address.setAlignment(Pos.CENTER_LEFT);

        ago = new Label();
        ago.getStyleClass().addAll("app-ago", Styles.TEXT_MUTED);
        Label size = new Label(app.fileCount() + " files, " + ByteSize.text(app.sizeBytes()));
        size.getStyleClass().addAll("app-size", Styles.TEXT_MUTED);
        HBox meta = new HBox(10, ago, size);
        tick(facts.now());

        VBox info = new VBox(2, title, address, meta);
        info.setMinWidth(160);
        HBox.setHgrow(info, Priority.ALWAYS);

        sparkline.show(facts.visits());
        long total = facts.visits().stream().mapToLong(Long::longValue).sum();
        Label visits = new Label(total + " views, " + facts.visits().size() + " days");
        visits.getStyleClass().addAll("app-visits", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox spark = new VBox(2, sparkline, visits);
        spark.setAlignment(Pos.CENTER);
        spark.setMinWidth(VBox.USE_PREF_SIZE);
        getChildren().addAll(info, spark);

        qr = facts.lanUrl().map(u -> {
            ImageView code = new ImageView(QrCode.image(u, QR_SCALE));
            code.setId("app-qr-" + app.name());
            code.getStyleClass().add("app-qr");
            code.setUserData(u);
            Tooltip.install(code, new Tooltip("Scan with a phone on the same network to open " + u));
            return code;
        }).orElse(null);
        if (qr != null) getChildren().add(qr);

        HBox buttons = new HBox(2,
                icon(Feather.EXTERNAL_LINK, "app-open", "Open in the browser", () -> actions.open(app)),
                icon(Feather.LAYERS, "app-versions", "Versions and rollback", () -> actions.versions(app)),
                icon(Feather.FILE_TEXT, "app-logs", "Logs of this app", () -> actions.logs(app)),
                icon(Feather.SLIDERS, "app-env", "Environment variables", () -> actions.envVars(app)),
                icon(Feather.TRASH_2, "app-delete", "Delete…", () -> actions.delete(app)));
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setMinWidth(HBox.USE_PREF_SIZE);
        getChildren().add(buttons);
    }

    private static Button icon(Ikon ikon, String styleClass, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(ikon));
        b.getStyleClass().addAll(styleClass, Styles.BUTTON_ICON, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        b.setAccessibleText(tip);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    /** Says again how long ago the last deploy was, as seen at {@code now}. */
    void tick(long now) {
        ago.setText("published " + Ago.text(now, app.updatedAt()));
    }

    AppInfo app() {
        return app;
    }

    String liveText() {
        return live.getText();
    }

    String agoText() {
        return ago.getText();
    }

    List<Long> visits() {
        return sparkline.counts();
    }

    /** The QR code shown, or null while there is no LAN address to share. */
    ImageView qr() {
        return qr;
    }

    /** Hands each row drawn under {@code root} (the rows on screen) to {@code consumer}. */
    static void forEachIn(javafx.scene.Node root, Consumer<AppCard> consumer) {
        root.lookupAll(".app-card").forEach(n -> consumer.accept((AppCard) n));
    }
}
