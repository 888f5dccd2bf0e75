#!/usr/bin/env python3
"""Perturbation benchmark, generator: real news sentences, each changed in
one known way, written as `claimdiff pairs` TSV (id<TAB>original<TAB>changed).

The id is "<expected kind>/<perturbation>/<n>": the divergence kind
`claimdiff pairs` should name for the pair (for remove-attribution the
scorer also accepts "framing": see bench/README.md). Sentences come from the MSRP
training file (#1 strings) and the news rows of the STS-B training file
(sentence1), deduplicated, in file order; each perturbation takes the first
PER_KIND sentences it applies to (a sentence is used by one perturbation at
most, in a fixed rotation). Deterministic: no randomness at all.

usage: perturb_gen.py MSRP_TRAIN STS_TRAIN [PER_KIND] > pairs.tsv
"""
import re
import sys

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTH_RE = "|".join(MONTHS) + r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
AUX = r"is|are|was|were|will|would|can|could|has|have|had|should|must|did|does"
# replacement names: made up for this benchmark, unlikely in the sources
NAMES1 = ["Lindqvist", "Okafor", "Moreau", "Nakamura", "Bellweather", "Castellanos", "Haverford",
          "Ostrowski"]
NAMES2 = ["Maria Lindqvist", "Tomas Okafor", "Claire Moreau", "Kenji Nakamura",
          "Ruth Bellweather", "Diego Castellanos"]
# words swapped into a quotation
QUOTE_WORDS = ["wonderful", "terrible", "dangerous", "ordinary", "unusual", "difficult",
               "excellent", "hopeless"]
HEDGES = ["reportedly", "allegedly", "apparently"]
# evaluative words from the project's own list (data/lexicons/loaded.txt)
LOADED = ["notorious", "so-called", "infamous", "sinister", "ruthless", "draconian",
          "repressive", "shameful", "bizarre", "disgraceful"]
NEGATION_WORDS = re.compile(r"\b(not|never|no|n't|nobody|nothing|none|neither|nor|without)\b",
                            re.I)


