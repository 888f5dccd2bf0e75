#!/usr/bin/env python3
"""Draw the framing sample reproducibly and print it as "id<TAB>sentence".

Sources (read in place, never copied into the project; see bench/README.md):
  ../shared/bench/segmentation/gum_news_dev.json   gold sentences of 21 GUM news
      documents (Wikinews texts; GUM annotations CC BY-NC-SA 4.0)
  ../shared/bench/extraction/ground-truth.json     article bodies of 181 pages
      (Scrapinghub benchmark, MIT; the texts belong to their publishers)

The ids are "gum:<doc>:<n>" (n-th gold sentence) and "ext:<page id prefix>:<n>"
(n-th sentence of the body split by the rule below). With --check LABELS the
script verifies that every labelled id still yields the sentence whose hash
prefix the labels file recorded.

Usage: sample.py [--shared DIR] [--heldout] [--check labels.tsv]
"""
import argparse
import hashlib
import json
import os
import random
import re
import sys

N_GUM = 170
N_EXT = 170
SEED = 20261122
# The held-out set: drawn after the rules were tuned on the first sample,
# labelled before the system was run on it, never used for tuning.
HELD_N_GUM = 60
HELD_N_EXT = 90
HELD_SEED = 7101


def words(s):
    return len(s.split())


def split_body(body):
    """Paragraphs on blank or single line breaks, then sentences after . ! ?
    (optionally closed by a quote mark) before a capital or an opening quote."""
    out = []
    for para in re.split(r'\n+', body):
        para = para.strip()
        if not para:
            continue
        parts = re.split(r'(?<=[.!?])(?:(?<=[.!?])["\u201d\u2019\')]?)\s+(?=["\u201c\u2018(]?[A-Z])', para)
        out.extend(p.strip() for p in parts if p.strip())
    return out


def draw(shared, n_gum=N_GUM, n_ext=N_EXT, seed=SEED, exclude=()):
    rng = random.Random(seed)
    gum = json.load(open(os.path.join(shared, 'bench/segmentation/gum_news_dev.json'), encoding='utf-8'))
    pool = []
    for doc in gum:
        for n, s in enumerate(doc['expected']):
            s = ' '.join(s.split())
            if 5 <= words(s) <= 70 and 'gum:%s:%d' % (doc['name'], n) not in exclude:
                pool.append(('gum:%s:%d' % (doc['name'], n), s))
    picked = rng.sample(pool, n_gum)
    gt = json.load(open(os.path.join(shared, 'bench/extraction/ground-truth.json'), encoding='utf-8'))
    pool = []
    for pid in sorted(gt):
        sents = split_body(gt[pid]['articleBody'])
        cand = [('ext:%s:%d' % (pid[:12], n), ' '.join(s.split())) for n, s in enumerate(sents)
                if 6 <= words(s) <= 70 and 'ext:%s:%d' % (pid[:12], n) not in exclude]
        # at most two sentences per page, so no page dominates
        pool.extend(rng.sample(cand, min(2, len(cand))))
    picked += rng.sample(pool, n_ext)
    return picked


def draw_heldout(shared):
    first = set(i for i, _ in draw(shared))
    return draw(shared, HELD_N_GUM, HELD_N_EXT, HELD_SEED, first)


def digest(s):
    return hashlib.sha1(s.encode('utf-8')).hexdigest()[:10]


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--shared', default=os.path.join(here, '..', '..', '..', 'shared'))
    ap.add_argument('--check')
    ap.add_argument('--hash', action='store_true', help='print id, hash, sentence')
    ap.add_argument('--heldout', action='store_true', help='the held-out set instead')
    a = ap.parse_args()
    picked = draw_heldout(a.shared) if a.heldout else draw(a.shared)
    if a.check:
        have = {i: digest(s) for i, s in picked}
        bad = 0
        for ln in open(a.check, encoding='utf-8'):
            if ln.startswith('#') or not ln.strip():
                continue
            f = ln.rstrip('\n').split('\t')
            if have.get(f[0]) != f[1]:
                bad += 1
                print('mismatch: %s' % f[0], file=sys.stderr)
        sys.exit(1 if bad else 0)
    for i, s in picked:
        if a.hash:
            print('%s\t%s\t%s' % (i, digest(s), s))
        else:
            print('%s\t%s' % (i, s))


if __name__ == '__main__':
    main()
