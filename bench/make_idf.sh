#!/bin/sh
# make_idf.sh BUILD_DIR — regenerate data/idf_background.c from the MIT-licensed
# ground-truth article bodies of the extraction benchmark (one document per
# paragraph). Run from the repository root; the result is committed.
set -eu
BUILD=${1:-build}
CORPUS=../shared/bench/extraction/ground-truth.json
if [ ! -f "$CORPUS" ]; then
    echo "make_idf.sh: $CORPUS not found (../shared absent); nothing done" >&2
    exit 0
fi
meson compile -C "$BUILD" bench_make_idf >/dev/null
"$BUILD/bench_make_idf" "$CORPUS" > data/idf_background.c.tmp
mv data/idf_background.c.tmp data/idf_background.c
echo "wrote data/idf_background.c ($(grep -c '^    {' data/idf_background.c) stems)"
