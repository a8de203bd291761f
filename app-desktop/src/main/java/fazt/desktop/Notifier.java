package fazt.desktop;

/**
 * Shows a system notification: the tray's balloon where there is a tray, {@code notify-send}
 * on Linux without one ({@link SystemNotifiers}), else nothing. Behind an interface so a test
 * can see what would have been shown.
 */
@FunctionalInterface
interface Notifier {
    /** Shows nothing: no tray and no notification tool. */
    Notifier NONE = (title, text, error) -> { };

    /** Shows {@code title} and {@code text}; {@code error} marks a failure. Any thread; never throws. */
    void show(String title, String text, boolean error);
}
