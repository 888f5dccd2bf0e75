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
