"""Words hyphenated at line ends are joined when the page or the dictionary knows the whole word."""

import pytest

from ingest.extract.hyphenation import join_hyphenated


def no_language(text: str) -> None:
    return None


def test_a_soft_hyphen_at_a_line_end_always_joins_its_word():
    assert join_hyphenated("the disap\u00ad\npearance of", no_language) == "the disappearance of"


def test_a_hyphen_joins_when_the_whole_word_occurs_elsewhere_on_the_page():
    text = "Enforced disappearance is a crime.\nEvery disap-\npearance is investigated."
    assert join_hyphenated(text, no_language) == "Enforced disappearance is a crime.\nEvery disappearance is investigated."


@pytest.mark.slow  # loads the Hunspell dictionaries of five languages
def test_a_hyphen_joins_when_the_dictionary_of_the_pages_language_has_the_word():
    assert join_hyphenated("les preuves sont conser-\nvées par la Cour", lambda _: "fr") == "les preuves sont conservées par la Cour"
    assert join_hyphenated("дело о пре-\nступлении", lambda _: "ru") == "дело о преступлении"


def test_a_hyphen_of_a_compound_word_stays():
    text = "the Inter-\nAmerican Court"
    assert join_hyphenated(text, lambda _: "en") == text


def test_without_a_language_only_the_pages_own_words_decide():
    assert join_hyphenated("conser-\nvées", no_language) == "conser-\nvées"


def test_the_language_is_asked_only_when_the_page_cannot_decide():
    asked = []
    join_hyphenated("a crime, a cri-\nme", lambda text: asked.append(text))
    assert asked == []


def test_the_unicode_hyphen_weasyprint_draws_is_a_line_end_hyphen_too():
    text = "torture is torture; tor\u2010\nture"
    assert join_hyphenated(text, no_language) == "torture is torture; torture"
