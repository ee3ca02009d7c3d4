package io.upscaler.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * submit-scripts/emr-bootstrap-gpu.sh: valid bash, a dry run that names every library and package
 * and changes nothing, and a check that reports exactly what is missing on a node without CUDA.
 */
class EmrBootstrapScriptTest {
  private static final String SCRIPT = "submit-scripts/emr-bootstrap-gpu.sh";
  private static final List<String> CUDA = List.of("libcudart.so.12", "libcublas.so.12",
      "libcublasLt.so.12", "libcurand.so.10", "libnvrtc.so.12");
  private static final List<String> TENSORRT = List.of("libnvinfer.so.10",
      "libnvonnxparser.so.10", "libcudnn.so.9");

  @Test
  void isValidBash() throws Exception {
    ProcessBuilder syntax = new ProcessBuilder("bash", "-n", SCRIPT)
        .directory(Scripts.root().toFile()).redirectErrorStream(true);
    Process p = syntax.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
  }

  @Test
  void dryRunNamesEveryLibraryAndWheelAndWritesNothing() throws Exception {
    Path prefix = Path.of("target/emr-dry-run-prefix").toAbsolutePath();
    Scripts.Result r = Scripts.run(SCRIPT, Map.of(), 60, "--dry-run", "--tensorrt",
        "--prefix", prefix.toString());

    assertEquals(0, r.exitCode(), r.err());
    for (String lib : concat(CUDA, TENSORRT)) {
      assertTrue(r.out().contains(lib), lib + " in\n" + r.out());
    }
    for (String wheel : List.of("nvidia-cuda-runtime-cu12", "nvidia-cublas-cu12",
        "nvidia-curand-cu12", "nvidia-cuda-nvrtc-cu12", "nvidia-cudnn-cu12", "tensorrt-cu12-libs")) {
      assertTrue(r.out().contains(wheel), wheel + " in\n" + r.out());
    }
    assertTrue(r.out().contains("would run: python3 -m pip install"), r.out());
    assertTrue(r.out().contains("would run: ldconfig"), r.out());
    assertTrue(Files.notExists(prefix), "a dry run creates nothing");
  }

  @Test
  void dryRunFromS3CopiesTheStagedArchiveInsteadOfPip() throws Exception {
    Scripts.Result r = Scripts.run(SCRIPT, Map.of(), 60, "--dry-run", "--from-s3",
        "s3://bucket/cuda-libs.tar.gz");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("would run: aws s3 cp s3://bucket/cuda-libs.tar.gz"), r.out());
    assertTrue(!r.out().contains("pip install"), r.out());
    assertTrue(!r.out().contains("libnvinfer"), "TensorRT only with --tensorrt:\n" + r.out());
  }

  @Test
  void ortNativesAreUnpackedOnceFromTheJobJarForOnnxruntimeNativePath() throws Exception {
    Scripts.Result r = Scripts.run(SCRIPT, Map.of(), 60, "--dry-run", "--prefix", "/opt/u",
        "--ort-natives-from", "s3://bucket/jars/upscaler-job-0.1.0-all.jar");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("would run: unzip -o -q -j /tmp/upscaler-job.jar"
        + " ai/onnxruntime/native/linux-x64/\\* -d /opt/u/ort"), r.out());
    assertTrue(r.out().contains("-Donnxruntime.native.path=/opt/u/ort"), r.out());
    assertEquals(2, Scripts.run(SCRIPT, Map.of(), 30, "--ort-natives-from", "job.jar").exitCode());
  }

  @Test
  void checkOnANodeWithoutCudaListsEveryMissingLibraryAndExits3() throws Exception {
    assumeFalse(Files.exists(Path.of("/dev/nvidia0")), "this machine has a GPU");
    Scripts.Result r = Scripts.run(SCRIPT, Map.of(), 60, "--check", "--tensorrt", "--prefix",
        Path.of("target").toAbsolutePath().toString());
    assertEquals(3, r.exitCode(), r.out() + r.err());
    assertEquals("missing for ONNX Runtime's TensorRT and CUDA providers: "
        + String.join(" ", concat(CUDA, TENSORRT)) + "\n", r.err());
  }

  @Test
  void badArgumentsExit2() throws Exception {
    assertEquals(2, Scripts.run(SCRIPT, Map.of(), 30, "--frobnicate").exitCode());
    assertEquals(2, Scripts.run(SCRIPT, Map.of(), 30, "--from-s3", "/local/file").exitCode());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
