#!/usr/bin/env python3
"""scale_gen.py — N news articles with known sentence alignment, for the scale
benchmark of `claimdiff compare` (bench/scale.sh, bench/README.md).

    python3 bench/scale_gen.py CLAIMDIFF SHARED_BENCH N OUTDIR [--seed S] [--seg-cache FILE]

Base texts: the article bodies of SHARED_BENCH/extraction/ground-truth.json
(Scrapinghub article-extraction benchmark, MIT), read at run time and never
copied into the repository. Added sentences ("the outlet's own context") come
from other news text: the #1 sentences of SHARED_BENCH/paraphrase (MSRP train)
and sentence1 of the news rows of SHARED_BENCH/sts, each used at most once.

Stories: English prose texts only, one kept per event (see SIMILAR_*), each
cut into stories of whole paragraphs (chunks()); ceil(N / MEAN_OUTLETS)
stories with 2..MAX_OUTLETS outlets each (story_sizes()). The knobs below
and bench/README.md give every rate.

Segmentation: the base bodies are split by claimdiff itself
(`claimdiff sentences -f json --no-clean`), so every generated sentence starts
as one of claimdiff's own sentences (with --seg-cache, the segmentation of
the first run is kept and reused, so a later segmenter change does not
change the set); splits end the first half with a period
and merges join with ", and ". The ground truth keeps the text of every
sentence, so the scorer maps report sentences back by text (alphanumerics
only) rather than by index, and reports how many it could not map.

Writes OUTDIR/aNNNNN.txt (title line, blank line, paragraphs separated by
blank lines), OUTDIR/manifest.json (claimdiff's manifest) and OUTDIR/truth.json:
{"schema": "claimdiff-scale/1", "n", "seed", "params", "stories": [{"id",
"base", "url", "articles"}], "articles": [{"id", "file", "story",
"sentences": [{"text", "carries": [base ids], "op"}]}]}. A base id is
"tK.I" (sentence I of story K's part of its base text) or "tK.title"; a title made from
the lead (when the URL gives none) carries only the title; a base line that does not
read as a sentence (list item, caption, button label) is left out; an added sentence
carries nothing. Standard library only; deterministic for (N, seed).
"""
import hashlib
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

GEN_VERSION = 6

# Variation knobs (per outlet version unless said otherwise).
P_TRUNCATE = 0.3      # the version cuts the last paragraphs ...
TRUNC_KEEP = (0.6, 0.95)  # ... keeping this share of them
P_DROP = 0.08         # each sentence left out
P_MERGE = 0.05        # each adjacent pair in a paragraph joined with ", and "
P_SPLIT = 0.06        # each long sentence cut in two at a clause boundary
P_PARAPHRASE = 0.5    # each sentence gets synonym swaps and small edits
P_SWAP_WORD = 0.8     # ... each matching word swapped
P_LOCAL_SWAP = 0.1    # each adjacent pair of sentences in a paragraph swapped
P_MOVE_PARA = 0.3     # one paragraph moved elsewhere
P_SWAP_PARAS = 0.15   # two paragraphs swapped
ADDED = (0, 0, 1, 1, 1)   # added sentences per version, drawn uniformly
P_ADDED_OWN_PARA = 0.4
STORY_SENTENCES = 28  # a base text is cut into stories of whole paragraphs of about this many
MIN_BASE_SENTENCES = 8    # sentences (a shorter text or tail is no story of its own)
MAX_PARTS = 8         # stories taken from one base text
MAX_OUTLETS = 40      # outlets of one story
MIN_ENGLISH = 0.15    # share of English function words: below it a text is not English prose
SIMILAR_TEXTS = 0.15  # word-set Jaccard at which a base text counts as the same event
SIMILAR_NAMES = 0.2   # ... or Jaccard of the capitalised words (names)
MEAN_OUTLETS = 6      # stories = ceil(N / this), at most the stories available
SIZE_SIGMA = 0.75     # outlets per story: lognormal weights, 2 to MAX_OUTLETS

