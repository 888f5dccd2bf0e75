#!/bin/sh
# fuzz/make-corpus.sh BUILD_DIR — seed corpora for the fuzz targets, made from
# the project's fixtures (not kept in git: they would be copies):
#   fuzz/corpus/text  the story and hostile text files
#   fuzz/corpus/html  the story pages
#   fuzz/corpus/json  the story manifest and one saved document
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
mkdir -p fuzz/corpus/text fuzz/corpus/html fuzz/corpus/json
cp fixtures/story/*.txt fixtures/bad/*.txt fuzz/corpus/text/
cp fixtures/story/*.html fuzz/corpus/html/
cp fixtures/story/manifest.json fuzz/corpus/json/
"$BUILD/claimdiff" extract -f json fixtures/story/meridian-wire.txt > fuzz/corpus/json/saved.json
echo "fuzz/corpus: $(ls fuzz/corpus/* | wc -l) files"
