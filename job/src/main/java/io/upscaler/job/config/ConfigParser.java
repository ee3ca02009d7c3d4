package io.upscaler.job.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Turns the command line, Spark configuration and a properties file into one {@link JobConfig}.
 *
 * <p>Precedence, highest first: command-line options; {@code spark.upscaler.*} Spark settings
 * ({@code --conf}); the properties file ({@code --config}, else {@code conf/upscaler.properties}
 * when present); declared defaults.
 */
public final class ConfigParser {
  /** Default properties file, relative to the working directory. */
  public static final Path DEFAULT_FILE = Path.of("conf", "upscaler.properties");

  private ConfigParser() {}

  /** The command line split into upscaler options and Spark {@code --conf} pairs. */
  public record CommandLine(Map<String, String> options, Map<String, String> sparkConf, boolean help) {}

  /**
   * Parses {@code --name value}, {@code --name=value}, bare flags, {@code --conf k=v} and
   * {@code --help}.
   *
   * @throws IllegalArgumentException for unknown options, missing values or stray arguments
   */
  public static CommandLine parseCommandLine(String[] args) {
    Map<String, Setting<?>> byName = new HashMap<>();
    Settings.ALL.forEach(s -> byName.put(s.name(), s));
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> conf = new LinkedHashMap<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "' (options start with --)");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (name.equals("conf")) {
        String pair = value != null ? value : next(args, ++i, "conf");
        int split = pair.indexOf('=');
        if (split <= 0) {
          throw new IllegalArgumentException("--conf needs key=value, got '" + pair + "'");
        }
        conf.put(pair.substring(0, split).trim(), pair.substring(split + 1).trim());
        continue;
      }
      Setting<?> setting = byName.get(name);
      if (setting == null) {
        throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
      }
      if (value == null) {
        boolean nextIsValue = i + 1 < args.length && !args[i + 1].startsWith("--");
        value = setting.isFlag() && !nextIsValue ? "true" : next(args, ++i, name);
      }
      options.put(name, value);
    }
    return new CommandLine(options, conf, help);
  }

  private static String next(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException("--" + name + " needs a value");
    }
    return args[i];
  }

  /**
   * Resolves the effective settings.
   *
   * @param commandLine parsed options
   * @param sparkConf every Spark setting visible to the driver (only spark.upscaler.* are read)
   */
  public static JobConfig resolve(CommandLine commandLine, Map<String, String> sparkConf) {
    Map<String, String> merged = new LinkedHashMap<>();
    Map<String, String> fromConf = strip(sparkConf);
    String file = commandLine.options().getOrDefault("config", fromConf.get("config"));
    merged.putAll(loadFile(file));
    merged.putAll(fromConf);
    merged.putAll(commandLine.options());
    for (String key : merged.keySet()) {
      if (Settings.ALL.stream().noneMatch(s -> s.name().equals(key))) {
        throw new IllegalArgumentException(
            "unknown setting " + Setting.SPARK_PREFIX + key + " (see --help)");
      }
    }
    return JobConfig.from(merged);
  }

  private static Map<String, String> strip(Map<String, String> conf) {
    Map<String, String> out = new LinkedHashMap<>();
    conf.forEach((k, v) -> {
      if (k.startsWith(Setting.SPARK_PREFIX)) {
        out.put(k.substring(Setting.SPARK_PREFIX.length()), v);
      }
    });
    return out;
  }

  private static Map<String, String> loadFile(String file) {
    Path path = file != null ? Path.of(file) : DEFAULT_FILE;
    if (!Files.exists(path)) {
      if (file != null) {
        throw new IllegalArgumentException("config file " + file + " does not exist");
      }
      return Map.of();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(path)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + path + ": " + e.getMessage());
    }
    Map<String, String> raw = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!key.startsWith(Setting.SPARK_PREFIX)) {
        throw new IllegalArgumentException(
            "config file " + path + ": key '" + key + "' must start with " + Setting.SPARK_PREFIX);
      }
      raw.put(key, p.getProperty(key));
    }
    return strip(raw);
  }

  /** The --help text, generated from the declarations. */
  public static String help() {
    StringBuilder b = new StringBuilder();
    b.append("Usage: upscaler --input URI --output URI [options] [--conf key=value ...]\n\n");
    b.append("Every option is also a Spark setting spark.upscaler.<name> and a key of the\n");
    b.append("properties file; precedence: command line > --conf > file > default.\n\n");
    List<String> lines = new ArrayList<>();
    for (Setting<?> s : Settings.ALL) {
      String head = "  --" + s.name() + (s.isFlag() ? "" : " " + s.valueHint());
      String dflt = s.defaultValue() == null ? "" : " [default: " + s.defaultValue() + "]";
      lines.add(String.format("%-36s %s%s", head, s.doc(), dflt));
    }
    lines.add(String.format("%-36s %s", "  --conf KEY=VALUE", "A Spark setting (e.g. S3A credentials)"));
    lines.add(String.format("%-36s %s", "  --help", "This text"));
    b.append(String.join("\n", lines)).append("\n\n");
    b.append("Exit codes: 0 success; 2 invalid arguments, settings or manifest;\n");
    b.append("3 failed rows exceeded --max-failure-ratio; other non-zero: infrastructure failure.\n");
    return b.toString();
  }
}
