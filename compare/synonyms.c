/* synonyms.c — a small compiled-in table of news synonyms and variants.
 *
 * Each group lists words that outlets use for one another in news copy; all
 * are mapped to the stem of the first. The table is written in plain words
 * and stemmed at cd_synonyms_new with the core tokenizer, so that every
 * inflection ("pledged", "pledges") maps too. Kept deliberately narrow:
 * a wrong synonym makes two different claims look alike, which is the worse
 * error for claimdiff (precision over recall). */
#include "compare.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static const char *const GROUPS[] = {
    "pledge promise vow",
    "support backing endorse",
    "talks summit meeting met",
    "spaceport cosmodrome",
    "said says say told tell stated",
    "killed kill died die dead slain",
    "buy purchase acquire",
    "rise rose increase climb gain jump soar",
    "fall fell decline drop decrease slip plunge tumble slide",
    "big large huge",
    "start begin began commence",
    "finish conclude",
    "help aid assist",
    "show reveal indicate",
    "firm company corporation",
    "car vehicle automobile",
    "missile rocket",
    "weapon weaponry munition ammunition",
    "attack strike assault raid",
    "agreement deal accord pact",
    "country nation",
    "children child kids kid",
    "accuse allege charge",
    "arrest detain",
    "try attempt",
    "want wish",
    "need require",
    "plan intend",
    "allow permit",
    "ban prohibit forbid",
    "cut reduce slash trim",
    "fight battle combat",
    "leader chief",
    "quit resign",
    "warn caution",
    "announce declare unveil",
    "investigation probe inquiry investigate",
    "lawsuit suit",
    "soldier troop",
    "doctor physician",
    "injure wound hurt",
    "rebel insurgent militant",
    "build construct",
    "protest demonstration rally",
    "victory win triumph",
    "defeat beat",
    "nearly almost roughly approximately",
    "quickly rapidly swiftly",
    "percent pct",
    "profit earnings",
    "revenue turnover",
    "lawmaker legislator",
    "shares stock",
    "fire sack dismiss",
    "jail prison",
    "hit struck",
    "reject rejection refuse",
    "official authority",
    "shot shoot",
    "giant behemoth",
    "residence home house",
    "statement remarks comments",
    "elect elected",
    "economy economic",
    "military army armed",
    "jobs employment",
    "boss executive",
    "storm hurricane",
    "blast explosion bomb",
    "wife spouse",
    "hostage captive",
    "talked spoke",
    "satellite spacecraft",
};
#define N_GROUPS (sizeof GROUPS / sizeof *GROUPS)

typedef struct {
    const char *from, *to;
} syn_slot;

struct cd_synonyms {
    cd_arena *arena;
    syn_slot *slots;
    size_t cap; /* power of two */
};

static uint64_t hash(const char *s)
{
    return XXH3_64bits(s, strlen(s));
}

size_t cd_synonyms_count(void)
{
    size_t n = 0;
    for (size_t g = 0; g < N_GROUPS; g++)
        for (const char *p = GROUPS[g]; *p; p++)
            if (*p == ' ')
                n++;
    return n;
}

static void put(cd_synonyms *s, const char *from, const char *to)
{
    size_t i = (size_t)hash(from) & (s->cap - 1);
    while (s->slots[i].from) {
        if (strcmp(s->slots[i].from, from) == 0)
            return; /* the first group that names a stem wins */
        i = (i + 1) & (s->cap - 1);
    }
    s->slots[i].from = from;
    s->slots[i].to = to;
}

cd_synonyms *cd_synonyms_new(void)
{
    cd_synonyms *s = cd_xcalloc(1, sizeof *s);
    s->arena = cd_arena_new();
    s->cap = 1024;
    s->slots = cd_xcalloc(s->cap, sizeof *s->slots);
    cd_tokenizer *tk = cd_tokenizer_new(s->arena);
    cd_tokens toks = {0};
    for (size_t g = 0; g < N_GROUPS; g++) {
        toks.n = 0;
        cd_tokenize(tk, GROUPS[g], 0, strlen(GROUPS[g]), &toks);
        if (toks.n == 0)
            continue;
        const char *canon = toks.v[0].form->stem;
        for (size_t k = 1; k < toks.n; k++)
            if (strcmp(toks.v[k].form->stem, canon) != 0)
                put(s, toks.v[k].form->stem, canon);
    }
    cd_tokens_free(&toks);
    cd_tokenizer_free(tk);
    return s;
}

void cd_synonyms_free(cd_synonyms *s)
{
    if (!s)
        return;
    free(s->slots);
    cd_arena_free(s->arena);
    free(s);
}

const char *cd_synonyms_map(const cd_synonyms *s, const char *stem)
{
    if (!s)
        return stem;
    size_t i = (size_t)hash(stem) & (s->cap - 1);
    while (s->slots[i].from) {
        if (strcmp(s->slots[i].from, stem) == 0)
            return s->slots[i].to;
        i = (i + 1) & (s->cap - 1);
    }
    return stem;
}