# Synonym swaps (written for this benchmark; one direction where the reverse
# would be ambiguous, e.g. "state" the noun).
SYNONYMS = {
    "said": "stated", "says": "states", "say": "state", "told": "informed",
    "buy": "purchase", "buys": "purchases", "bought": "purchased",
    "buying": "purchasing", "purchase": "buy", "meeting": "gathering",
    "talks": "negotiations", "big": "large", "large": "big", "huge": "massive",
    "helped": "assisted", "helping": "assisting", "showed": "revealed",
    "began": "started", "begin": "start", "people": "individuals",
    "many": "numerous", "company": "firm", "companies": "firms",
    "rise": "increase", "rose": "increased", "rising": "increasing",
    "fell": "dropped", "needed": "required", "tried": "attempted",
    "announced": "unveiled", "expected": "anticipated",
    "important": "significant", "quickly": "rapidly", "children": "kids",
    "car": "vehicle", "cars": "vehicles", "jobs": "positions",
    "government": "administration", "officials": "authorities",
    "cuts": "reductions", "nearly": "almost", "almost": "nearly",
    "decided": "chose", "allow": "permit", "allowed": "permitted",
    "warned": "cautioned", "country": "nation", "countries": "nations",
    "agreement": "deal", "deal": "agreement", "residents": "locals",
    "injured": "wounded", "attack": "assault", "investigation": "probe",
    "investigating": "probing", "spokesperson": "representative",
    "spokesman": "representative", "employees": "workers",
    "percent": "per cent", "however": "but", "start": "launch",
    "received": "got", "enough": "sufficient", "help": "aid",
    "show": "display", "shows": "displays", "month": "period",
    "week": "seven days", "reported": "revealed",
    "planned": "intended", "increased": "grew",
    "several": "a number of", "used": "employed", "using": "employing",
    "first": "initial", "major": "key", "recent": "latest",
    "currently": "presently", "earlier": "previously", "found": "discovered",
    "claims": "allegations", "added": "continued", "believe": "think",
    "approximately": "about",
    "around": "about", "because": "as", "after": "following",
    "before": "prior to", "during": "throughout", "despite": "in spite of",
}
# Small edits: (pattern, replacement), applied at most once each.
EDITS = [
    (r"\bdid not\b", "didn't"), (r"\bdidn't\b", "did not"),
    (r"\bis not\b", "isn't"), (r"\bdo not\b", "don't"),
    (r"\bdoes not\b", "doesn't"), (r"\bwill not\b", "won't"),
    (r"\bcannot\b", "can't"), (r"\bIt is\b", "It's"), (r"\bit is\b", "it's"),
    (r"\bsaid that\b", "said"), (r"\bvery ", ""), (r"\breally ", ""),
    (r"\bjust ", ""), (r"\bMr\. ", "Mr "), (r"\bon (Monday|Tuesday|Wednesday|"
                                          r"Thursday|Friday|Saturday|Sunday)\b", r"\1"),
]
SPLIT_AT = re.compile(r",? (?:and|but|while|although|which|because) |; |, ")
LOWER_STARTS = {"The", "A", "An", "It", "He", "She", "They", "We", "This",
                "That", "These", "Those", "In", "On", "At", "But", "And",
                "Its", "His", "Her", "Their", "There", "As", "For", "With"}


def die(msg):
    print(f"scale_gen: error: {msg}", file=sys.stderr)
    sys.exit(2)


def key(text):
    return re.sub(r"\W+", "", text.lower())


def words(text):
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 3}


ENGLISH = set("""the a an of to in and or but is are was were be been it its that this
these those for on at by with from as he she they we you i his her their our not no
has have had will would can could said says""".split())


