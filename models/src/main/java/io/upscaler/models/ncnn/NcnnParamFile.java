package io.upscaler.models.ncnn;

import io.upscaler.models.ModelImportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parser of ncnn's text graph format ({@code .param}): the magic number 7767517, a line
 * "layer_count blob_count", then one line per layer:
 * {@code type name bottom_count top_count bottoms... tops... id=value...}, where an array
 * parameter is written {@code -233xx=count,v1,v2,...}. Layers come in execution order.
 */
final class NcnnParamFile {
  static final String MAGIC = "7767517";

  private NcnnParamFile() {}

  /** The layers of {@code file}; ModelImportException naming the line for anything malformed. */
  static List<NcnnLayer> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelImportException("cannot read ncnn graph " + file + ": " + e.getMessage(), e);
    }
    return parse(file.getFileName().toString(), lines);
  }

  static List<NcnnLayer> parse(String fileName, List<String> lines) {
    if (lines.isEmpty() || !lines.get(0).strip().equals(MAGIC)) {
      throw new ModelImportException(fileName + " is not an ncnn text graph: the first line must be "
          + MAGIC);
    }
    int[] counts = counts(fileName, lines);
    List<NcnnLayer> layers = new ArrayList<>();
    Set<String> blobs = new HashSet<>();
    for (int i = 2; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        NcnnLayer layer = layer(line.split("\\s+"));
        blobs.addAll(layer.bottoms());
        blobs.addAll(layer.tops());
        layers.add(layer);
      } catch (IllegalArgumentException e) {
        throw new ModelImportException(fileName + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (layers.size() != counts[0] || blobs.size() != counts[1]) {
      throw new ModelImportException(fileName + " declares " + counts[0] + " layers and "
          + counts[1] + " blobs but has " + layers.size() + " layers and " + blobs.size()
          + " blobs: the file is truncated or corrupt");
    }
    return layers;
  }

  private static int[] counts(String fileName, List<String> lines) {
    String[] t = lines.size() > 1 ? lines.get(1).strip().split("\\s+") : new String[0];
    try {
      if (t.length == 2) {
        return new int[] {Integer.parseInt(t[0]), Integer.parseInt(t[1])};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ModelImportException(fileName + " line 2 must hold the layer and blob counts");
  }

  private static NcnnLayer layer(String[] t) {
    if (t.length < 4) {
      throw new IllegalArgumentException("expected: type name bottom_count top_count ...");
    }
    int bottoms = count(t[2]);
    int tops = count(t[3]);
    int first = 4 + bottoms + tops;
    if (t.length < first) {
      throw new IllegalArgumentException("layer " + t[1] + " lists fewer blobs than its counts");
    }
    Map<Integer, NcnnValue> params = new HashMap<>();
    for (int i = first; i < t.length; i++) {
      int eq = t[i].indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("layer " + t[1] + ": parameter '" + t[i]
            + "' is not id=value");
      }
      int key = Integer.parseInt(t[i].substring(0, eq));
      int id = key <= NcnnLayer.ARRAY_KEY_BASE ? NcnnLayer.ARRAY_KEY_BASE - key : key;
      if (params.put(id, NcnnValue.parse(key, t[i].substring(eq + 1))) != null) {
        throw new IllegalArgumentException("layer " + t[1] + " sets parameter " + id + " twice");
      }
    }
    return new NcnnLayer(t[0], t[1], List.of(t).subList(4, 4 + bottoms),
        List.of(t).subList(4 + bottoms, first), params);
  }

  private static int count(String text) {
    int n = Integer.parseInt(text);
    if (n < 0 || n > 1024) {
      throw new IllegalArgumentException("blob count " + text + " is out of range");
    }
    return n;
  }
}
