package io.upscaler.models.measure;

import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The before/after picture of models/README.md: a crop of a photo upscaled x4 by bicubic
 * interpolation and by each model, side by side with labels. Each model sees the crop plus a
 * context margin (cut off afterwards), so the panels show no tile-border effects.
 *
 * <pre>ComparisonMain IMPORTED_DIR PHOTO X Y SIZE COLUMNS OUT.png MODEL...</pre>
 */
public final class ComparisonMain {
  private static final int MARGIN = 24;
  private static final int SCALE = 4;
  private static final int LABEL = 16;

  private ComparisonMain() {}

  public static void main(String[] args) throws Exception {
    ModelRegistry registry = ModelRegistry.withDirectory(Path.of(args[0]));
    BufferedImage photo = ImageIO.read(new File(args[1]));
    int x = Integer.parseInt(args[2]);
    int y = Integer.parseInt(args[3]);
    int size = Integer.parseInt(args[4]);
    int columns = Integer.parseInt(args[5]);
    BufferedImage context = photo.getSubimage(x - MARGIN, y - MARGIN, size + 2 * MARGIN,
        size + 2 * MARGIN);
    List<BufferedImage> panels = new ArrayList<>(List.of(bicubic(context)));
    List<String> labels = new ArrayList<>(List.of("bicubic"));
    for (String id : List.of(args).subList(7, args.length)) {
      ModelCard card = registry.resolve(id);
      panels.add(upscale(registry, card, context));
      labels.add(card.id());
    }
    ImageIO.write(sheet(panels, labels, size * SCALE, columns), "png", new File(args[6]));
  }

  private static BufferedImage bicubic(BufferedImage in) {
    BufferedImage out = new BufferedImage(in.getWidth() * SCALE, in.getHeight() * SCALE,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(in, 0, 0, out.getWidth(), out.getHeight(), null);
    g.dispose();
    return out;
  }

  private static BufferedImage upscale(ModelRegistry registry, ModelCard card, BufferedImage in)
      throws Exception {
    int h = in.getHeight();
    int w = in.getWidth();
    float range = (float) card.valueMax();
    float[] chw = new float[3 * h * w];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        for (int ch = 0; ch < 3; ch++) {
          chw[(ch * h + r) * w + c] = ((in.getRGB(c, r) >> (16 - 8 * ch)) & 0xff) / 255f * range;
        }
      }
    }
    int s = card.nativeScale();
    float[] out;
    try (OrtRunner runner = new OrtRunner(registry.modelBytes(card))) {
      out = runner.run(chw, h, w);
    }
    BufferedImage image = new BufferedImage(w * s, h * s, BufferedImage.TYPE_INT_RGB);
    for (int r = 0; r < h * s; r++) {
      for (int c = 0; c < w * s; c++) {
        int rgb = 0;
        for (int ch = 0; ch < 3; ch++) {
          float v = out[(ch * h * s + r) * w * s + c] / range;
          rgb |= Math.round(Math.min(Math.max(v, 0), 1) * 255) << (16 - 8 * ch);
        }
        image.setRGB(c, r, rgb);
      }
    }
    return image;
  }

  private static BufferedImage sheet(List<BufferedImage> panels, List<String> labels, int side,
      int columns) {
    int rows = (panels.size() + columns - 1) / columns;
    BufferedImage sheet = new BufferedImage(columns * (side + 4) + 4, rows * (side + LABEL + 4) + 4,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.BLACK);
    for (int i = 0; i < panels.size(); i++) {
      int left = 4 + (i % columns) * (side + 4);
      int top = 4 + (i / columns) * (side + LABEL + 4);
      int cut = MARGIN * SCALE;
      g.drawImage(panels.get(i).getSubimage(cut, cut, side, side), left, top, null);
      g.drawString(labels.get(i), left + 2, top + side + LABEL - 4);
    }
    g.dispose();
    return sheet;
  }
}
