"""Plain text files, whatever their encoding."""

from __future__ import annotations

from charset_normalizer import from_bytes

from .errors import ExtractionError
from .result import Extracted, Page
from .sniff import TEXT


def extract_text(data: bytes) -> Extracted:
    """The file decoded with the encoding charset-normalizer finds (a byte-order mark wins), as
    one page with "\\n" line ends, its first short paragraph as heading; the encoding in `metadata`. Raises ExtractionError("corrupt")
    when no encoding decodes it and ExtractionError("empty") for whitespace only."""
    best = from_bytes(data).best()
    if best is None:
        raise ExtractionError("corrupt", "The text file is in no encoding we can decode.")
    text = str(best).lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    if not text:
        raise ExtractionError("empty", "The text file holds only whitespace.")
    return Extracted(TEXT, (Page(1, text),), None, {"encoding": best.encoding}, False, None, first_paragraph(text))


def first_paragraph(text: str, max_lines: int = 3) -> str | None:
    """A text's first paragraph (up to its first blank line) when it is short enough to be its
    heading: a title wrapped at a fixed width comes back whole."""
    paragraph = text.split("\n\n", 1)[0].split("\n")
    if len(paragraph) > max_lines:
        return None
    return " ".join(" ".join(paragraph).split()) or None
