#!/bin/sh
# paraphrase.sh [BUILD_DIR] — the pair score (claimdiff pairs) on MSRP train
# (two-fold cross-validation and the default threshold) and STS-B test
# (Pearson r). Reads ../shared/bench; skips when it is absent.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SHARED=../shared/bench
if [ ! -f "$SHARED/paraphrase/msr_paraphrase_train.txt" ] || [ ! -f "$SHARED/sts/sts-test.no-msrp-test.csv" ]; then
    echo "paraphrase.sh: $SHARED/paraphrase or $SHARED/sts not found; skipped" >&2
    exit 0
fi
if [ ! -x "$BUILD/claimdiff" ]; then
    echo "paraphrase.sh: $BUILD/claimdiff not built (meson compile -C $BUILD)" >&2
    exit 2
fi
exec python3 bench/paraphrase.py "$BUILD/claimdiff" "$SHARED"
