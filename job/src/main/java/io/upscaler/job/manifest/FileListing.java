package io.upscaler.job.manifest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The regular files under a folder, a glob or a single file, listed through the Hadoop FileSystem
 * API on the driver: exactly one entry per regular file, whatever its name (a leading "_" or ".",
 * spaces, "#", "%", ":", any Unicode) or size (empty files included). Nothing is filtered, unlike
 * Spark's file sources (which hide "_" and "." names and drop empty files) or Hadoop's checksummed
 * local file system (which hides ".crc" files): a file that is not an image fails in its own
 * statistics row.
 *
 * <p>Cost: a folder is one recursive {@code listFiles} (on S3A a flat, paginated LIST of 1,000
 * keys per request); a glob is one such listing of its fixed folder, filtered by {@link FileGlob}.
 *
 * <p>Ids are the path relative to the {@link #root} without the extension ("a/b.jpg" → "a/b"; a
 * leading dot is not an extension: ".hidden" stays ".hidden"). Files whose ids would collide
 * ("x.jpg" and "x.png") keep their extensions instead ("x.jpg", "x.png"), so every file gets a row
 * of its own.
 */
final class FileListing {
  private static final Pattern EXTENSION = Pattern.compile("(?<=[^/])\\.[^./]*$");

  private FileListing() {}

  /**
   * One listed file.
   *
   * @param uri the file's qualified URI as Hadoop's {@code Path} prints it (round-trips through
   *     {@code new Path(uri)})
   * @param id the output id
   * @param bytes the file's size from the listing
   */
  record Entry(String uri, String id, long bytes) implements java.io.Serializable {}

  /**
   * Lists {@code input}.
   *
   * @throws FileNotFoundException when a folder or file input does not exist (a glob that matches
   *     nothing is an empty listing)
   */
  static List<Entry> list(Configuration conf, String input) throws IOException {
    Path path = new Path(input);
    FileSystem fs = raw(path.getFileSystem(conf));
    boolean glob = isGlob(fs, path, input);
    Map<Path, FileStatus> files = new LinkedHashMap<>();
    if (!glob) {
      FileStatus status = fs.getFileStatus(path);
      listInto(fs, status, null, files);
    } else {
      for (FileGlob g : FileGlob.parse(input)) {
        Path folder = new Path(g.folder());
        if (fs.exists(folder)) {
          listInto(fs, fs.getFileStatus(folder), g, files);
        }
      }
    }
    return entries(root(fs, path, input, glob), files.values());
  }

  /** Adds a file, or every file under a folder (those {@code glob} matches, if given). */
  private static void listInto(FileSystem fs, FileStatus at, FileGlob glob, Map<Path, FileStatus> files)
      throws IOException {
    if (at.isFile()) {
      files.putIfAbsent(at.getPath(), at);
      return;
    }
    String prefix = withSlash(at.getPath().toUri().getPath());
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(at.getPath(), true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      String path = f.getPath().toUri().getPath();
      if (glob == null || path.startsWith(prefix) && glob.matches(path.substring(prefix.length()))) {
        files.putIfAbsent(f.getPath(), f);
      }
    }
  }

  /**
   * The qualified folder that ids are relative to: the input folder, a glob's fixed prefix, or a
   * single file's folder; a decoded path without a trailing slash.
   */
  private static String root(FileSystem fs, Path path, String input, boolean glob) throws IOException {
    Path fixed = path;
    if (glob) {
      int slash = FileGlob.fixedEnd(input);
      fixed = new Path(slash > 0 ? input.substring(0, slash) : slash == 0 ? "/" : ".");
    } else if (fs.getFileStatus(path).isFile()) {
      fixed = path.getParent() != null ? path.getParent() : path;
    }
    String q = fs.makeQualified(fixed).toUri().getPath();
    return q.endsWith("/") && q.length() > 1 ? q.substring(0, q.length() - 1) : q;
  }

  /** A glob, unless a file or folder of exactly that name exists ("photos [raw]"). */
  private static boolean isGlob(FileSystem fs, Path path, String input) throws IOException {
    return FileGlob.isGlob(input) && !fs.exists(path);
  }

  private static String withSlash(String path) {
    return path.endsWith("/") ? path : path + "/";
  }

  /** Entries with ids: relative paths without extension, or with it where that would collide. */
  private static List<Entry> entries(String root, Iterable<FileStatus> files) {
    String prefix = withSlash(root);
    List<Entry> withExtension = new ArrayList<>();
    Map<String, Integer> idCount = new HashMap<>();
    for (FileStatus f : files) {
      String path = f.getPath().toUri().getPath();
      String relative = path.startsWith(prefix) ? path.substring(prefix.length()) : f.getPath().getName();
      idCount.merge(withoutExtension(relative), 1, Integer::sum);
      withExtension.add(new Entry(f.getPath().toString(), relative, f.getLen()));
    }
    List<Entry> out = new ArrayList<>(withExtension.size());
    for (Entry e : withExtension) {
      String id = withoutExtension(e.id());
      out.add(idCount.get(id) > 1 ? e : new Entry(e.uri(), id, e.bytes()));
    }
    return out;
  }

  private static String withoutExtension(String relative) {
    return EXTENSION.matcher(relative).replaceFirst("");
  }

  /** Hadoop's checksummed local file system hides ".crc" files; its raw one lists everything. */
  private static FileSystem raw(FileSystem fs) {
    return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
  }
}
