#!/usr/bin/env python3
"""Score framing predictions against bench/framing/labels.tsv.

Input (stdin): the output of bench_frame_sample,
  id<TAB>framing<TAB>source<TAB>cue<TAB>hedges<TAB>baseline
Prints precision/recall/F1 for attributed and hedged (one-vs-rest on the
label), the same for the bare hedge-word-list baseline, the confusion
matrix, and with --errors every disagreement.
"""
import argparse
import collections
import os
import sys

LABELS = ('asserted', 'attributed', 'hedged', 'denied')


def prf(gold, pred, cls):
    tp = sum(1 for g, p in zip(gold, pred) if g == cls and p == cls)
    fp = sum(1 for g, p in zip(gold, pred) if g != cls and p == cls)
    fn = sum(1 for g, p in zip(gold, pred) if g == cls and p != cls)
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F, tp + fn


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--labels', default=os.path.join(here, 'labels.tsv'))
    ap.add_argument('--errors', action='store_true')
    ap.add_argument('--sentences', help='sample.py output, to print the sentences of errors')
    a = ap.parse_args()
    gold = {}
    for ln in open(a.labels, encoding='utf-8'):
        if ln.startswith('#') or not ln.strip():
            continue
        f = ln.rstrip('\n').split('\t')
        gold[f[0]] = (f[2], f[3])
    text = {}
    if a.sentences:
        for ln in open(a.sentences, encoding='utf-8'):
            i, s = ln.rstrip('\n').split('\t', 1)
            text[i] = s
    pred, base = {}, {}
    for ln in sys.stdin:
        f = ln.rstrip('\n').split('\t')
        pred[f[0]] = (f[1], f[2], f[3], f[4])
        base[f[0]] = f[5]
    ids = [i for i in gold if i in pred]
    if len(ids) != len(gold):
        sys.exit('score.py: %d labelled sentences have no prediction' % (len(gold) - len(ids)))
    g = [gold[i][0] for i in ids]
    p = [pred[i][0] for i in ids]
    b = [base[i] for i in ids]
    print('sentences: %d (%s)' % (len(ids), ', '.join('%s %d' % (c, g.count(c)) for c in LABELS)))
    print('| class | system | P | R | F1 | gold |')
    print('|---|---|---|---|---|---|')
    for cls in ('attributed', 'hedged'):
        P, R, F, n = prf(g, p, cls)
        print('| %s | claimdiff | %.3f | %.3f | %.3f | %d |' % (cls, P, R, F, n))
    P, R, F, n = prf(g, b, 'hedged')
    print('| hedged | baseline: any hedges_wooorm entry | %.3f | %.3f | %.3f | %d |' % (P, R, F, n))
    P, R, F, n = prf(g, p, 'denied')
    print('| denied | claimdiff | %.3f | %.3f | %.3f | %d |' % (P, R, F, n))
    acc = sum(1 for x, y in zip(g, p) if x == y) / len(ids)
    print('accuracy over the four labels: %.3f' % acc)
    # attribution source: exact match (case-insensitive) where both name one
    both = [(gold[i][1], pred[i][1]) for i in ids if gold[i][0] == 'attributed' and
            pred[i][0] == 'attributed' and gold[i][1] != '-']
    exact = sum(1 for x, y in both if x.lower() == y.lower())
    print('source exact match on attributed sentences with a named source: %d/%d' % (exact, len(both)))
    cm = collections.Counter(zip(g, p))
    print('confusion (gold -> predicted):')
    for x in LABELS:
        print('  %-10s ' % x + ' '.join('%s=%d' % (y[:4], cm[(x, y)]) for y in LABELS))
    if a.errors:
        for i in ids:
            if gold[i][0] != pred[i][0]:
                print('%s\tgold=%s pred=%s src=%s cue=%s hedges=%s\t%s' % (
                    i, gold[i][0], pred[i][0], pred[i][1], pred[i][2], pred[i][3], text.get(i, '')))


if __name__ == '__main__':
    main()
