#!/usr/bin/env python3
"""Perturbation benchmark, scorer.

usage: perturb_score.py PERTURB_TSV PERTURB_JSONL MSRP_TRAIN MSRP_JSONL [STS_JSONL]

PERTURB_JSONL is `claimdiff pairs` run on PERTURB_TSV (ids "<kind>/<name>/<n>"),
MSRP_JSONL the same command run on the MSRP training file. Prints, per
perturbation: pairs, judged same claim, right kind named (the acceptance
figure: the expected kind is among the pair's divergences), and pairs that
also report a fact kind (number/date/entity/negation) other than the one
planted; then, on the MSRP pairs labelled equivalent, the share with no fact
divergence, over all of them and over those judged same claim (only those
get divergences at all). STS_JSONL, when given, is `claimdiff pairs` on the
news pairs of STS-B (train, dev, test) with a gold score of 4.0 or more:
the same share on pairs no divergence rule was written from.
"""
import collections
import json
import sys

FACT = {"number", "date", "entity", "negation"}
# A dropped source shows as "framing" when the sentence's framing changes
# (attributed -> asserted) and as "attribution" when it does not (hedged or
# denied either way): either kind names the dropped source.
ACCEPT = {"remove-attribution": {"attribution", "framing"}}


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                j = json.loads(line)
                out[str(j["id"])] = j
    return out


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    res = load(sys.argv[2])
    rows = collections.OrderedDict()
    misses = collections.defaultdict(list)
    total = right_all = 0
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            pid = line.split("\t", 1)[0]
            kind, name, _ = pid.split("/")
            r = rows.setdefault(name, {"kind": kind, "n": 0, "same": 0, "right": 0, "extra": 0})
            r["n"] += 1
            total += 1
            j = res.get(pid)
            if not j:
                misses[name].append((pid, "no output"))
                continue
            kinds = {d["kind"] for d in j.get("divergences", [])}
            r["same"] += j["same_claim"]
            if kinds & ACCEPT.get(name, {kind}):
                r["right"] += 1
                right_all += 1
            else:
                misses[name].append((pid, ",".join(sorted(kinds)) or "none"))
            if (kinds & FACT) - {kind}:
                r["extra"] += 1
    print("| perturbation | expected kind | pairs | same claim | right kind named | other fact kind also named |")
    print("|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['kind']} | {r['n']} | {r['same']} | **{r['right']} = "
              f"{100.0 * r['right'] / r['n']:.1f} %** | {r['extra']} |")
    print(f"| all | | {total} | {sum(r['same'] for r in rows.values())} | **{right_all} = "
          f"{100.0 * right_all / max(total, 1):.1f} %** | {sum(r['extra'] for r in rows.values())} |")

    msrp = load(sys.argv[4])
    eq = eq_same = clean = clean_same = 0
    by_kind = collections.Counter()
    with open(sys.argv[3], encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            p = line.rstrip("\r\n").split("\t")
            if len(p) != 5 or p[0] != "1":
                continue
            j = msrp.get(f"{p[1]}-{p[2]}")
            if not j:
                continue
            eq += 1
            kinds = {d["kind"] for d in j.get("divergences", [])}
            fact = kinds & FACT
            for k in fact:
                by_kind[k] += 1
            clean += not fact
            if j["same_claim"]:
                eq_same += 1
                clean_same += not fact
    print()
    print(f"MSRP train, pairs labelled equivalent: {eq}; judged same claim: {eq_same}")
    print(f"no fact divergence, all equivalent pairs: {clean}/{eq} = {100.0 * clean / max(eq, 1):.1f} %")
    print(f"no fact divergence, equivalent pairs judged same claim: {clean_same}/{eq_same} = "
          f"{100.0 * clean_same / max(eq_same, 1):.1f} %")
    print("fact kinds named on equivalent pairs: " +
          ", ".join(f"{k} {by_kind[k]}" for k in sorted(FACT)))
    if len(sys.argv) == 6:
        n = same = clean = clean_same = 0
        with open(sys.argv[5], encoding="utf-8") as f:
            for line in f:
                j = json.loads(line)
                fact = {d["kind"] for d in j.get("divergences", [])} & FACT
                n += 1
                clean += not fact
                if j["same_claim"]:
                    same += 1
                    clean_same += not fact
        print(f"STS-B news pairs with gold >= 4.0: {n}; no fact divergence {clean}/{n} = "
              f"{100.0 * clean / max(n, 1):.1f} %; judged same claim {same}, of them "
              f"{clean_same} = {100.0 * clean_same / max(same, 1):.1f} %")
    for name, m in misses.items():  # a few misses per perturbation, for reading
        for pid, got in m[:5]:
            print(f"miss {pid}: {got}", file=sys.stderr)


if __name__ == "__main__":
    main()
