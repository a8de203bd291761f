package fazt.desktop.views;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/**
 * A QR code of an address, drawn as a JavaFX image: black modules on white with the quiet zone
 * scanners need, whatever the theme (a phone's camera reads dark on light best).
 */
final class QrCode {
    /** Modules of quiet zone around the code. */
    static final int MARGIN = 2;
    private static final int DARK = 0xFF000000;
    private static final int LIGHT = 0xFFFFFFFF;

    private QrCode() {}

    /** The modules of {@code text}'s code, one bit per module, quiet zone included. */
    static BitMatrix matrix(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a QR code needs an address to encode");
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, MARGIN, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of " + text + ": " + e.getMessage(), e);
        }
    }

    /** {@code text}'s code with each module {@code scale} pixels wide. */
    static WritableImage image(String text, int scale) {
        if (scale < 1) throw new IllegalArgumentException("a QR module needs at least one pixel, not " + scale);
        BitMatrix m = matrix(text);
        WritableImage img = new WritableImage(m.getWidth() * scale, m.getHeight() * scale);
        PixelWriter w = img.getPixelWriter();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                int argb = m.get(x, y) ? DARK : LIGHT;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) w.setArgb(x * scale + dx, y * scale + dy, argb);
                }
            }
        }
        return img;
    }
}
