#!/usr/bin/env python3
"""scale_score.py — pairwise alignment precision, recall and F1 of a claimdiff/1
report (claimdiff's `compare -f json`, or bench/scale_peer.py's output)
against the ground truth written by bench/scale_gen.py.

    python3 bench/scale_score.py REPORT.json TRUTH.json      one JSON object out
    python3 bench/scale_score.py --table RESULTS.jsonl        the table of bench/scale.sh
    python3 bench/scale_score.py --check REPORT.json TRUTH.json   counts = listed pairs?
    python3 bench/scale_score.py --by-op REPORT.json TRUTH.json   recall per kind of pair
    python3 bench/scale_score.py --selftest       hand-counted cases (a meson test)

Units are the generator's sentences. Each report sentence (members of groups
and unmatched: {source, sentence, text}) is located in its article by text
(alphanumerics only, case-folded, searched in order), and each generated
sentence is mapped to the report sentence that covers at least half of it, so
a segmenter that splits or joins differently costs only what it really
changes. Report sentences that cannot be located (the title dropped by
claimdiff's cleanup is located fine; a sentence whose text was altered is
not) are counted and left out; generated sentences that no report sentence
covers can only lose recall.

- predicted pair: two generated sentences of different articles that sit in
  one group (through their report sentences); each pair counted once even if
  two groups hold it;
- gold pair: two generated sentences of different articles that carry a
  common base sentence (a merged sentence carries two, each half of a split
  one, an added one none; titles carry their story's title);
- P = |pred ∩ gold| / |pred|, R = |pred ∩ gold| / |gold|, F1.

Pairs are counted, not listed (a story of 150 outlets has millions), so a
report that chains everything into one group is scored exactly too.
Story purity (when the report has "stories"): purity = share of articles in
the gold story that dominates their predicted story; completeness = share of
articles in the predicted story that dominates their gold story.
"""
import bisect
import json
import os
import re
import sys
from collections import Counter, defaultdict


def key(text):
    return re.sub(r"\W+", "", text.lower())


def pairs_across(counts):
    """Pairs of items from different articles, given items per article."""
    total = sum(counts)
    return (total * total - sum(c * c for c in counts)) // 2


def load_truth(path):
    with open(path, encoding="utf-8") as f:
        t = json.load(f)
    base_ids = {}
    art_of, bases_of, gold_by_article = [], [], {}
    for ai, art in enumerate(t["articles"]):
        ids = []
        for s in art["sentences"]:
            ids.append(len(art_of))
            art_of.append(ai)
            bases_of.append(tuple(base_ids.setdefault(b, len(base_ids)) for b in s["carries"]))
        gold_by_article[art["id"]] = (ai, ids, [key(s["text"]) for s in art["sentences"]])
    story_of = {a["id"]: a["story"] for a in t["articles"]}
    return t, art_of, bases_of, gold_by_article, story_of


def gold_pair_count(art_of, bases_of):
    carriers = defaultdict(Counter)
    multi = defaultdict(list)
    for g, bs in enumerate(bases_of):
        for b in bs:
            carriers[b][art_of[g]] += 1
            if len(bs) > 1:
                multi[b].append(g)
    n = sum(pairs_across(list(c.values())) for c in carriers.values())
    seen = set()
    for lst in multi.values():  # a pair sharing two bases was counted twice
        for i, x in enumerate(lst):
            for y in lst[i + 1:]:
                if art_of[x] == art_of[y] or (x, y) in seen:
                    continue
                seen.add((x, y))
                n -= len(set(bases_of[x]) & set(bases_of[y])) - 1
    return n


