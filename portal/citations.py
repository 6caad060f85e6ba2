"""Citations out: one reference per document, written for people ("Cite this page") and for
reference managers (RIS, BibTeX, CSL-JSON). Pure functions: the views give the documents (as
indexed) and their permanent URLs.

Case law (a judgment, decision or communication, or a document with a decision date or case
metadata) is a case in every format, with its case name, numbers, court and ECLI.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rispy.writer import RisWriter

CASE_DOC_TYPES = frozenset({"judgment", "decision", "communication"})
# Characters with a meaning in BibTeX, and how each is written as text.
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                  "$": r"\$", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
BIBTEX_SPECIAL = re.compile("|".join(re.escape(c) for c in BIBTEX_ESCAPES))


@dataclass(frozen=True)
class Reference:
    """What a citation names. `authority` is the publishing organisation's name; `court` the
    court or body's name in the reader's language."""

    id: str
    title: str
    authority: str
    url: str
    language: str = ""
    date: dt.date | None = None
    decided: dt.date | None = None
    doc_type: str = ""
    summary: str = ""
    case_name: str = ""
    case_numbers: tuple[str, ...] = ()
    ecli: str = ""
    court: str = ""
    page: int | None = None

    @property
    def is_case(self) -> bool:
        return bool(self.doc_type in CASE_DOC_TYPES or self.decided or self.case_numbers or self.ecli or self.case_name)

    @property
    def when(self) -> dt.date | None:
        """The date a case was decided, else the publication date."""
        return self.decided or self.date


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def reference(source: dict[str, Any], *, doc_id: str, url: str, authority: str, court: str = "",
              page: int | None = None) -> Reference:
    """The reference of an indexed document (`source`, its `_source`), with its `case` object
    ({name, numbers, ecli, court}) when the document has one."""
    case = source.get("case") or {}
    doc_types = source.get("doc_type") or []
    numbers = case.get("numbers") or []
    return Reference(
        id=doc_id,
        title=source.get("title") or doc_id,
        authority=authority,
        url=url,
        language=source.get("language") or "",
        date=_date(source.get("date")),
        decided=_date(source.get("decided") or case.get("decided")),
        doc_type=next((t for t in doc_types if t in CASE_DOC_TYPES), doc_types[0] if doc_types else ""),
        summary=source.get("summary") or "",
        case_name=case.get("name") or "",
        case_numbers=tuple(numbers if isinstance(numbers, list) else [numbers]),
        ecli=case.get("ecli") or "",
        court=case.get("court_label") or court,
        page=page,
    )


class _Writer(RisWriter):
    """RIS records without rispy's numbered header line, which is no RIS tag."""

    def set_header(self, count: int) -> str:
        return ""


def ris_fields(ref: Reference) -> dict[str, Any]:
    """One RIS record as rispy's keys: a CASE (title, court as publisher, decision date, case
    numbers as the number field, ECLI in the notes) or a report."""
    fields: dict[str, Any] = {
        "type_of_reference": "CASE" if ref.is_case else "RPRT",
        "id": ref.id,
        "title": ref.case_name or ref.title,
        "authors": [ref.court or ref.authority] if ref.is_case else [ref.authority],
        "urls": [ref.url],
    }
    if ref.case_name and ref.title != ref.case_name:
        fields["secondary_title"] = ref.title
    when = ref.when
    if when:
        fields["year"] = str(when.year)
        fields["date"] = when.strftime("%Y/%m/%d/")
    if ref.language:
        fields["language"] = ref.language
    if ref.is_case:
        fields["publisher"] = ref.court or ref.authority
    else:
        fields["publisher"] = ref.authority
    if ref.case_numbers:
        fields["number"] = "; ".join(ref.case_numbers)
    notes = [f"ECLI: {ref.ecli}"] if ref.ecli else []
    if ref.is_case and ref.date and ref.decided and ref.date != ref.decided:
        notes.append(f"Published {ref.date.isoformat()}")
    if notes:
        fields["notes"] = notes
    if ref.page:
        fields["start_page"] = str(ref.page)
    if ref.summary:
        fields["abstract"] = ref.summary
    return fields


def ris_records(refs: Iterable[Reference]) -> Iterator[str]:
    """RIS text, one record at a time (a result set is streamed)."""
    writer = _Writer()
    for ref in refs:
        yield writer.formats([ris_fields(ref)])


def bibtex_text(value: str) -> str:
    """`value` as BibTeX text: its special characters escaped, the rest (any script) as is."""
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES[m.group()], " ".join(value.split()))


def bibtex_record(ref: Reference) -> str:
    """One BibTeX entry: @misc for a case (classic BibTeX has no case type; `type` says which),
    @techreport for a report; the authority in double braces so it is not split into names."""
    fields: list[tuple[str, str]] = [
        ("title", "{" + bibtex_text(ref.case_name or ref.title) + "}"),
        ("author", "{" + bibtex_text(ref.court or ref.authority if ref.is_case else ref.authority) + "}"),
    ]
    when = ref.when
    if when:
        fields += [("year", str(when.year)), ("date", when.isoformat())]
    if ref.is_case:
        fields += [("type", bibtex_text(ref.doc_type.capitalize() or "Case")), ("institution", bibtex_text(ref.court or ref.authority))]
        if ref.case_numbers:
            fields.append(("number", bibtex_text("; ".join(ref.case_numbers))))
        if ref.ecli:
            fields.append(("note", bibtex_text(f"ECLI: {ref.ecli}")))
    else:
        fields.append(("institution", bibtex_text(ref.authority)))
    if ref.page:
        fields.append(("pages", str(ref.page)))
    if ref.language:
        fields.append(("langid", bibtex_text(ref.language)))
    fields.append(("url", ref.url.replace("{", "%7B").replace("}", "%7D")))
    kind = "misc" if ref.is_case else "techreport"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{giai-{ref.id},\n{body}\n}}\n"


def csl_record(ref: Reference) -> dict[str, Any]:
    """One CSL-JSON item: a `legal_case` (authority: the court; number: the case numbers) or a
    `report` (publisher: the organisation)."""
    item: dict[str, Any] = {
        "id": f"giai-{ref.id}",
        "type": "legal_case" if ref.is_case else "report",
        "title": ref.case_name or ref.title,
        "URL": ref.url,
    }
    when = ref.when
    if when:
        item["issued"] = {"date-parts": [[when.year, when.month, when.day]]}
    if ref.language:
        item["language"] = ref.language
    if ref.is_case:
        item["authority"] = ref.court or ref.authority
        if ref.case_numbers:
            item["number"] = "; ".join(ref.case_numbers)
        if ref.ecli:
            item["note"] = f"ECLI: {ref.ecli}"
    else:
        item["publisher"] = ref.authority
        item["author"] = [{"literal": ref.authority}]
    if ref.page:
        item["page"] = str(ref.page)
    if ref.summary:
        item["abstract"] = ref.summary
    return item


def csl_json_lines(refs: Iterable[Reference]) -> Iterator[str]:
    """A CSL-JSON array, one item at a time."""
    yield "["
    for index, ref in enumerate(refs):
        yield ("," if index else "") + "\n" + json.dumps(csl_record(ref), ensure_ascii=False)
    yield "\n]\n"


# Format name → (media type, file extension, writer of the whole file from references).
MAX_CITED_PAGE = 100_000  # the deepest page a reference may cite

FORMATS = {
    "ris": ("application/x-research-info-systems", "ris", ris_records),
    "bib": ("application/x-bibtex", "bib", lambda refs: map(bibtex_record, refs)),
    "csl.json": ("application/vnd.citationstyles.csl+json", "json", csl_json_lines),
}
