package io.upscaler.job.report;

import java.io.Serializable;
import java.util.List;

/**
 * Everything {@code runs/<run_id>/report.html} shows, as plain values: built on the driver from the
 * run summary, a few aggregate queries and the sampled crops, then rendered by {@link ReportPage}.
 * Its size is bounded whatever the row count: a fixed number of facts, failure classes with a few
 * examples each, histogram bins and gallery pairs.
 *
 * @param runId the run
 * @param facts the summary table, in order (rows, statuses, throughput, cost, model, device, ...)
 * @param settings the run's effective settings
 * @param failures failure classes, most frequent first
 * @param histograms latency, input size and output size
 * @param throughput output megapixels per second over the run
 * @param gallery before/after pairs of OK images
 */
public record RunReport(
    String runId,
    List<Fact> facts,
    List<Fact> settings,
    List<FailureGroup> failures,
    List<Histogram> histograms,
    Series throughput,
    List<GalleryPair> gallery) {

  /** One labelled value of the summary. */
  public record Fact(String label, String value) {}

  /** A failure class, its row count and its first rows. */
  public record FailureGroup(String errorClass, long count, List<Failure> first) {}

  /** One failed row: its id and error message. */
  public record Failure(String id, String message) {}

  /**
   * A histogram with bins in increasing order.
   *
   * @param unit how bin edges are shown: "ms", "px" or "bytes"
   */
  public record Histogram(String id, String title, String unit, List<Bin> bins) {
    public long total() {
      return bins.stream().mapToLong(Bin::count).sum();
    }
  }

  /** Values in [lo, hi). */
  public record Bin(double lo, double hi, long count) {}

  /** Points of a time series: seconds since the start of the work, and the value there. */
  public record Series(String id, String title, String unit, List<Point> points) {}

  public record Point(double seconds, double value) {}

  /**
   * A sampled OK image: the same region of a bicubic upscale of its input and of its output, as
   * small JPEGs made on the executor while both images were in memory.
   *
   * @param partition the partition it came from (the gallery is spread over partitions)
   * @param crop the region in output pixels: x, y, width, height
   */
  public record GalleryPair(
      String id, int partition, String model, int inputWidth, int inputHeight, int outputWidth,
      int outputHeight, int[] crop, byte[] bicubicJpeg, byte[] outputJpeg)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }
}