def map_article(gold_ids, gold_keys, rep):
    """rep: [(sentence index, text)] -> {sentence index: [gold ids]}, unmapped count."""
    starts, pos = [], 0
    for k in gold_keys:
        starts.append(pos)
        pos += len(k)
    joined = "".join(gold_keys)
    ranges, unmapped, cursor = [], 0, 0
    for idx, text in sorted(rep):
        k = key(text)
        if not k:
            continue
        p = joined.find(k, cursor)
        if p < 0:
            p = joined.find(k)
        if p < 0:
            unmapped += 1
            continue
        ranges.append((p, p + len(k), idx))
        cursor = p + len(k)
    ranges.sort()
    rstarts = [r[0] for r in ranges]
    out = defaultdict(list)
    for gi, (gs, gk) in enumerate(zip(starts, gold_keys)):
        ge = gs + len(gk)
        if ge == gs:
            continue
        best, best_ov = None, 0
        i = max(0, bisect.bisect_right(rstarts, gs) - 1)
        while i < len(ranges) and ranges[i][0] < ge:
            ov = min(ge, ranges[i][1]) - max(gs, ranges[i][0])
            if ov > best_ov:
                best, best_ov = ranges[i][2], ov
            i += 1
        if best is not None and 2 * best_ov >= ge - gs:
            out[best].append(gold_ids[gi])
    return out, unmapped


def score(report_path, truth_path):
    t, art_of, bases_of, gold_by_article, story_of = load_truth(truth_path)
    with open(report_path, encoding="utf-8") as f:
        rep = json.load(f)
    src_article = {}
    for s in rep.get("sources", []):
        name = os.path.splitext(os.path.basename(s.get("origin") or ""))[0]
        if name in gold_by_article:
            src_article[s["id"]] = name
    texts = defaultdict(dict)
    for g in rep.get("groups", []):
        for m in g["members"]:
            texts[m["source"]][m["sentence"]] = m["text"]
    for m in rep.get("unmatched", []):
        texts[m["source"]][m["sentence"]] = m["text"]
    golds_of = {}  # (source, sentence) -> [gold ids]
    unmapped = report_sentences = 0
    for src, sents in texts.items():
        art = src_article.get(src)
        report_sentences += len(sents)
        if art is None:
            unmapped += len(sents)
            continue
        _, gids, gkeys = gold_by_article[art]
        m, u = map_article(gids, gkeys, list(sents.items()))
        unmapped += u
        for idx, gl in m.items():
            golds_of[(src, idx)] = gl
    covered = sum(len(v) for v in golds_of.values())
    exact = sum(1 for v in golds_of.values() if len(v) == 1)

    pred = tp = 0
    groups_g = []
    membership = Counter()
    for g in rep.get("groups", []):
        members = set()
        for m in g["members"]:
            members.update(golds_of.get((m["source"], m["sentence"]), ()))
        groups_g.append(members)
        membership.update(members)
    for members in groups_g:
        pred += pairs_across(list(Counter(art_of[x] for x in members).values()))
        per_base = defaultdict(Counter)
        multi = []
        for x in members:
            for b in bases_of[x]:
                per_base[b][art_of[x]] += 1
            if len(bases_of[x]) > 1:
                multi.append(x)
        tp += sum(pairs_across(list(c.values())) for c in per_base.values())
        for i, x in enumerate(multi):
            for y in multi[i + 1:]:
                if art_of[x] != art_of[y]:
                    shared = len(set(bases_of[x]) & set(bases_of[y]))
                    if shared > 1:
                        tp -= shared - 1
    # a pair held by two groups (a sentence may sit in two) counts once
    again = Counter()
    for members in groups_g:
        multi = sorted(x for x in members if membership[x] > 1)
        for i, x in enumerate(multi):
            for y in multi[i + 1:]:
                if art_of[x] != art_of[y]:
                    again[(x, y)] += 1
    for (x, y), c in again.items():
        if c > 1:
            pred -= c - 1
            if set(bases_of[x]) & set(bases_of[y]):
                tp -= c - 1
    gold = gold_pair_count(art_of, bases_of)
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    out = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
           "pred_pairs": pred, "gold_pairs": gold, "true_pairs": tp,
           "groups": len(groups_g), "report_sentences": report_sentences,
           "report_sentences_unmapped": unmapped, "gold_sentences": len(art_of),
           "gold_sentences_covered": covered, "gold_sentences_one_to_one": exact}
    if "stories" in rep and rep["stories"]:
        pred_story = {}
        for st in rep["stories"]:
            for s in st["sources"]:
                if s in src_article:
                    pred_story[src_article[s]] = st["id"]
        arts = list(story_of)
        for a in arts:
            pred_story.setdefault(a, "none:" + a)
        def dominant(by, other):
            cl = defaultdict(Counter)
            for a in arts:
                cl[by[a]][other[a]] += 1
            return sum(c.most_common(1)[0][1] for c in cl.values()) / len(arts)
        out["story_purity"] = round(dominant(pred_story, story_of), 4)
        out["story_completeness"] = round(dominant(story_of, pred_story), 4)
        out["stories_pred"] = len(set(pred_story.values()))
        out["stories_gold"] = len(set(story_of.values()))
    return out


