package io.upscaler.job.manifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.GlobExpander;
import org.apache.hadoop.fs.GlobPattern;

/**
 * A glob input as folders to list and a test on names found there: Hadoop's glob syntax ({@code *
 * ? [abc] [a-z] {a,b} \}), matched one path level at a time as Hadoop's {@code globStatus} does,
 * where a matched folder stands for every file under it. Matching names ourselves, after one
 * recursive listing of the fixed folder, avoids {@code globStatus}, which throws on names with a
 * colon ("colon:name.jpg") and costs one LIST per folder level on object stores.
 *
 * @param folder the fixed part of the pattern before its first wildcard level
 * @param levels one pattern per path level after {@code folder}
 */
record FileGlob(String folder, List<GlobPattern> levels) {
  private static final Pattern WILDCARD = Pattern.compile("[*?\\[{]");

  /** Whether {@code input} has glob characters. */
  static boolean isGlob(String input) {
    return WILDCARD.matcher(input).find();
  }

  /** The globs of a pattern: one per alternative of a {..,..} that spans levels. */
  static List<FileGlob> parse(String input) throws IOException {
    List<FileGlob> globs = new ArrayList<>();
    for (String pattern : GlobExpander.expand(input)) {
      int slash = fixedEnd(pattern);
      String folder = slash > 0 ? pattern.substring(0, slash) : slash == 0 ? "/" : ".";
      List<GlobPattern> levels = new ArrayList<>();
      for (String level : pattern.substring(slash + 1).split("/")) {
        if (!level.isEmpty()) {
          levels.add(new GlobPattern(level));
        }
      }
      globs.add(new FileGlob(folder, List.copyOf(levels)));
    }
    return globs;
  }

  /** The index of the '/' that ends the fixed folder of {@code pattern}, or -1. */
  static int fixedEnd(String pattern) {
    Matcher m = WILDCARD.matcher(pattern);
    return m.find() ? pattern.lastIndexOf('/', m.start()) : pattern.lastIndexOf('/');
  }

  /**
   * Whether a file at {@code relative} (a path below {@link #folder}, "/"-separated, decoded)
   * matches: its first levels match every level of the pattern (the file itself, or a folder
   * holding it).
   */
  boolean matches(String relative) {
    String[] parts = relative.split("/");
    if (parts.length < levels.size()) {
      return false;
    }
    for (int i = 0; i < levels.size(); i++) {
      if (!levels.get(i).matches(parts[i])) {
        return false;
      }
    }
    return true;
  }
}
