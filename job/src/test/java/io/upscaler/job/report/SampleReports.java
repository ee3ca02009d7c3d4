package io.upscaler.job.report;

import io.upscaler.core.image.Image;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import java.util.ArrayList;
import java.util.List;

/** Report data for rendering tests: real crops of the example photos, made-up counts. */
final class SampleReports {
  private SampleReports() {}

  static RunReport full() throws Exception {
    List<RunReport.GalleryPair> pairs = new ArrayList<>();
    String[] names = {"astronaut.jpg", "chelsea.webp", "coffee-rotated.jpg", "rocket-cutout.png", "camera.png"};
    for (int i = 0; i < names.length; i++) {
      Image in = CropsTest.example(names[i]);
      Image out = Resampler.resize(in, in.width() * 3, in.height() * 3, Filter.LANCZOS3, 8);
      pairs.add(Crops.pair(names[i], i, "lanczos-x3", in, out));
    }
    List<RunReport.Histogram> h = List.of(
        new RunReport.Histogram("latency", "Latency of OK images", "ms",
            List.of(new RunReport.Bin(800, 900, 3), new RunReport.Bin(900, 1000, 9), new RunReport.Bin(1000, 1100, 4))),
        new RunReport.Histogram("input-size", "Input size", "px",
            List.of(new RunReport.Bin(30000, 40000, 10), new RunReport.Bin(40000, 50000, 6))),
        new RunReport.Histogram("output-size", "Output file size", "bytes",
            List.of(new RunReport.Bin(1 << 20, 2 << 20, 16))));
    List<RunReport.Point> points = new ArrayList<>();
    for (int t = 0; t < 10; t++) {
      points.add(new RunReport.Point(t, 0.5 + 0.05 * t));
      points.add(new RunReport.Point(t + 1, 0.5 + 0.05 * t));
    }
    return new RunReport("20261202T000000Z-test",
        List.of(new RunReport.Fact("rows", "23"), new RunReport.Fact("ok / failed / skipped", "16 / 7 / 0"),
            new RunReport.Fact("cost", "$0.0123")),
        List.of(new RunReport.Fact("scale", "3")),
        List.of(new RunReport.FailureGroup("CORRUPT_IMAGE", 7, List.of(
            new RunReport.Failure("bad-1", "<b>bad & broken</b>"), new RunReport.Failure("bad-2", "bad")))),
        h, new RunReport.Series("throughput", "Output MP/s", "MP/s", points), pairs);
  }

  static RunReport empty() {
    return new RunReport("r", List.of(), List.of(), List.of(), List.of(
        new RunReport.Histogram("latency", "Latency", "ms", List.of()),
        new RunReport.Histogram("input-size", "Input", "px", List.of()),
        new RunReport.Histogram("output-size", "Output", "bytes", List.of())),
        new RunReport.Series("throughput", "T", "MP/s", List.of()), List.of());
  }
}
