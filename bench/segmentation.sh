#!/bin/bash
# bench/segmentation.sh — sentence segmentation accuracy with the shared
# scorer (../shared/bench/tools/seg_score.py): Golden Rules (the 48 pySBD cases
# and all 52), GUM news (paragraphs kept; and everything space-joined), with
# and without the plain-text cleanup. Skips when ../shared is absent.
# Usage: bench/segmentation.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SEG=../shared/bench/segmentation
SCORE=../shared/bench/tools/seg_score.py
if [ ! -f "$SCORE" ] || [ ! -d "$SEG" ]; then
    echo "bench/segmentation.sh: skipped: $SEG or $SCORE not found (the shared benchmark data is absent)"
    exit 0
fi
CD="$BUILD/claimdiff sentences"
run() { python3 "$SCORE" "$@"; }
echo "| data | command | result |"
echo "|---|---|---|"
r=$(run "$SEG/golden_rules_en.json" --subset pysbd48 --cmd "$CD --no-clean -")
echo "| Golden Rules, 48 pySBD cases | sentences --no-clean | $r |"
r=$(run "$SEG/golden_rules_en.json" --cmd "$CD --no-clean -")
echo "| Golden Rules, all 52 | sentences --no-clean | $r |"
r=$(run "$SEG/gum_news_dev.json" --cmd "$CD --no-clean -")
echo "| GUM news (21 docs, paragraphs kept) | sentences --no-clean | $r |"
r=$(run "$SEG/gum_news_dev.json" --cmd "$CD -")
echo "| GUM news (21 docs, paragraphs kept) | sentences (cleanup on) | $r |"
r=$(run "$SEG/gum_news_dev.spacejoin.json" --cmd "$CD --no-clean -")
echo "| GUM news, space-joined (no layout) | sentences --no-clean | $r |"

# What the cleanup drops from the GUM news documents (they are clean Wikinews
# articles: every dropped line should be a date line, a caption or a label).
# Then the cleanup run is scored again against the gold minus the sentences of
# those dropped lines: if the F1 comes back to the --no-clean figure, the drop
# above is explained by those lines alone.
python3 - "$BUILD/claimdiff" "$SEG/gum_news_dev.json" "$SCORE" <<'PY'
import collections, json, os, subprocess, sys, tempfile
cd, cases = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
reasons, total, samples = collections.Counter(), 0, collections.defaultdict(list)
for c in cases:
    total += sum(1 for l in c["input"].split("\n") if l.strip())
    out = subprocess.run([cd, "extract", "-f", "json", "-"], input=c["input"].encode(),
                         capture_output=True).stdout
    dropped = [d["text"] for d in json.loads(out)["sources"][0]["dropped_lines"]]
    for d in json.loads(out)["sources"][0]["dropped_lines"]:
        reasons[d["reason"]] += 1
        samples[d["reason"]].append(d["text"][:60])
    c["expected"] = [e for e in c["expected"] if not any(e.strip() in d for d in dropped)]
print()
print("GUM news: cleanup dropped %d of %d non-blank lines: %s" % (
    sum(reasons.values()), total, ", ".join("%s %d" % kv for kv in reasons.most_common())))
for r, s in sorted(samples.items()):
    print("  %-22s e.g. %s" % (r, " | ".join(s[:3])))
with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
    json.dump(cases, f)
r = subprocess.run([sys.executable, sys.argv[3], f.name, "--cmd", cd + " sentences -"],
                   capture_output=True, text=True).stdout.strip()
os.unlink(f.name)
print("GUM news, cleanup on, scored without the dropped lines' sentences:", r)
PY
