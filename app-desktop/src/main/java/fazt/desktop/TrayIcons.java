package fazt.desktop;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;

/**
 * The tray icon in its three states, drawn once from the fazt icon: a green dot while serving,
 * a grey dot with two bars while paused, a red dot with an exclamation mark on an error. A
 * badge, not only a colour, tells them apart (for people who do not see the difference in colour).
 */
final class TrayIcons {
    private static final int SIZE = 64;
    private static final Color SERVING = new Color(0x1a, 0x7f, 0x37);
    private static final Color PAUSED = new Color(0x6e, 0x77, 0x81);
    private static final Color ERROR = new Color(0xcf, 0x22, 0x2e);

    private TrayIcons() {}

    /** The three images, one per state. */
    static Map<TrayMenuModel.State, BufferedImage> all() {
        Map<TrayMenuModel.State, BufferedImage> images = new EnumMap<>(TrayMenuModel.State.class);
        BufferedImage base = Icons.awt();
        for (TrayMenuModel.State s : TrayMenuModel.State.values()) images.put(s, draw(base, s));
        return images;
    }

    static BufferedImage draw(BufferedImage base, TrayMenuModel.State state) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(base, 0, 0, SIZE, SIZE, null);
            int d = 30;
            int x = SIZE - d - 1;
            int y = SIZE - d - 1;
            g.setColor(Color.WHITE); // a ring that keeps the badge apart from the icon on any panel
            g.fillOval(x - 3, y - 3, d + 6, d + 6);
            g.setColor(switch (state) {
                case SERVING -> SERVING;
                case PAUSED -> PAUSED;
                case ERROR -> ERROR;
            });
            g.fillOval(x, y, d, d);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            int cx = x + d / 2;
            int cy = y + d / 2;
            switch (state) {
                case SERVING -> g.drawPolyline(new int[] {cx - 8, cx - 2, cx + 8}, new int[] {cy, cy + 6, cy - 6}, 3); // a tick
                case PAUSED -> {
                    g.drawLine(cx - 5, cy - 7, cx - 5, cy + 7);
                    g.drawLine(cx + 5, cy - 7, cx + 5, cy + 7);
                }
                case ERROR -> {
                    g.drawLine(cx, cy - 8, cx, cy + 2);
                    g.fillOval(cx - 3, cy + 6, 6, 6);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
