#!/usr/bin/env python3
"""Summarises a Spark event log (JSON lines) of one provpulse run: per job group and per call site,
the number of Spark jobs, their wall seconds (union of job intervals), stages, tasks, task run time,
and the driver time between jobs. Usage: eventlog_summary.py EVENT_LOG (a file, or Spark 4's rolling
eventlog_v2_* folder; .zstd parts are read through the zstd command, an unfinished one as far as it goes)"""
import json
import os
import re
import subprocess
import sys
from collections import defaultdict


def union_seconds(intervals):
    total, end = 0, None
    for start, stop in sorted(intervals):
        if end is None or start > end:
            total += stop - start
            end = stop
        elif stop > end:
            total += stop - end
            end = stop
    return total / 1000.0


def lines(path):
    parts = [path]
    if os.path.isdir(path):
        names = [n for n in os.listdir(path) if n.startswith("events_")]
        parts = [os.path.join(path, n) for n in sorted(names, key=lambda n: int(re.match(r"events_(\d+)_", n).group(1)))]
    for part in parts:
        if part.endswith(".zstd"):
            text = subprocess.run(["zstd", "-dc", part], capture_output=True).stdout.decode("utf-8", "replace")
        else:
            text = open(part, encoding="utf-8").read()
        for line in text.splitlines():
            if line.startswith("{") and line.endswith("}"):
                yield line


def main(path):
    jobs = {}  # job id -> dict(group, site, start, end, stages)
    stage_tasks, stage_run_ms, stage_job = defaultdict(int), defaultdict(int), {}
    stage_name = {}
    app_start = app_end = None
    execution_site = {}  # SQL execution id -> its two innermost vn.provpulse frames
    for line in lines(path):
        event = json.loads(line)
        kind = event["Event"]
        if kind == "SparkListenerApplicationStart":
            app_start = event["Timestamp"]
        elif kind == "SparkListenerApplicationEnd":
            app_end = event["Timestamp"]
        elif kind.endswith("SparkListenerSQLExecutionStart"):
            frames = [f.strip() for f in (event.get("details") or "").splitlines() if "vn.provpulse" in f]
            if frames:
                short = [re.sub(r"^(at )?vn\.provpulse\.", "", f) for f in frames[:2]]
                execution_site[str(event["executionId"])] = " <- ".join(short)
        elif kind == "SparkListenerJobStart":
            props = event.get("Properties") or {}
            stages = event.get("Stage Infos") or []
            site = stages[-1]["Stage Name"] if stages else "?"
            site = execution_site.get(str(props.get("spark.sql.execution.id")), site)
            for info in stages:
                stage_job[info["Stage ID"]] = event["Job ID"]
            jobs[event["Job ID"]] = {"group": props.get("spark.jobGroup.id", "(none)"), "site": site,
                                     "start": event["Submission Time"], "end": None, "stages": len(stages)}
        elif kind == "SparkListenerJobEnd":
            if event["Job ID"] in jobs:
                jobs[event["Job ID"]]["end"] = event["Completion Time"]
        elif kind == "SparkListenerStageCompleted":
            info = event["Stage Info"]
            stage_tasks[info["Stage ID"]] = info["Number of Tasks"]
            stage_name[info["Stage ID"]] = info["Stage Name"]
        elif kind == "SparkListenerTaskEnd":
            metrics = event.get("Task Metrics") or {}
            stage_run_ms[event["Stage ID"]] += metrics.get("Executor Run Time", 0)
    tasks_by_job, run_ms_by_job, ran_stages = defaultdict(int), defaultdict(int), defaultdict(int)
    for stage, job in stage_job.items():
        if stage in stage_tasks:  # skipped stages never complete
            tasks_by_job[job] += stage_tasks[stage]
            run_ms_by_job[job] += stage_run_ms[stage]
            ran_stages[job] += 1
    finished = [j for j in jobs.values() if j["end"] is not None]
    for job_id, job in jobs.items():
        job["tasks"], job["run_ms"], job["ran_stages"] = tasks_by_job[job_id], run_ms_by_job[job_id], ran_stages[job_id]
        job["seconds"] = ((job["end"] or job["start"]) - job["start"]) / 1000.0

    def table(key, title, limit=None):
        groups = defaultdict(list)
        for job in finished:
            groups[key(job)].append(job)
        rows = sorted(groups.items(), key=lambda item: -union_seconds([(j["start"], j["end"]) for j in item[1]]))
        print(f"\n| {title} | Spark jobs | wall s (union) | stages run | tasks | task run s | jobs < 0.5 s | their wall s |")
        print("|---|---|---|---|---|---|---|---|")
        for name, members in rows[:limit]:
            short = [j for j in members if j["seconds"] < 0.5]
            print(f"| {name} | {len(members)} | {union_seconds([(j['start'], j['end']) for j in members]):.1f} | "
                  f"{sum(j['ran_stages'] for j in members)} | {sum(j['tasks'] for j in members)} | "
                  f"{sum(j['run_ms'] for j in members) / 1000.0:.1f} | {len(short)} | {sum(j['seconds'] for j in short):.1f} |")

    in_jobs = union_seconds([(j["start"], j["end"]) for j in finished])
    span = ((app_end or max(j["end"] for j in finished)) - (app_start or min(j["start"] for j in finished))) / 1000.0
    print(f"application {span:.1f} s; {len(finished)} Spark jobs; inside jobs {in_jobs:.1f} s; "
          f"driver outside any job {span - in_jobs:.1f} s; tasks {sum(j['tasks'] for j in finished)}; "
          f"task run time {sum(j['run_ms'] for j in finished) / 1000.0:.1f} s")
    table(lambda j: j["group"], "job group")
    table(lambda j: j["site"], "call site (provpulse frame of the SQL execution, else the last stage)", limit=25)
    # driver time between jobs, attributed to the group of the job that follows the gap
    gaps = defaultdict(float)
    ordered = sorted(finished, key=lambda j: j["start"])
    previous_end = app_start or ordered[0]["start"]
    for job in ordered:
        if job["start"] > previous_end:
            gaps[job["group"]] += (job["start"] - previous_end) / 1000.0
        previous_end = max(previous_end, job["end"])
    if app_end and app_end > previous_end:
        gaps["(after the last job)"] += (app_end - previous_end) / 1000.0
    print("\n| driver time outside jobs, before a job of group | seconds |\n|---|---|")
    for name, seconds in sorted(gaps.items(), key=lambda item: -item[1]):
        print(f"| {name} | {seconds:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1])
