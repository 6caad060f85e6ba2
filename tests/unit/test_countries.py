"""Countries named in text (giai.countries): CLDR names in five languages, the aliases of
config/countries.yaml, and the false positives the matcher must avoid."""

from __future__ import annotations

import pytest
import yaml

from giai.countries import (
    DEFAULT_PATH,
    CountryConfigError,
    codes,
    country_names,
    load_countries,
    name,
)


@pytest.fixture(scope="module")
def countries():
    return load_countries()


def found(countries, text: str) -> list[tuple[str, str]]:
    return [(m.code, m.text) for m in countries.find(text)]


def found_codes(countries, text: str) -> list[str]:
    return [m.code for m in countries.find(text)]


# --- codes and names ---------------------------------------------------------------------------


def test_codes_are_upper_case_alpha_2_countries_without_regions():
    all_codes = set(codes())
    assert all(len(c) == 2 and c.isalpha() and c.isupper() for c in all_codes)
    assert {"CD", "UA", "SY", "PS", "XK", "FR"} <= all_codes
    assert not {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "IC", "EA"} & all_codes


def test_name_is_the_babel_name_in_the_locale():
    assert name("DE", "ru") == "Германия"
    assert name("CD", "fr") == "Congo-Kinshasa"
    assert name("SY", "ar") == "سوريا"


def test_name_falls_back_to_english_then_to_the_code():
    assert name("SY", "xx") == "Syria"
    assert name("QQ", "en") == "QQ"


# --- CLDR names --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Germany", "Allemagne", "Германия", "Alemania", "ألمانيا"])
def test_cldr_names_match_in_every_language(countries, text):
    assert found_codes(countries, f"— {text} —") == ["DE"]


@pytest.mark.parametrize("text", ["Syria", "Syrie", "Сирия", "Siria", "سوريا", "سورية", "Syrian Arab Republic"])
def test_syria_is_found_in_every_language(countries, text):
    assert found_codes(countries, text) == ["SY"]


def test_cldr_names_with_an_ampersand_match_written_either_way(countries):
    assert found_codes(countries, "Bosnia & Herzegovina; Bosnia and Herzegovina") == ["BA", "BA"]
    assert found_codes(countries, "St. Kitts & Nevis, Saint Kitts and Nevis") == ["KN", "KN"]


def test_parenthesised_part_of_a_cldr_name_is_not_required(countries):
    assert found_codes(countries, "Myanmar, Мьянма") == ["MM", "MM"]


# --- aliases -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["DRC", "D.R.C.", "DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa", "RDC", "RD Congo",
     "République démocratique du Congo", "ДРК", "Демократическая Республика Конго", "República Democrática del Congo",
     "جمهورية الكونغو الديمقراطية"],
)
def test_drc_is_found_under_its_names_and_abbreviations(countries, text):
    assert found_codes(countries, text) == ["CD"]


def test_bare_congo_is_the_drc_and_the_republic_of_the_congo_is_not(countries):
    assert found_codes(countries, "Congo") == ["CD"]
    assert found_codes(countries, "Конго") == ["CD"]
    assert found_codes(countries, "the Republic of the Congo and Congo-Brazzaville") == ["CG", "CG"]
    assert found_codes(countries, "République du Congo, Республика Конго, República del Congo") == ["CG", "CG", "CG"]


@pytest.mark.parametrize(
    "text", ["CAR", "Central African Republic", "RCA", "Centrafrique", "ЦАР", "جمهورية أفريقيا الوسطى"]
)
def test_central_african_republic_is_found(countries, text):
    assert found_codes(countries, text) == ["CF"]


@pytest.mark.parametrize(
    ("text", "code"),
    [("Burma", "MM"), ("Birmanie", "MM"), ("Ivory Coast", "CI"), ("Côte d’Ivoire", "CI"), ("Costa de Marfil", "CI"),
     ("UK", "GB"), ("Great Britain", "GB"), ("USA", "US"), ("U.S.", "US"), ("États-Unis", "US"), ("США", "US"),
     ("EE. UU.", "US"), ("Türkiye", "TR"), ("Turkey", "TR"), ("Turquie", "TR"), ("Kosovo", "XK"), ("Косово", "XK"),
     ("Russia", "RU"), ("Russian Federation", "RU"), ("Fédération de Russie", "RU"), ("Россия", "RU"), ("РФ", "RU"),
     ("Российская Федерация", "RU")],
)
def test_aliases_beyond_cldr_are_found(countries, text, code):
    assert found_codes(countries, text) == [code]


@pytest.mark.parametrize(
    "text",
    ["Gaza", "the Gaza Strip", "West Bank", "Cisjordanie", "сектор Газа", "قطاع غزة", "الضفة الغربية", "Palestine",
     "Palestinian Territories"],
)
def test_gaza_west_bank_and_palestine_are_ps(countries, text):
    assert found_codes(countries, text) == ["PS"]


