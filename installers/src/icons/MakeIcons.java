import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the fazt icon (a white "f" with two speed lines on a blue rounded square) and writes it in the three forms
 * jpackage takes: fazt.png (Linux), fazt.ico (Windows) and fazt.icns (macOS). ICO and ICNS both
 * hold PNG images, so no image library beyond the JDK is needed.
 *
 * <p>Run from this folder with any JDK 11+: {@code java MakeIcons.java}. The outputs are committed;
 * run it again only to change the drawing.
 */
public class MakeIcons {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.write(dir.resolve("fazt.png"), png(draw(256)));

        int[] icoSizes = {16, 24, 32, 48, 64, 128, 256};
        Map<Integer, byte[]> ico = new LinkedHashMap<>();
        for (int s : icoSizes) ico.put(s, png(draw(s)));
        Files.write(dir.resolve("fazt.ico"), ico(ico));

        Map<String, byte[]> icns = new LinkedHashMap<>();
        icns.put("icp4", png(draw(16)));
        icns.put("icp5", png(draw(32)));
        icns.put("icp6", png(draw(64)));
        icns.put("ic07", png(draw(128)));
        icns.put("ic08", png(draw(256)));
        icns.put("ic09", png(draw(512)));
        icns.put("ic10", png(draw(1024)));
        Files.write(dir.resolve("fazt.icns"), icns(icns));
    }

    /** The icon at size x size pixels, drawn on a 100-unit grid. */
    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 100.0, size / 100.0);

        // background: a rounded square, lighter at the top
        g.setPaint(new GradientPaint(0, 4, new Color(0x4A86F0), 0, 96, new Color(0x2456C8)));
        g.fill(new RoundRectangle2D.Double(4, 4, 92, 92, 24, 24));

        // the "f": a stem that bends right at the top, and a crossbar
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(11f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D stem = new Path2D.Double();
        stem.moveTo(46, 80);
        stem.lineTo(46, 37);
        stem.append(new Arc2D.Double(46, 19, 26, 26, 180, -115, Arc2D.OPEN), true);
        g.draw(stem);
        g.setStroke(new BasicStroke(10f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(33, 48, 63, 48));

        // two speed lines behind it, drawn only where they stay visible
        if (size >= 32) {
            g.setColor(new Color(255, 255, 255, 150));
            g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(16, 62, 31, 62));
            g.draw(new Line2D.Double(21, 73, 33, 73));
        }
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG entries (Windows Vista and later read these). Little-endian. */
    static byte[] ico(Map<Integer, byte[]> images) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le16(out, 0);
        le16(out, 1);
        le16(out, images.size());
        int offset = 6 + 16 * images.size();
        for (Map.Entry<Integer, byte[]> e : images.entrySet()) {
            int s = e.getKey();
            out.write(s >= 256 ? 0 : s); // width, 0 means 256
            out.write(s >= 256 ? 0 : s); // height
            out.write(0);                // no palette
            out.write(0);                // reserved
            le16(out, 1);                // colour planes
            le16(out, 32);               // bits per pixel
            le32(out, e.getValue().length);
            le32(out, offset);
            offset += e.getValue().length;
        }
        for (byte[] b : images.values()) out.write(b);
        return out.toByteArray();
    }

    /** ICNS with PNG entries. Big-endian: a header, then type + length + data per image. */
    static byte[] icns(Map<String, byte[]> images) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (Map.Entry<String, byte[]> e : images.entrySet()) {
            d.writeBytes(e.getKey());
            d.writeInt(8 + e.getValue().length);
            d.write(e.getValue());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(out);
        h.writeBytes("icns");
        h.writeInt(8 + body.size());
        h.write(body.toByteArray());
        return out.toByteArray();
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v & 0xffff);
        le16(out, (v >>> 16) & 0xffff);
    }
}