def brute_force(report_path, truth_path, by_op=False):
    """The same P/R by listing every pair (slow; for checking score()); with
    by_op, recall per kind of gold pair instead."""
    t, art_of, bases_of, gold_by_article, _ = load_truth(truth_path)
    with open(report_path, encoding="utf-8") as f:
        rep = json.load(f)
    src_article = {s["id"]: os.path.splitext(os.path.basename(s["origin"]))[0]
                   for s in rep["sources"]}
    texts = defaultdict(dict)
    for g in rep.get("groups", []):
        for m in g["members"]:
            texts[m["source"]][m["sentence"]] = m["text"]
    for m in rep.get("unmatched", []):
        texts[m["source"]][m["sentence"]] = m["text"]
    golds_of = {}
    for src, sents in texts.items():
        _, gids, gkeys = gold_by_article[src_article[src]]
        for idx, gl in map_article(gids, gkeys, list(sents.items()))[0].items():
            golds_of[(src, idx)] = gl
    pred = set()
    for g in rep.get("groups", []):
        ms = sorted({x for m in g["members"] for x in golds_of.get((m["source"], m["sentence"]), ())})
        pred.update((x, y) for i, x in enumerate(ms) for y in ms[i + 1:] if art_of[x] != art_of[y])
    by_base = defaultdict(list)
    for g, bs in enumerate(bases_of):
        for b in bs:
            by_base[b].append(g)
    gold = set()
    for lst in by_base.values():
        gold.update((x, y) for i, x in enumerate(lst) for y in lst[i + 1:] if art_of[x] != art_of[y])
    if by_op:
        ops = [s["op"].split("+")[0] for a in t["articles"] for s in a["sentences"]]
        para = [s["op"].endswith("+para") for a in t["articles"] for s in a["sentences"]]
        kinds = defaultdict(lambda: [0, 0])
        for x, y in gold:
            k = "-".join(sorted((ops[x], ops[y]))) + (" paraphrased" if para[x] or para[y] else "")
            kinds[k][0] += 1
            kinds[k][1] += (x, y) in pred
        return {k: {"gold": g, "found": f, "recall": round(f / g, 4)} for k, (g, f) in sorted(kinds.items())}
    return len(pred), len(gold), len(pred & gold)