def test_every_alias_in_the_file_finds_its_country(countries):
    config = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    for code, by_language in config["aliases"].items():
        for aliases in by_language.values():
            for alias in aliases:
                assert code in found_codes(countries, alias), (code, alias)


# --- Russian and Arabic forms ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [("в Украине", "UA"), ("Украины", "UA"), ("Украиной", "UA"), ("в Сирии", "SY"), ("с Сирией", "SY"),
     ("России", "RU"), ("в Израиле", "IL"), ("из Китая", "CN"), ("в Беларуси", "BY"),
     ("Демократической Республики Конго", "CD"), ("Центральноафриканской Республике", "CF"),
     ("Соединенных Штатах", "US"), ("в Соединённом Королевстве", "GB"), ("Кот-д’Ивуара", "CI")],
)
def test_russian_inflected_country_names_are_found(countries, text, code):
    assert found_codes(countries, text) == [code]


def test_indeclinable_russian_names_do_not_catch_lookalike_words(countries):
    assert found_codes(countries, "в Мали") == ["ML"]
    assert found_codes(countries, "малые страны, Малая Азия") == []


def test_russian_gas_is_not_gaza(countries):
    assert found_codes(countries, "поставки газа и газу") == []


@pytest.mark.parametrize(
    ("text", "code"), [("وسوريا", "SY"), ("بالعراق", "IQ"), ("لسوريا", "SY"), ("والولايات المتحدة", "US")]
)
def test_arabic_attached_prefixes_do_not_prevent_a_match(countries, text, code):
    assert found(countries, text) == [(code, text)]


def test_arabic_diacritics_do_not_prevent_a_match(countries):
    assert found_codes(countries, "سُورِيَا") == ["SY"]


# --- false positives ---------------------------------------------------------------------------


def test_us_in_lower_case_is_not_the_united_states(countries):
    assert found_codes(countries, "let us know what the US decides") == ["US"]


def test_us_in_a_heading_in_capitals_is_not_the_united_states(countries):
    assert found_codes(countries, "PLEASE LET US KNOW") == []
    assert found_codes(countries, "US/UK") == ["US", "GB"]


def test_acronyms_need_capitals(countries):
    assert found_codes(countries, "a car, the drc, the uk") == []


def test_niger_is_not_found_inside_nigeria(countries):
    assert found(countries, "Nigeria and Niger") == [("NG", "Nigeria"), ("NE", "Niger")]


def test_the_longest_name_wins(countries):
    text = "South Sudan; Papua New Guinea; Equatorial Guinea; Guinea-Bissau"
    assert found_codes(countries, text) == ["SS", "PG", "GQ", "GW"]


def test_country_names_written_in_lower_case_are_common_words(countries):
    assert found_codes(countries, "turkey and chad, fine china, a guinea pig") == []


def test_capitalised_short_names_are_countries(countries):
    assert found_codes(countries, "Chad, Jordan, Georgia, Turkey, Guinea, Oman") == ["TD", "JO", "GE", "TR", "GN", "OM"]


def test_names_in_headings_in_capitals_are_found(countries):
    assert found_codes(countries, "SITUATION IN THE DEMOCRATIC REPUBLIC OF THE CONGO") == ["CD"]


def test_names_that_are_everyday_words_are_excluded(countries):
    assert found_codes(countries, "La Réunion du comité avec Maurice et Dominique") == []
    assert found_codes(countries, "دعم مالي") == []


def test_matches_give_offsets_into_the_original_text(countries):
    text = "Après l’audience, la RDC et l’Ukraine…"
    matches = countries.find(text)
    assert [(m.code, text[m.start : m.end]) for m in matches] == [("CD", "RDC"), ("UA", "Ukraine")]
    assert all(m.text == text[m.start : m.end] for m in matches)


def test_find_in_query_accepts_names_typed_in_lower_case(countries):
    assert [m.code for m in countries.find_in_query("torture syria")] == ["SY"]
    assert [m.code for m in countries.find_in_query("us")] == []


# --- configuration -----------------------------------------------------------------------------


def test_an_alias_for_an_unknown_code_is_rejected():
    with pytest.raises(CountryConfigError, match="not a country code"):
        country_names({"aliases": {"ZZ": {"en": ["Nowhere"]}}})


def test_one_alias_for_two_countries_is_rejected():
    with pytest.raises(CountryConfigError, match="given for"):
        country_names({"aliases": {"CD": {"en": ["Congo"]}, "CG": {"en": ["Congo"]}}})


def test_a_cldr_name_left_standing_for_two_countries_is_rejected():
    # CLDR calls both Virgin Islands "Виргинские о-ва (…)" in Russian.
    with pytest.raises(CountryConfigError, match="two countries"):
        country_names({})


def test_load_countries_names_the_file_in_errors(tmp_path):
    bad = tmp_path / "countries.yaml"
    bad.write_text("aliases:\n  QQ:\n    en: [Nowhere]\n")
    with pytest.raises(CountryConfigError, match="countries.yaml"):
        load_countries(bad)
