package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The report page as a browser draws it (headless Chromium; skipped where there is none). */
class ReportRenderingTest {
  @Test
  void chromiumDrawsTheGalleryAndEveryChart() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "report-rendering").toAbsolutePath());
    Path page = dir.resolve("report.html");
    RunReport report = SampleReports.full();
    Files.writeString(page, ReportPage.html(report));
    ReportRendering.Seen seen = ReportRendering.assertDrawn(page, report.gallery().size(), 4);
    assertEquals(10, seen.images());
  }
}