def read_sentences(msrp, sts):
    seen, out = set(), []
    with open(msrp, encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            p = line.rstrip("\r\n").split("\t")
            if len(p) == 5:
                out.append(p[3])
    with open(sts, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\r\n").split("\t")
            if len(p) >= 7 and p[0] == "main-news":
                out.append(p[5])
    res = []
    for s in out:
        s = s.strip()
        if 30 <= len(s) <= 300 and s not in seen:
            seen.add(s)
            res.append(s)
    return res


def fmt_like(orig, value):
    if "," in orig:
        return f"{value:,}"
    return str(value)


def p_number(s, n):
    for m in re.finditer(r"(?<![\w.,/-])\$?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w/]|[.,]\d)", s):
        num = m.group(1)
        plain = num.replace(",", "")
        if re.fullmatch(r"(19|20)\d\d", plain):
            continue  # a year: a date, not a number
        if re.search(r"\b(" + MONTH_RE + r") $", s[:m.start()]) or \
                re.match(r" (" + MONTH_RE + r")", s[m.end():]):
            continue  # a day of the month: a date
        if re.match(r"[:/]\d| \d+/\d", s[m.end():]) or s[m.start() - 1:m.start()] in ":/":
            continue  # a time (2:05) or a fraction (1 5/8): not a plain number
        if "." in plain:
            dec = len(plain.split(".")[1])
            new = f"{float(plain) + 1.5:.{dec}f}"
        else:
            v = int(plain)
            new = fmt_like(num, v + max(2, v // 3))
        a, b = m.span(1)
        return s[:a] + new + s[b:]
    return None


def p_date(s, n):
    m = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\b", s)
    if m:
        day = WEEKDAYS[(WEEKDAYS.index(m.group(1)) + 2) % 7]
        return s[:m.start()] + day + s[m.end():]
    m = re.search(r"\b(" + MONTH_RE + r") (\d{1,2})\b(?!,? ?\d{3})", s)
    if m:
        d = int(m.group(2))
        nd = d + 3 if d <= 25 else d - 3
        return s[:m.start(2)] + str(nd) + s[m.end(2):]
    return None


def p_entity(s, n):
    """Replace one whole name (a maximal run of capitalised words inside the
    sentence) with a made-up name of as many words (one or two+)."""
    skip = set(WEEKDAYS + MONTHS + ["The", "A", "An", "I", "He", "She", "It", "We", "They", "But",
                                    "And", "In", "On", "At", "Mr", "Mrs", "Ms", "Dr", "No"])
    words = s.split(" ")
    i = 1
    while i < len(words):
        if not re.fullmatch(r"[A-Z][a-z]{2,}[,;:]?", words[i]):
            i += 1
            continue
        j = i
        while j < len(words) and re.fullmatch(r"[A-Z][a-z]{2,}[,;:]?", words[j]):
            j += 1
            if words[j - 1][-1] in ",;:":
                break
        run = [w.rstrip(",;:") for w in words[i:j]]
        prev, nxt = words[i - 1], words[j] if j < len(words) else ""
        after = words[j + 1] if j + 1 < len(words) else ""
        before = words[i - 2] if i >= 2 else ""
        whole = (not re.match(r"[A-Z]", nxt) or words[j - 1][-1] in ",;:") and \
            not prev.endswith(".") and not re.match(r"[A-Z]", prev) and \
            not (nxt in ("of", "de", "&") and re.match(r"[A-Z]", after)) and \
            not (prev in ("of", "de", "&") and re.match(r"[A-Z]", before)) and \
            s.count(run[-1]) == 1  # the only mention: "Rambus ... Rambus" is not changed
        if whole and not any(w in skip for w in run):
            pool = NAMES2 if len(run) > 1 else NAMES1
            new = pool[n % len(pool)]
            if any(w in s for w in new.split()):
                new = pool[(n + 1) % len(pool)]
            tail = words[j - 1][len(run[-1]):]
            return " ".join(words[:i] + [new + tail] + words[j:])
        i = j
    return None


def p_negation(s, n):
    if NEGATION_WORDS.search(s):
        return None  # keep "add a negation" unambiguous
    m = re.search(r"\b(" + AUX + r") (?!not\b|only\b|just\b)([a-z]+)", s)
    if not m:
        return None
    return s[:m.end(1)] + " not" + s[m.end(1):]


def p_hedge(s, n):
    if '"' in s or "\u201c" in s:
        return None  # a hedge inside a quotation is not the outlet's framing
    m = re.search(r"\b(will) ([a-z]+)", s)
    if m and n % 2 == 0:
        return s[:m.start(1)] + "may" + s[m.end(1):]
    m = re.search(r"\b(is|are|was|were|has|have|had) ([a-z]+)", s)
    if not m or re.search(r"\b(may|might|reportedly|allegedly|apparently)\b", s):
        return None
    return s[:m.end(1)] + " " + HEDGES[n % len(HEDGES)] + s[m.end(1):]


SRC = r"(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*|he|she|they|officials|police|analysts|experts|the company|a spokesman|a spokeswoman)"


def p_attribution(s, n):
    if '"' in s:
        return None
    m = re.fullmatch(r"(.+?),? according to [^,]+\.", s)
    if m:
        return m.group(1) + "."
    m = re.fullmatch(r"According to [^,]+, (.+)", s)
    if m:
        r = m.group(1)
        return r[0].upper() + r[1:]
    m = re.fullmatch(r"(.+), (?:" + SRC + r")(?: [A-Z][\w.'-]*)*(?:,[^,]+,)? (?:said|says|told [^.]+|reported|added)\.", s)
    if m and len(m.group(1).split()) >= 5:
        return m.group(1) + "."
    m = re.fullmatch(r"(" + SRC + r") (?:said|says) (?:that )?(.+)", s)
    if m and len(m.group(2).split()) >= 5:
        r = m.group(2)
        return r[0].upper() + r[1:]
    return None


def p_quote(s, n):
    # an opening mark: an even number of marks before it (not the stretch
    # between a closing and the next opening mark)
    for m in re.finditer(r'"([^"]{12,})"', s):
        if s.count('"', 0, m.start()) % 2 == 0:
            break
    else:
        return None
    inner, off = m.group(1), m.start(1)
    cands = [w for w in re.finditer(r"\b[a-z]{4,}\b", inner)
             if w.group(0) not in ("that", "this", "with", "have", "they", "their", "there",
                                   "were", "been", "will", "would", "from", "what", "when")]
    if len(inner.split()) < 3 or not cands:
        return None
    w = cands[n % len(cands)]
    new = QUOTE_WORDS[n % len(QUOTE_WORDS)]
    if new == w.group(0):
        new = QUOTE_WORDS[(n + 1) % len(QUOTE_WORDS)]
    a, b = off + w.start(), off + w.end()
    return s[:a] + new + s[b:]


def p_loaded(s, n):
    if s.count('"') % 2:
        return None  # a quotation left open: where the outlet's voice is, is unclear
    for m in re.finditer(r"\b([Tt]he) ([a-z]{4,})\b", s):
        if s.count('"', 0, m.start()) % 2 == 0:  # the outlet's own voice, not a quotation
            break
    else:
        return None
    return s[:m.end(1)] + " " + LOADED[n % len(LOADED)] + s[m.end(1):]


# (expected kind, perturbation name, function)
PERTURBATIONS = [
    ("number", "change-number", p_number),
    ("date", "change-date", p_date),
    ("entity", "change-entity", p_entity),
    ("negation", "add-negation", p_negation),
    ("framing", "insert-hedge", p_hedge),
    ("attribution", "remove-attribution", p_attribution),
    ("quote", "swap-quote-word", p_quote),
    ("loaded", "add-loaded-word", p_loaded),
]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    per_kind = int(sys.argv[3]) if len(sys.argv) > 3 else 150
    sents = read_sentences(sys.argv[1], sys.argv[2])
    counts = [0] * len(PERTURBATIONS)
    used = set()
    # rarer perturbations first, so that common ones do not take their sentences
    order = sorted(range(len(PERTURBATIONS)), key=lambda k: ["change-date", "swap-quote-word",
                   "remove-attribution", "change-entity", "change-number", "add-negation",
                   "insert-hedge", "add-loaded-word"].index(PERTURBATIONS[k][1]))
    for k in order:
        kind, name, fn = PERTURBATIONS[k]
        for i, s in enumerate(sents):
            if counts[k] >= per_kind:
                break
            if i in used:
                continue
            t = fn(s, counts[k])
            if t is None or t == s:
                continue
            used.add(i)
            print(f"{kind}/{name}/{counts[k] + 1}\t{s}\t{t}")
            counts[k] += 1
    for k, (kind, name, _) in enumerate(PERTURBATIONS):
        print(f"{name}: {counts[k]} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
