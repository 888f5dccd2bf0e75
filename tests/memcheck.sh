#!/bin/sh
# tests/memcheck.sh BUILD_DIR — valgrind memcheck of the claimdiff program over
# the fixture story, the bad-input files, the pairs fixtures, the hostile report
# fixtures and one local download (docs/security.md, "Memory checks").
# Every run must end with no valgrind report: 0 errors, 0 bytes lost of any
# kind. Prints one line per run and "N runs, N failed"; exits 1 on a failure.
# Not part of `meson test` (about 5 minutes); needs valgrind and python3.
set -u
cd "$(dirname "$0")/.."
B=${1:-build}/claimdiff
[ -x "$B" ] || { echo "no $B: build first" >&2; exit 2; }
LOG=$(mktemp)
CACHE=$(mktemp -d)
runs=0
failed=0

vg() {
    runs=$((runs + 1))
    valgrind --tool=memcheck --leak-check=full --show-leak-kinds=all \
        --errors-for-leak-kinds=all --error-exitcode=99 --quiet "$B" "$@" \
        >/dev/null 2>"$LOG"
    rc=$?
    if [ $rc -eq 99 ] || grep -q '^==' "$LOG"; then
        failed=$((failed + 1))
        echo "FAIL (exit $rc): $*"
        grep '^==' "$LOG" | head -30
    else
        echo "ok (exit $rc): $*"
    fi
}

for c in sentences "extract -f json" compare "compare -f json"; do
    # shellcheck disable=SC2086
    vg $c fixtures/story/manifest.json
done
for f in text json jsonl html markdown; do
    vg compare -f "$f" fixtures/story/manifest.json
    vg compare -f "$f" fixtures/report/hostile-a.json fixtures/report/plain-b.json
done
vg check -c "the dam collapsed" fixtures/story/manifest.json
vg sentences -f json fixtures/story/manifest.json
for f in fixtures/bad/*; do
    vg sentences "$f"
    vg extract "$f"
done
vg compare fixtures/bad/* fixtures/story/meridian-wire.txt fixtures/story/daily-klaxon.html
vg sentences fixtures/hostile/ssrf-manifest.json
for f in fixtures/pairs/*; do
    vg pairs "$f"
done

# downloads from a local server (hence --allow-private), then the cache, then the guard
PORT=$((20000 + $$ % 20000))
(cd fixtures/story && exec python3 -m http.server "$PORT" --bind 127.0.0.1) >/dev/null 2>&1 &
SERVER=$!
sleep 1
U=http://127.0.0.1:$PORT
vg compare --allow-private --cache-dir "$CACHE" "$U/meridian-wire.html" "$U/daily-klaxon.html" \
    "$U/nope.html"
vg compare --offline --allow-private --cache-dir "$CACHE" "$U/meridian-wire.html" \
    "$U/daily-klaxon.html"
vg compare --cache-dir "$CACHE" "$U/meridian-wire.html" fixtures/story/daily-klaxon.html
kill "$SERVER"

rm -rf "$LOG" "$CACHE"
echo "$runs runs, $failed failed"
[ "$failed" -eq 0 ]
