#!/usr/bin/env python3
"""W1–W5 of ../shared/bench/WORKLOADS.md for DeZero for Swift and its peers, side by side.

Each round runs every workload once with each contender, one after the other, so all of them
see the same machine load: ours with `DEZERO_BLAS=system` (OpenBLAS), ours with `DEZERO_BLAS=builtin`,
PyTorch and the Python DeZero (from a copy of ../shared/bench/peers set up with its setup.sh).
Every run reports its own median over its repetitions; the table gives, per contender, the
median of those per-run medians and their range, and our ratios to PyTorch.

    swift build -c release --product dezero-bench
    python3 scripts/compare_peers.py --bench .build/release/dezero-bench --peers PEERS_DIR --rounds 3

`--raw FILE` keeps every JSON line. The 1,000,000-op chain (W1, peak memory) runs once per round
for ours only; the GEMM ratio (W5) is ours only (built-in against OpenBLAS, in the same process).
"""
import argparse, json, os, platform, statistics, subprocess, sys, time


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def json_lines(text):
    return [json.loads(l) for l in text.splitlines() if l.startswith("{")]


class Runner:
    def __init__(self, args):
        self.args, self.raw = args, []

    def run(self, argv, env=None, cwd=None):
        full_env = dict(os.environ, **(env or {}))
        out = subprocess.run(argv, capture_output=True, text=True, env=full_env, cwd=cwd)
        rows = json_lines(out.stdout)
        if not rows:
            sys.exit(f"no JSON from {' '.join(argv)}:\n{out.stderr[-2000:]}")
        self.raw.extend(rows)
        return rows

    def ours(self, workload, blas, *extra):
        env = {"DEZERO_BLAS": "builtin" if blas == "builtin" else "system"}
        return self.run([self.args.bench, workload, *extra], env=env)

    def peer(self, framework, workload, *extra):
        venv = ".venv" if framework == "torch" else ".venv-np1"
        python = os.path.join(self.args.peers, venv, "bin", "python")
        return self.run([python, "bench.py", "--framework", framework, "--workload", workload, *extra],
                        cwd=self.args.peers)


def by_n(rows, n):
    return next(r for r in rows if r.get("N") == n)


def round_figures(r):
    """One round: {figure: {contender: value}}."""
    fig = {}
    def put(name, who, value):
        fig.setdefault(name, {})[who] = value

    for who in ("ours-openblas", "ours-builtin"):
        blas = who.split("-")[1]
        rows = r.ours("chain", blas)
        put("W1 chain µs/op, N=100,000", who, by_n(rows, 100_000)["us_per_op"]["median"])
        put("W4 tanh 6 derivatives, ms", who, r.ours("higher", blas)[-1]["ms"]["median"])
        mlp = r.ours("mlp", blas)[-1]
        put("W2 mlp s/epoch", who, mlp["seconds_per_epoch"]["median"])
        put("W2 peak RSS MB", who, mlp["peak_rss_mb"])
        put("W3 cnn ms/iteration", who, 1e3 * r.ours("cnn", blas)[-1]["seconds_per_iteration"]["median"])
    big = r.ours("chain", "builtin", "1000000")
    put("W1 chain µs/op, N=1,000,000", "ours-builtin", by_n(big, 1_000_000)["us_per_op"]["median"])
    put("W1 N=1,000,000 peak RSS MB", "ours-builtin", big[-1].get("peak_rss_mb", float("nan")))
    for row in r.ours("gemm", "builtin"):
        if row.get("variant") == "ratios" and row.get("threads") == 2:
            put(f"W5 built-in/OpenBLAS GFLOP/s, n={row['n']}, 2 threads", "ours-openblas",
                row["builtin_vs_blas_direct"])

    for who in ("torch", "dezero"):
        put("W1 chain µs/op, N=100,000", who, by_n(r.peer(who, "chain", "--n", "100000"), 100_000)["us_per_op"]["median"])
        put("W4 tanh 6 derivatives, ms", who, 1e3 * r.peer(who, "higher")[-1]["total_s"]["median"])
        mlp = r.peer(who, "mlp")[-1]
        put("W2 mlp s/epoch", who, mlp["epoch_s"]["median"])
        put("W2 peak RSS MB", who, mlp["peak_rss_mb"])
        put("W3 cnn ms/iteration", who, 1e3 * r.peer(who, "cnn")[-1]["iter_s"]["median"])
    return fig


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", required=True, help="our release dezero-bench")
    ap.add_argument("--peers", required=True, help="a set-up copy of shared/bench/peers")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--raw", help="write every JSON line here")
    args = ap.parse_args()
    runner, per = Runner(args), {}
    start = time.time()
    for i in range(args.rounds):
        for name, values in round_figures(runner).items():
            for who, v in values.items():
                per.setdefault(name, {}).setdefault(who, []).append(v)
        print(f"round {i + 1}/{args.rounds} done after {time.time() - start:.0f} s", file=sys.stderr)
    if args.raw:
        with open(args.raw, "w") as f:
            for row in runner.raw:
                f.write(json.dumps(row) + "\n")

    who_all = ["ours-openblas", "ours-builtin", "torch", "dezero"]
    fmt = lambda xs: f"{statistics.median(xs):.4g} [{min(xs):.4g}–{max(xs):.4g}]" if xs else "—"
    print(f"CPU: {cpu_model()}, {os.cpu_count()} logical CPUs; {args.rounds} rounds, {time.strftime('%Y-%m-%d %H:%M')}\n")
    print("| figure | ours, OpenBLAS | ours, built-in | PyTorch | Python DeZero | OpenBLAS/PyTorch | built-in/PyTorch |")
    print("|---|---|---|---|---|---|---|")
    for name, values in per.items():
        cells = [fmt(values.get(w, [])) for w in who_all]
        ratios = []
        for w in ("ours-openblas", "ours-builtin"):
            if values.get(w) and values.get("torch"):
                ratios.append(f"{statistics.median(values[w]) / statistics.median(values['torch']):.2f}")
            else:
                ratios.append("—")
        print(f"| {name} | " + " | ".join(cells + ratios) + " |")


if __name__ == "__main__":
    main()
