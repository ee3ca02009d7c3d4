package io.upscaler.job.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.job.exec.HadoopFiles;
import io.upscaler.job.exec.OutputPaths;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hadoop-API listing drops no regular file: awkward names, "_" and "." prefixes, empty files,
 * ".crc" files, nested folders; ids and URIs round-trip through Hadoop's Path.
 */
class FileListingTest {
  /** Relative file name → size; every one must be listed exactly once. */
  static final Map<String, Integer> AWKWARD = new TreeMap<>(Map.ofEntries(
      Map.entry("plain.jpg", 11),
      Map.entry("with space.jpg", 12),
      Map.entry("ünïcødé 写真.png", 13),
      Map.entry("hash#1.jpg", 14),
      Map.entry("100%.jpg", 15),
      Map.entry("pct%20literal.jpg", 16),
      Map.entry("colon:name.jpg", 17),
      Map.entry("_DSC0042.JPG", 18),
      Map.entry(".hidden.jpg", 19),
      Map.entry(".DS_Store", 20),
      Map.entry("empty.jpg", 0),
      Map.entry("notes.crc", 21),
      Map.entry("_SUCCESS", 0),
      Map.entry("no-extension", 22),
      Map.entry("nested/deeper/x.png", 23),
      Map.entry("_under/.dot/y.jpg", 24),
      Map.entry("twin.jpg", 25),
      Map.entry("twin.png", 26)));

  @TempDir Path dir;

  @Test
  void aFolderListsEveryRegularFileOnceWithItsSize() throws Exception {
    Path root = write(dir.resolve("in"));
    List<FileListing.Entry> entries = FileListing.list(new Configuration(), root.toString());
    assertEquals(AWKWARD.size(), entries.size());
    Map<String, Long> byId = entries.stream().collect(Collectors.toMap(FileListing.Entry::id, FileListing.Entry::bytes));
    Map<String, Long> expected = new TreeMap<>();
    AWKWARD.forEach((name, size) -> expected.put(expectedId(name), (long) size));
    assertEquals(expected, new TreeMap<>(byId));
  }

  @Test
  void everyUriReadsBackItsOwnFileThroughHadoop() throws Exception {
    Path root = write(dir.resolve("in"));
    Configuration conf = new Configuration();
    for (FileListing.Entry e : FileListing.list(conf, root.toString())) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(e.uri());
      FileSystem fs = p.getFileSystem(conf);
      assertEquals(e.bytes(), fs.getFileStatus(p).getLen(), e.uri());
      assertTrue(Files.isRegularFile(Path.of(p.toUri())), e.uri());
    }
  }

  @Test
  void outputPathsOfAwkwardIdsNameTheFileLiterally() throws Exception {
    Path root = write(dir.resolve("in"));
    Configuration conf = new Configuration();
    Path out = dir.resolve("out");
    HadoopFiles files = new HadoopFiles(conf, 0);
    for (FileListing.Entry e : FileListing.list(conf, root.toString())) {
      files.write(OutputPaths.image(out.toString(), e.id(), "png"), new byte[] {1});
      assertTrue(Files.isRegularFile(out.resolve("images").resolve(e.id() + ".png")), e.id());
    }
  }

  @Test
  void aGlobMatchesHiddenNamesAndListsMatchedFoldersRecursively() throws Exception {
    Path root = write(dir.resolve("in"));
    Configuration conf = new Configuration();
    List<String> jpgs = ids(FileListing.list(conf, root + "/*.jpg"));
    assertEquals(List.of(".hidden", "100%", "colon:name", "empty", "hash#1", "pct%20literal", "plain",
        "twin", "with space"), jpgs, "ids relative to the glob's folder; twin.jpg alone has no twin");
    assertEquals(List.of("_under/.dot/y", "nested/deeper/x"), ids(FileListing.list(conf, root + "/{nested,_under}")));
    assertEquals(List.of("_under/.dot/y", "nested/deeper/x"),
        ids(FileListing.list(conf, root + "/{nested/deeper,_under/.dot}/*")), "braces across levels");
    assertEquals(List.of("nested/deeper/x"), ids(FileListing.list(conf, root + "/n*/*/?.png")));
    assertEquals(List.of(), FileListing.list(conf, root + "/*.webp"));
  }

  @Test
  void walkingThenListingTheLeftoverFoldersFindsTheSameFilesWhereverTheWalkStops() throws Exception {
    Path root = write(dir.resolve("in"));
    Configuration conf = new Configuration();
    for (String input : List.of(root.toString(), root + "/*", root + "/{nested,_under}/*/*", root + "/*.jpg")) {
      List<FileListing.Entry> whole = sorted(FileListing.list(conf, input));
      for (int want : new int[] {1, 2, 3}) {
        FileListing.Walk walk = FileListing.walk(conf, input, want);
        List<FileListing.Entry> parts = new java.util.ArrayList<>(walk.files());
        for (FileListing.Unit u : walk.folders()) {
          parts.addAll(FileListing.listFolder(conf, walk.root(), u));
        }
        assertEquals(whole, sorted(parts), input + " stopped at " + want + " folders");
      }
    }
    FileListing.Walk two = FileListing.walk(conf, root.toString(), 2);
    assertEquals(16, two.files().size(), "the top level, listed by the walk");
    assertEquals(2, two.folders().size(), "nested and _under, left over");
    assertEquals(AWKWARD.size(), FileListing.walk(conf, root.toString(), 1).folders().stream()
        .mapToInt(u -> uncheckedList(conf, u).size()).sum(), "a walk of 1 leaves the root to list");
  }

  private static List<FileListing.Entry> uncheckedList(Configuration conf, FileListing.Unit u) {
    try {
      return FileListing.listFolder(conf, "/", u);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<FileListing.Entry> sorted(List<FileListing.Entry> entries) {
    return entries.stream().sorted(java.util.Comparator.comparing(FileListing.Entry::uri)).toList();
  }

  @Test
  void aSingleFileIsOneEntryWithItsFolderAsRoot() throws Exception {
    Path root = write(dir.resolve("in"));
    List<FileListing.Entry> one = FileListing.list(new Configuration(), root.resolve("_DSC0042.JPG").toString());
    assertEquals(1, one.size());
    assertEquals("_DSC0042", one.get(0).id());
    assertEquals(18, one.get(0).bytes());
  }

  @Test
  void aFolderWhoseNameLooksLikeAGlobIsTakenLiterally() throws Exception {
    Path raw = dir.resolve("photos [raw]");
    Files.createDirectories(raw);
    Files.write(raw.resolve("a.jpg"), new byte[3]);
    assertEquals(List.of("a"), ids(FileListing.list(new Configuration(), raw.toString())));
  }

  @Test
  void aMissingFolderIsNotFound() {
    assertThrows(FileNotFoundException.class,
        () -> FileListing.list(new Configuration(), dir.resolve("nope").toString()));
  }

  private static List<String> ids(List<FileListing.Entry> entries) {
    return entries.stream().map(FileListing.Entry::id).sorted().toList();
  }

  /** The id rule: relative path without extension, twins keep theirs, a leading dot is a name. */
  static String expectedId(String name) {
    if (name.startsWith("twin.")) {
      return name;
    }
    return name.replaceFirst("(?<=[^/])\\.[^./]*$", "");
  }

  static Path write(Path root) throws Exception {
    for (Map.Entry<String, Integer> f : AWKWARD.entrySet()) {
      Path file = root.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[f.getValue()]);
    }
    return root;
  }
}
