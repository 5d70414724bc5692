#!/usr/bin/env python3
"""Top frames of a JFR recording's execution samples, split by thread kind (driver main thread vs
Spark task threads vs others). Usage: jfr_summary.py RECORDING.jfr [TOP]
Counts samples whose stack contains a frame of vn.provpulse (the innermost one), and the top frame."""
import json
import subprocess
import sys
from collections import Counter, defaultdict


def main(recording, top):
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", recording],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    by_thread, own_frame, top_frame = Counter(), defaultdict(Counter), defaultdict(Counter)
    for event in events:
        values = event["values"]
        name = (values.get("sampledThread") or {}).get("javaName") or "?"
        kind = "task threads" if name.startswith("Executor task launch") else ("main" if name == "main" else "other")
        by_thread[kind] += 1
        frames = (values.get("stackTrace") or {}).get("frames") or []
        methods = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
        if methods:
            top_frame[kind][methods[0]] += 1
        own = next((m for m in methods if m.startswith("vn.provpulse")), "(no provpulse frame)")
        own_frame[kind][own] += 1
    print(f"{len(events)} execution samples: " + ", ".join(f"{k} {v}" for k, v in by_thread.most_common()))
    for kind, _ in by_thread.most_common():
        print(f"\n{kind}: innermost vn.provpulse frame")
        for method, count in own_frame[kind].most_common(top):
            print(f"  {count:6d}  {method}")
        print(f"{kind}: top frame")
        for method, count in top_frame[kind].most_common(top):
            print(f"  {count:6d}  {method}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 12)
