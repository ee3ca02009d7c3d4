#!/usr/bin/env bash
# Runs the upscaler in Spark local mode on this machine (every core), building it first if needed.
#
#   ./submit-scripts/run-local.sh                      # upscale the sample images in examples/
#   ./submit-scripts/run-local.sh --input DIR_OR_MANIFEST --output DIR [options] [--conf k=v ...]
#
# Arguments are the job's own (see --help); spark-submit style --conf key=value pairs (S3A
# credentials, spark.master, ...) are passed on to Spark. Needs only Java 17 and Maven.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

classpath_file="job/target/run-local.classpath"
stamp="job/target/run-local.stamp"

needs_build() {
  [[ ! -f "$classpath_file" || ! -f "$stamp" ]] && return 0
  # Rebuild when any source, resource or pom changed since the last build.
  [[ -n "$(find pom.xml models udfs job -newer "$stamp" \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  echo "Building (first time: Maven downloads the dependencies, about 1.3 GB)..." >&2
  mvn -q -B -DskipTests -pl job -am compile dependency:build-classpath \
    -Dmdep.outputFile="$root/$classpath_file" -Dmdep.includeScope=compile >&2
  touch "$stamp"
fi

# The classpath goes in an argument file: a short command line is easier to read in ps, and
# native libraries that parse /proc/self/cmdline have less to chew on.
mkdir -p work/tmp
argfile="job/target/run-local.args"
printf -- '-cp %s\n' "job/target/classes:udfs/target/classes:models/target/classes:$(cat "$classpath_file")" > "$argfile"

if [[ $# -eq 0 ]]; then
  set -- --input 'examples/*.{jpg,png,webp}' --output output/examples --scale 4 --max-failure-ratio 0
fi

# Spark's own flags for Java 17, and ORT's extracted libraries kept out of /tmp.
exec java \
  -XX:+IgnoreUnrecognizedVMOptions \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED \
  -Djdk.reflect.useDirectMethodHandle=false \
  -Djava.io.tmpdir="$root/work/tmp" \
  -Dlog4j2.configurationFile="${UPSCALER_LOG4J:-$root/conf/log4j2-local.properties}" \
  ${UPSCALER_JAVA_OPTS:--Xmx4g} \
  "@$argfile" io.upscaler.job.Main "$@"
