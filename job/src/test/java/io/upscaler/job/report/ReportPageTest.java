package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportPageTest {
  @Test
  void thePageIsSelfContained() throws Exception {
    String html = ReportPage.html(SampleReports.full());
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("<link"), "no stylesheets");
    assertFalse(html.contains("@import"), "no imported CSS");
    assertFalse(html.contains("url("), "no CSS resources");
    Matcher refs = Pattern.compile("(src|href)=\"([^\"]*)\"").matcher(html);
    int images = 0;
    while (refs.find()) {
      assertTrue(refs.group(2).startsWith("data:image/jpeg;base64,"), refs.group());
      images++;
    }
    assertEquals(2 * SampleReports.full().gallery().size(), images);
    Matcher http = Pattern.compile("https?://[^\"]*").matcher(html);
    while (http.find()) {
      assertEquals("http://www.w3.org/2000/svg", http.group(), "only the SVG namespace");
    }
  }

  @Test
  void thePageHasEverySectionAndEscapesText() throws Exception {
    String html = ReportPage.html(SampleReports.full());
    for (String id : List.of("summary", "failures", "charts", "gallery")) {
      assertTrue(html.contains("<section id=\"" + id + "\">"), id);
    }
    assertEquals(4, count(html, "<svg class=\"chart\""));
    assertTrue(html.contains("CORRUPT_IMAGE &middot; 7 rows"), "failure class with its count");
    assertTrue(html.contains("and 5 more"), "rows beyond the first");
    assertTrue(html.contains("&lt;b&gt;bad &amp; broken&lt;/b&gt;"), "escaped message");
    assertFalse(html.contains("<b>bad"), "never raw");
  }

  @Test
  void anEmptyRunStillRenders() {
    String html = ReportPage.html(SampleReports.empty());
    assertTrue(html.contains("No row failed."));
    assertTrue(html.contains("No samples"));
    assertEquals(4, count(html, "no data"));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
