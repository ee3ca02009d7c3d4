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

# Start-up (BENCHMARKS.md, "Start-up and tear-down"): the job's own classes go in two jars so that
# the whole classpath is jars, which lets the JVM map every class a run loads from a class-data
# archive (AppCDS) written by the first run after a build, instead of parsing and verifying ~15,000
# classes again each time. UPSCALER_CDS=0 turns the archive off.
app_jar="job/target/run-local-app.jar"
models_jar="job/target/run-local-models.jar"
archive="job/target/run-local.jsa"
if [[ ! -f "$app_jar" || ! -f "$models_jar" || "$stamp" -nt "$app_jar" ]]; then
  rm -f "$archive"
  jar cf0 "$app_jar" -C job/target/classes . -C udfs/target/classes .
  jar cf0 "$models_jar" -C models/target/classes .
fi

# The classpath goes in an argument file: a short command line is easier to read in ps, and
# native libraries that parse /proc/self/cmdline have less to chew on. The build's own module
# folders are left out: their classes are in the two jars.
mkdir -p work/tmp
argfile="job/target/run-local.args"
dependency_jars="$(tr ':' '\n' < "$classpath_file" | grep '\.jar$' | paste -sd: -)"
printf -- '-cp %s\n' "$app_jar:$models_jar:$dependency_jars" > "$argfile"

cds=()
dumping=""
if [[ "${UPSCALER_CDS:-1}" != "0" && " $* " != *" --help "* ]]; then
  if [[ -f "$archive" ]]; then
    cds=(-XX:SharedArchiveFile="$archive")
  else
    # Written at exit under a private name, then moved: two first runs never share a half file.
    dumping="$archive.$$"
    cds=(-XX:ArchiveClassesAtExit="$dumping")
  fi
fi

if [[ $# -eq 0 ]]; then
  set -- --input 'examples/*.{jpg,png,webp}' --output output/examples --scale 4 --max-failure-ratio 0
fi

# Spark's own flags for Java 17, and ORT's extracted libraries kept out of /tmp. C2 compiles only
# code ten times hotter than its defaults require (the Tier4 thresholds): C2 spent ~8 of a tiny
# run's ~18 CPU-seconds compiling Spark's start-up code, while the pixel loops of a real run pass
# these thresholds within milliseconds (BENCHMARKS.md, "Start-up and tear-down", measures both).
# UPSCALER_JAVA_OPTS replaces -Xmx4g and these flags (-XX:TieredStopAtLevel=1 is cheaper still for
# one-image runs, but leaves Java's own image work at C1 speed).
status=0
java \
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
  -Xlog:cds=off -Xlog:cds+dynamic=off \
  "${cds[@]}" \
  ${UPSCALER_JAVA_OPTS:--Xmx4g -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000} \
  "@$argfile" io.upscaler.job.Main "$@" || status=$?
# Only a run that went through (an archive of a refused run would hold little of Spark).
if [[ -n "$dumping" && -f "$dumping" ]]; then
  if [[ "$status" == 0 ]]; then mv -f "$dumping" "$archive"; else rm -f "$dumping"; fi
fi
exit "$status"
