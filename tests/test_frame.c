/* test_frame.c — per-sentence framing: attribution, hedges, denial and
 * negation, quotes and speakers, loaded words; each rule family with
 * positive and negative cases (and the classic traps). */
#include <criterion/criterion.h>
#include <string.h>

#include "compare.h"

static cd_arena *arena;
static cd_tokenizer *tk;

static void setup(void)
{
    arena = cd_arena_new();
    tk = cd_tokenizer_new(arena);
}

static void teardown(void)
{
    cd_tokenizer_free(tk);
    cd_arena_free(arena);
}

TestSuite(frame, .init = setup, .fini = teardown);

/* One sentence, with the context of the sentences before (ctx) or none. */
static cd_sentence_info an_ctx(const char *s, cd_frame_ctx *ctx)
{
    cd_tokens t = {0};
    cd_tokenize(tk, s, 0, strlen(s), &t);
    cd_sentence_info in;
    cd_sentence_analyse(arena, s, (cd_range){0, strlen(s)}, t.v, t.n, ctx, &in);
    cd_tokens_free(&t);
    return in;
}

static cd_sentence_info an(const char *s)
{
    return an_ctx(s, NULL);
}

static bool has_mark(const cd_mark *m, size_t n, const char *norm)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(m[i].norm, norm) == 0)
            return true;
    return false;
}

#define FRAMING(in, f) cr_assert_str_eq(cd_framing_name((in).framing), f)

Test(frame, names)
{
    cr_assert_str_eq(cd_framing_name(CD_FRAMING_ASSERTED), "asserted");
    cr_assert_str_eq(cd_framing_name(CD_FRAMING_ATTRIBUTED), "attributed");
    cr_assert_str_eq(cd_framing_name(CD_FRAMING_HEDGED), "hedged");
    cr_assert_str_eq(cd_framing_name(CD_FRAMING_DENIED), "denied");
}

Test(frame, asserted_plain)
{
    cd_sentence_info in = an("Russia bought millions of artillery shells from North Korea.");
    FRAMING(in, "asserted");
    cr_assert_null(in.attr_source);
    cr_assert_null(in.verb);
    cr_assert_eq(in.n_hedges, 0);
}

/* ------------------------------------------------------------ attribution */

