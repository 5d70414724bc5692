#!/usr/bin/env bash
# Profiles one backfill on a generated landing without changing the product: Spark's event log
# (spark.* system properties reach the session's SparkConf) and a JFR recording of the driver JVM
# (in local mode the Spark tasks run in it too). Then summarises both and counts the files written.
#   bench/profile.sh GENERATED_DIR FROM TO OUT_DIR
# GENERATED_DIR is a `provpulse bench --out` or `provpulse generate --out` folder (landing/, pii.key).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
generated="$(cd "$1" && pwd)"; from="$2"; to="$3"; out="$4"
rm -rf "$out"; mkdir -p "$out/eventlog"; out="$(cd "$out" && pwd)"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
export PROVPULSE_PII_KEY="$(cat "$generated/pii.key")"
export PROVPULSE_JAVA_OPTS="-Xmx1g -XX:+UseParallelGC -XX:MetaspaceSize=256m -XX:TieredStopAtLevel=1 -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$out/eventlog -XX:FlightRecorderOptions:stackdepth=512 -XX:StartFlightRecording=filename=$out/driver.jfr,settings=profile,dumponexit=true"
start=$(date +%s.%N)
"$here/../provpulse" backfill --landing "$generated/landing" --warehouse "$out/warehouse" --from "$from" --to "$to" --allow-future-date > "$out/backfill.log" 2>&1
echo "backfill wall $(echo "$(date +%s.%N) - $start" | bc) s; load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
grep -A30 "finished in" "$out/backfill.log" > "$out/summary.txt" || true
python3 "$here/eventlog_summary.py" "$(ls -d "$out"/eventlog/* | head -1)" > "$out/eventlog.md"
python3 "$here/jfr_summary.py" "$out/driver.jfr" 15 > "$out/jfr.txt"
{ echo "| warehouse folder | files | MB |"; echo "|---|---|---|"
  for dir in "$out"/warehouse/*/ "$out"/warehouse/*/*/; do
    printf '| %s | %s | %.1f |\n' "${dir#$out/warehouse/}" "$(find "$dir" -type f | wc -l)" "$(du -sm "$dir" | cut -f1)"
  done; } > "$out/files.md"
echo "profile written to $out (eventlog.md, jfr.txt, files.md, summary.txt)"
