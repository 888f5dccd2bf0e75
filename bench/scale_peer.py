#!/usr/bin/python3
"""scale_peer.py — the peer of the scale benchmark: what a data journalist
would write to group the same claims across N articles with scikit-learn.

    /usr/bin/python3 bench/scale_peer.py [--threshold T] MANIFEST.json|FILE... > report.json

Each text file is cut into paragraphs at blank lines and into sentences with
a regular expression (end punctuation, closing quotes, a space, a capital or
digit). TfidfVectorizer (English stop words, sublinear tf) over all
sentences; cosine similarity of every sentence with every other, a block of
rows at a time (the product of two l2-normalised sparse matrices); pairs of
sentences of different articles at or above the threshold become edges;
connected components with two or more sentences are the groups. Output: the
sources/groups/unmatched shape of a claimdiff/1 report (members {source,
sentence, text}), enough for bench/scale_score.py.

The threshold: 0.7, the best pairwise F1 on the N=100 set of bench/scale.sh
(seed 1) over 0.60, 0.65, ..., 0.85, then kept fixed for every N (see
bench/README.md). Needs Debian's python3-sklearn (run with /usr/bin/python3).
"""
import argparse
import json
import os
import re
import sys

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

THRESHOLD = 0.7
BLOCK = 2000  # rows of the similarity matrix computed at once

BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def split_sentences(text):
    out = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        start = 0
        for m in BOUNDARY.finditer(para):
            end = m.start() + len(m.group(0).rstrip())
            out.append(para[start:end])
            start = m.end()
        if para[start:]:
            out.append(para[start:])
    return out


def inputs(args):
    if len(args) == 1 and args[0].endswith(".json"):
        with open(args[0], encoding="utf-8") as f:
            man = json.load(f)
        base = os.path.dirname(args[0])
        return [os.path.join(base, s["path"]) for s in man["sources"]]
    return args


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    files = inputs(a.files)
    sents, doc_of, idx_in_doc = [], [], []
    for d, path in enumerate(files):
        with open(path, encoding="utf-8", errors="replace") as f:
            for i, s in enumerate(split_sentences(f.read())):
                sents.append(s)
                doc_of.append(d)
                idx_in_doc.append(i + 1)
    doc_of = np.array(doc_of)
    n = len(sents)
    X = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(sents).tocsr()
    XT = X.T.tocsc()
    rows, cols = [], []
    for start in range(0, n, BLOCK):
        sim = (X[start:start + BLOCK] @ XT).tocoo()
        r = sim.row + start
        keep = (sim.data >= a.threshold) & (r < sim.col) & (doc_of[r] != doc_of[sim.col])
        rows.append(r[keep])
        cols.append(sim.col[keep])
    rows = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    cols = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    members = {}
    for i, c in enumerate(label):
        members.setdefault(c, []).append(i)

    def sentence(i):
        return {"source": f"s{doc_of[i] + 1}", "sentence": idx_in_doc[i], "text": sents[i]}

    groups, unmatched = [], []
    for c in sorted(members, key=lambda c: members[c][0]):
        m = members[c]
        if len(m) > 1:
            groups.append({"id": f"g{len(groups) + 1}", "members": [sentence(i) for i in m]})
        else:
            unmatched.append(sentence(m[0]))
    json.dump({"schema": "claimdiff/1", "tool": {"name": "scale_peer.py"},
               "params": {"threshold": a.threshold},
               "sources": [{"id": f"s{d + 1}", "origin": p} for d, p in enumerate(files)],
               "groups": groups, "unmatched": unmatched}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
