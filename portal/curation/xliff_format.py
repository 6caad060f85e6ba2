"""XLIFF 2.0 as the portal writes and reads it (pure: bytes in, bytes out, no server).

A document becomes one `<file>` whose units are its title (`t`) and each paragraph of each page
(`p<page>-<n>`, paragraphs being the blocks a blank line separates), or, in the `fragments`
scope, its fragments left in another language (`f<page>-<digest>`); every unit carries the
document id and its page number in XLIFF's metadata module (`mda:meta type="document"|"page"`),
so a CAT tool shows where a segment comes from and an import can check it. The source language is
the detected one, the target the translator's choice (`srcLang`, `trgLang`).

Reading is strict, because what comes back was edited by other programs: no DTD (no entity
expansion), a size limit before parsing, the XLIFF 2.0 namespace and version, and then a check
against the document as it is now (`translations_for`): same document, same languages, every unit
present with an unchanged source and a translation. Any failure is one `XliffError` whose `code`
the view turns into a message; nothing is written before every check passed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
MEDIA_TYPE = "application/xliff+xml"
TITLE_UNIT = "t"
DOCUMENT, FRAGMENTS = "document", "fragments"
_X = f"{{{XLIFF_NS}}}"
_M = f"{{{MDA_NS}}}"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class XliffError(ValueError):
    """A file that cannot be imported; `code` says why, `detail` which unit or value."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class Unit:
    """One translatable piece: its id, the page it is on (0: the title), its source text and,
    in a file read back, its translation."""

    id: str
    page: int
    source: str
    target: str = ""


@dataclass(frozen=True)
class Bundle:
    """What one XLIFF file holds: one document's units in a language pair."""

    doc_id: str
    source_language: str
    target_language: str
    units: tuple[Unit, ...]
    scope: str = DOCUMENT  # or FRAGMENTS: the fragments left in another language, into the document's


def paragraphs(text: str) -> list[str]:
    """The page's paragraphs: blocks separated by a blank line, trimmed, empty ones dropped."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text or "") if p.strip()]


def document_units(title: str, pages: Iterable[Mapping[str, Any]]) -> tuple[Unit, ...]:
    """The title unit, then one unit per paragraph of each page (pages as indexed: number, text)."""
    units = [Unit(TITLE_UNIT, 0, title.strip())] if title and title.strip() else []
    for page in sorted(pages, key=lambda p: p["number"]):
        units.extend(Unit(f"p{page['number']}-{n}", page["number"], text) for n, text in enumerate(paragraphs(page.get("text", "")), 1))
    return tuple(units)


def fragment_units(fragments: Iterable[Mapping[str, Any]]) -> tuple[Unit, ...]:
    """One unit per fragment (page, digest, text), `f<page>-<digest>`: the digest keeps the id
    stable while the fragment's text is unchanged."""
    return tuple(Unit(f"f{f['page']}-{f['digest']}", f["page"], f["text"].strip()) for f in fragments)


def _metadata(parent: etree._Element, values: Mapping[str, str]) -> None:
    group = etree.SubElement(etree.SubElement(parent, f"{_M}metadata"), f"{_M}metaGroup", category="giai")
    for kind, value in values.items():
        etree.SubElement(group, f"{_M}meta", type=kind).text = value


def write_xliff(bundle: Bundle) -> bytes:
    """The XLIFF 2.0 file of `bundle` (UTF-8, with its XML declaration); targets are written for
    units that have one."""
    root = etree.Element(f"{_X}xliff", nsmap={None: XLIFF_NS, "mda": MDA_NS}, version="2.0",
                         srcLang=bundle.source_language, trgLang=bundle.target_language)
    file = etree.SubElement(root, f"{_X}file", id=f"d-{bundle.doc_id}", original=f"giai:document:{bundle.doc_id}")
    _metadata(file, {"document": bundle.doc_id, "scope": bundle.scope})
    for unit in bundle.units:
        element = etree.SubElement(file, f"{_X}unit", id=unit.id)
        _metadata(element, {"document": bundle.doc_id, "page": str(unit.page)})
        segment = etree.SubElement(element, f"{_X}segment")
        source = etree.SubElement(segment, f"{_X}source")
        source.text = unit.source
        source.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if unit.target:
            segment.set("state", "translated")
            etree.SubElement(segment, f"{_X}target").text = unit.target
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _parse(data: bytes, max_bytes: int) -> etree._Element:
    if len(data) > max_bytes:
        raise XliffError("too_large", str(max_bytes))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        raise XliffError("malformed", str(exc).splitlines()[0][:200]) from None
    if tree.docinfo.doctype:
        raise XliffError("malformed", "DOCTYPE")
    root = tree.getroot()
    if root.tag != f"{_X}xliff" or not str(root.get("version", "")).startswith("2."):
        raise XliffError("not_xliff2", str(root.tag)[:100])
    return root


