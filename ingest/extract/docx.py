"""The text of a Word (.docx) document: body paragraphs and tables in document order."""

from __future__ import annotations

import io
import zipfile

import docx
import docx.opc.exceptions
import lxml.etree
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.title import clean_title

from .errors import ExtractionError
from .result import Extracted, Page, language_from_tag
from .sniff import DOCX


def extract_docx(data: bytes) -> Extracted:
    """The document's body text as one page: one line per paragraph, one per table row (cells
    separated by " | "). Title from the core properties, heading the first Title/Heading paragraph;
    declared language from the core properties, else the default run language of the styles.
    Headers, footers, footnotes and text boxes are not read. Raises ExtractionError("corrupt")
    for a damaged file and ExtractionError("empty") for a document without text."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, lxml.etree.XMLSyntaxError, docx.opc.exceptions.PackageNotFoundError) as exc:
        raise ExtractionError("corrupt", f"The Word document cannot be read: {exc}") from exc
    lines = list(_block_lines(document))
    text = "\n".join(line for line in lines if line)
    if not text:
        raise ExtractionError("empty", "The Word document has no text in its body.")
    properties = document.core_properties
    title, heading = clean_title(properties.title), clean_title(_first_heading(document))
    metadata = {
        key: value
        for key, value in (
            ("author", properties.author),
            ("subject", properties.subject),
            ("keywords", properties.keywords),
            ("created", properties.created.isoformat() if properties.created else None),
            ("modified", properties.modified.isoformat() if properties.modified else None),
        )
        if value
    }
    language = language_from_tag(properties.language) or language_from_tag(_default_language(document))
    return Extracted(DOCX, (Page(1, text),), title, metadata, False, language, heading)


def _block_lines(document: Document):
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text.strip()
        elif isinstance(block, Table):
            yield from _table_lines(block)


def _table_lines(table: Table):
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # python-docx repeats a merged cell once per grid column it spans.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        yield " | ".join(cells)


def _first_heading(document: Document) -> str | None:
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if paragraph.text.strip() and (style == "Title" or style.startswith("Heading")):
            return paragraph.text
    return None


def _default_language(document: Document) -> str | None:
    """The language of the document's default run properties (<w:docDefaults> in styles.xml),
    else its theme font language (settings.xml): where Word keeps the editing language. The
    right-to-left language is taken when only that one is set."""
    path = f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    for language in (document.styles.element.find(path), document.settings.element.find(qn("w:themeFontLang"))):
        if language is not None:
            tag = language.get(qn("w:val")) or language.get(qn("w:bidi"))
            if tag:
                return tag
    return None
