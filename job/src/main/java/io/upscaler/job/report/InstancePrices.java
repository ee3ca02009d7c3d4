package io.upscaler.job.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The instance price table: {@code conf/instance-prices.csv} (documented in its header), or a
 * user's copy given with {@code --price-table}. Lines starting with {@code #} and blank lines are
 * ignored; the first other line is the header {@code instance,usd_per_hour,vcpus,gpus,gpu,device_tflops}.
 * Read once on the driver; immutable.
 */
public final class InstancePrices {
  /** Read by default when it exists in the working directory. */
  public static final Path DEFAULT_FILE = Path.of("conf", "instance-prices.csv");
  /** The same table packaged into the jar (from conf/ at build time), for clusters. */
  static final String BUNDLED = "/io/upscaler/job/report/instance-prices.csv";
  static final String HEADER = "instance,usd_per_hour,vcpus,gpus,gpu,device_tflops";

  private final Map<String, InstancePrice> rows;
  private final String source;

  private InstancePrices(Map<String, InstancePrice> rows, String source) {
    this.rows = rows;
    this.source = source;
  }

  /**
   * The table from {@code file}, else {@link #DEFAULT_FILE} when present, else the bundled copy.
   *
   * @throws IllegalArgumentException naming the file and line that is wrong
   */
  public static InstancePrices load(String file) {
    Path path = file != null ? Path.of(file) : DEFAULT_FILE;
    try {
      if (Files.exists(path)) {
        return parse(Files.readAllLines(path, StandardCharsets.UTF_8), path.toString());
      }
      if (file != null) {
        throw new IllegalArgumentException("price-table " + file + " does not exist");
      }
      try (InputStream in = InstancePrices.class.getResourceAsStream(BUNDLED)) {
        if (in == null) {
          throw new IllegalStateException("the bundled price table " + BUNDLED + " is missing");
        }
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(),
            "bundled " + DEFAULT_FILE);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read price-table " + path + ": " + e.getMessage(), e);
    }
  }

  static InstancePrices parse(List<String> lines, String source) {
    Map<String, InstancePrice> rows = new TreeMap<>();
    boolean header = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!header) {
        if (!line.replace(" ", "").equalsIgnoreCase(HEADER)) {
          throw new IllegalArgumentException(
              "price-table " + source + " line " + (i + 1) + ": the header must be " + HEADER);
        }
        header = true;
        continue;
      }
      InstancePrice row = row(line, source, i + 1);
      rows.put(row.instance(), row);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("price-table " + source + " has no rows");
    }
    return new InstancePrices(Map.copyOf(rows), source);
  }

  private static InstancePrice row(String line, String source, int number) {
    String[] f = line.split(",", -1);
    try {
      if (f.length != 6) {
        throw new IllegalArgumentException("expected 6 fields, got " + f.length);
      }
      InstancePrice p = new InstancePrice(f[0].strip().toLowerCase(Locale.ROOT),
          Double.parseDouble(f[1].strip()), Integer.parseInt(f[2].strip()),
          Integer.parseInt(f[3].strip()), f[4].strip(), Double.parseDouble(f[5].strip()));
      if (p.instance().isEmpty() || !(p.usdPerHour() >= 0) || p.vcpus() < 0 || p.gpus() < 0
          || !(p.deviceTflops() > 0)) {
        throw new IllegalArgumentException(
            "needs a name, a price >= 0, counts >= 0 and device_tflops > 0");
      }
      return p;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "price-table " + source + " line " + number + " ('" + line + "'): " + e.getMessage(), e);
    }
  }

  /**
   * The row of an instance type (case-insensitive).
   *
   * @throws IllegalArgumentException naming the setting, the value and the table's instances
   */
  public InstancePrice get(String instance) {
    InstancePrice p = rows.get(instance.toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new IllegalArgumentException("instance '" + instance + "' is not in the price table "
          + source + " (add a row, or give --price-per-hour); it has " + String.join(", ", rows.keySet()));
    }
    return p;
  }

  /** Where the table came from, for messages and the report. */
  public String source() {
    return source;
  }
}
