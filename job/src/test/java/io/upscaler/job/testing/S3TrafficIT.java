package io.upscaler.job.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.upscaler.job.testing.S3Requests.Kind;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The counting proxy itself, driven by S3A's own client: it relays requests unchanged (signatures
 * hold), logs each with the right kind and key, and answers injected faults in S3's own form.
 */
@ExtendWith(E2eExtension.class)
class S3TrafficIT {
  @Test
  void relaysAndCountsEachRequestByKindAndKey(S3Server s3) throws Exception {
    s3.createBucket("traffic");
    try (S3Traffic traffic = S3Traffic.start(s3);
         FileSystem fs = FileSystem.newInstance(URI.create("s3a://traffic/"), traffic.hadoopConf())) {
      byte[] body = "twelve bytes".getBytes(StandardCharsets.UTF_8);
      FSDataOutputStreamBuilder<?, ?> create = fs.createFile(new Path("s3a://traffic/a/b.txt")).overwrite(true);
      create.opt("fs.s3a.create.performance", true);
      try (OutputStream out = create.build()) {
        out.write(body);
      }
      S3Requests write = traffic.reset();
      assertEquals(List.of(new S3Requests.Request(Kind.PUT, "PUT", "traffic", "a/b.txt", "", 200)),
          write.requests(), write::lines);

      try (InputStream in = fs.open(new Path("s3a://traffic/a/b.txt"))) {
        assertArrayEquals(body, in.readAllBytes());
      }
      S3Requests read = traffic.reset();
      assertEquals(Map.of(Kind.HEAD, 1, Kind.GET, 1), nonZero(read), read::lines);
      assertEquals(2, read.forObject("s3a://traffic/a/b.txt").size(), read::lines);

      assertEquals(1, fs.listStatus(new Path("s3a://traffic/a/")).length);
      S3Requests list = traffic.reset();
      assertEquals(1, list.count(Kind.LIST), list::lines);
      assertEquals(list.total(), list.count(Kind.LIST) + list.count(Kind.HEAD), list::lines);
    }
  }

  @Test
  void answersInjectedFaultsInS3sOwnForm(S3Server s3) throws Exception {
    s3.createBucket("faults");
    s3.putString("s3a://faults/secret/x.txt", "hidden");
    s3.putString("s3a://faults/flaky/y.txt", "shown");
    try (S3Traffic traffic = S3Traffic.start(s3);
         FileSystem fs = FileSystem.newInstance(URI.create("s3a://faults/"), traffic.hadoopConf())) {
      traffic.deny("s3a://faults/secret/");
      assertThrows(AccessDeniedException.class, () -> fs.open(new Path("s3a://faults/secret/x.txt")).close());
      S3Requests denied = traffic.reset();
      assertEquals(1, denied.total(), denied::lines);
      assertEquals(403, denied.requests().get(0).status());

      traffic.fail("s3a://faults/flaky/", 503, 1); // once: the SDK's retry gets through
      try (InputStream in = fs.open(new Path("s3a://faults/flaky/y.txt"))) {
        assertEquals("shown", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      S3Requests flaky = traffic.reset();
      assertEquals(List.of(503, 200, 206), flaky.requests().stream().map(S3Requests.Request::status).toList(),
          flaky::lines);
    }
  }

  private static Map<Kind, Integer> nonZero(S3Requests requests) {
    Map<Kind, Integer> counts = new java.util.EnumMap<>(Kind.class);
    requests.byKind().forEach((k, n) -> {
      if (n > 0) {
        counts.put(k, n);
      }
    });
    return counts;
  }
}
