package io.upscaler.job.report;

import io.upscaler.core.image.Image;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures (CPU time of this thread) what the report adds to a run besides its two queries: one
 * gallery pair on an executor (a 256x256 photo and its 1024x1024 output) and rendering a report
 * page on the driver. A measurement for BENCHMARKS.md, not a test:
 * {@code benchmarks/cost.sh} runs it.
 */
public final class ReportCostMain {
  private ReportCostMain() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Image photo = CropsTest.example("astronaut.jpg");
    Image input = Resampler.resize(photo, 256, 256, Filter.LANCZOS3, 8);
    Image output = Resampler.resize(input, 1024, 1024, Filter.LANCZOS3, 8);
    int runs = 50;
    for (int i = 0; i < 10; i++) {
      Crops.pair("warm-up", 0, "m", input, output);
    }
    long t0 = cpu.getCurrentThreadCpuTime();
    long bytes = 0;
    for (int i = 0; i < runs; i++) {
      RunReport.GalleryPair p = Crops.pair("a", 0, "m", input, output);
      bytes += p.bicubicJpeg().length + p.outputJpeg().length;
    }
    double pairMs = (cpu.getCurrentThreadCpuTime() - t0) / 1e6 / runs;
    RunReport report = SampleReports.full();
    for (int i = 0; i < 10; i++) {
      ReportPage.html(report);
    }
    long t1 = cpu.getCurrentThreadCpuTime();
    int size = 0;
    for (int i = 0; i < runs; i++) {
      size = ReportPage.html(report).length();
    }
    double pageMs = (cpu.getCurrentThreadCpuTime() - t1) / 1e6 / runs;
    System.out.printf("gallery pair (256x256 -> 1024x1024, 192x192 crops): %.2f ms CPU, %d bytes of JPEG%n",
        pairMs, bytes / runs);
    System.out.printf("report page (%d pairs, 4 charts): %.2f ms CPU, %d characters%n",
        report.gallery().size(), pageMs, size);
  }
}