def names(text):
    """Capitalised words not at the start of a sentence (names, mostly)."""
    return {m.lower() for m in re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b", text)}


def english_share(text):
    """Share of English function words among the words of a text."""
    ws = re.findall(r"\w+", text.lower())
    return sum(w in ENGLISH for w in ws) / max(1, len(ws))


def prose(text):
    """A sentence of prose: 4+ words, most of them not numbers (not a table
    row), ending as a sentence ends (not a list item, caption, heading or
    button label: "BGR may receive a commission", "Apple Watch Series 4")."""
    ws = text.split()
    end = text.rstrip(")]\"'\u201d\u2019")
    return (len(ws) >= 4 and sum(any(c.isdigit() for c in w) for w in ws) * 3 < len(ws)
            and end[-1:] in (".", "!", "?", "\u2026"))


def segment(claimdiff, bodies):
    """claimdiff's sentences of each body, grouped in paragraphs."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, body in enumerate(bodies):
            p = os.path.join(tmp, f"b{i:04d}.txt")
            with open(p, "w", encoding="utf-8") as f:
                f.write(body)
            paths.append(p)
        r = subprocess.run([claimdiff, "sentences", "-f", "json", "--no-clean", "-q", *paths],
                           capture_output=True)
        if r.returncode not in (0, 3):
            die(f"claimdiff sentences failed: {r.stderr.decode(errors='replace').strip()}")
        rep = json.loads(r.stdout)
    by_src = {s["id"]: i for i, s in enumerate(rep["sources"])}
    sents = [[] for _ in bodies]
    for s in rep["sentences"]:
        sents[by_src[s["source"]]].append(s)
    out = []
    for i, body in enumerate(bodies):
        raw = body.encode("utf-8")
        # paragraph boundaries: byte offsets of blank-line runs
        breaks = [m.end() for m in re.finditer(rb"\n\s*\n", raw)]
        paras, cur, pi = [], [], 0
        for s in sents[i]:
            start = s["span"][0]
            np_ = sum(1 for b in breaks if b <= start)
            if np_ != pi and cur:
                paras.append(cur)
                cur = []
            pi = np_
            text = " ".join(s["text"].split())
            if text:
                cur.append(text)
        if cur:
            paras.append(cur)
        out.append(paras)
    return out


def headline(url, paras, part):
    """A title from the URL slug (the first story of a base text), or None:
    the caller then makes one from the story's first sentence."""
    slug = re.split(r"[/?#]", url.rstrip("/")) if part == 0 else []
    for part in reversed(slug):
        part = re.sub(r"\.(html?|php)$", "", part)
        toks = [t for t in re.split(r"[-_]+", part) if t.isalpha() and len(t) < 20]
        if len(toks) >= 3:
            t = " ".join(toks)
            return t[0].upper() + t[1:]
    return None


def load_fillers(shared, rng):
    pool = []
    msrp = os.path.join(shared, "paraphrase", "msr_paraphrase_train.txt")
    if os.path.exists(msrp):
        with open(msrp, encoding="utf-8-sig") as f:
            next(f)
            for line in f:
                cols = line.rstrip("\r\n").split("\t")
                if len(cols) >= 5:
                    pool.append(cols[3])
    for name in ("sts-train.no-msrp-test.csv", "sts-dev.no-msrp-test.csv",
                 "sts-test.no-msrp-test.csv"):
        p = os.path.join(shared, "sts", name)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                for line in f:
                    cols = line.rstrip("\r\n").split("\t")
                    if len(cols) >= 7 and cols[0] == "main-news":
                        pool.append(cols[5])
    # keep sentences that read as sentences and are not near-duplicates of
    # one already kept (word-set Jaccard >= 0.5, through an inverted index)
    kept, index = [], {}
    for s in pool:
        s = " ".join(s.split())
        ws = words(s)
        if len(s.split()) < 6 or not s[0].isupper() or s[-1] not in ".!?\"”":
            continue
        cand = {}
        for w in ws:
            for j in index.get(w, ()):
                cand[j] = cand.get(j, 0) + 1
        if any(c / len(ws | kept[j][1]) >= 0.5 for j, c in cand.items()):
            continue
        for w in ws:
            index.setdefault(w, []).append(len(kept))
        kept.append((s, ws))
    fillers = [s for s, _ in kept]
    rng.shuffle(fillers)
    return fillers


def match_case(src, repl):
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def paraphrase(text, rng):
    def swap(m):
        w = m.group(0)
        r = SYNONYMS.get(w.lower())
        if r is None or (w.isupper() and len(w) > 1) or rng.random() >= P_SWAP_WORD:
            return w
        return match_case(w, r)
    text = re.sub(r"[A-Za-z]+", swap, text)
    for pat, rep in EDITS:
        if rng.random() < 0.5 and re.search(pat, text):
            new = re.sub(pat, rep, text, count=1)
            if new and new[0].isalnum():
                text = new[0].upper() + new[1:] if text[0].isupper() else new
    return text


def can_join(text):
    return text.endswith(".") and not text.endswith((".”", '."', "...", "’.")) and len(text.split()) < 30


def merge(a, b):
    first, rest = b.split(" ", 1) if " " in b else (b, "")
    if first in LOWER_STARTS:
        first = first.lower()
    return a[:-1] + ", and " + (first + " " + rest).strip()


def split(text, rng):
    """Two sentences from one, cut at a clause boundary near the middle, or None."""
    if len(text.split()) < 16 or not text.endswith("."):
        return None
    cuts = [m for m in SPLIT_AT.finditer(text)
            if 5 <= len(text[:m.start()].split()) and len(text[m.end():].split()) >= 5
            and "“" not in text[:m.start()] and '"' not in text[:m.start()]]
    if not cuts:
        return None
    mid = len(text) / 2
    m = min(cuts, key=lambda m: abs(m.start() - mid))
    head = text[:m.start()].rstrip(",;: ") + "."
    tail = text[m.end():]
    if not tail[:1].isalpha():
        return None
    return head, tail[0].upper() + tail[1:]


def version(story, base_paras, title, title_carries, fillers, rng):
    """One outlet's version: a list of paragraphs of {text, carries, op}."""
    paras = [[{"text": t, "carries": [f"{story}.{ids}"], "op": "copy"} for t, ids in p]
             for p in base_paras]
    if len(paras) > 2 and rng.random() < P_TRUNCATE:
        keep = max(2, round(len(paras) * rng.uniform(*TRUNC_KEEP)))
        paras = paras[:keep]
    paras = [[s for s in p if rng.random() >= P_DROP] for p in paras]
    paras = [p for p in paras if p]
    if not paras:  # never an empty article
        paras = [[{"text": base_paras[0][0][0], "carries": [f"{story}.{base_paras[0][0][1]}"],
                   "op": "copy"}]]
    for p in paras:
        i = 0
        while i + 1 < len(p):
            a, b = p[i], p[i + 1]
            if (a["op"] == "copy" and b["op"] == "copy" and can_join(a["text"])
                    and len(a["text"].split()) + len(b["text"].split()) <= 45
                    and rng.random() < P_MERGE):
                p[i:i + 2] = [{"text": merge(a["text"], b["text"]),
                               "carries": a["carries"] + b["carries"], "op": "merge"}]
            i += 1
        out = []
        for s in p:
            halves = split(s["text"], rng) if s["op"] == "copy" and rng.random() < P_SPLIT else None
            if halves:
                out += [{"text": h, "carries": list(s["carries"]), "op": "split"} for h in halves]
            else:
                out.append(s)
        p[:] = out
    for p in paras:
        for s in p:
            if rng.random() < P_PARAPHRASE:
                new = paraphrase(s["text"], rng)
                if new != s["text"]:
                    s["text"] = new
                    s["op"] += "+para"
        for i in range(len(p) - 1):
            if rng.random() < P_LOCAL_SWAP:
                p[i], p[i + 1] = p[i + 1], p[i]
    if len(paras) > 2 and rng.random() < P_MOVE_PARA:
        para = paras.pop(rng.randrange(len(paras)))
        paras.insert(rng.randrange(len(paras) + 1), para)
    if len(paras) > 2 and rng.random() < P_SWAP_PARAS:
        i, j = rng.sample(range(len(paras)), 2)
        paras[i], paras[j] = paras[j], paras[i]
    for _ in range(rng.choice(ADDED)):
        if not fillers:
            break
        s = {"text": fillers.pop(), "carries": [], "op": "added"}
        if rng.random() < P_ADDED_OWN_PARA:
            paras.insert(rng.randrange(len(paras) + 1), [s])
        else:
            p = paras[rng.randrange(len(paras))]
            p.insert(rng.randrange(len(p) + 1), s)
    t = paraphrase(title, rng) if rng.random() < P_PARAPHRASE else title
    if rng.random() < 0.5:
        t = " ".join(w[:1].upper() + w[1:] for w in t.split())
    return [[{"text": t, "carries": list(title_carries), "op": "title"}]] + paras


def chunks(paras):
    """Stories from one base text: runs of whole paragraphs of about
    STORY_SENTENCES sentences (a paragraph longer than that is cut first), a
    short tail joined to the run before it, at most MAX_PARTS runs."""
    flat = []
    for p in paras:
        flat += [p[i:i + STORY_SENTENCES // 2] for i in range(0, len(p), STORY_SENTENCES // 2)]
    out, cur = [], []
    for p in flat:
        cur.append(p)
        if sum(map(len, cur)) >= STORY_SENTENCES:
            out.append(cur)
            cur = []
    if cur:
        if sum(map(len, cur)) >= MIN_BASE_SENTENCES or not out:
            out.append(cur)
        else:
            out[-1] += cur
    out = [c for c in out if sum(map(len, c)) >= MIN_BASE_SENTENCES]
    return out[:MAX_PARTS]


def paragraph_text(p):
    """Sentences joined by a space; one without end punctuation (a heading,
    a list item) ends its line, so that it stays a sentence of its own."""
    out = ""
    for s in p:
        if out:
            out += " " if out[-1] in ".!?…\"”’')" else "\n"
        out += s["text"]
    return out


def story_sizes(n, n_stories, rng):
    """Outlets per story: 2 + a lognormal share of the rest, at most MAX_OUTLETS."""
    weights = [math.exp(rng.gauss(0, SIZE_SIGMA)) for _ in range(n_stories)]
    extra = n - 2 * n_stories
    room = MAX_OUTLETS - 2
    capped = [False] * n_stories
    while True:  # water-filling: shares above the cap are given to the others
        free = extra - room * sum(capped)
        total = sum(w for w, c in zip(weights, capped) if not c)
        raw = [room if c else free * w / total for w, c in zip(weights, capped)]
        over = [i for i, r in enumerate(raw) if r > room and not capped[i]]
        if not over:
            break
        for i in over:
            capped[i] = True
    sizes = [2 + int(r) for r in raw]
    order = sorted(range(n_stories), key=lambda i: (-(raw[i] - int(raw[i])), i))
    for i in order[: n - sum(sizes)]:
        sizes[i] += 1
    return sizes


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("claimdiff")
    ap.add_argument("shared", help="the shared bench folder (../shared/bench)")
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seg-cache", metavar="FILE",
                    help="keep the base texts' segmentation here and reuse it, so that "
                         "the same set is generated whichever claimdiff is measured")
    a = ap.parse_args(argv)
    if not 1 <= a.n <= 100000:
        die("N must be between 1 and 100000")
    gt_path = os.path.join(a.shared, "extraction", "ground-truth.json")
    try:
        with open(gt_path, encoding="utf-8") as f:
            gt = json.load(f)
    except OSError as e:
        die(f"{gt_path}: {e.strerror}")
    rng = random.Random(f"claimdiff-scale:{GEN_VERSION}:{a.seed}:{a.n}")
    ids = sorted(gt)
    segs = None
    with open(gt_path, "rb") as f:
        gt_sum = hashlib.sha1(f.read()).hexdigest()
    if a.seg_cache and os.path.exists(a.seg_cache):
        with open(a.seg_cache, encoding="utf-8") as f:
            cached = json.load(f)
        if cached.get("ground_truth_sha1") == gt_sum:
            segs = cached["sentences"]
    if segs is None:
        segs = segment(a.claimdiff, [gt[i]["articleBody"] for i in ids])
        if a.seg_cache:
            with open(a.seg_cache, "w", encoding="utf-8") as f:
                json.dump({"ground_truth_sha1": gt_sum, "claimdiff": a.claimdiff,
                           "sentences": segs}, f, ensure_ascii=False)

    # base texts: not the same event as one kept before, sentences never seen
    # in a kept text; each cut into stories of whole paragraphs (see chunks())
    bases, kept_words, seen = [], [], set()
    for gid, paras in zip(ids, segs):
        body_words = words(gt[gid]["articleBody"])
        body_names = names(gt[gid]["articleBody"])
        if any(len(body_words & w) / max(1, len(body_words | w)) >= SIMILAR_TEXTS
               or (len(body_names) >= 3 and len(body_names & n) / len(body_names | n) >= SIMILAR_NAMES)
               for w, n in kept_words):
            continue
        if english_share(gt[gid]["articleBody"]) < MIN_ENGLISH:
            continue
        fresh = []
        for p in paras:
            q = [t for t in p if key(t) and key(t) not in seen and prose(t)]
            if q:
                fresh.append(q)
        parts = chunks(fresh)
        if not parts:
            continue
        for p in fresh:
            seen.update(key(t) for t in p)
        kept_words.append((body_words, body_names))
        bases += [(gid, i, c) for i, c in enumerate(parts)]
    rng.shuffle(bases)
    n_stories = max(1, min(len(bases), math.ceil(a.n / MEAN_OUTLETS), a.n // 2 or 1))
    if a.n > n_stories * MAX_OUTLETS:
        die(f"N={a.n} needs more than the {len(bases)} stories available "
            f"at {MAX_OUTLETS} outlets each")
    sizes = story_sizes(a.n, n_stories, rng) if a.n >= 2 else [1]
    fillers = load_fillers(a.shared, rng)
    n_fillers = len(fillers)

    os.makedirs(a.outdir, exist_ok=True)
    stories, articles, manifest = [], [], []
    slots = [k for k, size in enumerate(sizes) for _ in range(size)]
    rng.shuffle(slots)  # outlets of one story are spread over the input order
    for k, size in enumerate(sizes):
        gid, part, paras = bases[k]
        stories.append({"id": f"t{k + 1}", "base": gid, "part": part, "url": gt[gid]["url"],
                        "articles": [],
                        "base_sentences": sum(len(p) for p in paras)})
    counters = {}
    for j, k in enumerate(slots):
        story = f"t{k + 1}"
        gid, part, paras = bases[k]
        numbered, i = [], 0
        for p in paras:
            numbered.append([(t, i + n) for n, t in enumerate(p)])
            i += len(p)
        title, carries = headline(gt[gid]["url"], paras, part), [f"{story}.title"]
        if title is None:  # a headline made from the lead's first words
            title = " ".join(paras[0][0].split()[:10]).rstrip(".,;:!?")
            # it carries the story's title only: a title and the lead of the
            # same article can never share a claim group (one sentence per
            # source), so title-lead pairs across articles are no gold pairs
        v = version(story, numbered, title, carries, fillers, rng)
        aid = f"a{j + 1:05d}"
        fname = aid + ".txt"
        with open(os.path.join(a.outdir, fname), "w", encoding="utf-8") as f:
            f.write(v[0][0]["text"] + "\n\n")
            f.write("\n\n".join(paragraph_text(p) for p in v[1:]) + "\n")
        sents = [s for p in v for s in p]
        for s in sents:
            counters[s["op"]] = counters.get(s["op"], 0) + 1
        articles.append({"id": aid, "file": fname, "story": story, "sentences": sents})
        stories[k]["articles"].append(aid)
        manifest.append({"path": fname, "outlet": aid})
    with open(os.path.join(a.outdir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"sources": manifest}, f, indent=1)
    truth = {"schema": "claimdiff-scale/1", "generator": GEN_VERSION, "n": a.n, "seed": a.seed,
             "params": {"stories_available": len(bases), "fillers_available": n_fillers,
                        "fillers_used": n_fillers - len(fillers), "ops": counters},
             "stories": stories, "articles": articles}
    with open(os.path.join(a.outdir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False)
    n_sent = sum(len(x["sentences"]) for x in articles)
    print(f"scale_gen: {a.n} articles, {len(stories)} stories "
          f"({min(sizes)}-{max(sizes)} outlets), {n_sent} sentences, "
          f"{n_fillers - len(fillers)}/{n_fillers} added sentences used -> {a.outdir}",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
