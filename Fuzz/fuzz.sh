#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with libFuzzer (docs/RELIABILITY.md).
#
#   Fuzz/fuzz.sh READER [SECONDS] [libFuzzer flags…]     READER: npz npy safetensors idx gzip
#
# Builds the DeZeroFuzz target (declared in Package.swift only when DEZERO_FUZZ=1) in release
# mode with libFuzzer and AddressSanitizer into .build-fuzz, seeds the corpus with files the
# library writes, and fuzzes for SECONDS (default 60). Findings (crashing inputs) land in
# .build-fuzz/findings/READER/; rerun one with
#   DEZERO_FUZZ_READER=READER .build-fuzz/release/DeZeroFuzz FILE
set -euo pipefail
cd "$(dirname "$0")/.."

reader=${1:?usage: Fuzz/fuzz.sh npz|npy|safetensors|idx|gzip [seconds] [libFuzzer flags...]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))

scratch=.build-fuzz
DEZERO_FUZZ=1 swift build -c release --scratch-path "$scratch" --product DeZeroFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing

# The largest single allocation an input of at most 64 KiB may cause: what deflate can expand
# it to (1032:1), times 8 where 1-byte integers widen to int64 (.npz); anything above is a finding.
case "$reader" in
    npz) malloc_mb=600 ;;
    idx | gzip) malloc_mb=96 ;;
    *) malloc_mb=32 ;;
esac

corpus="$scratch/corpus/$reader"
findings="$scratch/findings/$reader"
mkdir -p "$corpus" "$findings"
DEZERO_FUZZ_READER="$reader" DEZERO_FUZZ_SEED_DIR="$corpus" "$scratch/release/DeZeroFuzz" "$corpus" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb="$malloc_mb" \
    -artifact_prefix="$findings/" -print_final_stats=1 "$@"
