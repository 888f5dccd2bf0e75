#!/bin/sh
# Perturbation benchmark of the divergences (issue 5): real news sentences
# from MSRP train and STS-B train changed in one known way each
# (bench/perturb_gen.py), scored by `claimdiff pairs`; plus the fact
# divergences reported on the MSRP pairs labelled equivalent
# (bench/perturb_score.py). usage: bench/perturb.sh BUILD_DIR [PER_KIND]
set -eu
build=${1:?usage: bench/perturb.sh BUILD_DIR [PER_KIND]}
per_kind=${2:-150}
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../shared/bench}
msrp=$shared/paraphrase/msr_paraphrase_train.txt
sts=$shared/sts/sts-train.no-msrp-test.csv
if [ ! -f "$msrp" ] || [ ! -f "$sts" ]; then
    echo "perturb.sh: $shared/paraphrase or $shared/sts missing; skipped" >&2
    exit 0
fi
out=$here/out
mkdir -p "$out"
python3 "$here/perturb_gen.py" "$msrp" "$sts" "$per_kind" > "$out/perturb.tsv"
"$build/claimdiff" pairs "$out/perturb.tsv" > "$out/perturb.jsonl"
"$build/claimdiff" pairs "$msrp" > "$out/msrp-div.jsonl"
# held out: STS-B news pairs rated 4.0 or more (no rule was written from them)
for f in train dev test; do
    awk -F'\t' -v f="$f" '$1 == "main-news" && $5 >= 4.0 { print "sts-" f "-" $4 "\t" $6 "\t" $7 }' \
        "$shared/sts/sts-$f.no-msrp-test.csv"
done > "$out/sts-equivalent.tsv"
"$build/claimdiff" pairs "$out/sts-equivalent.tsv" > "$out/sts-equivalent.jsonl"
python3 "$here/perturb_score.py" "$out/perturb.tsv" "$out/perturb.jsonl" "$msrp" "$out/msrp-div.jsonl" \
    "$out/sts-equivalent.jsonl"
