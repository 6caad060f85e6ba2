"""DOCX: paragraphs and tables in order, title and language from the document's own settings."""

import io
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ingest.extract import DOCX, ExtractionError, extract


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report() -> docx.Document:
    document = docx.Document()
    document.add_heading("Informe sobre desapariciones forzadas", level=1)
    document.add_paragraph("El Comité examinó la situación de las personas detenidas.")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, (("Año", "Casos", "Región"), ("2023", "27", "Norte"))):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("Recomienda una investigación independiente.")
    return document


def test_paragraphs_and_table_rows_come_out_in_document_order():
    text = extract(saved(report()), "informe.docx").pages[0].text
    assert text.splitlines() == [
        "Informe sobre desapariciones forzadas",
        "El Comité examinó la situación de las personas detenidas.",
        "Año | Casos | Región",
        "2023 | 27 | Norte",
        "Recomienda una investigación independiente.",
    ]


def test_a_merged_cell_is_read_once():
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Jurisdicción universal"
    table.cell(0, 2).text = "Suiza"
    assert extract(saved(document)).pages[0].text == "Jurisdicción universal | Suiza"


def test_the_title_comes_from_the_core_properties_first():
    document = report()
    document.core_properties.title = "Informe 2023"
    document.core_properties.author = "TRIAL International"
    extracted = extract(saved(document))
    assert extracted.media_type == DOCX
    assert extracted.title == "Informe 2023"
    assert extracted.metadata["author"] == "TRIAL International"
    assert len(extracted.pages) == 1


def test_the_first_heading_is_read_beside_the_core_title():
    assert extract(saved(report())).heading == "Informe sobre desapariciones forzadas"


def test_the_declared_language_is_the_core_language_else_the_default_run_language():
    document = report()
    document.core_properties.language = "es-ES"
    assert extract(saved(document)).declared_language == "es"
    document = report()
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if language is None:
        language = OxmlElement("w:lang")
        defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}").append(language)
    language.set(qn("w:val"), "fr-FR")
    assert extract(saved(document)).declared_language == "fr"


def test_a_document_without_text_is_empty():
    with pytest.raises(ExtractionError) as caught:
        extract(saved(docx.Document()), "blank.docx")
    assert caught.value.reason == "empty"


def test_a_word_document_with_broken_xml_is_corrupt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved(report()))) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, b"<w:document><broken" if item.filename == "word/document.xml" else data)
    with pytest.raises(ExtractionError) as caught:
        extract(buffer.getvalue(), "broken.docx")
    assert caught.value.reason == "corrupt"
