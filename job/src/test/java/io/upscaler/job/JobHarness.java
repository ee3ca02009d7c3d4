package io.upscaler.job;

import io.upscaler.job.config.ConfigParser;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.testing.TestSpark;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs the job in-process on the shared local session and reads what it wrote. */
final class JobHarness {
  /** The fast bundled model used by job tests (real weights, tiny images). */
  static final String MODEL = "esrgan-slim-x2";

  private JobHarness() {}

  record Run(int exitCode, String out, String err) {}

  static SparkSession spark() {
    return TestSpark.session();
  }

  /** Runs with {@code args} (plus the test model and scale 2 unless given). */
  static Run run(String... args) {
    return runArgs(withDefaults(args, true));
  }

  /** Runs with {@code args} plus the test model unless given, and no default size. */
  static Run runWithoutDefaultScale(String... args) {
    return runArgs(withDefaults(args, false));
  }

  private static Run runArgs(String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code;
    JobConfig config;
    try {
      config = ConfigParser.resolve(ConfigParser.parseCommandLine(args), Map.of());
      code = Main.execute(spark(), config, o, e);
    } catch (IllegalArgumentException ex) {
      e.println(ex.getMessage());
      code = JobResult.INVALID;
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs the job action directly and returns its result (for what the console doesn't show). */
  static JobResult execute(String... args) {
    JobConfig config =
        ConfigParser.resolve(ConfigParser.parseCommandLine(withDefaults(args, true)), Map.of());
    return new UpscaleJob(spark(), config).execute();
  }

  private static String[] withDefaults(String[] args, boolean defaultScale) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
    if (!all.contains("--model") && !all.contains("--model-type")) {
      all.add("--model");
      all.add(MODEL);
    }
    if (defaultScale && !all.contains("--scale") && !all.contains("--width") && !all.contains("--height")) {
      all.add("--scale");
      all.add("2");
    }
    if (!all.contains("--partitions")) { // small runs: 2 partitions unless a test says otherwise
      all.add("--partitions");
      all.add("2");
    }
    return all.toArray(new String[0]);
  }

  /**
   * Starts the job in a child JVM (this JVM's classpath and Java flags, {@code master}, loopback,
   * no UI) with {@code conf} as extra {@code --conf} settings; its output goes to {@code log}. For
   * tests that kill the driver or need Spark settings the shared session can't change.
   */
  static Process startChild(Path log, String master, Map<String, String> conf, String... args)
      throws IOException {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+Ignore") || a.startsWith("-Djdk.reflect")
          || a.startsWith("-Djava.io.tmpdir")) {
        command.add(a);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(java.util.List.of(args));
    Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("spark.master", master,
        "spark.ui.enabled", "false", "spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1"));
    all.putAll(conf);
    all.forEach((k, v) -> command.addAll(java.util.List.of("--conf", k + "=" + v)));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** The statistics rows of every run under {@code output}. */
  static Dataset<Row> stats(Path output) {
    return spark().read().parquet(output.resolve("stats").toString());
  }

  static Row statsRow(Path output, String id) {
    return stats(output).where("id = '" + id.replace("'", "''") + "'").orderBy("started_at").collectAsList()
        .stream().reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no stats row for " + id));
  }

  /** A smooth RGB (or RGBA) test picture. */
  static BufferedImage picture(int w, int h, boolean alpha) {
    BufferedImage img =
        new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(200, 40, 30, alpha ? 120 : 255), w, h,
        new Color(20, 90, 220, 255)));
    g.fillRect(0, 0, w, h);
    g.setColor(Color.WHITE);
    g.fillOval(w / 4, h / 4, w / 2, h / 2);
    g.dispose();
    return img;
  }

  static Path writeImage(Path file, int w, int h, String format) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = picture(w, h, format.equals("png-alpha"));
    String f = format.equals("png-alpha") ? "png" : format;
    if (!ImageIO.write(img, f, file.toFile())) {
      throw new IOException("no writer for " + format);
    }
    return file;
  }

  static byte[] imageBytes(int w, int h, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(picture(w, h, false), format, out);
    return out.toByteArray();
  }

  static BufferedImage read(Path file) throws IOException {
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new IOException("not an image: " + file);
    }
    return img;
  }
}
