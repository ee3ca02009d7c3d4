package io.upscaler.job.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.job.exec.HadoopFiles;
import io.upscaler.job.exec.OutputPaths;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.S3Server;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The listing on a real S3 server (s3proxy through S3A): every object under a prefix is one entry
 * whatever its key, with its size; each URI reads back its own object, and each id names its
 * output object literally.
 */
@ExtendWith(E2eExtension.class)
class FolderListingOnS3IT {
  private static final String BUCKET = "listing-awkward";

  @Test
  void everyObjectUnderAPrefixIsOneEntryAndRoundTrips(S3Server s3) throws Exception {
    s3.createBucket(BUCKET);
    String in = "s3a://" + BUCKET + "/in";
    for (Map.Entry<String, Integer> f : FileListingTest.AWKWARD.entrySet()) {
      s3.put(in + "/" + f.getKey(), content(f.getKey(), f.getValue()));
    }
    Configuration conf = s3.hadoopConf();

    List<FileListing.Entry> entries = FileListing.list(conf, in);

    assertEquals(FileListingTest.AWKWARD.size(), entries.size());
    Map<String, Long> expected = new TreeMap<>();
    FileListingTest.AWKWARD.forEach((name, size) -> expected.put(FileListingTest.expectedId(name), (long) size));
    assertEquals(expected, new TreeMap<>(entries.stream()
        .collect(Collectors.toMap(FileListing.Entry::id, FileListing.Entry::bytes))));
    HadoopFiles files = new HadoopFiles(conf, 0);
    String out = "s3a://" + BUCKET + "/out";
    for (FileListing.Entry e : entries) {
      assertTrue(e.uri().startsWith(in + "/"), e.uri());
      String name = e.uri().substring(in.length() + 1);
      assertArrayEquals(content(name, FileListingTest.AWKWARD.get(name)),
          files.readAll(e.uri(), 1 << 20).bytes(), e.uri());
      String output = OutputPaths.image(out, e.id(), "png");
      files.write(output, new byte[] {1, 2});
      assertTrue(s3.exists(output), output);
    }
    assertEquals(FileListingTest.AWKWARD.size(), s3.list(out).size());
    FileListing.Walk walk = FileListing.walk(conf, in, 1);
    List<FileListing.Entry> parts = new java.util.ArrayList<>(walk.files());
    for (FileListing.Unit u : walk.folders()) {
      parts.addAll(FileListing.listFolder(conf, walk.root(), u));
    }
    assertEquals(new TreeMap<>(expected), new TreeMap<>(parts.stream()
        .collect(Collectors.toMap(FileListing.Entry::id, FileListing.Entry::bytes))), "listed as an executor would");
    assertEquals(List.of("_under/.dot/y", "nested/deeper/x"),
        FileListing.list(conf, in + "/{nested,_under}").stream().map(FileListing.Entry::id).sorted().toList());
  }

  /** Distinct bytes per file, so a URI that reads another object is caught. */
  private static byte[] content(String name, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (name.hashCode() + i);
    }
    return b;
  }
}
