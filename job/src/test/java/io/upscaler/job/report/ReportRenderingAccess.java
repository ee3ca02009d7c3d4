package io.upscaler.job.report;

import java.nio.file.Path;

/** Lets tests outside this package run the rendering check on a report a real run wrote. */
public final class ReportRenderingAccess {
  private ReportRenderingAccess() {}

  public static void assertDrawn(Path page, int galleryPairs, int chartsWithData) throws Exception {
    ReportRendering.assertDrawn(page, galleryPairs, chartsWithData);
  }
}
