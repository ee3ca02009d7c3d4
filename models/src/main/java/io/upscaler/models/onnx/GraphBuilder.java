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
import ai.onnx.proto.OnnxMl.ValueInfoProto;
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
    input = OnnxProtos.imageValueInfo(name, channelCount, "H", "W");
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
      node.addAttribute(string("auto_pad", spec.padding().name()));
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

  /**
   * An element-wise op of two tensors ({@code Add}, {@code Sub}, {@code Mul}, {@code Div},
   * {@code Max}, {@code Min}) with ONNX broadcasting: same channels, or one side has 1 channel.
   */
  public String binary(String opType, String name, String a, String b) {
    int ca = channels(a);
    int cb = channels(b);
    if (ca != cb && ca != 1 && cb != 1) {
      throw new IllegalArgumentException(name + ": " + opType + " of " + ca + " and " + cb
          + " channels");
    }
    return add(node(opType, name, List.of(a, b)), Math.max(ca, cb));
  }

  /**
   * {@code x op value} (or {@code value op x} when {@code scalarFirst}) for a two-input element-wise
   * op; the scalar is stored as initializer {@code <name>/scalar}.
   */
  public String binaryScalar(String opType, String name, String x, float value,
      boolean scalarFirst) {
    String k = addInitializer(name + "/scalar", new float[] {value});
    return add(node(opType, name, scalarFirst ? List.of(k, x) : List.of(x, k)), channels(x));
  }

  /** Element-wise {@code Max} or {@code Min} of two or more same-shaped tensors. */
  public String extremum(String opType, String name, List<String> xs) {
    if (xs.size() < 2 || !(opType.equals("Max") || opType.equals("Min"))) {
      throw new IllegalArgumentException(name + ": " + opType + " of " + xs);
    }
    return add(node(opType, name, xs), channels(xs.get(0)));
  }

  /**
   * Channel-wise {@code PRelu}: {@code x < 0 ? slope * x : x}, with one slope per channel or one for
   * all, stored as initializer {@code <name>/slope} of shape {@code [C, 1, 1]} (or {@code [1]}).
   */
  public String prelu(String name, String x, float[] slopes) {
    int c = channels(x);
    if (slopes.length != c && slopes.length != 1) {
      throw new IllegalArgumentException(name + ": " + slopes.length + " slopes for " + c
          + " channels");
    }
    String slope = slopes.length == 1 ? addInitializer(name + "/slope", slopes, 1)
        : addInitializer(name + "/slope", slopes, c, 1, 1);
    return add(node("PRelu", name, List.of(x, slope)), c);
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
    return resize(name, x, ResizeSpec.nearest(factorH, factorW));
  }

  /** A resize by scale factors; the factors are stored as initializer {@code <name>/scales}. */
  public String resize(String name, String x, ResizeSpec spec) {
    String scales = addInitializer(name + "/scales",
        new float[] {1, 1, spec.scaleH(), spec.scaleW()}, 4);
    NodeProto.Builder node = node("Resize", name, List.of(x, "", scales));
    spec.attributes().forEach(node::addAttribute);
    return add(node, channels(x));
  }

  /**
   * Depth-to-space in DCR order (TensorFlow's {@code depth_to_space}): output channel c at offset
   * (i, j) inside a block comes from input channel {@code (i * block + j) * C_out + c}.
   */
  public String depthToSpace(String name, String x, int block) {
    return depthToSpace(name, x, block, "DCR");
  }

  /**
   * Depth-to-space in {@code mode} "DCR" (see {@link #depthToSpace(String, String, int)}) or "CRD"
   * (PyTorch's {@code pixel_shuffle}): output channel c at offset (i, j) comes from input channel
   * {@code c * block * block + i * block + j}.
   */
  public String depthToSpace(String name, String x, int block, String mode) {
    int c = channels(x);
    if (block < 1 || c % (block * block) != 0 || !(mode.equals("DCR") || mode.equals("CRD"))) {
      throw new IllegalArgumentException(name + ": cannot make " + mode + " blocks of " + block
          + "x" + block + " from " + c + " channels");
    }
    NodeProto.Builder node = node("DepthToSpace", name, List.of(x))
        .addAttribute(integer("blocksize", block))
        .addAttribute(string("mode", mode));
    return add(node, c / (block * block));
  }

  /**
   * Marks {@code x} as the graph output, renamed to {@code name}, with shape
   * {@code [N, C, "H*s", "W*s"]} where s is the graph's scale as {@link GraphStats} measures it.
   */
  public void output(String x, String name) {
    outputTensor = x;
    output = OnnxProtos.imageValueInfo(name, channels(x), "H_out", "W_out");
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
      graph.addNode(OnnxProtos.renameOutput(node, outputTensor, output.getName()));
    }
    ModelProto.Builder model = ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName(PRODUCER).setProducerVersion(PRODUCER_VERSION)
        .setDocString(docString).setGraph(graph);
    new LinkedHashMap<>(metadata).forEach((k, v) ->
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return OnnxProtos.withScaledOutputDims(model.build());
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
    if (!initializerNames.add(name)) {
      throw new IllegalArgumentException("duplicate initializer name " + name);
    }
    initializers.add(OnnxProtos.floatTensor(name, values, dims));
    return name;
  }

  private static void checkLength(String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(what + ": expected " + expected + " values, got " + actual);
    }
  }
}
