""""Did you mean": words and their alternatives from the term suggester's answer, the counts under
the viewer's access filter that decide, and the corrected queries (pure)."""

from giai.access import ANONYMOUS, Viewer, access_filter
from portal.search import suggest
from portal.search.params import SearchParams


def entry(text, offset, *options):
    return {"text": text, "offset": offset, "length": len(text),
            "options": [{"text": o, "score": 0.9 - 0.1 * rank} for rank, o in enumerate(options)]}


def answer(*entries):
    return {"suggest": {"words": list(entries)}}


def all_misspelt(q, response):
    """The candidates when the viewer finds none of the typed words and every alternative once."""
    typed = suggest.words(q, response)
    wrong = suggest.misspelt(typed, [0] * len(typed))
    return suggest.candidates(q, suggest.visible_alternatives(wrong, [1] * sum(len(w.options) for w in wrong)))


def test_a_misspelt_word_is_replaced_where_it_was_typed():
    assert all_misspelt("disparitons forcées", answer(entry("disparitons", 0, "disparitions"))) == ["disparitions forcées"]


def test_quotes_exclusions_and_or_survive_the_correction():
    q = '"disparitons forcées" -torure OR пытки'
    response = answer(entry("disparitons", 1, "disparitions"), entry("torure", 23, "torture"))
    assert all_misspelt(q, response)[0] == '"disparitions forcées" -torture OR пытки'


def test_a_correction_takes_the_capitals_of_the_word_typed():
    assert all_misspelt("Torure ICC", answer(entry("torure", 0, "torture")))[0] == "Torture ICC"
    assert all_misspelt("ICCC", answer(entry("iccc", 0, "icc")))[0] == "ICC"


def test_the_next_best_alternatives_make_further_candidates_each_once():
    q = "torure polise"
    response = answer(entry("torure", 0, "torture", "tortura"), entry("polise", 7, "police"))
    assert all_misspelt(q, response) == ["torture police", "tortura police"]


def test_an_elided_article_stays_in_front_of_the_corrected_word():
    q = "crimes contre l'humanté"
    response = answer({"text": "humanté", "offset": 14, "length": 9, "options": [{"text": "humanité", "score": 0.8}]})
    assert all_misspelt(q, response)[0] == "crimes contre l'humanité"


def test_the_suggester_is_asked_about_every_word_however_common():
    term = suggest.suggest_section("torure")["words"]["term"]
    assert term["field"] == "pages.text.suggest"
    # "missing" would answer nothing for a word that only hidden documents hold: a yes/no oracle.
    assert term["suggest_mode"] == "always"
    assert term["max_term_freq"] >= 2**31 - 1


def test_a_word_the_viewer_finds_is_not_misspelt_whatever_the_index_holds():
    typed = suggest.words("humanite torure", answer(entry("humanite", 0, "humanité"), entry("torure", 9, "torture")))
    assert [(w.start, w.end) for w in suggest.misspelt(typed, [3, 0])] == [(9, 15)]
    assert suggest.misspelt(typed, [3, 1]) == []


def test_only_alternatives_the_viewer_finds_are_kept_the_most_similar_first_then_the_most_found():
    (wrong,) = suggest.words("nightingle", answer(entry("nightingle", 0, "nightingale", "nightingales", "nightinggale")))
    (kept,) = suggest.visible_alternatives([wrong], [0, 2, 9])
    assert [text for text, _ in kept.options] == ["nightingales", "nightinggale"]
    tied = suggest.Word(0, 10, (("b", 0.8), ("a", 0.8), ("c", 0.9)))
    (ranked,) = suggest.visible_alternatives([tied], [1, 5, 1])
    assert [text for text, _ in ranked.options] == ["c", "a", "b"]


def test_a_misspelt_word_without_a_visible_alternative_offers_nothing():
    (wrong,) = suggest.words("zqrestricteda", answer(entry("zqrestricteda", 0, "zqrestrictedb")))
    assert suggest.candidates("zqrestricteda", suggest.visible_alternatives([wrong], [0])) == []


def test_every_count_is_made_under_the_viewers_access_filter_without_expansion():
    member = Viewer(user_id=7, organisations=frozenset({"redress"}))
    params = SearchParams(q="nightingle", filters={"country": ("GM",)})
    (word,) = suggest.words("nightingle", answer(entry("nightingle", 0, "nightingale")))
    bodies = [*suggest.typed_word_requests("nightingle", [word], member),
              *suggest.alternative_requests([word], member),
              *suggest.count_requests(["nightingale"], params, member)]
    assert len(bodies) == 4
    for body in bodies:
        assert access_filter(member) in body["query"]["bool"]["filter"]
        assert body["size"] == 0 and body["track_total_hits"] is True
        assert not any("constant_score" in c for c in body["query"]["bool"]["should"])
    assert bodies[0]["terminate_after"] == 1 and "terminate_after" not in bodies[1]  # existence, then counts
    whole = bodies[-1]
    assert {"terms": {"country": ["GM"]}} in whole["query"]["bool"]["filter"]
    assert {"terms": {"country": ["GM"]}} not in bodies[0]["query"]["bool"]["filter"]


def test_the_first_candidate_finding_more_than_the_query_typed_is_chosen():
    found = ["a b", "c d"]
    assert len(suggest.count_requests(found, SearchParams(q="x y"), ANONYMOUS)) == 3
    assert suggest.choose(found, [1, 1, 5]) == "c d"
    assert suggest.choose(found, [5, 1, 5]) is None


def test_no_more_words_than_the_cap_are_looked_at():
    q = " ".join(f"w{i:02d}xx" for i in range(20))
    response = answer(*(entry(f"w{i:02d}xx", 6 * i) for i in range(20)))
    assert len(suggest.words(q, response)) == suggest.MAX_WORDS
