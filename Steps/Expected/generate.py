"""Regenerates the golden files Steps/Expected/stepNN.txt from the book's Python steps.

Each golden file is what `python stepNN.py` prints with the Python DeZero 0.0.13 on NumPy 1.26,
the versions the book was printed with. Exact command (from the repo root):

    python3 -m venv /tmp/bookenv
    /tmp/bookenv/bin/pip install "numpy==1.26.4" "dezero==0.0.13" matplotlib
    /tmp/bookenv/bin/python Steps/Expected/generate.py BOOK_REPO [MNIST_DIR]

BOOK_REPO is a checkout of oreilly-japan/deep-learning-from-scratch-3 (its `steps/` folder);
MNIST_DIR holds MNIST's four .gz files (the project's shared/datasets/mnist), placed where the
Python DeZero caches its downloads so that steps 51-53 run offline.

Two shims, both printed nowhere: `np.int = int` (DeZero 0.0.13 uses the alias NumPy 1.24
removed), and `np.random.seed(0)` before steps that draw unseeded random numbers, so that these
files are reproducible; the Swift steps match them in everything that is not random.
Step 58 needs VGG16's pretrained weights and a photo from the internet; it has no golden file.
"""
import os
import shutil
import subprocess
import sys
import tempfile

UNSEEDED = {17, 39, 41, 51, 52, 53, 54, 57, 59, 60}
NO_CODE = {5, 15, 25, 30, 31, 32, 56}
NEEDS_INTERNET = {58}


def run_step(book, number, home):
    script = os.path.join(book, "steps", "step%02d.py" % number)
    prelude = "import numpy as np; np.int = int; "
    if number in UNSEEDED:
        prelude += "np.random.seed(0); "
    prelude += "import runpy, sys; sys.argv = [%r]; runpy.run_path(%r, run_name='__main__')" % (script, script)
    with tempfile.TemporaryDirectory() as cwd:
        env = dict(os.environ, HOME=home, MPLBACKEND="Agg", PYTHONHASHSEED="0")
        done = subprocess.run([sys.executable, "-c", prelude], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=3600)
    return done


def main():
    book = os.path.abspath(sys.argv[1])
    mnist = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
    here = os.path.dirname(os.path.abspath(__file__))
    only = {int(a) for a in sys.argv[3:]}
    with tempfile.TemporaryDirectory() as home:
        if mnist:
            cache = os.path.join(home, ".dezero")
            os.makedirs(cache)
            for name in os.listdir(mnist):
                if name.endswith(".gz"):
                    shutil.copy(os.path.join(mnist, name), cache)
        for number in range(1, 61):
            if number in NO_CODE or number in NEEDS_INTERNET or (only and number not in only):
                continue
            if number in (51, 52, 53) and not mnist:
                continue
            done = run_step(book, number, home)
            if done.returncode != 0 and number != 9:
                print("step%02d failed:\n%s" % (number, done.stderr), file=sys.stderr)
                continue
            with open(os.path.join(here, "step%02d.txt" % number), "w") as f:
                f.write(done.stdout)
            print("step%02d: %d lines" % (number, done.stdout.count("\n")), file=sys.stderr)


main()
