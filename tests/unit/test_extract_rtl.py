"""Right-to-left page layout from glyphs (ingest.extract.rtl), on glyphs placed by hand.

Each helper line is given in visual order, left to right, the way a PDF draws it; the layout
must return the text in logical order, the way it was typed.
"""

from ingest.extract.rtl import Glyph, has_rtl, reading_order_text

HEIGHT = 12.0


def visual_line(units: list[str], middle: float = 700.0, start: float = 50.0, width: float = 6.0) -> list[Glyph]:
    """Glyphs for `units` drawn left to right, touching; " " units are space glyphs."""
    glyphs = []
    x = start
    for unit in units:
        glyphs.append(Glyph(unit, x, x + width, middle, HEIGHT))
        x += width
    return glyphs


def visual(text: str) -> list[str]:
    """A logical RTL string as the visual units a simple RTL line draws: characters reversed."""
    return list(reversed(text))


def test_an_arabic_line_drawn_left_to_right_reads_right_to_left():
    assert reading_order_text(visual_line(visual("تقرير عن التعذيب"))) == "تقرير عن التعذيب"


def test_a_lam_alef_ligature_whose_characters_came_reversed_is_put_back():
    # "والاختفاء": the lam-alef glyph reported as "ال" (alef first), as pdfium does for some fonts.
    units = ["ء", "ا", "ف", "ت", "خ", "ال", "ا", "و"]
    assert reading_order_text(visual_line(units)) == "والاختفاء"


def test_a_ligature_already_in_logical_order_is_left_alone():
    units = ["ء", "ا", "ف", "ت", "خ", "لا", "ا", "و"]
    assert reading_order_text(visual_line(units)) == "والاختفاء"


def test_ligatures_the_joining_rules_cannot_order_follow_the_others_on_the_page():
    # "لم" (lam-meem) reads either way by joining rules; the page's lam-alef came reversed, so it did too.
    units = ["ال", " ", "ع", "ن", "مل"]
    assert reading_order_text(visual_line(units)) == "لمنع لا"


def test_the_allah_ligature_is_read_in_its_logical_order():
    assert reading_order_text(visual_line(["هللا"])) == "الله"


def test_a_kashida_bar_is_dropped_without_breaking_the_word():
    # The producer mapped the elongation bar between meem and alef of "المادة" to ";".
    glyphs = visual_line(["ة", "د", "ا", ";", "م", "ل", "ا"])
    glyphs[3] = glyphs[3]._replace(bar=True)
    assert reading_order_text(glyphs) == "المادة"


def test_a_raised_diacritic_joins_its_letter_instead_of_splitting_the_line():
    glyphs = visual_line(visual("وفقا للمادة"))
    alef = glyphs[7]  # the alef of وفقا
    assert alef.text == "ا"
    raised = Glyph("\u064b", alef.left + 1, alef.right - 1, alef.middle + 3.0, HEIGHT)  # fathatan, drawn higher
    text = reading_order_text(glyphs + [raised])
    assert text == "وفقاً للمادة"
    assert "\n" not in text


def test_latin_words_and_numbers_inside_arabic_keep_left_to_right_order():
    # Logical: "المحكمة ICC في 2023" — visually the Latin and the digits read left to right.
    units = list("2023") + [" "] + visual("في") + [" "] + list("ICC") + [" "] + visual("المحكمة")
    assert reading_order_text(visual_line(units)) == "المحكمة ICC في 2023"


def test_an_arabic_phrase_inside_an_english_line_is_reversed_on_its_own():
    units = list("The phrase ") + visual("لا عدالة") + list(" appears")
    assert reading_order_text(visual_line(units)) == "The phrase لا عدالة appears"


def test_mirrored_brackets_around_latin_text_are_turned_back():
    # LibreOffice maps the mirrored opening bracket to ")" and keeps ")" for the closing one.
    units = [")"] + list("ICC") + [")", " "] + visual("الدولية")
    assert reading_order_text(visual_line(units)) == "الدولية (ICC)"


def test_brackets_around_arabic_text_drawn_mirrored_are_turned_back():
    units = ["("] + visual("لجنة") + [")", " "] + visual("وقالت")
    assert reading_order_text(visual_line(units)) == "وقالت (لجنة)"


def test_a_numbered_reference_keeps_its_closing_bracket():
    units = visual("من") + [" ", "(", "3", " "] + visual("الفقرة")
    assert reading_order_text(visual_line(units)) == "الفقرة 3) من"


def test_lines_come_top_to_bottom_whatever_order_they_were_drawn_in():
    lower = visual_line(visual("ثانيا"), middle=680.0)
    upper = visual_line(visual("أولا"), middle=700.0)
    assert reading_order_text(lower + upper) == "أولا\nثانيا"


def test_a_gap_between_glyphs_without_a_space_glyph_is_a_word_break():
    first = visual_line(visual("عدالة"), start=100.0)
    second = visual_line(visual("بلا"), start=76.0)  # drawn to the left, 6 points (half an em) away
    assert reading_order_text(first + second) == "عدالة بلا"


def test_has_rtl_finds_arabic_and_hebrew_letters_only():
    assert has_rtl("Report تقرير")
    assert has_rtl("שלום")
    assert not has_rtl("Доклад Report 2023 ٢٠٢٣")


def test_a_percentage_in_arabic_keeps_its_sign_after_the_number():
    # Arabic typesetting draws "45%" as "%45": the sign is a neutral taking the line's direction.
    units = visual("من") + [" ", "%", "4", "5", " "] + visual("نسبة")
    assert reading_order_text(visual_line(units)) == "نسبة 45% من"


def test_a_line_of_only_numbers_follows_the_page_direction():
    page = visual_line(visual("تقرير اللجنة"), middle=700.0) + visual_line(list("2023 - 2024"), middle=680.0)
    assert reading_order_text(page) == "تقرير اللجنة\n2024 - 2023"


def test_a_latin_title_with_its_brackets_stays_whole_inside_arabic():
    units = visual("في") + [" "] + list("Rome Statute (ICC)") + [" "] + visual("قال")
    assert reading_order_text(visual_line(units)) == "قال Rome Statute (ICC) في"


def test_a_date_inside_arabic_is_one_number():
    units = list("2023/12/05") + [" "] + visual("بتاريخ")
    assert reading_order_text(visual_line(units)) == "بتاريخ 2023/12/05"


def test_a_range_of_years_in_arabic_keeps_its_logical_order():
    # Arabic draws "الفترة 2020 - 2023" with the first year at the right: "2023 - 2020".
    units = list("2023") + [" ", "-", " "] + list("2020") + [" "] + visual("الفترة")
    assert reading_order_text(visual_line(units)) == "الفترة 2020 - 2023"
