"""Plain text in whatever encoding it came."""

import pytest

from ingest.extract import TEXT, ExtractionError, extract


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Rapport sur la torture et les disparitions forcées en Syrie.", "cp1252"),
        ("Доклад о пытках и насильственных исчезновениях в Чечне.", "cp1251"),
        ("Доклад о пытках и насильственных исчезновениях в Чечне.", "koi8-r"),
        ("تقرير عن التعذيب والاختفاء القسري في سوريا", "utf-8"),
        ("Informe sobre la tortura en Guatemala.", "utf-16"),
    ],
)
def test_text_is_decoded_whatever_its_encoding(text, encoding):
    extracted = extract((text + "\n") .encode(encoding) * 3)
    assert extracted.media_type == TEXT
    assert extracted.pages[0].text.splitlines()[0] == text
    assert extracted.title is None and extracted.declared_language is None


def test_line_ends_are_unified_and_trailing_space_trimmed():
    assert extract(b"first line   \r\nsecond line\rthird\n\n").pages[0].text == "first line\nsecond line\nthird"


def test_a_byte_order_mark_is_not_text():
    assert extract("\ufeffReport".encode("utf-8")).pages[0].text == "Report"


def test_whitespace_only_is_empty():
    with pytest.raises(ExtractionError) as caught:
        extract(b"  \n\t\n ", "blank.txt")
    assert caught.value.reason == "empty"
