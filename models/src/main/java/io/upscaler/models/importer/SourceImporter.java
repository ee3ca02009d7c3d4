package io.upscaler.models.importer;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.upscaler.models.ncnn.NcnnImporter;
import io.upscaler.models.tfjs.TfjsImporter;
import java.nio.file.Path;
import java.util.Map;

/** Converts a model in one source format to an fp32 ONNX graph ({@code input} -> {@code output}). */
@FunctionalInterface
interface SourceImporter {
  ModelProto importModel(Path model, String graphName, String docString,
      Map<String, String> metadata);

  /** Importers by the catalog's {@code format} name. */
  Map<String, SourceImporter> BY_FORMAT = Map.of("tfjs-layers", TfjsImporter::importModel,
      "ncnn", NcnnImporter::importModel);
}
