package fazt.desktop;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javafx.scene.image.Image;

/** The fazt icon, for the window and the tray. */
final class Icons {
    private static final String PATH = "/fazt/desktop/icon.png";

    private Icons() {}

    static Image fx() {
        return new Image(Icons.class.getResourceAsStream(PATH));
    }

    static BufferedImage awt() {
        try (InputStream in = Icons.class.getResourceAsStream(PATH)) {
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
