"""A document's title: who decides, and which declared titles are producers' noise (pure).

The one place titles are chosen. In order: the title given by a curator or the publisher (sidecar,
manifest, feed: metadata, which curators' corrections override); the title the file declares,
unless it is junk — what a program writes when nobody set one (`about:blank`, `Untitled`,
`Microsoft Word - draft3.docx`, a file or template name, a URL) — or is in another language than
the document while the first heading is in the document's; the document's first heading (a PDF's
largest lines at the top joined, an HTML <h1>, a Word Title/Heading paragraph); the first line of
text; the file name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from giai.curation import TITLE_MAX

MIN_LETTERS = 3
_EXTENSIONS = r"docx?|dotx?|dotm|odt|ott|rtf|pdf|html?|txt|pptx?|potx|xlsx?|indd|md|tex|pages"
_JUNK = re.compile(
    "|".join((
        r"about:blank",
        r"(?:microsoft|ms)\s*(?:office\s*)?(?:word|powerpoint|excel)\b.*",  # "Microsoft Word - draft3.docx"
        r"(?:untitled|sans titre|sin t[ií]tulo|senza titolo|ohne titel|без названия|без имени|بدون عنوان)\b.*",
        r"(?:new |nouveau |nuevo )?(?:document|documento|документ|doc)\s*\d*",
        r"(?:book|classeur|libro|книга|sheet|feuil|hoja|лист)\s*\d*",  # spreadsheets' defaults
        r"(?:powerpoint )?(?:presentation|slide|diapositive|diapositiva|слайд)\s*\d*",
        r"title|titre|t[ií]tulo|заголовок|no title|normal|template|mod[eè]le|plantilla|шаблон|default|blank",
        r"(?:normal|template|default)[\w ]*\.(?:dotx?|dotm|ott|potx)",
        rf".*\.(?:{_EXTENSIONS})",  # a file name, with or without a path
        r"(?:[a-z]:\\|/|file:|https?:|www\.).*",  # a path or an address
        r"[\W\d_]*",  # no word at all
    )),
    re.IGNORECASE,
)


def clean_title(value: object) -> str | None:
    """A title's text with whitespace collapsed, or None when there is none."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split())[:TITLE_MAX] or None


def is_junk(title: str, filename: str = "") -> bool:
    """True for a declared title that names no document: see the module docstring."""
    title = " ".join(title.split())
    stem = PurePosixPath(filename).stem
    return (
        bool(_JUNK.fullmatch(title))
        or sum(char.isalpha() for char in title) < MIN_LETTERS
        or (bool(stem) and title.casefold() in (stem.casefold(), PurePosixPath(filename).name.casefold()))
    )


def choose_title(
    given: str | None,
    declared: str | None,
    heading_of: Callable[[], str | None],
    pages: Sequence[str],
    filename: str,
    *,
    language: str | None = None,
    language_of: Callable[[str], str | None] | None = None,
) -> str:
    """The title to index (see the module docstring). `heading_of` gives the first heading, asked
    only when the title depends on it (measuring a PDF's costs about a page's extraction);
    `language` is the document's, `language_of` (text → ISO 639-1 code or None) a text's."""
    given, declared = clean_title(given), clean_title(declared)
    if given:
        return given
    if declared and is_junk(declared, filename):
        declared = None
    foreign = bool(declared and language and language_of and language_of(declared) not in (None, "", language))
    if declared and not foreign:
        return declared
    heading = clean_title(heading_of())
    if heading and not is_junk(heading, filename):
        # A declared title in another language gives way only to a heading in the document's.
        if not declared or (language_of and language_of(heading) == language):
            return heading
    if declared:
        return declared
    for page in pages[:2]:
        for line in page.splitlines():
            line = clean_title(line)
            if line and not is_junk(line):
                return line
    return PurePosixPath(filename).stem or filename
