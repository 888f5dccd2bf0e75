#!/bin/sh
# The output does not depend on the thread count: compare, check and
# sentences on the fixture story (and the shared seeds when present) with
# --threads 1, 2 and 5 give byte-identical reports.
# usage: threads_same.sh CLAIMDIFF SOURCE_ROOT
bin=$1 root=$2
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
set -- "$root"/fixtures/story/*.txt
seeds=$(ls "$root"/../shared/seeds/*.txt 2>/dev/null)
fail=0
run() {  # name, then the command's arguments
    name=$1
    shift
    for t in 1 2 5; do
        "$bin" "$@" --threads "$t" > "$tmp/$name.$t" 2>&1
        echo "exit $?" >> "$tmp/$name.$t"
    done
    for t in 2 5; do
        if ! cmp -s "$tmp/$name.1" "$tmp/$name.$t"; then
            echo "$name: --threads $t differs from --threads 1"
            diff "$tmp/$name.1" "$tmp/$name.$t" | head -5
            fail=1
        fi
    done
}
run compare-json compare -f json "$@"
run compare-text compare --color never "$@"
run check check -f json -c "The dam's spillway failed" "$@"
run sentences sentences -f json "$@"
if [ -n "$seeds" ]; then
    # shellcheck disable=SC2086
    run seeds compare -f json $seeds
fi
[ "$fail" = 0 ] && echo "same output for 1, 2 and 5 threads"
exit $fail
