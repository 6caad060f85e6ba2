"""The thesaurus as a TBX glossary for one language pair, so a CAT tool proposes the portal's own
legal terms (enforced disappearance ↔ насильственное исчезновение) while the translator works.

TBX as ISO 30042:2008 writes it (`<martif type="TBX">`, TBX-Basic's data categories): the dialect
memoQ, Trados MultiTerm and translate-toolkit read. One `termEntry` per concept, its facet as the
subject field, a `langSet` per language with the preferred label first (preferredTerm) and the
synonyms after it (admittedTerm). Concepts without a label in both languages are left out.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response, current_app, request
from lxml import etree

from giai.index_schema import LANGUAGES
from giai.thesaurus import Concept, Thesaurus, load_thesaurus
from portal.curation.translations import translator_required
from portal.curation.views import bp
from portal.search.params import InvalidParams, ParamError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/x-tbx+xml"
THESAURUS = "giai.thesaurus"  # the app's thesaurus, in app.extensions, loaded at first use


def _lang_set(entry: etree._Element, language: str, labels: Iterable[str]) -> None:
    lang_set = etree.SubElement(entry, "langSet", {XML_LANG: language})
    for index, label in enumerate(labels):
        tig = etree.SubElement(lang_set, "tig")
        etree.SubElement(tig, "term").text = label
        status = "preferredTerm-admn-sts" if index == 0 else "admittedTerm-admn-sts"
        etree.SubElement(tig, "termNote", type="administrativeStatus").text = status


def glossary_tbx(concepts: Iterable[Concept], source: str, target: str) -> bytes:
    """The TBX file of `concepts` in the pair `source` → `target`."""
    root = etree.Element("martif", {"type": "TBX", XML_LANG: source})
    description = etree.SubElement(etree.SubElement(etree.SubElement(root, "martifHeader"), "fileDesc"), "sourceDesc")
    etree.SubElement(description, "p").text = f"GIAI knowledge portal thesaurus, {source} → {target}"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for concept in concepts:
        if not (concept.labels.get(source) and concept.labels.get(target)):
            continue
        entry = etree.SubElement(body, "termEntry", id=concept.id)
        etree.SubElement(entry, "descrip", type="subjectField").text = ", ".join(concept.facets)
        for language in (source, target):
            _lang_set(entry, language, concept.labels[language])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def thesaurus() -> Thesaurus:
    if THESAURUS not in current_app.extensions:
        current_app.extensions[THESAURUS] = load_thesaurus()
    return current_app.extensions[THESAURUS]


@bp.get("/translations/<language>/glossary.tbx")
@translator_required
def glossary(language: str):
    """The glossary into `language` from `?source=` (English, or French for English)."""
    source = request.args.get("source") or ("fr" if language == "en" else "en")
    errors = [ParamError(name, "unknown_value", {"values": [value[:10]]})
              for name, value in (("language", language), ("source", source)) if value not in LANGUAGES]
    if not errors and source == language:
        errors.append(ParamError("source", "unknown_value", {"values": [source]}))
    if errors:
        raise InvalidParams(errors)
    body = glossary_tbx(thesaurus(), source, language)
    name = f"giai-glossary-{source}-{language}.tbx"
    return Response(body, mimetype=MEDIA_TYPE, headers={"Content-Disposition": f'attachment; filename="{name}"'})
