package fazt.desktop.views;

import static fazt.desktop.WindowUnderTest.appsMessage;
import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import fazt.desktop.WindowTest;
import java.io.IOException;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * "Share with my phone": with "Share on my network" on, each row shows a QR code that a phone's
 * scanner (here ZXing's decoder, on a snapshot of the code as drawn) reads as the app's LAN address.
 */
class ShareQrTest extends WindowTest {
    @Start
    void start(Stage stage) throws IOException {
        // shared from an earlier run, with a domain set, so the LAN address does not depend on this machine's network
        open(stage, Map.of("share_on_network", "true", "domain", "home.example.org"));
    }

    static String decode(Image image) throws Exception {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, argb)))).getText();
    }

    @Test
    void eachRowsQrCodeDecodesToItsLanAddressWhileShared(FxRobot robot) throws Exception {
        assertThat(session.shared()).isTrue();
        drop(robot, site("photos", "<h1>photos</h1>", null));
        waitFor(() -> appsMessage(robot).startsWith("Published photos"));
        waitFor(() -> window.apps().card("photos") != null && window.apps().card("photos").qr() != null);
        String lan = "http://photos.home.example.org:" + session.server().port();
        javafx.scene.image.ImageView qr = window.apps().card("photos").qr();
        assertThat(qr.getUserData()).isEqualTo(lan);
        Image drawn = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> qr.snapshot(null, null)).get();
        assertThat(decode(drawn)).isEqualTo(lan);
        assertThat(get("photos.home.example.org", "/").body()).as("the address the code names serves the app").isEqualTo("<h1>photos</h1>");

        session.share(false); // as the status bar's switch does
        waitFor(() -> window.apps().card("photos") != null && window.apps().card("photos").qr() == null);
    }
}
