package fazt.desktop.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.common.BitMatrix;
import org.junit.jupiter.api.Test;

/** The QR code drawing: a code with its quiet zone, and clear errors for what cannot be drawn. */
class QrCodeTest {
    @Test
    void theMatrixHasTheQuietZoneAndEncodesTheAddress() throws Exception {
        BitMatrix m = QrCode.matrix("http://notes.192.168.1.20.nip.io:4698");
        assertThat(m.getWidth()).isEqualTo(m.getHeight());
        for (int i = 0; i < m.getWidth(); i++) {
            assertThat(m.get(i, 0) || m.get(0, i) || m.get(i, 1) || m.get(1, i)).as("quiet zone").isFalse();
        }
        assertThat(m.get(QrCode.MARGIN, QrCode.MARGIN)).as("the finder pattern's corner").isTrue();
    }

    @Test
    void anEmptyAddressOrAZeroScaleIsRefused() {
        assertThatThrownBy(() -> QrCode.matrix(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a QR code needs an address to encode");
        assertThatThrownBy(() -> QrCode.matrix(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrCode.image("http://a.localhost", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a QR module needs at least one pixel, not 0");
        assertThatThrownBy(() -> QrCode.matrix("x".repeat(8000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot make a QR code of xxx");
    }
}