Test(frame, according_to)
{
    cd_sentence_info in = an("Russia bought the shells, according to U.S. officials.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "U.S. officials");
    cr_assert_str_eq(in.attr_cue, "according to");
}

Test(frame, according_to_a_report_from)
{
    cd_sentence_info in = an("According to a report from U.S. intelligence, the deal was signed.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "U.S. intelligence");
    cr_assert_str_eq(in.attr_cue, "According to a report from");
}

Test(frame, subject_said)
{
    cd_sentence_info in = an("Kim said the talks had gone well.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "Kim");
    cr_assert_str_eq(in.attr_cue, "said");
    cr_assert_str_eq(in.verb, "say");
    cr_assert(!in.verb_loaded);
}

Test(frame, inverted_said)
{
    cd_sentence_info in = an("\"We will win,\" said the defence minister.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "the defence minister");
    cr_assert_eq(in.n_quotes, 1);
    cr_assert_str_eq(in.quotes[0].text, "We will win,");
    cr_assert_str_eq(in.quotes[0].speaker, "the defence minister");
    cr_assert(!in.quotes[0].scare);
}

Test(frame, he_said_refers_to_the_last_speaker)
{
    cd_frame_ctx ctx = {0};
    cd_sentence_info in = an_ctx("Interior Minister Tomas Brandt said charges were possible.", &ctx);
    cr_expect_null(in.attr_refers);
    in = an_ctx("He said an inquiry would report within 90 days.", &ctx);
    cr_assert_str_eq(in.attr_source, "He");
    cr_assert_not_null(in.attr_refers);
    cr_expect_str_eq(in.attr_refers, "Interior Minister Tomas Brandt");
}

Test(frame, inverted_said_after_a_comma)
{
    /* without quotation marks, the source a title with periods */
    cd_sentence_info in = an("The militants ambushed the convoy near the town, said U.S. military "
                             "spokesman Lt. Col. Douglas Lefforge.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "U.S. military spokesman Lt. Col. Douglas Lefforge");
    in = an("The militants ambushed the convoy near the town, said a military spokesman.");
    FRAMING(in, "attributed");
    /* a participle with its agent is no frame */
    in = an("Montalvo is holding a copy of the book, written by Marc Headley.");
    FRAMING(in, "asserted");
    /* the subject before an apposition still speaks */
    in = an("Valeska Paris, an Australian woman, has claimed she was held.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "Valeska Paris");
}

Test(frame, state_media_reported)
{
    cd_sentence_info in = an("Kim sent a message to Putin on Monday, North Korean state media reported.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "North Korean state media");
    cr_assert_str_eq(in.verb, "report");
}

Test(frame, closing_cue_wins_over_inner_verb)
{
    cd_sentence_info in = an("Kim pledged \"full support\" to Putin, state media reported on Monday.");
    cr_assert_str_eq(in.attr_source, "state media");
    cr_assert_eq(in.n_quotes, 1);
    cr_assert_str_eq(in.quotes[0].speaker, "Kim");
}

Test(frame, report_from_found)
{
    cd_sentence_info in = an("In September 2022, Russia purchased millions of artillery shells "
                             "from North Korea, a report from U.S. intelligence found.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "U.S. intelligence");
    cr_assert_str_eq(in.attr_cue, "a report from \xe2\x80\xa6 found");
    cr_assert_str_eq(in.verb, "find");
}

Test(frame, found_with_object_is_no_attribution)
{
    cd_sentence_info in = an("Police found a body near the river.");
    FRAMING(in, "asserted");
    cr_assert_null(in.verb);
}

Test(frame, passive_it_was_reported)
{
    cd_sentence_info in = an("It was also reported that Russia was sending food to North Korea.");
    FRAMING(in, "attributed");
    cr_assert_null(in.attr_source);
    cr_assert_str_eq(in.attr_cue, "It was also reported");
}

Test(frame, quoted_as_saying)
{
    cd_sentence_info in = an("\"I express firm support,\" Kim was quoted as saying by the KCNA.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "Kim");
    cr_assert_str_eq(in.attr_cue, "quoted as saying");
}

Test(frame, x_quoted_y_as_saying)
{
    cd_sentence_info in = an("Yonhap quoted a ministry official as saying the trip was planned.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "a ministry official");
}

Test(frame, told_reporters)
{
    cd_sentence_info in = an("A ministry official told reporters the visit would go ahead.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "A ministry official");
    cr_assert_str_eq(in.attr_cue, "told reporters");
}

Test(frame, subject_with_prepositional_frame)
{
    cd_sentence_info in = an("Kim in his message said the people would win.");
    cr_assert_str_eq(in.attr_source, "Kim");
}

Test(frame, loaded_reporting_verb)
{
    cd_sentence_info in = an("The minister claimed the vote was fair.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.verb, "claim");
    cr_assert(in.verb_loaded);
    cd_sentence_info n = an("The minister insisted that the vote was fair.");
    cr_assert(n.verb_loaded);
    cd_sentence_info s = an("The minister stated that the vote was fair.");
    cr_assert(!s.verb_loaded);
}

Test(frame, trap_claims_as_noun)
{
    cd_sentence_info in = an("The claims were investigated by the police.");
    FRAMING(in, "asserted");
    cr_assert_null(in.verb);
}

Test(frame, trap_claimed_responsibility)
{
    cd_sentence_info in = an("The group claimed responsibility for the attack.");
    FRAMING(in, "asserted");
}

Test(frame, trap_said_inside_quote)
{
    cd_sentence_info in = an("The sign read \"the mayor said no\" for a week.");
    cr_assert_neq(in.framing, CD_FRAMING_ATTRIBUTED);
    cr_assert_null(in.verb);
}

Test(frame, trap_state_media_is_no_verb)
{
    cd_sentence_info in = an("Russian state media aired the meeting.");
    FRAMING(in, "asserted");
}

Test(frame, trap_relative_clause)
{
    cd_sentence_info in = an("Police arrested a man who said he was armed.");
    FRAMING(in, "asserted");
}

Test(frame, trap_declined_to_say)
{
    cd_sentence_info in = an("The ministry declined to say when the ship left.");
    cr_assert_str_neq(in.verb ? in.verb : "", "say");
}

/* ----------------------------------------------------------------- hedges */

Test(frame, modal_hedge)
{
    cd_sentence_info in = an("Russia may have bought shells from North Korea.");
    FRAMING(in, "hedged");
    cr_assert(has_mark(in.hedges, in.n_hedges, "may have"));
}

Test(frame, adverb_hedges)
{
    FRAMING(an("Russia reportedly bought shells."), "hedged");
    FRAMING(an("The shells were allegedly sent by rail."), "hedged");
    FRAMING(an("Kim apparently referred to the war."), "hedged");
    FRAMING(an("The documents were purportedly leaked."), "hedged");
}

Test(frame, believed_to)
{
    cd_sentence_info in = an("Kim is believed to have travelled by armoured train.");
    FRAMING(in, "hedged");
    cr_assert(has_mark(in.hedges, in.n_hedges, "is believed"));
}

Test(frame, rumours_circulated)
{
    cd_sentence_info in = an("Rumors circulated globally that there would be talks of arms sales.");
    FRAMING(in, "hedged");
    cr_assert_null(in.attr_source);
}

Test(frame, analysts_speculated)
{
    cd_sentence_info in = an("Analysts have speculated that the two sides signed a deal.");
    FRAMING(in, "hedged");
    cr_assert_str_eq(in.attr_source, "Analysts");
    cr_assert_str_eq(in.verb, "speculate");
}

Test(frame, article_claims_may)
{
    cd_sentence_info in = an("The article claims that Putin and Kim may have made an agreement.");
    FRAMING(in, "hedged");
    cr_assert_str_eq(in.attr_source, "The article");
    cr_assert_str_eq(in.verb, "claim");
}

Test(frame, conditional)
{
    FRAMING(an("If the deal goes ahead, Russia would gain shells."), "hedged");
    FRAMING(an("Russia would gain shells."), "asserted");
    cr_assert_neq(an("Reporters asked if the deal was signed.").framing, CD_FRAMING_HEDGED);
}

Test(frame, trap_may_the_month)
{
    FRAMING(an("The summit took place in May."), "asserted");
    FRAMING(an("Victory Day falls on May 9 every year."), "asserted");
    cd_sentence_info in = an("In May 2023 the talks began.");
    cr_assert_eq(in.n_hedges, 0);
}

Test(frame, hedge_inside_quote_is_not_the_outlet)
{
    cd_sentence_info in = an("\"North Korea may be preparing a launch,\" the official said.");
    FRAMING(in, "attributed");
    cr_assert_eq(in.n_hedges, 1);
    cr_assert(in.hedges[0].in_quote);
}

/* ----------------------------------------------------------------- denial */

Test(frame, denial_verb)
{
    cd_sentence_info in = an("Both countries have denied this.");
    FRAMING(in, "denied");
    cr_assert_str_eq(in.attr_source, "Both countries");
    cr_assert_str_eq(in.verb, "deny");
    FRAMING(an("Moscow rejected the allegations as baseless."), "denied");
}

Test(frame, trap_denied_visas)
{
    FRAMING(an("The team had been denied visas until last week."), "asserted");
}

Test(frame, negated_claim)
{
    cd_sentence_info in = an("Russia has not confirmed the deal.");
    FRAMING(in, "denied");
    cr_assert(has_mark(in.negations, in.n_negations, "not"));
    FRAMING(an("North Korea never supplied weapons to Russia."), "denied");
    FRAMING(an("The Kremlin said it had not received any shells."), "denied");
}

/* The source phrase leaves out a time opener and a manner adverb. */
Test(frame, source_without_time_opener_or_adverb)
{
    cr_assert_str_eq(an("Last night Calder Hydro denied it had ever been warned.").attr_source,
                     "Calder Hydro");
    cr_assert_str_eq(an("Calder Hydro has firmly denied receiving any warning.").attr_source,
                     "Calder Hydro");
    cr_assert_str_eq(an("Yesterday the ministry said the dam was safe.").attr_source,
                     "the ministry");
    cr_assert_str_eq(an("The family said the dam was unsafe.").attr_source, "The family");
}

/* "warn" with a noun object is the event, with a clause the report; and
 * who saw a report is not its source. */
Test(frame, warned_object_and_report_seen_by)
{
    FRAMING(an("Engineers warned Calder Hydro about cracks in the spillway."), "asserted");
    FRAMING(an("Engineers warned that the spillway was cracked."), "attributed");
    cd_sentence_info in =
        an("Engineers warned Calder Hydro about cracks, according to an inspection report seen by "
           "Meridian.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "an inspection report seen by Meridian");
}

Test(frame, number_abbreviation_is_no_negation)
{
    cd_sentence_info in = an("Engineers found cracks in the No. 2 spillway.");
    FRAMING(in, "asserted");
    cr_assert_eq(in.n_negations, 0);
    cr_assert_eq(an("Nos. 3 and 4 were closed.").n_negations, 0);
    FRAMING(an("No engineer found cracks."), "denied");
}

Test(frame, negation_in_subordinate_clause)
{
    cd_sentence_info in = an("The man, who did not give his name, fled the scene.");
    FRAMING(in, "asserted");
    cr_assert_eq(in.n_negations, 1);
    FRAMING(an("Although he did not attend, the summit went ahead."), "asserted");
}

Test(frame, could_not_is_no_hedge)
{
    cd_sentence_info in = an("The reporter could not reach the ministry.");
    cr_assert_eq(in.n_hedges, 0);
}

/* ----------------------------------------------------------------- quotes */

Test(frame, apostrophes_are_no_quotes)
{
    cd_sentence_info in = an("Kim's rule began in the \xe2\x80\x99" "90s and the players' union agreed.");
    cr_assert_eq(in.n_quotes, 0);
}

Test(frame, scare_quote)
{
    cd_sentence_info in = an("Kim referred to Moscow's \xe2\x80\x98holy war\xe2\x80\x99 in Ukraine.");
    cr_assert_eq(in.n_quotes, 1);
    cr_assert_str_eq(in.quotes[0].text, "holy war");
    cr_assert(in.quotes[0].scare);
    cr_assert_null(in.quotes[0].speaker);
}

Test(frame, nested_single_inside_double)
{
    cd_sentence_info in = an("He said: \"They call it 'holy war' again.\"");
    cr_assert_eq(in.n_quotes, 1);
    cr_assert_str_eq(in.quotes[0].text, "They call it 'holy war' again.");
    cr_assert(!in.quotes[0].scare);
}

Test(frame, curly_quote_with_speaker_before)
{
    cd_sentence_info in = an("Putin remarked, \xe2\x80\x9cI am delighted to welcome you.\xe2\x80\x9d");
    FRAMING(in, "attributed");
    cr_assert_eq(in.n_quotes, 1);
    cr_assert_str_eq(in.quotes[0].speaker, "Putin");
}

Test(frame, possessive_message_speaker)
{
    cd_sentence_info in = an("Kim's message: \"We stand with Russia in its sacred fight.\"");
    cr_assert_eq(in.n_quotes, 1);
    cr_assert_str_eq(in.quotes[0].speaker, "Kim");
}

Test(frame, whole_sentence_quote_is_attributed)
{
    cd_sentence_info in = an("\"Justice is sure to win, and the people will add glory to history.\"");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_cue, "quotation");
}

/* ----------------------------------------------------------------- loaded */

Test(frame, loaded_words)
{
    cd_sentence_info in = an("The notorious regime slammed the report as propaganda.");
    cr_assert(has_mark(in.loaded, in.n_loaded, "notorious"));
    cr_assert(has_mark(in.loaded, in.n_loaded, "regime"));
    cr_assert(has_mark(in.loaded, in.n_loaded, "slammed"));
    cr_assert(has_mark(in.loaded, in.n_loaded, "propaganda"));
}

Test(frame, loaded_multiword)
{
    cd_sentence_info in = an("He called it a holy war waged by a so-called government.");
    cr_assert(has_mark(in.loaded, in.n_loaded, "holy war"));
    cr_assert(has_mark(in.loaded, in.n_loaded, "so - called"));
}

Test(frame, loaded_only_outside_quotes)
{
    cd_sentence_info in = an("He called the government \"a brutal regime\" on Monday.");
    cr_assert_eq(in.n_loaded, 0);
}

Test(frame, neutral_sentence_has_no_loaded_words)
{
    cd_sentence_info in = an("The two leaders met at the space centre on Wednesday.");
    cr_assert_eq(in.n_loaded, 0);
}

Test(frame, proper_noun_is_not_loaded)
{
    cd_sentence_info in = an("Kim sent a message to Putin over Victory Day.");
    cr_assert_eq(in.n_loaded, 0);
}

/* ------------------------------------------------------ across sentences */

static cd_doc *doc_of(const char *const *paras, size_t n, const char *published)
{
    cd_doc *d = cd_doc_new("test");
    for (size_t i = 0; i < n; i++)
        cd_doc_add_paragraph(d, paras[i], strlen(paras[i]), CD_PARA_BODY, 0);
    if (published)
        cd_doc_set_published(d, published);
    cd_doc_analyse(d, 0);
    return d;
}

Test(frame, quote_across_sentences)
{
    const char *p[] = {"\"We will win. They will lose,\" Kim said."};
    cd_doc *d = doc_of(p, 1, NULL);
    cr_assert_eq(cd_doc_sentence_count(d), 2);
    cd_analysis *a = cd_analyse(d);
    const cd_sentence_info *s0 = cd_analysis_sentence(a, 0), *s1 = cd_analysis_sentence(a, 1);
    cr_assert_eq(s0->n_quotes, 1);
    cr_assert(s0->quotes[0].continued);
    cr_assert_eq(s1->n_quotes, 1);
    cr_assert(s1->quotes[0].continued);
    cr_assert_str_eq(s1->quotes[0].speaker, "Kim");
    cr_assert_str_eq(cd_framing_name(s1->framing), "attributed");
    cr_assert_null(cd_analysis_sentence(a, 2));
    cd_analysis_free(a);
    cd_doc_free(d);
}

Test(frame, quote_runs_into_next_paragraph)
{
    const char *p[] = {"Kim told Putin, \"The Soviet Union played a huge role.",
                       "Relations with Russia are our first priority.\"",
                       "The talks lasted four hours."};
    cd_doc *d = doc_of(p, 3, NULL);
    cd_analysis *a = cd_analyse(d);
    cr_assert_eq(cd_doc_sentence_count(d), 3);
    const cd_sentence_info *s1 = cd_analysis_sentence(a, 1), *s2 = cd_analysis_sentence(a, 2);
    cr_assert_str_eq(cd_framing_name(s1->framing), "attributed");
    cr_assert_eq(s1->n_quotes, 1);
    cr_assert_str_eq(s1->quotes[0].speaker, "Kim");
    cr_assert_str_eq(cd_framing_name(s2->framing), "asserted");
    cr_assert_eq(s2->n_quotes, 0);
    cd_analysis_free(a);
    cd_doc_free(d);
}

Test(frame, unclosed_quote_stops_at_paragraph)
{
    const char *p[] = {"He said \"this is open.", "The next paragraph is plain."};
    cd_doc *d = doc_of(p, 2, NULL);
    cd_analysis *a = cd_analyse(d);
    const cd_sentence_info *s1 = cd_analysis_sentence(a, 1);
    cr_assert_eq(s1->n_quotes, 0);
    cr_assert_str_eq(cd_framing_name(s1->framing), "asserted");
    cd_analysis_free(a);
    cd_doc_free(d);
}

Test(frame, empty_and_hostile_inputs)
{
    cd_sentence_info in;
    cd_sentence_analyse(arena, "", (cd_range){0, 0}, NULL, 0, NULL, &in);
    FRAMING(in, "asserted");
    /* marks only, unbalanced quotes, a flood of cues */
    an("\"\"\"'''\"");
    an("said said said said , said \" said");
    an("according to");
    an("according to according to , \"");
    cd_buf b = {0};
    for (int i = 0; i < 2000; i++)
        cd_buf_puts(&b, "\"may' not 'said ");
    cd_sentence_info big = an(b.data);
    cr_assert_leq(big.n_hedges, 64);
    cr_assert_leq(big.n_quotes, 64);
    cd_buf_free(&b);
    cd_analysis *a = cd_analyse(NULL);
    cr_assert_null(cd_analysis_sentence(a, 0));
    cd_analysis_free(a);
}

/* ------------------------------------------- rules added after the sample */

Test(frame, questions_claim_nothing)
{
    FRAMING(an("Could the deal be signed next week?"), "asserted");
}

Test(frame, no_as_a_determiner)
{
    FRAMING(an("No injuries were reported in the attack."), "denied");
    FRAMING(an("The stations have no crowds at all."), "denied");
    FRAMING(an("He met no resistance when he reached the border, which surprised many."), "asserted");
}

Test(frame, not_the_first_time_asserts)
{
    FRAMING(an("This is not the first time stampedes have happened there."), "asserted");
}

Test(frame, idioms_that_are_no_hedge)
{
    FRAMING(an("Get there as early as possible."), "asserted");
    FRAMING(an("The report states that few if any firms use iodised salt."), "attributed");
    FRAMING(an("They moved to London so they could be closer to the office."), "asserted");
    FRAMING(an("Holmes could hear the president on the phone."), "asserted");
}

Test(frame, conditional_inside_reported_speech)
{
    cd_sentence_info in = an("North Korea stated it would respond within 48 hours if the broadcasts do not stop.");
    FRAMING(in, "attributed");
    FRAMING(an("We will update this article if more information becomes available."), "asserted");
}

Test(frame, characterisation_and_short_objects)
{
    FRAMING(an("The chairman described the doctored video as lighthearted satire."), "attributed");
    FRAMING(an("The shelter announced this week that the cat was found."), "attributed");
    FRAMING(an("The president announced the trade deal in the Oval Office."), "asserted");
    FRAMING(an("They criticised the company and its owners."), "asserted");
}

Test(frame, ruled_out_and_regarded_as)
{
    FRAMING(an("The government has ruled out Taliban involvement."), "denied");
    FRAMING(an("It is widely regarded as significant to Hong Kong."), "hedged");
}

Test(frame, capitalised_verb_forms_are_names)
{
    FRAMING(an("They were twice refused entry to the United States."), "asserted");
    cd_sentence_info in = an("Indiana State Police reported that 5,000 people came.");
    cr_assert_str_eq(in.attr_source, "Indiana State Police");
}

Test(frame, relative_that_before_a_cue)
{
    FRAMING(an("Ford will show vehicles that analysts say will boost sales."), "asserted");
    FRAMING(an("Some said they felt dejected."), "attributed");
}

Test(frame, subject_before_an_apposition)
{
    cd_sentence_info in = an("Valeska Paris, an Australian woman, has claimed that the church held her.");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "Valeska Paris");
    FRAMING(an("In Seoul, on a cold day, has been the plan."), "asserted");
}

Test(frame, not_clear_is_a_hedge_not_a_denial)
{
    FRAMING(an("It's also not clear why the talks stalled."), "hedged");
}

Test(frame, apposition_with_a_date_inside)
{
    cd_sentence_info in = an("The report, dated Sept. 14, 2025, recommended lowering the reservoir.");
    cr_assert_str_eq(in.attr_source, "The report");
}

Test(frame, unlisted_verb_introducing_a_quote)
{
    cd_sentence_info in = an("Kim continued, \"Russia is rising to the sacred struggle.\"");
    FRAMING(in, "attributed");
    cr_assert_str_eq(in.attr_source, "Kim");
    cr_assert_str_eq(in.quotes[0].speaker, "Kim");
    cd_sentence_info q = an("\"If we were any higher, we'd be North Dakota,\" one user quipped.");
    FRAMING(q, "attributed");
    cr_assert_str_eq(q.attr_source, "one user");
    /* no quotation beside it: no attribution */
    FRAMING(an("The search continued, and crews worked through the night."), "asserted");
    FRAMING(an("The dam, which engineers inspected, failed."), "asserted");
}
