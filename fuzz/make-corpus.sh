#!/bin/sh
# fuzz/make-corpus.sh BUILD_DIR — seed corpora for the fuzz targets, made from
# the project's fixtures (not kept in git: they would be copies):
#   fuzz/corpus/text  the story and hostile text files
#   fuzz/corpus/html  the story pages and the pages fuzz_html once failed on
#                     (fixtures/bad/fuzz-*.html: replayed first by every run)
#   fuzz/corpus/json  the story manifest and one saved document
#   fuzz/corpus/pairs the pairs fixtures (TSV, MSRP, JSONL, malformed)
#   fuzz/corpus/compare  two story texts (first 3 KiB each) joined by a form feed
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
mkdir -p fuzz/corpus/text fuzz/corpus/html fuzz/corpus/json fuzz/corpus/pairs fuzz/corpus/compare
cp fixtures/story/*.txt fixtures/bad/*.txt fuzz/corpus/text/
cp fixtures/story/*.html fixtures/bad/fuzz-*.html fuzz/corpus/html/
cp fixtures/story/manifest.json fuzz/corpus/json/
cp fixtures/pairs/* fuzz/corpus/pairs/
set -- fixtures/story/*.txt
prev=
for f in "$@"; do
    if [ -n "$prev" ]; then
        { head -c 3072 "$prev"; printf '\f'; head -c 3072 "$f"; } \
            > "fuzz/corpus/compare/$(basename "$prev" .txt)+$(basename "$f" .txt)"
    fi
    prev=$f
done
"$BUILD/claimdiff" extract -f json fixtures/story/meridian-wire.txt > fuzz/corpus/json/saved.json
echo "fuzz/corpus: $(ls fuzz/corpus/* | wc -l) files"
