#!/usr/bin/env python3
"""W1–W4 of ../shared/bench/WORKLOADS.md for two builds side by side: each round runs chain,
higher, mlp and cnn with one binary and then the other, so both see the same machine load.
Prints, per figure, the median of the per-run medians with their range, and the ratio.

    swift build -c release --product dezero-bench      # in each checkout
    python3 scripts/compare_bench.py OLD/.build/release/dezero-bench .build/release/dezero-bench 5
"""
import json, subprocess, sys, statistics, os
before, after = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
def run(binary, workload, env=None):
    out = subprocess.run([binary, workload], capture_output=True, text=True, env=env).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]
def figures(workload, rows):
    if workload == "chain":
        return {f"W1 us/op N={r['N']}": r["us_per_op"]["median"] for r in rows}
    if workload == "higher":
        return {"W4 ms": rows[-1]["ms"]["median"]}
    if workload == "mlp":
        return {"W2 s/epoch": rows[-1]["seconds_per_epoch"]["median"], "W2 peak MB": rows[-1]["peak_rss_mb"]}
    if workload == "cnn":
        return {"W3 ms/iter": 1000 * rows[-1]["seconds_per_iteration"]["median"]}
res = {"before": {}, "after": {}}
for r in range(rounds):
    for w in ["chain", "higher", "mlp", "cnn"]:
        for name, b in (("before", before), ("after", after)):
            for k, v in figures(w, run(b, w)).items():
                res[name].setdefault(k, []).append(v)
for k in res["before"]:
    b, a = res["before"][k], res["after"].get(k, [])
    fmt = lambda xs: f"{statistics.median(xs):.4g} [{min(xs):.4g}–{max(xs):.4g}]"
    print(f"{k:18} before {fmt(b):32} after {fmt(a):32} after/before {statistics.median(a)/statistics.median(b):.2f}")
