package io.upscaler.job.manifest;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobExpander;
import org.apache.hadoop.fs.GlobPattern;
import org.apache.hadoop.fs.Path;

/**
 * A glob input as a folder to list and a test on the files found under it: Hadoop's glob syntax
 * ({@code * ? [abc] [a-z] {a,b} \}), matched one path level at a time as Hadoop's {@code
 * globStatus} does, where a matched folder stands for every file under it. Matching names here,
 * on listings, avoids {@code globStatus}, which throws on names with a colon ("colon:name.jpg")
 * and costs one LIST per folder level on object stores.
 *
 * <p>Immutable and serializable (executors filter their listings with it); the compiled patterns
 * are rebuilt where it is used.
 */
final class FileGlob implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern WILDCARD = Pattern.compile("[*?\\[{]");

  private final String folder;
  private final String base;
  private final String levelsText;
  private transient List<GlobPattern> levels;

  private FileGlob(String folder, String base, String levelsText) {
    this.folder = folder;
    this.base = base;
    this.levelsText = levelsText;
  }

  /** Whether {@code input} has glob characters. */
  static boolean isGlob(String input) {
    return WILDCARD.matcher(input).find();
  }

  /**
   * The globs of a pattern, one per alternative of a {..,..} that spans levels, each with its
   * fixed folder qualified by {@code fs}.
   */
  static List<FileGlob> parse(String input, FileSystem fs) throws IOException {
    List<FileGlob> globs = new ArrayList<>();
    for (String pattern : GlobExpander.expand(input)) {
      int slash = fixedEnd(pattern);
      String fixed = slash > 0 ? pattern.substring(0, slash) : slash == 0 ? "/" : ".";
      Path folder = fs.makeQualified(new Path(fixed));
      globs.add(new FileGlob(folder.toString(), FileListing.withSlash(folder.toUri().getPath()),
          pattern.substring(slash + 1)));
    }
    return globs;
  }

  /** The index of the '/' that ends the fixed folder of {@code pattern}, or -1. */
  static int fixedEnd(String pattern) {
    Matcher m = WILDCARD.matcher(pattern);
    return m.find() ? pattern.lastIndexOf('/', m.start()) : pattern.lastIndexOf('/');
  }

  /** The fixed folder before the first wildcard level, qualified. */
  String folder() {
    return folder;
  }

  /**
   * Whether a file at {@code relative} (below {@link #folder}, "/"-separated, decoded) matches:
   * its first levels match every level of the pattern (the file itself, or a folder holding it).
   */
  boolean matches(String relative) {
    String[] parts = relative.split("/");
    return parts.length >= levels().size() && prefixMatches(parts, levels().size());
  }

  /** Whether a folder at {@code relative} (below {@link #folder}) may hold matching files. */
  boolean couldMatchUnder(String relative) {
    String[] parts = relative.split("/");
    return prefixMatches(parts, Math.min(parts.length, levels().size()));
  }

  /** {@link #matches} for a file's decoded absolute path; false outside {@link #folder}. */
  boolean matchesPath(String path) {
    return path.startsWith(base) && matches(path.substring(base.length()));
  }

  private boolean prefixMatches(String[] parts, int n) {
    for (int i = 0; i < n; i++) {
      if (!levels().get(i).matches(parts[i])) {
        return false;
      }
    }
    return true;
  }

  private List<GlobPattern> levels() {
    if (levels == null) {
      List<GlobPattern> compiled = new ArrayList<>();
      for (String level : levelsText.split("/")) {
        if (!level.isEmpty()) {
          compiled.add(new GlobPattern(level));
        }
      }
      levels = List.copyOf(compiled);
    }
    return levels;
  }
}
