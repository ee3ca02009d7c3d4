package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upscaler.job.testing.Chromium;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Checks that a report page is drawn, in headless Chromium: a copy of the page with a measuring
 * script reports where the gallery images and charts are laid out (and that every image decoded);
 * a screenshot of the page itself (no script) must then show, at those places, pictures whose
 * colours match the embedded JPEGs, chart bars in the bar colour and the throughput line in the
 * line colour.
 */
final class ReportRendering {
  private static final String MEASURE = "<script>window.addEventListener('load',()=>{"
      + "const box=e=>{const r=e.getBoundingClientRect();return{x:r.left+scrollX,y:r.top+scrollY,w:r.width,h:r.height}};"
      + "const out={height:document.documentElement.scrollHeight,"
      + "images:[...document.querySelectorAll('#gallery img')].map(i=>({cls:i.className,complete:i.complete,"
      + "w:i.naturalWidth,h:i.naturalHeight,box:box(i)})),"
      + "charts:[...document.querySelectorAll('svg.chart')].map(s=>({id:s.id,box:box(s),"
      + "bars:s.querySelectorAll('.bar').length,lines:s.querySelectorAll('.line').length}))};"
      + "const pre=document.createElement('pre');pre.id='layout';pre.textContent=JSON.stringify(out);"
      + "document.body.appendChild(pre);});</script>";
  private static final int BAR = 0x2b6cb0;
  private static final int LINE = 0xc05621;
  private static final int WIDTH = 1100;

  private ReportRendering() {}

  /** What the check saw: images and charts laid out, and bar/line pixels per chart. */
  record Seen(int images, int charts, List<String> notes) {}

  static Seen assertDrawn(Path page, int galleryPairs, int chartsWithData) throws Exception {
    Chromium chromium = Chromium.require();
    String html = Files.readString(page);
    Path measured = Files.createDirectories(Path.of("target", "chromium").toAbsolutePath())
        .resolve("measured-" + System.nanoTime() + ".html");
    Files.writeString(measured, html.replace("</body>", MEASURE + "</body>"));
    JsonNode layout = layout(chromium.dumpDom(measured, WIDTH, 1000));
    JsonNode images = layout.get("images");
    assertEquals(2 * galleryPairs, images.size(), "gallery images laid out: " + images);
    int height = Math.min(16_000, layout.get("height").asInt() + 10);
    BufferedImage shot = ImageIO.read(chromium.screenshot(page, WIDTH, height).toFile());
    List<byte[]> jpegs = embeddedJpegs(html);
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      JsonNode img = images.get(i);
      assertTrue(img.get("complete").asBoolean() && img.get("w").asInt() > 0, "image decoded: " + img);
      notes.add(pictureMatches(shot, img, ImageIO.read(new ByteArrayInputStream(jpegs.get(i)))));
    }
    int drawn = 0;
    for (JsonNode chart : layout.get("charts")) {
      boolean line = chart.get("lines").asInt() > 0;
      int pixels = count(shot, chart.get("box"), line ? LINE : BAR);
      notes.add(chart.get("id").asText() + ": " + pixels + (line ? " line" : " bar") + " pixels");
      if (pixels >= (line ? 100 : 150)) {
        drawn++;
      }
    }
    assertEquals(chartsWithData, drawn, "charts drawn: " + notes);
    return new Seen(images.size(), drawn, notes);
  }

  private static JsonNode layout(String dom) throws Exception {
    Matcher m = Pattern.compile("<pre id=\"layout\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertTrue(m.find(), "the measuring script ran: " + dom.substring(0, Math.min(500, dom.length())));
    return new ObjectMapper().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&")
        .replace("&lt;", "<").replace("&gt;", ">"));
  }

  private static List<byte[]> embeddedJpegs(String html) {
    List<byte[]> out = new ArrayList<>();
    Matcher m = Pattern.compile("src=\"data:image/jpeg;base64,([^\"]+)\"").matcher(html);
    while (m.find()) {
      out.add(Base64.getDecoder().decode(m.group(1)));
    }
    return out;
  }

  /**
   * The screenshot where the image is drawn (its box, less object-fit letterboxing) has the JPEG's
   * mean colour and is not flat.
   */
  private static String pictureMatches(BufferedImage shot, JsonNode img, BufferedImage jpeg) {
    JsonNode box = img.get("box");
    double scale = Math.min(box.get("w").asDouble() / jpeg.getWidth(), box.get("h").asDouble() / jpeg.getHeight());
    double w = jpeg.getWidth() * scale;
    double h = jpeg.getHeight() * scale;
    int x0 = (int) Math.ceil(box.get("x").asDouble() + (box.get("w").asDouble() - w) / 2) + 1;
    int y0 = (int) Math.ceil(box.get("y").asDouble() + (box.get("h").asDouble() - h) / 2) + 1;
    double[] drawn = stats(shot, x0, y0, (int) w - 2, (int) h - 2);
    double[] source = stats(jpeg, 0, 0, jpeg.getWidth(), jpeg.getHeight());
    for (int c = 0; c < 3; c++) {
      assertTrue(Math.abs(drawn[c] - source[c]) < 10,
          "image at " + box + " is drawn with mean colour " + java.util.Arrays.toString(drawn)
              + ", its JPEG has " + java.util.Arrays.toString(source));
    }
    assertTrue(drawn[3] > 3 || source[3] <= 3, "image at " + box + " is flat: " + drawn[3]);
    return img.get("cls").asText() + " at " + (int) box.get("x").asDouble() + "," + (int) box.get("y").asDouble();
  }

  /** Mean R, G, B and the mean deviation of luminance over a rectangle. */
  private static double[] stats(BufferedImage img, int x0, int y0, int w, int h) {
    double[] sum = new double[3];
    List<Double> luma = new ArrayList<>();
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        int p = rgb(img, x, y);
        int r = (p >> 16) & 255;
        int g = (p >> 8) & 255;
        int b = p & 255;
        sum[0] += r;
        sum[1] += g;
        sum[2] += b;
        luma.add(0.299 * r + 0.587 * g + 0.114 * b);
      }
    }
    int n = Math.max(1, w * h);
    double mean = luma.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double dev = luma.stream().mapToDouble(v -> Math.abs(v - mean)).average().orElse(0);
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n, dev};
  }

  /**
   * A pixel as RGB. Grey images are read from the raster: ImageIO's getRGB treats their samples as
   * linear and brightens them, where browsers (rightly) show them as sRGB.
   */
  private static int rgb(BufferedImage img, int x, int y) {
    if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      int v = img.getRaster().getSample(x, y, 0);
      return (v << 16) | (v << 8) | v;
    }
    return img.getRGB(x, y);
  }

  /** Pixels within a box close to an RGB colour. */
  private static int count(BufferedImage shot, JsonNode box, int rgb) {
    int n = 0;
    int x0 = (int) box.get("x").asDouble();
    int y0 = (int) box.get("y").asDouble();
    for (int y = y0; y < y0 + box.get("h").asInt() && y < shot.getHeight(); y++) {
      for (int x = x0; x < x0 + box.get("w").asInt() && x < shot.getWidth(); x++) {
        int p = shot.getRGB(x, y);
        if (Math.abs(((p >> 16) & 255) - (rgb >> 16)) < 24 && Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255)) < 24
            && Math.abs((p & 255) - (rgb & 255)) < 24) {
          n++;
        }
      }
    }
    return n;
  }
}
