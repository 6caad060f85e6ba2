"""Language detection: by script where the script decides, langdetect among Latin languages."""

import pytest

from ingest.language import Fragment, LanguageReport, detect_languages

PARAGRAPHS = {
    "en": "The Committee against Torture examined the situation of detainees held incommunicado in unofficial "
    "places of detention and expressed concern at reports of enforced disappearances.",
    "fr": "Le Comité contre la torture a examiné la situation des personnes détenues au secret dans des lieux de "
    "détention non officiels et s'est inquiété des informations faisant état de disparitions forcées.",
    "es": "El Comité contra la Tortura examinó la situación de las personas detenidas en régimen de "
    "incomunicación en lugares de detención no oficiales y expresó su preocupación por las desapariciones forzadas.",
    "ru": "Комитет против пыток рассмотрел положение лиц, содержащихся под стражей без связи с внешним миром в "
    "неофициальных местах лишения свободы, и выразил обеспокоенность сообщениями о насильственных исчезновениях.",
    "ar": "نظرت لجنة مناهضة التعذيب في حالة الأشخاص المحتجزين بمعزل عن العالم الخارجي في أماكن احتجاز غير رسمية، "
    "وأعربت عن قلقها إزاء التقارير المتعلقة بحالات الاختفاء القسري.",
    "uk": "Комітет проти катувань розглянув становище осіб, які утримуються під вартою без зв'язку із зовнішнім "
    "світом у неофіційних місцях позбавлення волі, і висловив занепокоєння повідомленнями про насильницькі зникнення.",
    "de": "Der Ausschuss gegen Folter prüfte die Lage der Personen, die ohne Kontakt zur Außenwelt an inoffiziellen "
    "Haftorten festgehalten werden, und äußerte sich besorgt über Berichte über das Verschwindenlassen.",
}


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar"])
def test_a_page_in_each_of_the_five_languages_is_recognised(language):
    report = detect_languages([PARAGRAPHS[language]])
    assert report.primary == language
    assert report.page_languages == (language,)
    assert report.languages == (language,)
    assert report.fragments == ()
    assert report.mixed is False
    assert report.confidence > 0.9


def test_ukrainian_is_not_taken_for_russian():
    assert detect_languages([PARAGRAPHS["uk"]]).primary == "uk"


def test_a_russian_text_naming_a_ukrainian_city_stays_russian():
    assert detect_languages([PARAGRAPHS["ru"] + " Заседание прошло в Київ."]).primary == "ru"


def test_german_is_recognised_rather_than_forced_into_one_of_the_five():
    assert detect_languages([PARAGRAPHS["de"]]).primary == "de"


def test_a_short_mixed_heading_is_split_by_script_not_called_bulgarian():
    report = detect_languages(["Action and Действия и подход"])
    assert report.primary == "ru"
    assert report.fragments == (Fragment(1, "en", "Action and"),)
    assert set(report.languages) == {"ru", "en"}
    assert report.mixed is True


RUSSIAN_DECK_PAGE = "\n".join(
    [
        "Доклад о пытках и насильственных исчезновениях",
        PARAGRAPHS["ru"],
        "Action plan for the implementation of the recommendations of the Committee",
        "Комитет рекомендовал государству провести расследование и привлечь виновных к ответственности.",
        "Next steps: follow-up report due in 2025",
        "Государство должно обеспечить, чтобы все жалобы на пытки расследовались незамедлительно.",
    ]
)


def test_english_left_untranslated_in_a_russian_page_is_listed_as_fragments():
    report = detect_languages(["Введение в доклад комитета, подготовленное секретариатом.", RUSSIAN_DECK_PAGE])
    assert report.primary == "ru"
    assert report.page_languages == ("ru", "ru")
    assert report.fragments == (
        Fragment(2, "en", "Action plan for the implementation of the recommendations of the Committee"),
        Fragment(2, "en", "Next steps: follow-up report due in 2025"),
    )
    assert report.mixed is True


def test_an_english_sentence_in_a_french_page_is_a_fragment_found_without_a_script_change():
    page = "\n".join(
        [
            PARAGRAPHS["fr"],
            "The State party should ensure that all allegations of torture are investigated promptly and "
            "that the perpetrators are prosecuted.",
            "Le Comité recommande à l'État partie de veiller à ce que toutes les allégations fassent l'objet d'enquêtes.",
        ]
    )
    report = detect_languages([page])
    assert report.primary == "fr"
    assert [(f.page, f.language) for f in report.fragments] == [(1, "en")]
    assert report.fragments[0].text.startswith("The State party should ensure")


def test_an_english_phrase_in_an_arabic_page_is_a_fragment():
    page = PARAGRAPHS["ar"] + " وقدمت المنظمة تقريرها بعنوان the right to truth and justice إلى اللجنة."
    report = detect_languages([page])
    assert report.primary == "ar"
    assert report.fragments == (Fragment(1, "en", "the right to truth and justice"),)


def test_names_of_organisations_in_latin_script_are_not_fragments():
    page = PARAGRAPHS["ru"] + " Об этом сообщили Human Rights Watch и International Commission of Jurists."
    report = detect_languages([page])
    assert report.fragments == ()
    assert report.mixed is False


def test_each_page_has_its_language_and_an_annex_in_another_counts_as_present():
    pages = [PARAGRAPHS["ru"] * 3, PARAGRAPHS["ru"] * 3, PARAGRAPHS["en"] * 2]
    report = detect_languages(pages)
    assert report.primary == "ru"
    assert report.page_languages == ("ru", "ru", "en")
    assert report.languages == ("ru", "en")
    assert report.mixed is True
    assert 0.5 < report.confidence < 0.9


def test_a_stray_foreign_word_does_not_make_a_language_present():
    report = detect_languages([PARAGRAPHS["fr"] + " (ICC)"])
    assert report.languages == ("fr",)


def test_pages_too_short_to_tell_take_the_document_language():
    report = detect_languages([PARAGRAPHS["es"], "3", "", "Anexo"])
    assert report.page_languages == ("es", "es", "es", "es")


def test_a_document_without_text_takes_the_declared_language_with_no_confidence():
    assert detect_languages(["", "  "], "fr") == LanguageReport("fr", 0.0, ("fr",), ("fr", "fr"), (), False)
    assert detect_languages([""]).primary == ""


def test_the_declared_language_settles_a_latin_page_langdetect_is_unsure_about():
    title_page = "Rapport de la mission internationale"
    assert detect_languages([title_page]).primary == "it"  # langdetect's guess: 0.57 Italian, 0.43 French
    assert detect_languages([title_page], "fr").primary == "fr"


def test_the_declared_language_never_overrides_the_script_or_a_clear_verdict():
    assert detect_languages([PARAGRAPHS["ru"]], "en").primary == "ru"
    assert detect_languages([PARAGRAPHS["en"]], "fr").primary == "en"


def test_the_same_pages_always_give_the_same_report():
    pages = [RUSSIAN_DECK_PAGE, PARAGRAPHS["fr"], "Rapport de la mission internationale", PARAGRAPHS["es"]]
    first = detect_languages(pages)
    detect_languages([PARAGRAPHS["en"], PARAGRAPHS["de"]])  # another document in between
    assert detect_languages(pages) == first


def test_a_long_document_in_one_language_is_one_language_on_every_page():
    pages = [PARAGRAPHS["en"] * 4] * 30
    report = detect_languages(pages)
    assert set(report.page_languages) == {"en"}
    assert report.languages == ("en",)
