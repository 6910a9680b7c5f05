#!/usr/bin/env python3
"""NumPy's timings for the "elementwise" workload of dezero-bench (Sources/DeZeroBench/Elementwise.swift).

Same operations on the same shapes and dtype (float32, 1000 x 1000 = 10^6 elements; a 1 x 1000
row for the broadcast add), the same repetition scheme (each repetition runs the operation 20
times; 1 warm-up, 7 timed repetitions) and the same JSON fields, with framework "numpy".

Usage: python3 bench/numpy_elementwise.py
"""
import json
import os
import time

import numpy as np

ROWS, COLS = 1000, 1000
N = ROWS * COLS
CALLS = 20
REPEATS = 7


def main():
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, size=(ROWS, COLS)).astype(np.float32)
    row = rng.uniform(-2, 2, size=(1, COLS)).astype(np.float32)
    positive = x * x + np.float32(0.5)
    ops = [
        ("exp", lambda: np.exp(x)),
        ("add_row_broadcast", lambda: x + row),
        ("log", lambda: np.log(positive)),
        ("tanh", lambda: np.tanh(x)),
        ("mul_scalar", lambda: x * 2.0),
        ("sum", lambda: x.sum()),
        ("sum_axis0", lambda: x.sum(axis=0)),
        ("max", lambda: x.max()),
    ]
    for name, body in ops:
        samples = []
        for rep in range(REPEATS + 1):
            t0 = time.perf_counter()
            for _ in range(CALLS):
                body()
            dt = time.perf_counter() - t0
            if rep > 0:  # the first repetition is the warm-up
                samples.append(dt / (CALLS * N) * 1e9)
        samples.sort()
        print(json.dumps({
            "workload": "elementwise", "framework": "numpy", "op": name, "dtype": "float32",
            "shape": [ROWS, COLS], "threads": 1, "numpy": np.__version__,
            "ns_per_element": {"median": samples[len(samples) // 2], "min": samples[0], "max": samples[-1]},
        }, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
