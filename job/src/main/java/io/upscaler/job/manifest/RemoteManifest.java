package io.upscaler.job.manifest;

import io.upscaler.core.UpscaleException;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.exec.OutputPaths;
import io.upscaler.job.source.HttpSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An http(s) manifest, staged where every executor can read it: the driver streams the body (no
 * size limit, no copy in memory) into {@code <output>/runs/<run_id>/input/<file name>}, and Spark
 * reads that copy like any manifest (Parquet needs a file system; executors can't see the driver's
 * disk). The copy stays as the record of what the run read; it is the only thing a dry run writes.
 */
final class RemoteManifest {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteManifest.class);

  private RemoteManifest() {}

  /** Where {@code config.input()} is staged for this run. */
  static String stagedUri(JobConfig config, String kind) {
    String name = fileName(config.input());
    if (name.isEmpty()) {
      name = "manifest." + kind;
    }
    return OutputPaths.run(config.output(), config.runId()) + "/input/" + name;
  }

  /** Downloads the manifest URL into its staged copy and returns that copy's URI. */
  static String stage(Configuration conf, JobConfig config, String kind) {
    String staged = stagedUri(config, kind);
    Path target = new Path(staged);
    try {
      FileSystem fs = target.getFileSystem(conf);
      HttpSource.Fetched<Long> f = HttpSource.shared(config.http())
          .get(config.input(), (body, response) -> copy(body, fs, target));
      LOG.info("staged manifest {} ({} bytes, {} retries) at {}", config.input(), f.value(), f.retries(), staged);
      return staged;
    } catch (UpscaleException e) {
      throw new ManifestException(
          "cannot read manifest " + config.input() + ": " + e.errorClass() + ": " + e.getMessage());
    } catch (IOException e) {
      throw new ManifestException("cannot stage manifest " + config.input() + " at " + staged + ": " + e.getMessage());
    }
  }

  private static long copy(InputStream body, FileSystem fs, Path target) throws IOException {
    try (OutputStream out = fs.create(target, true)) {
      return body.transferTo(out);
    }
  }

  /** The last path segment of a URL, without query or fragment ("m.csv" of ".../m.csv?x=1"). */
  static String fileName(String url) {
    try {
      String path = new URI(url.trim()).getPath();
      return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    } catch (java.net.URISyntaxException e) {
      return "";
    }
  }
}
