"""The main text of an HTML page: the article, without the site's navigation and furniture."""

from __future__ import annotations

import codecs
import re

import lxml.etree
import lxml.html
from charset_normalizer import from_bytes

from ingest.title import clean_title

from .errors import ExtractionError
from .result import Extracted, Page, language_from_tag
from .sniff import HTML

# Elements that are never content, and site furniture around it.
_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
               "button", "select", "input", "textarea", "dialog")
_BOILERPLATE = ("nav", "header", "footer", "aside", "form", "menu")
_BOILERPLATE_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar")
# Elements after which the text breaks into a new line.
_BLOCKS = frozenset(
    "address article blockquote br caption dd details div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li "
    "main ol p pre section summary table tbody td th thead tr ul".split()
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def extract_html(data: bytes) -> Extracted:
    """The page's main text as one page; title from <title>, heading from the first <h1>; declared
    language from <html lang> (or a Content-Language meta); description, author and keywords
    metas in `metadata`. Raises ExtractionError("corrupt") for unparsable markup and
    ExtractionError("empty") for a page without text."""
    encoding = _encoding(data)
    # Decoded here rather than by libxml2, which knows fewer encoding names than Python; an XML
    # declaration would contradict the decoded string, so it goes.
    markup = _XML_DECLARATION.sub("", data.decode(encoding, errors="replace").lstrip("\ufeff"), count=1)
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
        root = lxml.html.document_fromstring(markup, parser=parser)
    except lxml.etree.ParserError as exc:  # lxml's word for a document without elements
        raise ExtractionError("empty", "The HTML page has no content.") from exc
    except (lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractionError("corrupt", f"The HTML page cannot be parsed: {exc}") from exc
    title, heading = clean_title(_first_text(root, "//head/title")), clean_title(_first_text(root, "//h1"))
    metadata = {"encoding": encoding, **_metas(root)}
    language = language_from_tag(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))
    language = language or language_from_tag(_meta_content(root, "content-language", attribute="http-equiv"))
    text = main_text(root)
    if not text:
        raise ExtractionError("empty", "The HTML page has no text outside its navigation and scripts.")
    return Extracted(HTML, (Page(1, text),), title, metadata, False, language, heading)


def main_text(root: lxml.html.HtmlElement) -> str:
    """The readable text of a parsed page: boilerplate removed, the <main> or single <article>
    preferred when the page marks one, one line per block, whitespace inside lines collapsed."""
    unwanted = root.xpath("//*[@hidden] | //*[@aria-hidden='true']")
    unwanted += root.iter(*_NEVER_TEXT, *_BOILERPLATE)
    for role in _BOILERPLATE_ROLES:
        unwanted += root.xpath("//*[@role=$role]", role=role)
    for element in unwanted:
        # An article's own header and footer (its title, date, author) are content.
        if element.tag in ("header", "footer") and any(a.tag in ("article", "main") for a in element.iterancestors()):
            continue
        _drop(element)
    mains = root.xpath("//main | //*[@role='main']")
    articles = root.xpath("//article")
    content = mains[0] if mains else articles[0] if len(articles) == 1 else root.find("body")
    if content is None:
        content = root
    lines: list[str] = []
    _collect(content, lines, [])
    return "\n".join(line for line in (" ".join(part.split()) for part in lines) if line)


def _collect(element, lines: list[str], current: list[str]) -> None:
    """Appends the text under `element` to `lines`, starting a new line around block elements."""
    is_block = isinstance(element.tag, str) and element.tag.lower() in _BLOCKS
    if is_block:
        _flush(lines, current)
    if element.text and isinstance(element.tag, str):
        current.append(element.text)
    for child in element:
        _collect(child, lines, current)
        if child.tail:
            current.append(child.tail)
    if is_block:
        _flush(lines, current)


def _flush(lines: list[str], current: list[str]) -> None:
    if current:
        lines.append("".join(current))
        current.clear()


def _drop(element) -> None:
    """Removes an element but keeps the text that follows it (its tail) in place."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _encoding(data: bytes) -> str:
    """The page's encoding: its byte-order mark, else its <meta charset>, else a guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            pass
    guess = from_bytes(data[:65536]).best()
    return guess.encoding if guess is not None else "utf-8"


def _first_text(root, path: str) -> str | None:
    found = root.xpath(path)
    return found[0].text_content() if found else None


def _meta_content(root, name: str, attribute: str = "name") -> str | None:
    for meta in root.iter("meta"):
        if (meta.get(attribute) or "").strip().lower() == name:
            return (meta.get("content") or "").strip() or None
    return None


def _metas(root) -> dict:
    metadata = {}
    for name in ("description", "author", "keywords"):
        value = _meta_content(root, name)
        if value:
            metadata[name] = " ".join(value.split())
    return metadata