def selftest():
    """Hand-counted cases (no shared data needed); returns failures."""
    import tempfile
    arts = {  # article -> [(text, carries)]
        "a1": [("Alpha one.", ["x"]), ("Beta two.", ["y"]), ("Gamma three.", ["z"])],
        "a2": [("Alpha one.", ["x"]), ("Beta two, and gamma three.", ["y", "z"]),
               ("Delta four.", [])],
        "a3": [("Alpha half.", ["x"]), ("Alpha other half.", ["x"]), ("Beta 2.", ["y"])],
    }
    truth = {"stories": [{"id": "t1", "articles": list(arts)}],
             "articles": [{"id": a, "file": a + ".txt", "story": "t1",
                           "sentences": [{"text": t, "carries": c, "op": "copy"} for t, c in ss]}
                          for a, ss in arts.items()]}
    src = {a: f"s{i + 1}" for i, a in enumerate(arts)}

    def m(a, i, text=None):
        return {"source": src[a], "sentence": i + 1, "text": text or arts[a][i][0]}
    sources = [{"id": src[a], "origin": "dir/" + a + ".txt"} for a in arts]
    cases = [  # (name, groups, unmatched, expected pred, true, gold, unmapped)
        ("claimdiff-like", [[m("a1", 0), m("a2", 0), m("a3", 0)],
                            [m("a1", 0), m("a2", 0), m("a3", 1)],
                            [m("a1", 1), m("a2", 1), m("a3", 2)], [m("a1", 2), m("a2", 2)]],
         [], 9, 8, 9, 0),
        ("chain-all", [[m(a, i) for a in arts for i in range(3)]], [], 27, 9, 9, 0),
        ("joined halves, unknown text", [[m("a1", 0), m("a3", 0, "Alpha half. Alpha other half.")]],
         [m("a2", 0, "Not in the article.")], 2, 2, 9, 1),
        ("nothing grouped", [], [m("a1", 0)], 0, 0, 9, 0),
    ]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        tp = os.path.join(tmp, "truth.json")
        with open(tp, "w", encoding="utf-8") as f:
            json.dump(truth, f)
        for name, groups, unmatched, pred, true, gold, unm in cases:
            rp = os.path.join(tmp, "report.json")
            with open(rp, "w", encoding="utf-8") as f:
                json.dump({"sources": sources, "groups": [{"members": g} for g in groups],
                           "unmatched": unmatched}, f)
            r = score(rp, tp)
            got = (r["pred_pairs"], r["true_pairs"], r["gold_pairs"], r["report_sentences_unmapped"])
            listed = brute_force(rp, tp)
            ok = got == (pred, true, gold, unm) and listed == (pred, gold, true)
            failures += not ok
            print(f"{'ok' if ok else 'FAIL'}: {name}: pred/true/gold/unmapped {got}, "
                  f"expected {(pred, true, gold, unm)}, listed {listed}")
    return failures


def fmt_time(s):
    return "—" if s is None else (f"{s:.2f} s" if s < 10 else f"{s:.0f} s")


def table(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    by_n = defaultdict(dict)
    for r in rows:
        by_n[r["n"]][r["system"]] = r
    print("| N | sentences | claimdiff time | peak MB | P | R | F1 | peer time | peak MB | P | R | F1 | time ratio | memory ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in sorted(by_n):
        c, q = by_n[n].get("claimdiff", {}), by_n[n].get("peer", {})
        cells = [str(n), str(c.get("gold_sentences", q.get("gold_sentences", "")))]
        for r in (c, q):
            if r.get("status", "ok") != "ok":
                cells += [r.get("status", "—")] + ["—"] * 4
                continue
            cells += [fmt_time(r.get("seconds")), f"{r['peak_kb'] / 1024:.0f}" if "peak_kb" in r else "—"]
            cells += [f"{r[k]:.3f}" if k in r else "—" for k in ("precision", "recall", "f1")]
        if c.get("seconds") and q.get("seconds") and q.get("status", "ok") == "ok":
            cells.append(f"×{q['seconds'] / c['seconds']:.1f}")
            cells.append(f"×{q['peak_kb'] / c['peak_kb']:.1f}")
        else:
            cells += ["—", "—"]
        print("| " + " | ".join(cells) + " |")


def main(argv):
    if len(argv) == 2 and argv[0] == "--table":
        table(argv[1])
        return 0
    if argv == ["--selftest"]:
        return 1 if selftest() else 0
    if len(argv) == 3 and argv[0] == "--by-op":
        for k, v in brute_force(argv[1], argv[2], by_op=True).items():
            print(f"{k:28} gold {v['gold']:8}  found {v['found']:8}  recall {v['recall']:.3f}")
        return 0
    if len(argv) == 3 and argv[0] == "--check":
        fast = score(argv[1], argv[2])
        slow = brute_force(argv[1], argv[2])
        got = (fast["pred_pairs"], fast["gold_pairs"], fast["true_pairs"])
        print(f"counted {got}, listed {slow}: {'same' if got == slow else 'DIFFERENT'}")
        return 0 if got == slow else 1
    if len(argv) != 2:
        print("usage: scale_score.py REPORT.json TRUTH.json | --table RESULTS.jsonl"
              " | --check|--by-op REPORT.json TRUTH.json | --selftest", file=sys.stderr)
        return 2
    try:
        print(json.dumps(score(argv[0], argv[1])))
    except (OSError, ValueError, KeyError) as e:
        print(f"scale_score: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
