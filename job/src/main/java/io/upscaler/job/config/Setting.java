package io.upscaler.job.config;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One declared setting: its name (the command-line option without "--", and the Spark key after
 * {@value #SPARK_PREFIX}), default, one line of doc, and a parser that enforces the allowed range.
 *
 * @param <T> parsed type; {@code null} default means "unset"
 */
public final class Setting<T> {
  public static final String SPARK_PREFIX = "spark.upscaler.";

  private final String name;
  private final String valueHint;
  private final T defaultValue;
  private final String doc;
  private final Function<String, T> parser;
  private final boolean flag;

  private Setting(
      String name, String valueHint, T defaultValue, String doc, Function<String, T> parser,
      boolean flag) {
    this.name = name;
    this.valueHint = valueHint;
    this.defaultValue = defaultValue;
    this.doc = doc;
    this.parser = parser;
    this.flag = flag;
  }

  public String name() {
    return name;
  }

  public String sparkKey() {
    return SPARK_PREFIX + name;
  }

  public String valueHint() {
    return valueHint;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  /** A boolean that the command line may give without a value ("--dry-run"). */
  public boolean isFlag() {
    return flag;
  }

  /** Parses a raw value; the exception message names the setting and the value. */
  public T parse(String raw) {
    try {
      return parser.apply(raw.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid value '" + raw + "' for " + name + ": " + e.getMessage(), e);
    }
  }

  static Setting<String> string(String name, String defaultValue, String doc) {
    return new Setting<>(name, "TEXT", defaultValue, doc, v -> {
      if (v.isEmpty()) {
        throw new IllegalArgumentException("must not be empty");
      }
      return v;
    }, false);
  }

  static Setting<String> pattern(String name, String defaultValue, String regex, String doc) {
    return new Setting<>(name, "TEXT", defaultValue, doc, v -> {
      if (!v.matches(regex)) {
        throw new IllegalArgumentException("must match " + regex);
      }
      return v;
    }, false);
  }

  static Setting<Integer> integer(String name, Integer defaultValue, int min, int max, String doc) {
    return new Setting<>(name, "N", defaultValue, doc + " (" + min + ".." + max + ")", v -> {
      int n;
      try {
        n = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a whole number");
      }
      return checkRange(n, min, max);
    }, false);
  }

  static Setting<Long> longValue(String name, Long defaultValue, long min, long max, String doc) {
    return new Setting<>(name, "N", defaultValue, doc + " (" + min + ".." + max + ")", v -> {
      long n;
      try {
        n = Long.parseLong(v.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a whole number");
      }
      if (n < min || n > max) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return n;
    }, false);
  }

  static Setting<Double> decimal(String name, Double defaultValue, double min, double max, String doc) {
    return new Setting<>(name, "X", defaultValue, doc, v -> {
      double d;
      try {
        d = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number");
      }
      if (!(d >= min && d <= max)) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return d;
    }, false);
  }

  static Setting<Boolean> flag(String name, String doc) {
    return new Setting<>(name, "true|false", false, doc, v -> {
      switch (v.toLowerCase(Locale.ROOT)) {
        case "true":
        case "yes":
        case "1":
          return true;
        case "false":
        case "no":
        case "0":
          return false;
        default:
          throw new IllegalArgumentException("must be true or false");
      }
    }, true);
  }

  static Setting<String> choice(String name, String defaultValue, String doc, String... allowed) {
    Set<String> options = new TreeSet<>(Set.of(allowed));
    String hint = String.join("|", allowed);
    return new Setting<>(name, hint, defaultValue, doc, v -> {
      String lower = v.toLowerCase(Locale.ROOT);
      if (!options.contains(lower)) {
        throw new IllegalArgumentException("must be one of " + hint);
      }
      return lower;
    }, false);
  }

  private static int checkRange(int n, int min, int max) {
    if (n < min || n > max) {
      throw new IllegalArgumentException("must be between " + min + " and " + max);
    }
    return n;
  }
}
