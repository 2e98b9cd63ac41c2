#!/usr/bin/env python3
"""Builds the benchmark table of bench/run-benchmark.sh from its work folder (standard library only).

Reads, for each run i: run-i/_runs/*.json (stage durations and counts), run-i.log (stage lines with epoch
timestamps) and run-i.rss (epoch, VmRSS kB); and floors.txt. Prints the table and replaces this mode's section of
BENCHMARKS.md.
"""
import argparse
import glob
import json
import os
import platform
import re
import statistics
import subprocess
from datetime import datetime, timezone

# Issue 13's targets at 1M customers: (kind, value). "floor" = at most value x the stage's floor; "seconds" = at most.
TARGETS = {"ingest": ("floor", 2.0), "features": ("floor", 2.0), "segment": ("seconds", 20),
           "train": ("seconds", 60), "impact": ("seconds", 20)}
WHOLE_TARGET_SECONDS = 180
STAGE_LINE = re.compile(r"^(\d+\.\d+)\s+> (\S+) \.\.\.")


def run_record(run_dir):
    records = sorted(glob.glob(os.path.join(run_dir, "_runs", "*.json")))
    if not records:
        raise SystemExit(f"no run record in {run_dir}/_runs")
    with open(records[-1]) as f:
        return json.load(f)


def peak_rss_by_stage(log_path, rss_path):
    """Peak VmRSS (MiB) of the samples taken while each stage's line was the last stage line printed."""
    starts = []
    with open(log_path) as f:
        for line in f:
            m = STAGE_LINE.match(line)
            if m:
                starts.append((float(m.group(1)), m.group(2)))
    peaks = {}
    overall = 0.0
    with open(rss_path) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2:
                continue
            t, kb = float(parts[0]), int(parts[1])
            mib = kb / 1024.0
            overall = max(overall, mib)
            stage = None
            for start, name in starts:
                if start <= t:
                    stage = name
            if stage is not None:
                peaks[stage] = max(peaks.get(stage, 0.0), mib)
    return peaks, overall


def floors(path):
    result = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                _, name, seconds, rounds = line.split()
                result[name] = (float(seconds), int(rounds))
    return result


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return cpu, os.cpu_count(), mem_kb / 1024 / 1024, java, platform.platform()


def counts_text(counts):
    return ", ".join(f"{k}={v:,}" for k, v in counts.items())


def verdict(stage, seconds, floor_seconds, whole):
    if whole:
        return f"≤ {WHOLE_TARGET_SECONDS} s: {'met' if seconds <= WHOLE_TARGET_SECONDS else 'not met'}"
    if stage not in TARGETS:
        return ""
    kind, value = TARGETS[stage]
    if kind == "seconds":
        return f"≤ {value} s: {'met' if seconds <= value else 'not met'}"
    if floor_seconds is None:
        return f"≤ {value}× floor"
    return f"≤ {value}× floor: {'met' if seconds <= value * floor_seconds else 'not met'}"


def table(args):
    records = [run_record(os.path.join(args.dir, f"run-{i}")) for i in range(1, args.runs + 1)]
    rss = [peak_rss_by_stage(os.path.join(args.dir, f"run-{i}.log"), os.path.join(args.dir, f"run-{i}.rss"))
           for i in range(1, args.runs + 1)]
    floor = floors(os.path.join(args.dir, "floors.txt"))
    stages = [s["stage"] for s in records[0]["stages"]]
    rows = ["| stage | wall time (s) | floor (s) | ratio | target (at 1M) | counts (run record) | peak driver RSS (MiB) |",
            "|---|---|---|---|---|---|---|"]
    total = []
    for rec in records:
        total.append(sum(s["duration_ms"] for s in rec["stages"]) / 1000.0)
    for name in stages:
        secs = statistics.median(next(s["duration_ms"] for s in rec["stages"] if s["stage"] == name) / 1000.0
                                 for rec in records)
        fl = floor.get(name)
        ratio = f"{secs / fl[0]:.2f}×" if fl else ""
        fl_text = f"{fl[0]:.1f} (median of {fl[1]})" if fl else ""
        peak = statistics.median(r[0].get(name, 0.0) for r in rss)
        counts = next(s["counts"] for s in records[0]["stages"] if s["stage"] == name)
        rows.append(f"| {name} | {secs:.1f} | {fl_text} | {ratio} | {verdict(name, secs, fl[0] if fl else None, False)}"
                    f" | {counts_text(counts)} | {peak:,.0f} |")
    whole = statistics.median(total)
    peak_all = statistics.median(r[1] for r in rss)
    rows.append(f"| **whole pipeline** | **{whole:.1f}** | | | {verdict('', whole, None, True)} | "
                f"status {records[0]['status']} | **{peak_all:,.0f}** |")
    return rows


def section(args, rows):
    cpu, cores, mem_gib, java, os_name = machine()
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    runs = f"median of {args.runs} pipeline runs" if args.runs > 1 else "one pipeline run (a run takes over a minute)"
    lines = [f"<!-- bench:{args.mode} -->",
             f"## {args.mode} mode: {args.customers:,} customers",
             "",
             f"- date: {now}; command: `{args.command}`; Spark {args.spark}; {java}",
             f"- machine: {cpu}, {cores} cores, {mem_gib:.1f} GiB memory, {os_name}; "
             f"load average before the run {args.load} (a shared machine: figures are upper bounds)",
             f"- driver heap {os.environ.get('CHURNLENS_DRIVER_MEMORY', '4g')}; wall times from the run record "
             f"(`_runs/<id>.json`), {runs}; floors measured in the same benchmark run on the same data",
             "- peak driver RSS: the JVM's VmRSS (/proc/<pid>/status) sampled every 0.5 s, per stage (heap, off-heap "
             "and JVM together)",
             ""] + rows + ["", f"<!-- /bench:{args.mode} -->"]
    return "\n".join(lines)


def write(path, mode, text):
    header = ("# Benchmarks\n\nWritten by `bench/run-benchmark.sh` (see the README, *Benchmark*). Floors: ingest = a "
              "plain Spark CSV → Parquet copy of the raw export with an explicit schema; features = a Parquet "
              "group-by customer_id with count, min/max event time and sum of amount (`PipelineFloors`).\n")
    old = open(path).read() if os.path.exists(path) else header
    pattern = re.compile(rf"<!-- bench:{mode} -->.*?<!-- /bench:{mode} -->", re.S)
    new = pattern.sub(lambda _: text, old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + text + "\n"
    with open(path, "w") as f:
        f.write(new)


def main():
    p = argparse.ArgumentParser()
    for name in ("dir", "mode", "command", "spark", "load", "out"):
        p.add_argument("--" + name, required=True)
    p.add_argument("--runs", type=int, required=True)
    p.add_argument("--customers", type=int, required=True)
    args = p.parse_args()
    rows = table(args)
    text = section(args, rows)
    print(text)
    write(args.out, args.mode, text)


if __name__ == "__main__":
    main()
