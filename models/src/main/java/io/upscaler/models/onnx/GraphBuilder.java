package io.upscaler.models.onnx;

import static io.upscaler.models.onnx.OnnxAttributes.integer;
import static io.upscaler.models.onnx.OnnxAttributes.ints;
import static io.upscaler.models.onnx.OnnxAttributes.string;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an fp32 NCHW image-to-image ONNX graph (opset {@value #OPSET}, IR version
 * {@value #IR_VERSION}) node by node, for importers of other formats. Every method returns the name
 * of the tensor it produced; node and tensor names are the caller's (layer) names, so a graph can be
 * traced back to its source. The output is deterministic: the same calls give the same bytes.
 *
 * <p>Not thread-safe; one builder makes one graph. Use {@link Fp16Converter} for an fp16 graph.
 */
public final class GraphBuilder {
  public static final int OPSET = 17;
  public static final int IR_VERSION = 8;
  public static final String PRODUCER = "upscaler-models";
  /** Bumped only when the importer's output changes on purpose (the bundled files depend on it). */
  public static final String PRODUCER_VERSION = "1";

  private final List<NodeProto> nodes = new ArrayList<>();
  private final List<TensorProto> initializers = new ArrayList<>();
  private final Set<String> initializerNames = new HashSet<>();
  private final Map<String, Integer> channels = new HashMap<>();
  private ValueInfoProto input;
  private String outputTensor;
  private ValueInfoProto output;

  /** Declares the graph input: {@code [N, channels, H, W]} float32 with symbolic N, H, W. */
  public String input(String name, int channelCount) {
    if (input != null) {
      throw new IllegalStateException("the graph already has input " + input.getName());
    }
    input = valueInfo(name, channelCount, "H", "W");
    channels.put(name, channelCount);
    return name;
  }

  /** Channels of a tensor built so far. */
  public int channels(String tensor) {
    Integer c = channels.get(tensor);
    if (c == null) {
      throw new IllegalArgumentException("no tensor named " + tensor);
    }
    return c;
  }

  /**
   * A convolution with OIHW {@code weights} and optional {@code bias} (null = none), stored as
   * initializers {@code <name>/kernel} and {@code <name>/bias}.
   */
  public String conv(String name, String x, ConvSpec spec, float[] weights, float[] bias) {
    checkLength(name + "/kernel", weights.length, spec.weightCount());
    List<String> inputs = new ArrayList<>(List.of(x, addInitializer(name + "/kernel", weights,
        spec.outChannels(), spec.inChannelsPerGroup(), spec.kernelH(), spec.kernelW())));
    if (bias != null) {
      checkLength(name + "/bias", bias.length, spec.outChannels());
      inputs.add(addInitializer(name + "/bias", bias, spec.outChannels()));
    }
    NodeProto.Builder node = node("Conv", name, inputs)
        .addAttribute(ints("kernel_shape", spec.kernelH(), spec.kernelW()))
        .addAttribute(ints("strides", spec.strideH(), spec.strideW()))
        .addAttribute(ints("dilations", spec.dilationH(), spec.dilationW()))
        .addAttribute(integer("group", spec.groups()));
    int[] pads = spec.staticPads();
    if (pads == null) {
      node.addAttribute(string("auto_pad", "SAME_UPPER"));
    } else {
      node.addAttribute(ints("pads", pads));
    }
    return add(node, spec.outChannels());
  }

  /** A one-input, one-output element-wise op ({@code Relu}, {@code Sigmoid}, ...) with attributes. */
  public String unary(String opType, String name, String x, AttributeProto... attributes) {
    NodeProto.Builder node = node(opType, name, List.of(x));
    for (AttributeProto attribute : attributes) {
      node.addAttribute(attribute);
    }
    return add(node, channels(x));
  }

  /** {@code min(max(x, min), max)}. */
  public String clip(String name, String x, float min, float max) {
    String lo = addInitializer(name + "/min", new float[] {min});
    String hi = addInitializer(name + "/max", new float[] {max});
    return add(node("Clip", name, List.of(x, lo, hi)), channels(x));
  }

  /** Element-wise sum of two or more same-shaped tensors. */
  public String add(String name, List<String> xs) {
    if (xs.size() < 2) {
      throw new IllegalArgumentException(name + ": a sum needs at least two inputs, got " + xs);
    }
    return add(node(xs.size() == 2 ? "Add" : "Sum", name, xs), channels(xs.get(0)));
  }

  /** Element-wise product of two same-shaped tensors. */
  public String multiply(String name, String a, String b) {
    return add(node("Mul", name, List.of(a, b)), channels(a));
  }

  /** {@code x * factor}, the factor stored as a scalar initializer {@code <name>/factor}. */
  public String scale(String name, String x, float factor) {
    String k = addInitializer(name + "/factor", new float[] {factor});
    return add(node("Mul", name, List.of(x, k)), channels(x));
  }

  /** Concatenation along the channel axis. */
  public String concatChannels(String name, List<String> xs) {
    int total = 0;
    for (String x : xs) {
      total += channels(x);
    }
    return add(node("Concat", name, xs).addAttribute(integer("axis", 1)), total);
  }

  /**
   * Nearest-neighbour upsampling by integer factors:
   * {@code out[y][x] = in[y / factorH][x / factorW]}.
   */
  public String upsampleNearest(String name, String x, int factorH, int factorW) {
    String scales = addInitializer(name + "/scales", new float[] {1, 1, factorH, factorW}, 4);
    NodeProto.Builder node = node("Resize", name, List.of(x, "", scales))
        .addAttribute(string("mode", "nearest"))
        .addAttribute(string("coordinate_transformation_mode", "asymmetric"))
        .addAttribute(string("nearest_mode", "floor"));
    return add(node, channels(x));
  }

  /**
   * Depth-to-space in DCR order (TensorFlow's {@code depth_to_space}): output channel c at offset
   * (i, j) inside a block comes from input channel {@code (i * block + j) * C_out + c}.
   */
  public String depthToSpace(String name, String x, int block) {
    int c = channels(x);
    if (c % (block * block) != 0) {
      throw new IllegalArgumentException(name + ": " + c + " channels do not divide into blocks of "
          + block + "x" + block);
    }
    NodeProto.Builder node = node("DepthToSpace", name, List.of(x))
        .addAttribute(integer("blocksize", block))
        .addAttribute(string("mode", "DCR"));
    return add(node, c / (block * block));
  }

  /**
   * Marks {@code x} as the graph output, renamed to {@code name}, with shape
   * {@code [N, C, "H*s", "W*s"]} where s is the graph's scale as {@link GraphStats} measures it.
   */
  public void output(String x, String name) {
    outputTensor = x;
    output = valueInfo(name, channels(x), "H_out", "W_out");
  }

  /**
   * The finished model. {@code metadata} becomes the model's metadata properties in iteration
   * order; {@code docString} describes it to a human.
   */
  public ModelProto build(String graphName, String docString, Map<String, String> metadata) {
    if (input == null || output == null) {
      throw new IllegalStateException("the graph needs an input and an output");
    }
    GraphProto.Builder graph = GraphProto.newBuilder().setName(graphName)
        .addInput(input).addOutput(output).addAllInitializer(initializers);
    for (NodeProto node : nodes) {
      graph.addNode(renameOutput(node, outputTensor, output.getName()));
    }
    ModelProto.Builder model = ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName(PRODUCER).setProducerVersion(PRODUCER_VERSION)
        .setDocString(docString).setGraph(graph);
    new LinkedHashMap<>(metadata).forEach((k, v) ->
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return withScaledOutputDims(model.build());
  }

  /** Names the output's spatial dims after the measured scale, e.g. "H*4", so readers see it. */
  private static ModelProto withScaledOutputDims(ModelProto model) {
    int scale;
    try {
      scale = GraphStats.of(model).scale();
    } catch (IllegalArgumentException notOneIntegerScale) {
      return model; // keep the neutral names H_out, W_out
    }
    ModelProto.Builder b = model.toBuilder();
    TensorShapeProto.Builder shape = b.getGraphBuilder().getOutputBuilder(0).getTypeBuilder()
        .getTensorTypeBuilder().getShapeBuilder();
    shape.getDimBuilder(2).setDimParam("H*" + scale);
    shape.getDimBuilder(3).setDimParam("W*" + scale);
    return b.build();
  }

  private static NodeProto renameOutput(NodeProto node, String from, String to) {
    NodeProto.Builder b = node.toBuilder();
    for (int i = 0; i < b.getInputCount(); i++) {
      if (b.getInput(i).equals(from)) {
        b.setInput(i, to);
      }
    }
    for (int i = 0; i < b.getOutputCount(); i++) {
      if (b.getOutput(i).equals(from)) {
        b.setOutput(i, to);
      }
    }
    return b.build();
  }

  private NodeProto.Builder node(String opType, String name, List<String> inputs) {
    for (String in : inputs) {
      if (!in.isEmpty() && !channels.containsKey(in) && !isInitializer(in)) {
        throw new IllegalArgumentException(name + ": unknown input tensor " + in);
      }
    }
    return NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addOutput(name);
  }

  private String add(NodeProto.Builder node, int outChannels) {
    String out = node.getOutput(0);
    if (channels.containsKey(out)) {
      throw new IllegalArgumentException("duplicate tensor name " + out);
    }
    nodes.add(node.build());
    channels.put(out, outChannels);
    return out;
  }

  private boolean isInitializer(String name) {
    return initializerNames.contains(name);
  }

  private String addInitializer(String name, float[] values, long... dims) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name)
        .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(raw.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    if (!initializerNames.add(name)) {
      throw new IllegalArgumentException("duplicate initializer name " + name);
    }
    initializers.add(t.build());
    return name;
  }

  private static void checkLength(String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(what + ": expected " + expected + " values, got " + actual);
    }
  }

  private static ValueInfoProto valueInfo(String name, int channelCount, String h, String w) {
    TensorShapeProto shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(channelCount))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(h))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(w))
        .build();
    TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
        .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
    return ValueInfoProto.newBuilder().setName(name).setType(type).build();
  }
}
