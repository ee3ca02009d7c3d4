package io.upscaler.job.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.upscaler.job.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV header read once on the driver: Spark's parsing of the first line, or null to let Spark infer. */
class CsvHeaderTest {
  @TempDir Path dir;

  @Test
  void theFirstLineIsParsedAsSparkParsesAHeader() throws Exception {
    Path csv = dir.resolve("m.csv");
    Files.writeString(csv, "uri,\"label, long\",id\r\nfile:/a.png,x,1\n");
    assertEquals(List.of("uri", "label, long", "id"), names(CsvHeader.schema(TestSpark.session(), csv.toString())));
  }

  @Test
  void aHeaderWithoutALineEndIsStillTheHeader() throws Exception {
    Path csv = dir.resolve("only-header.csv");
    Files.writeString(csv, "uri");
    assertEquals(List.of("uri"), names(CsvHeader.schema(TestSpark.session(), csv.toString())));
  }

  @Test
  void foldersGlobsEmptyFilesAndBlankFirstLinesAreLeftToSpark() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("parts.csv"));
    Files.writeString(folder.resolve("part-0.csv"), "uri\nfile:/a.png\n");
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    Path blank = Files.writeString(dir.resolve("blank.csv"), "\nuri\n");
    assertNull(CsvHeader.schema(TestSpark.session(), folder.toString()));
    assertNull(CsvHeader.schema(TestSpark.session(), dir.resolve("*.csv").toString()));
    assertNull(CsvHeader.schema(TestSpark.session(), empty.toString()));
    assertNull(CsvHeader.schema(TestSpark.session(), blank.toString()));
    assertNull(CsvHeader.schema(TestSpark.session(), dir.resolve("missing.csv").toString()));
  }

  private static List<String> names(StructType schema) {
    return List.of(schema.fieldNames());
  }
}
