package io.upscaler.job.manifest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
 * API: exactly one entry per regular file, whatever its name (a leading "_" or ".", spaces, "#",
 * "%", ":", any Unicode) or size (empty files included). Nothing is filtered, unlike Spark's file
 * sources (which hide "_" and "." names and drop empty files) or Hadoop's checksummed local file
 * system (which hides ".crc" files): a file that is not an image fails in its own statistics row.
 *
 * <p>In two parts, so that a large tree is listed by executors rather than held by the driver:
 * {@link #walk} lists the top levels breadth first, one {@code listStatus} per folder (on S3A one
 * paginated LIST with a delimiter), until enough folders are left over; {@link #listFolder} lists
 * each of those recursively with {@code listFiles} (on S3A a flat, paginated LIST of 1,000 keys per
 * request). A glob's levels prune the walk and filter the files ({@link FileGlob}).
 *
 * <p>Ids are the path relative to the root without the extension ("a/b.jpg" → "a/b"; a leading
 * dot is not an extension: ".hidden" stays ".hidden"). Files whose ids would collide ("x.jpg" and
 * "x.png") keep their extensions instead ("x.jpg", "x.png"), so every file gets a row of its own;
 * such files share a folder, and a folder is listed whole by one side, so each side can decide.
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
  record Entry(String uri, String id, long bytes) implements Serializable {}

  /**
   * A folder left to list recursively.
   *
   * @param folder its qualified URI
   * @param glob the glob its files must match, or null for every file
   */
  record Unit(String folder, FileGlob glob) implements Serializable {}

  /**
   * What the walk found.
   *
   * @param root the decoded path ids are relative to
   * @param files the files the walk listed itself, with their ids
   * @param folders the folders left to {@link #listFolder}
   * @param overlapping whether two folders or files may hold the same file (a glob with several
   *     alternatives): the caller removes duplicate URIs
   */
  record Walk(String root, List<Entry> files, List<Unit> folders, boolean overlapping)
      implements Serializable {}

  /** Lists {@code input} whole, here: {@link #walk} and then every {@link #listFolder}. */
  static List<Entry> list(Configuration conf, String input) throws IOException {
    Walk walk = walk(conf, input, Integer.MAX_VALUE);
    Map<String, Entry> all = new java.util.LinkedHashMap<>();
    walk.files().forEach(e -> all.putIfAbsent(e.uri(), e));
    for (Unit u : walk.folders()) {
      listFolder(conf, walk.root(), u).forEach(e -> all.putIfAbsent(e.uri(), e));
    }
    return new ArrayList<>(all.values());
  }

  /**
   * Lists the top of {@code input} until at least {@code wantFolders} folders are left (or none).
   *
   * @throws FileNotFoundException when a folder or file input does not exist (a glob that matches
   *     nothing is an empty listing)
   */
  static Walk walk(Configuration conf, String input, int wantFolders) throws IOException {
    Path path = new Path(input);
    FileSystem fs = raw(path.getFileSystem(conf));
    boolean glob = isGlob(fs, path, input);
    String root = root(fs, path, input, glob);
    List<FileStatus> files = new ArrayList<>();
    List<Unit> folders = new ArrayList<>();
    List<FileGlob> globs = glob ? FileGlob.parse(input, fs) : List.of();
    if (!glob) {
      FileStatus status = fs.getFileStatus(path);
      if (status.isFile()) {
        files.add(status);
      } else {
        walkFolder(fs, status, null, wantFolders, files, folders);
      }
    }
    for (FileGlob g : globs) {
      Path folder = new Path(g.folder());
      if (fs.exists(folder)) {
        walkFolder(fs, fs.getFileStatus(folder), g, wantFolders, files, folders);
      }
    }
    return new Walk(root, entries(root, files), folders, globs.size() > 1);
  }

  /** Breadth first under {@code start}: files listed here, folders left over as units. */
  private static void walkFolder(FileSystem fs, FileStatus start, FileGlob glob, int wantFolders,
      List<FileStatus> files, List<Unit> units) throws IOException {
    String base = withSlash(start.getPath().toUri().getPath());
    Deque<FileStatus> frontier = new ArrayDeque<>(List.of(start));
    while (!frontier.isEmpty() && frontier.size() < wantFolders) {
      RemoteIterator<FileStatus> children = fs.listStatusIterator(frontier.poll().getPath());
      while (children.hasNext()) {
        FileStatus child = children.next();
        String relative = child.getPath().toUri().getPath().substring(base.length());
        if (child.isDirectory() && (glob == null || glob.couldMatchUnder(relative))) {
          frontier.add(child);
        } else if (child.isFile() && (glob == null || glob.matches(relative))) {
          files.add(child);
        }
      }
    }
    frontier.forEach(f -> units.add(new Unit(f.getPath().toString(), glob)));
  }

  /**
   * Every file under a unit's folder (those its glob matches), with ids relative to {@code root}.
   * Runs anywhere: on an executor, {@code conf} is the task's Hadoop configuration.
   */
  static List<Entry> listFolder(Configuration conf, String root, Unit unit) throws IOException {
    Path folder = new Path(unit.folder());
    FileSystem fs = raw(folder.getFileSystem(conf));
    List<FileStatus> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      if (unit.glob() == null || unit.glob().matchesPath(f.getPath().toUri().getPath())) {
        files.add(f);
      }
    }
    return entries(root, files);
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

  static String withSlash(String path) {
    return path.endsWith("/") ? path : path + "/";
  }

  /** Entries with ids: relative paths without extension, or with it where that would collide. */
  private static List<Entry> entries(String root, List<FileStatus> files) {
    String prefix = withSlash(root);
    Map<String, Integer> idCount = new HashMap<>();
    String[] relative = new String[files.size()];
    for (int i = 0; i < relative.length; i++) {
      Path p = files.get(i).getPath();
      String path = p.toUri().getPath();
      relative[i] = path.startsWith(prefix) ? path.substring(prefix.length()) : p.getName();
      idCount.merge(withoutExtension(relative[i]), 1, Integer::sum);
    }
    List<Entry> out = new ArrayList<>(relative.length);
    for (int i = 0; i < relative.length; i++) {
      String id = withoutExtension(relative[i]);
      FileStatus f = files.get(i);
      out.add(new Entry(f.getPath().toString(), idCount.get(id) > 1 ? relative[i] : id, f.getLen()));
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
