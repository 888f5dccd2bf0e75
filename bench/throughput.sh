#!/bin/bash
# bench/throughput.sh — segmentation + tokenisation throughput of
# `claimdiff sentences` on a large news text, next to `wc -w` on the same file
# in the same run. Cleanup is off (--no-clean): on this text, made of the same
# articles repeated, the cleanup rightly drops almost every line as a repeat,
# which would make its timing meaningless.
#
# The text: the 181 ground-truth article bodies of the extraction benchmark
# (../shared/bench/extraction/ground-truth.json) concatenated, repeated until
# it is at least 50 MB. Skips with a message when ../shared is absent.
# Usage: bench/throughput.sh [BUILD_DIR]   (default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
GT=../shared/bench/extraction/ground-truth.json
if [ ! -f "$GT" ]; then
    echo "bench/throughput.sh: skipped: $GT not found (the shared benchmark data is absent)"
    exit 0
fi
command -v python3 >/dev/null || { echo "bench/throughput.sh: skipped: python3 needed"; exit 0; }
mkdir -p bench/out
TXT=bench/out/news-50mb.txt
if [ ! -f "$TXT" ]; then
    python3 - "$GT" "$TXT" <<'PY'
import json, sys
gt = json.load(open(sys.argv[1], encoding="utf-8"))
one = "\n\n".join(v["articleBody"].strip() for k, v in sorted(gt.items())) + "\n\n"
data = one.encode("utf-8")
with open(sys.argv[2], "wb") as f:
    n = 0
    while n < 50 * 1000 * 1000:
        f.write(data); n += len(data)
PY
fi
BYTES=$(stat -c %s "$TXT")
MB=$(python3 -c "print($BYTES/1e6)")

best() { # best of 3 wall-clock seconds of a command
    local best=""
    for _ in 1 2 3; do
        local s e t
        s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
        t=$(python3 -c "print($e-$s)")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; fi
    done
    echo "$best"
}

T_CD=$(best "$BUILD/claimdiff" sentences --no-clean --max-bytes 200M -o /dev/null "$TXT")
T_WC=$(best wc -w "$TXT")
SENTS=$("$BUILD/claimdiff" sentences --no-clean --max-bytes 200M "$TXT" | wc -l)

echo "input: $TXT, $MB MB, $SENTS sentences; machine: $(nproc) cores, $(uname -m); best of 3"
printf '| %-52s | %8s | %8s |\n' "command" "seconds" "MB/s"
printf '|%s|%s|%s|\n' "------------------------------------------------------" "----------" "----------"
row() { printf '| %-52s | %8.2f | %8.1f |\n' "$1" "$2" "$(python3 -c "print($MB/$2)")"; }
row "claimdiff sentences --no-clean (segment + tokenise)" "$T_CD"
row "wc -w" "$T_WC"