def _text(element: etree._Element | None) -> str:
    """The text of a source or target, inline codes' own text included (a CAT tool may wrap
    spans in <pc> or <mrk>)."""
    return "" if element is None else "".join(element.itertext())


def _unit_document(unit: etree._Element) -> str:
    found = unit.find(f"{_M}metadata/{_M}metaGroup/{_M}meta[@type='document']")
    return (found.text or "").strip() if found is not None else ""


def read_xliff(data: bytes, max_bytes: int) -> Bundle:
    """The bundle of an XLIFF 2.0 file: one `<file>`, its document id, languages and units (the
    segments of a unit joined with a space, as a CAT tool may split a paragraph into sentences)."""
    root = _parse(data, max_bytes)
    files = root.findall(f"{_X}file")
    if len(files) != 1:
        raise XliffError("malformed", f"{len(files)} <file> elements")
    file = files[0]
    doc_id = str(file.get("id", ""))
    doc_id = doc_id[2:] if doc_id.startswith("d-") else ""
    scope = file.find(f"{_M}metadata/{_M}metaGroup/{_M}meta[@type='scope']")
    units, seen = [], set()
    for element in file.iter(f"{_X}unit"):
        unit_id = str(element.get("id", ""))
        if unit_id in seen:
            raise XliffError("duplicate_unit", unit_id)
        seen.add(unit_id)
        if _unit_document(element) not in ("", doc_id):
            raise XliffError("wrong_document", _unit_document(element))
        segments = element.findall(f"{_X}segment")
        if not segments:  # an emptied unit (a tool removed its segment) is a missing one
            continue
        source = " ".join(_text(s.find(f"{_X}source")).strip() for s in segments)
        target = " ".join(_text(s.find(f"{_X}target")).strip() for s in segments).strip()
        units.append(Unit(unit_id, 0, source, target))
    scope_text = (scope.text or "").strip() if scope is not None else DOCUMENT
    return Bundle(doc_id, str(root.get("srcLang", "")), str(root.get("trgLang", "")), tuple(units), scope_text)


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def translations_for(expected: Bundle, received: Bundle) -> dict[str, str]:
    """unit id → translation, once `received` proved to be `expected` translated: the same
    document and language pair, every unit there with its source unchanged and a translation,
    no unit added. XliffError (the first problem) otherwise."""
    if received.doc_id != expected.doc_id:
        raise XliffError("wrong_document", received.doc_id)
    if received.scope != expected.scope:
        raise XliffError("wrong_scope", received.scope[:20])
    if received.source_language.lower() != expected.source_language:
        raise XliffError("wrong_source_language", received.source_language)
    if received.target_language.lower() != expected.target_language:
        raise XliffError("wrong_target_language", received.target_language)
    by_id = {u.id: u for u in received.units}
    extra = sorted(set(by_id) - {u.id for u in expected.units})
    if extra:
        raise XliffError("unknown_unit", extra[0])
    translations = {}
    for unit in expected.units:
        got = by_id.get(unit.id)
        if got is None:
            raise XliffError("missing_unit", unit.id)
        if not _same_text(got.source, unit.source):
            raise XliffError("changed_unit", unit.id)
        if not got.target:
            raise XliffError("untranslated_unit", unit.id)
        translations[unit.id] = got.target
    return translations


def translated_pages(units: Iterable[Unit], translations: Mapping[str, str]) -> tuple[str, list[tuple[int, str]]]:
    """The translated title and (page number, text) of each page: its paragraphs' translations,
    a blank line between them."""
    title, pages = "", {}
    for unit in units:
        if unit.id == TITLE_UNIT:
            title = translations[unit.id]
        else:
            pages.setdefault(unit.page, []).append(translations[unit.id])
    return title, [(number, "\n\n".join(texts)) for number, texts in sorted(pages.items())]
