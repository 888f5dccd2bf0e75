#!/bin/sh
# extraction.sh BUILD_DIR [--readability] — article-body extraction on the
# 181 pages of ../shared/bench/extraction (the Scrapinghub/Zyte article
# extraction benchmark): F1/precision/recall of `claimdiff extract -f json`
# with ../shared/bench/tools/extract_score.py, the median time per page
# next to libxml2's HTML parse alone (bench_parse_only, built here), and
# peak memory. --readability also times Mozilla Readability.js (npm).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared=$root/../shared/bench
build=${1:-}
if [ -z "$build" ]; then
    echo "usage: bench/extraction.sh BUILD_DIR [--readability]" >&2
    exit 2
fi
build=$(cd "$build" && pwd)
if [ ! -d "$shared/extraction/html" ]; then
    echo "extraction.sh: $shared/extraction is absent; skipping" >&2
    exit 0
fi
meson compile -C "$build" claimdiff bench_parse_only >/dev/null
bin=$build/claimdiff
parse=$build/bench_parse_only
tmp=$(mktemp -d /tmp/cd-extract-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/html" "$tmp/json" "$tmp/pred"
for gz in "$shared"/extraction/html/*.html.gz; do
    id=$(basename "$gz" .html.gz)
    gunzip -c "$gz" >"$tmp/html/$id.html"
done

# Extract, one process per page (the way a user runs it), timing each run.
python3 - "$bin" "$parse" "$tmp" "${2:-}" <<'PY'
import json, os, statistics, subprocess, sys, time
bin_, parse, tmp, extra = sys.argv[1:5]
pages = sorted(f[:-5] for f in os.listdir(f"{tmp}/html") if f.endswith(".html"))
def run(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0, p
t_cd, t_parse, failed = [], [], 0
for pid in pages:
    html = f"{tmp}/html/{pid}.html"
    dt, p = run([bin_, "extract", "-f", "json", html])
    t_cd.append(dt)
    paras = []
    try:
        src = json.loads(p.stdout)["sources"][0]
        paras = [q["text"] for q in src.get("paragraphs", []) if q["kind"] != "title"]
    except (ValueError, KeyError, IndexError):
        failed += 1
    with open(f"{tmp}/pred/{pid}.txt", "w", encoding="utf-8") as f:
        f.write("\n\n".join(paras))
    dt, _ = run([parse, html])
    t_parse.append(dt)
ms = lambda v: statistics.median(v) * 1000
print(f"pages: {len(pages)}, no output: {failed}")
print(f"median per page, whole process: claimdiff extract -f json {ms(t_cd):.2f} ms, "
      f"libxml2 parse only {ms(t_parse):.2f} ms (bench_parse_only)")
# In-process times (no process start-up, best of 3 per page): libxml2's parse
# alone vs claimdiff's charset sniffing + parse + article extraction.
def inproc(flag):
    best = None
    for _ in range(3):
        out = subprocess.run([parse] + flag + [f"{tmp}/html/{p}.html" for p in pages],
                             stdout=subprocess.PIPE, text=True).stdout.split("\n")
        t = [float(l.split()[0]) for l in out if l.strip()]
        best = t if best is None else [min(a, b) for a, b in zip(best, t)]
    return best
tp, tx = inproc([]), inproc(["--extract"])
print(f"median per page in one process: libxml2 parse {ms(tp):.2f} ms, "
      f"cd_html_parse + cd_html_extract {ms(tx):.2f} ms "
      f"(ratio {statistics.median(tx) / statistics.median(tp):.2f}); "
      f"totals {sum(tp):.3f} s vs {sum(tx):.3f} s")
PY

# Peak memory on the largest page.
big=$(ls -S "$tmp"/html/*.html | head -1)
if [ -x /usr/bin/time ]; then
    kb=$(/usr/bin/time -v "$bin" extract -f json "$big" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
    kbp=$(/usr/bin/time -v "$parse" "$big" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
    echo "peak RSS on the largest page ($(($(wc -c <"$big") / 1024)) KiB): claimdiff ${kb} KiB, parse only ${kbp} KiB"
fi

if [ "${2:-}" = "--readability" ]; then
    if command -v npm >/dev/null && command -v node >/dev/null; then
        mkdir -p "$tmp/node"
        (cd "$tmp/node" && npm install --silent --no-audit --no-fund \
            @mozilla/readability@0.6.0 jsdom@27.0.0 >/dev/null 2>&1) || echo "npm install failed" >&2
        cat >"$tmp/node/run.js" <<'JS'
const fs = require('fs');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');
const times = [];
for (const f of process.argv.slice(2)) {
  const html = fs.readFileSync(f, 'utf8');
  const t0 = process.hrtime.bigint();
  const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
  new Readability(dom.window.document).parse();
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  dom.window.close();
}
times.sort((a, b) => a - b);
console.log(`Readability.js 0.6.0 + jsdom 27.0.0 in one node process (jsdom parse + Readability): median ${times[times.length >> 1].toFixed(2)} ms per page`);
JS
        (cd "$tmp/node" && node run.js "$tmp"/html/*.html) || echo "Readability run failed" >&2
    else
        echo "node/npm not found: Readability.js skipped" >&2
    fi
fi

gt=$shared/extraction/ground-truth.json
python3 "$shared/tools/extract_score.py" --gt "$gt" --per-page "$tmp/per-page.tsv" "$tmp/pred"
if [ -n "${CD_BENCH_KEEP:-}" ]; then
    rm -rf "$CD_BENCH_KEEP"
    cp -r "$tmp" "$CD_BENCH_KEEP"
    echo "kept: $CD_BENCH_KEEP"
fi
