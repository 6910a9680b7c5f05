#!/usr/bin/env bash
# Builds the DocC documentation of both libraries and fails on any warning: a broken ``symbol``
# link, an overload a link does not single out, a parameter a `- Parameters:` list leaves out.
# .ci/run calls it after the tests, when the debug build it reuses already exists.
#
#   scripts/check-docs.sh            # both libraries
#   scripts/check-docs.sh DeZero     # one
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(DeZero DeZeroArray)
args=()
for t in "${targets[@]}"; do args+=(--target "$t"); done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift package generate-documentation "${args[@]}" >"$log" 2>&1 || status=$?

# DocC prints each problem as "warning: …" or "error: …" at the start of a line, followed by
# the file and an excerpt; compiler warnings look the same.
problems=$(grep -cE '^(warning|error):|: (warning|error):' "$log" || true)
if [ "$status" -ne 0 ] || [ "$problems" -ne 0 ]; then
    cat "$log"
    echo "check-docs: ${problems} warnings or errors (exit status ${status}) in the documentation of ${targets[*]}" >&2
    exit 1
fi
echo "check-docs: documentation of ${targets[*]} builds without warnings"
