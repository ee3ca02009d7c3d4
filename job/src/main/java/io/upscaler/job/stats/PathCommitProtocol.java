package io.upscaler.job.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitterFactory;
import org.apache.spark.internal.io.FileCommitProtocol.TaskCommitMessage;
import org.apache.spark.internal.io.FileNameSpec;
import org.apache.spark.internal.io.HadoopMapReduceCommitProtocol;
import scala.Option;
import scala.collection.Seq;

/**
 * A Spark commit protocol whose Hadoop committer comes from Hadoop's {@link
 * PathOutputCommitterFactory} for the destination's scheme ({@code
 * mapreduce.outputcommitter.factory.scheme.s3a} = the S3A committer factory, which makes the
 * committer named by {@code fs.s3a.committer.name}, e.g. the magic committer), and whose tasks write
 * into that committer's work path. Spark's default protocol writes straight into the destination
 * for any committer that is not a {@link FileOutputCommitter}, which would bypass the S3A
 * committers; Spark's own fix (the {@code spark-hadoop-cloud} module's PathOutputCommitProtocol)
 * is not an artifact this build can use, and this class is the same contract in a few lines on
 * Hadoop's public committer API alone (hadoop-client-api and hadoop-aws, both on the cluster).
 *
 * <p>Only plain writes are supported: dynamic partition overwrite is refused, and absolute output
 * paths unless the committer is a {@link FileOutputCommitter}. Serialized to executors
 * (Spark creates the committer again in each task); the committer itself is transient.
 */
public class PathCommitProtocol extends HadoopMapReduceCommitProtocol {
  private static final long serialVersionUID = 1L;

  private final String destination;
  private transient PathOutputCommitter committer;

  /** The constructor Spark's {@code FileCommitProtocol.instantiate} calls. */
  public PathCommitProtocol(String jobId, String destination, boolean dynamicPartitionOverwrite) {
    super(jobId, destination, dynamicPartitionOverwrite);
    if (dynamicPartitionOverwrite) {
      throw new UnsupportedOperationException(
          "dynamic partition overwrite is not supported with " + getClass().getName());
    }
    this.destination = destination;
  }

  @Override
  public OutputCommitter setupCommitter(TaskAttemptContext context) {
    try {
      committer = PathOutputCommitterFactory.createCommitter(new Path(destination), context);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output committer for " + destination, e);
    }
    return committer;
  }

  /** The task's file goes under the committer's work path (for the magic committer, __magic/...). */
  @Override
  public String newTaskTempFile(TaskAttemptContext taskContext, Option<String> dir, FileNameSpec spec) {
    Path work;
    try {
      work = committer.getWorkPath();
    } catch (IOException e) {
      throw new UncheckedIOException("no work path from the committer " + committer, e);
    }
    Path parent = dir.isDefined() ? new Path(work, dir.get()) : work;
    return new Path(parent, getFilename(taskContext, spec)).toString();
  }

  /**
   * Commits the job through the committer alone when it is not a {@link FileOutputCommitter}. Spark's
   * commit would then also move absolute-path files and delete its {@code .spark-staging-<job>}
   * folder; with such a committer neither can exist (absolute paths and dynamic partition overwrite
   * are refused above, and nothing else writes there), and the delete of the absent folder costs
   * two requests on S3 (a HEAD and a LIST).
   */
  @Override
  public void commitJob(JobContext jobContext, Seq<TaskCommitMessage> taskCommits) {
    if (committer instanceof FileOutputCommitter) {
      super.commitJob(jobContext, taskCommits);
      return;
    }
    try {
      committer.commitJob(jobContext);
    } catch (IOException e) {
      throw new UncheckedIOException("job commit failed for " + destination, e);
    }
  }

  @Override
  public String newTaskTempFileAbsPath(TaskAttemptContext taskContext, String absoluteDir, FileNameSpec spec) {
    if (!(committer instanceof FileOutputCommitter)) {
      throw new UnsupportedOperationException(
          "absolute output locations are not supported by the committer " + committer);
    }
    return super.newTaskTempFileAbsPath(taskContext, absoluteDir, spec);
  }
}
