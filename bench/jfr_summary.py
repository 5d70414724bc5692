#!/usr/bin/env python3
"""Top frames of a JFR recording's execution samples, split by thread kind (driver main thread vs
Spark task threads vs others). Usage: jfr_summary.py RECORDING.jfr [TOP]
Counts samples whose stack contains a frame of vn.provpulse (the innermost one), and the top frame."""
import json
import subprocess
import sys
from collections import Counter, defaultdict

# what a sample is doing, by the first of these found anywhere in its stack (label, frame substring)
ACTIVITIES = [
    ("Spark SizeEstimator (sizing cached objects)", "org.apache.spark.util.SizeEstimator"),
    ("Java serialization (task closures, results, persisted objects)", "java.io.ObjectOutputStream"),
    ("Java deserialization", "java.io.ObjectInputStream"),
    ("Parquet write", "org.apache.parquet.hadoop"),
    ("Parquet read (vectorized)", "org.apache.spark.sql.execution.datasources.parquet"),
    ("landing file parse (FileParser)", "vn.provpulse.ingest.FileParser"),
    ("landing scan and SHA-256 (LandingScanner, SourceRun.sortDeliveries)", "vn.provpulse.ingest.IngestJob$SourceRun.sortDeliveries"),
    ("landing scan", "vn.provpulse.ingest.LandingScanner"),
    ("file ledger", "vn.provpulse.ingest.FileLedger"),
    ("in-memory columnar cache (Dataset.persist: build, read)", "org.apache.spark.sql.execution.columnar"),
    ("SQL settings looked up (SQLConf.get)", "org.apache.spark.sql.internal.SQLConf$.get"),
    ("Catalyst planning (analysis, optimizer rules)", "org.apache.spark.sql.catalyst.rules"),
    ("Janino compilation (codegen)", "org.codehaus.janino"),
    # on task threads: aggregations, sorts, windows and shuffles evaluating their interpreted expressions
    ("Catalyst expressions evaluated (SQL operators)", "org.apache.spark.sql.catalyst.expressions"),
    ("Catalyst (other)", "org.apache.spark.sql.catalyst"),
    ("class loading", "java.lang.ClassLoader.loadClass"),
    ("class loading", "jdk.internal.loader"),
    ("SHA-256", "sun.security.provider"),
    ("Spark block manager (caching)", "org.apache.spark.storage"),
    ("Hadoop file system", "org.apache.hadoop.fs"),
    ("JDK file system", "sun.nio.fs"),
    ("Spark SQL operators", "org.apache.spark.sql.execution"),
    ("Jackson (JSON)", "com.fasterxml.jackson"),
    ("Spark scheduler / RPC", "org.apache.spark.scheduler"),
]


def main(recording, top):
    # jfr print keeps 5 frames of a stack unless told: too few to see which Spark operation a sample is in
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample", recording],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    by_thread, own_frame, top_frame, activity = Counter(), defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    other_stacks = defaultdict(Counter)
    for event in events:
        values = event["values"]
        name = (values.get("sampledThread") or {}).get("javaName") or "?"
        kind = "task threads" if name.startswith("Executor task launch") else ("main" if name == "main" else "other")
        by_thread[kind] += 1
        frames = (values.get("stackTrace") or {}).get("frames") or []
        methods = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
        if methods:
            top_frame[kind][methods[0]] += 1
        stack = "\n".join(m.replace("/", ".") for m in methods)
        label = next((label for label, frame in ACTIVITIES if frame in stack), "(other)")
        activity[kind][label] += 1
        if label == "(other)":
            other_stacks[kind][" < ".join(methods[:3])] += 1
        own = next((m for m in methods if m.startswith("vn.provpulse")), "(no provpulse frame)")
        own_frame[kind][own] += 1
    print(f"{len(events)} execution samples: " + ", ".join(f"{k} {v}" for k, v in by_thread.most_common()))
    for kind, total in by_thread.most_common():
        print(f"\n{kind}: activity (first match in the stack)")
        for label, count in activity[kind].most_common():
            print(f"  {count:6d}  {100.0 * count / total:5.1f} %  {label}")
        print(f"{kind}: top 3 frames of the (other) samples")
        for frames, count in other_stacks[kind].most_common(top):
            print(f"  {count:6d}  {frames}")
        print(f"{kind}: innermost vn.provpulse frame")
        for method, count in own_frame[kind].most_common(top):
            print(f"  {count:6d}  {method}")
        print(f"{kind}: top frame")
        for method, count in top_frame[kind].most_common(top):
            print(f"  {count:6d}  {method}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 12)
