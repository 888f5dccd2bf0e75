#!/bin/sh
# docs/claimdiff.1 must be what `claimdiff --man` writes from the command and
# option tables (the same tables --help prints): fails when it is stale.
# usage: report_manpage.sh CLAIMDIFF SOURCE_ROOT
bin=$1 root=$2
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT
"$bin" --man >"$tmp" || { echo "claimdiff --man failed"; exit 1; }
if ! cmp -s "$tmp" "$root/docs/claimdiff.1"; then
    echo "docs/claimdiff.1 is stale: run '$bin --man > docs/claimdiff.1'"
    diff "$root/docs/claimdiff.1" "$tmp" | head -20
    exit 1
fi
# every long option --help shows for a command is in the man page
for cmd in $("$bin" --complete); do
    for opt in $("$bin" $cmd --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
        grep -q -- "$esc" "$root/docs/claimdiff.1" ||
            { echo "$cmd --help shows $opt, the man page does not"; exit 1; }
    done
done
echo "docs/claimdiff.1 matches claimdiff --man"
