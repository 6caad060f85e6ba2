""""Did you mean": corrected queries from the term suggester's answer, and the counts that must
approve one before a viewer sees it (pure)."""

from giai.access import ANONYMOUS, Viewer, access_filter
from portal.search import suggest
from portal.search.params import SearchParams


def entry(text, offset, *options):
    return {"text": text, "offset": offset, "length": len(text), "options": [{"text": o} for o in options]}


def answer(*entries):
    return {"suggest": {"words": list(entries)}}


def test_a_misspelt_word_is_replaced_where_it_was_typed():
    (candidate,) = suggest.candidates("disparitons forcées", answer(entry("disparitons", 0, "disparitions")))
    assert candidate == suggest.Candidate("disparitions forcées", ("disparitions",))


def test_quotes_exclusions_and_or_survive_the_correction():
    q = '"disparitons forcées" -torure OR пытки'
    response = answer(entry("disparitons", 1, "disparitions"), entry("torure", 23, "torture"))
    assert suggest.candidates(q, response)[0].text == '"disparitions forcées" -torture OR пытки'


def test_a_correction_takes_the_capitals_of_the_word_typed():
    q = "Torure ICC"
    assert suggest.candidates(q, answer(entry("torure", 0, "torture")))[0].text == "Torture ICC"
    assert suggest.candidates("ICCC", answer(entry("iccc", 0, "icc")))[0].text == "ICC"


def test_the_next_best_alternatives_make_further_candidates_each_once():
    q = "torure polise"
    response = answer(entry("torure", 0, "torture", "tortura"), entry("polise", 7, "police"))
    assert [c.text for c in suggest.candidates(q, response)] == ["torture police", "tortura police"]


def test_nothing_misspelt_means_no_candidate():
    assert suggest.candidates("torture", answer(entry("torture", 0))) == []
    assert suggest.candidates("torture", {"hits": {}}) == []


def test_the_suggester_reads_the_words_as_written_and_corrects_only_missing_ones():
    term = suggest.suggest_section("torure")["words"]["term"]
    assert term["field"] == "pages.text.suggest"
    assert term["suggest_mode"] == "missing"


def test_a_candidate_is_counted_under_the_viewers_access_filter_without_expansion():
    member = Viewer(user_id=7, organisations=frozenset({"redress"}))
    params = SearchParams(q="nightingle", filters={"country": ("GM",)})
    whole, word = suggest.checks(suggest.Candidate("nightingale", ("nightingale",)), params, member)
    for body in (whole, word):
        assert access_filter(member) in body["query"]["bool"]["filter"]
        assert body["size"] == 0 and body["track_total_hits"] is True
        assert not any("constant_score" in c for c in body["query"]["bool"]["should"])
    assert {"terms": {"country": ["GM"]}} in whole["query"]["bool"]["filter"]
    assert {"terms": {"country": ["GM"]}} not in word["query"]["bool"]["filter"]


def test_every_corrected_word_is_counted_on_its_own():
    candidate = suggest.Candidate("kestrel | torture", ("kestrel", "torture"))
    assert len(suggest.checks(candidate, SearchParams(q="kestrl | torure"), ANONYMOUS)) == 3


def test_a_candidate_must_find_more_than_the_query_typed():
    assert suggest.acceptable([3, 3], typed=0)
    assert not suggest.acceptable([2, 5], typed=2)


def test_a_word_the_viewer_cannot_find_is_never_suggested():
    # "kestrel | torture" finds public torture documents, but kestrel only in a restricted one.
    assert not suggest.acceptable([12, 0, 40], typed=0)


def test_an_elided_article_stays_in_front_of_the_corrected_word():
    q = "crimes contre l'humanté"
    response = answer({"text": "humanté", "offset": 14, "length": 9, "options": [{"text": "humanité"}]})
    assert suggest.candidates(q, response)[0].text == "crimes contre l'humanité"


def test_a_word_found_as_typed_but_for_accents_or_letter_forms_is_not_misspelt():
    assert suggest.candidates("humanite", answer(entry("humanite", 0, "humanity", "humanité"))) == []
    assert suggest.candidates("الاسلحة", answer(entry("الاسلحة", 0, "المسلحة", "الأسلحة"))) == []


def test_the_first_candidate_the_counts_approve_is_chosen():
    found = [suggest.Candidate("a b", ("a",)), suggest.Candidate("c d", ("c", "d"))]
    bodies = suggest.count_requests(found, SearchParams(q="x y"), ANONYMOUS)
    assert len(bodies) == 1 + 2 + 3
    # typed finds 1; "a b" finds 1 (no better); "c d" finds 4 with both words visible.
    assert suggest.choose(found, [1, 1, 5, 4, 2, 3]) == "c d"
    assert suggest.choose(found, [1, 1, 5, 4, 0, 3]) is None
