#!/bin/sh
# scale.sh [BUILD_DIR] — the scale benchmark of the alignment: for each N,
# generate N articles with known alignment (bench/scale_gen.py, cached in
# bench/out/scale/), run `claimdiff compare -f json` on them and the
# scikit-learn peer (bench/scale_peer.py), each under /usr/bin/time -v, score
# both (bench/scale_score.py) and print the table of bench/README.md.
#
# Environment:
#   SCALE_NS="10 100 1000 5000"  the sizes
#   SCALE_SEED=1                 generator seed
#   SCALE_PEER_MAX=5000          skip the peer above this N
#   SCALE_TIMEOUT=600            seconds allowed to each run (claimdiff and peer)
#   SCALE_REPEAT=1               runs of each command; the fastest is reported
# The base texts are segmented once, by the claimdiff of the first run, and
# kept in bench/out/scale/base-segmentation.json (delete it to segment again).
# Reads ../shared/bench; skips when it is absent.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SHARED=../shared/bench
NS=${SCALE_NS:-10 100 1000 5000}
SEED=${SCALE_SEED:-1}
PEER_MAX=${SCALE_PEER_MAX:-5000}
TIMEOUT=${SCALE_TIMEOUT:-600}
REPEAT=${SCALE_REPEAT:-1}
PEER_PY=/usr/bin/python3

if [ ! -f "$SHARED/extraction/ground-truth.json" ]; then
    echo "scale.sh: $SHARED/extraction/ground-truth.json not found; skipped" >&2
    exit 0
fi
if [ ! -x "$BUILD/claimdiff" ]; then
    echo "scale.sh: $BUILD/claimdiff not built (meson compile -C $BUILD)" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "scale.sh: /usr/bin/time (GNU time) is needed for peak memory" >&2
    exit 2
fi
peer=yes
if ! "$PEER_PY" -c 'import sklearn, scipy' 2>/dev/null; then
    echo "scale.sh: $PEER_PY cannot import sklearn (apt-get install python3-sklearn); peer skipped" >&2
    peer=no
fi

OUT=bench/out/scale
mkdir -p "$OUT"
CLAIMDIFF=$(cd "$BUILD" && pwd)/claimdiff
stamp="gen $(sha1sum bench/scale_gen.py | cut -c1-12)"
results="$OUT/results-$(date -u +%Y%m%dT%H%M%S).jsonl"
: > "$results"

# run NAME DIR N COMMAND...: time one run (peak RSS counts the command
# under timeout too); its JSON report goes to DIR/NAME.json
run() {
    name=$1 dir=$2 n=$3
    shift 3
    secs= kb= k=0
    while [ "$k" -lt "$REPEAT" ]; do  # the fastest of REPEAT runs
        k=$((k + 1))
        rc=0
        /usr/bin/time -v -o "$dir/$name.time" timeout "$TIMEOUT" "$@" > "$dir/$name.json" 2> "$dir/$name.err" || rc=$?
        s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$dir/$name.time" 2>/dev/null || true)
        m=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/$name.time" 2>/dev/null || true)
        if [ -z "$secs" ] || awk -v a="$s" -v b="$secs" 'BEGIN { exit !(a < b) }'; then
            secs=$s kb=$m
        fi
        if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then break; fi
    done
    status=ok
    if [ "$rc" = 124 ]; then status="timeout ${TIMEOUT}s"; elif [ "$rc" != 0 ] && [ "$rc" != 3 ]; then status="exit $rc"; fi
    if [ "$status" = ok ]; then
        score=$(python3 bench/scale_score.py "$dir/$name.json" "$dir/truth.json")
        # the scorer counts pairs; on small sets, check the counts against listed pairs
        if [ "$n" -le 100 ]; then
            python3 bench/scale_score.py --check "$dir/$name.json" "$dir/truth.json" >&2 || exit 1
        fi
    else
        score='{}'
        echo "scale.sh: $name at N=$n: $status ($(head -c 300 "$dir/$name.err"))" >&2
    fi
    python3 -c 'import json, sys
r = json.loads(sys.argv[5]); r.update(system=sys.argv[1], n=int(sys.argv[2]), status=sys.argv[6])
if sys.argv[3]: r["seconds"] = float(sys.argv[3])
if sys.argv[4]: r["peak_kb"] = int(sys.argv[4])
print(json.dumps(r))' "$name" "$n" "${secs:-}" "${kb:-}" "$score" "$status" >> "$results"
    echo "scale.sh: N=$n $name: ${secs:-?} s, ${kb:-?} KB, $status" >&2
}

for n in $NS; do
    dir="$OUT/n$n-s$SEED"
    if [ ! -f "$dir/stamp" ] || [ "$(cat "$dir/stamp")" != "$stamp" ]; then
        rm -rf "$dir"
        python3 bench/scale_gen.py "$CLAIMDIFF" "$SHARED" "$n" "$dir" --seed "$SEED" \
            --seg-cache "$OUT/base-segmentation.json"
        echo "$stamp" > "$dir/stamp"
    fi
    run claimdiff "$dir" "$n" "$CLAIMDIFF" compare -f json -q "$dir/manifest.json"
    if [ "$peer" = yes ] && [ "$n" -le "$PEER_MAX" ]; then
        run peer "$dir" "$n" "$PEER_PY" bench/scale_peer.py "$dir/manifest.json"
    fi
done
echo "scale.sh: results in $results" >&2
python3 bench/scale_score.py --table "$results"
