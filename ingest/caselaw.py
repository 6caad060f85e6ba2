"""Case-law metadata of one document: court, case name and numbers, ECLI, decision date, chamber,
type, parties (pure).

Precedence per field, as for the facets: a curator's correction, else the publisher's metadata
(sidecar, manifest: `case_name`, `case_numbers`, `ecli`, `decided`, `chamber`, `court`,
`parties`, `case_type`), else rules over the title and the head of the first page, where a court
prints what it decides in which case. Rules run only for case-law document types (judgments,
decisions, communications, submissions, indictments) so that a report citing a case in its first
lines is not taken for a document of that case. Every value carries evidence, like the facets.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from giai.case_numbers import CaseNumber, court_of_key, find_case_numbers
from giai.cases import KnownCases, case_keys
from ingest.classify import Classification, find_date
from ingest.models import Metadata

CASE_LAW_TYPES = ("judgment", "decision", "communication", "submission", "amicus-brief", "indictment")
HEAD_CHARS = 1_500  # a court's cover page: number, chamber, date, parties, title
MAX_NUMBERS = 5
TYPES = ("judgment", "decision", "order", "opinion", "communication", "submission")
DOC_TYPE_TO_TYPE = {"judgment": "judgment", "decision": "decision", "communication": "communication",
                    "submission": "submission", "amicus-brief": "submission"}
# The word a court's heading names its act with, in the five languages (upper case in headings).
_TYPE_WORDS = {
    "order": r"ORDER|ORDONNANCE|РАСПОРЯЖЕНИЕ|ORDEN|AUTO|أمر",
    "opinion": r"(?:SEPARATE|DISSENTING|CONCURRING|PARTLY DISSENTING)\s+OPINION|OPINION\s+(?:INDIVIDUELLE|DISSIDENTE|CONCORDANTE)"
               r"|(?:ОСОБОЕ|СОВПАДАЮЩЕЕ)\s+МНЕНИЕ|VOTO\s+(?:RAZONADO|DISIDENTE|CONCURRENTE)|OPINIÓN\s+(?:SEPARADA|DISIDENTE)|رأي\s+مخالف|رأي\s+مستقل",
    # The ECtHR's judgments are ПОСТАНОВЛЕНИЕ in Russian.
    "judgment": r"JUDGE?MENT|JUGEMENT|ARRÊT|ARRET|ПРИГОВОР|РЕШЕНИЕ|ПОСТАНОВЛЕНИЕ|SENTENCIA|FALLO|حكم",
    "decision": r"DECISION|DÉCISION|DECISIÓN|DECISION|ОПРЕДЕЛЕНИЕ|قرار",
    "communication": r"COMMUNICATION|СООБЩЕНИЕ|COMUNICACIÓN|بلاغ",
    "submission": r"SUBMISSIONS?|OBSERVATIONS|AMICUS\s+CURIAE|ЗАМЕЧАНИЯ|OBSERVACIONES|ESCRITO|مذكرة|ملاحظات",
}
TYPE_HEADING = [(t, re.compile(rf"(?<!\w)(?:{words})(?!\w)")) for t, words in _TYPE_WORDS.items()]
CHAMBER = re.compile(
    r"(?:Pre-Trial|Trial|Appeals?|Grand)\s+Chamber(?:\s+[IVX]{1,4}\b)?"
    r"|Chambre\s+(?:préliminaire|de\s+première\s+instance|d['’]appel)(?:\s+[IVX]{1,4}\b)?|Grande\s+Chambre"
    r"|(?:Палата\s+предварительного\s+производства|Судебная\s+палата|Апелляционная\s+палата|Большая\s+палата)(?:\s+[IVX]{1,4}\b)?"
    r"|Sala\s+(?:de\s+Cuestiones\s+Preliminares|de\s+Primera\s+Instancia|de\s+Apelaciones)(?:\s+[IVX]{1,4}\b)?|Gran\s+Sala"
    r"|الدائرة\s+(?:التمهيدية|الابتدائية|الكبرى)(?:\s+[IVX]{1,4}\b)?|دائرة\s+الاستئناف",
    re.I,
)
# "Prosecutor v. X", "X v. Y" in the five languages: the case's name and its parties. A name is
# looked for in quotes first («Б.Х. против России»), then in a whole line, then in the parts of a
# line between separators ("Case summary · R.T. and S.T. v. Nepal · Views adopted…").
_VERSUS = r"(?i:v\.|vs\.?|c\.|contra|против|ضد)"
CASE_NAME = re.compile(rf"(?:(?i:Case|Affaire|Caso|Дело|قضية)\s+(?:of\s+|de\s+)?)?(.{{2,80}}?)\s+{_VERSUS}\s+(.{{2,80}})")
QUOTED = re.compile(r"[«\"“]([^»\"”\n]{5,160})[»\"”]")
SEPARATORS = re.compile(r"\s+[·|–—]\s+|:\s+|[()]")
FULL_STOP = re.compile(r"(?<=[^\W\d_]{3})\.$")  # a sentence's, not an initial's ("Mahmoud K.")
NOT_IN_A_PARTY = re.compile(r"[\d:·|()«»\"“”]")
_PROSECUTOR = re.compile(r"^(?:The\s+|Le\s+|El\s+)?(?:\w+\s+)?(?:Prosecutor|Procureur|Fiscal|Прокурор|المدعي\s+العام)$", re.I)
DECIDED_CUE = re.compile(
    r"date\s+of\s+(?:judgment|decision|delivery|adoption)|delivered\s+on|decided\s+on|adopted\s+on|judgment\s+of|decision\s+of"
    r"|date\s*:|rendu[e]?\s+le|en\s+date\s+du|arr[êe]t\s+du|adopt[ée]e?\s+le|fecha|dictad[ao]\s+el|de\s+fecha|дата|вынесен|принят"
    r"|от\s+\d|التاريخ|بتاريخ|صدر",
    re.I,
)


@dataclass(frozen=True)
class CaseLaw:
    """`case` (the index's `case` object, None when the document is no case law we can tell),
    the evidence per field, and the given values that could not be used."""

    case: dict[str, Any] | None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    warnings: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.case.get("keys", ())) if self.case else ()


def _shown_number(number: CaseNumber) -> str:
    """A number in the court's own form: ECtHR applications as "no. 12345/06"."""
    return f"no. {number.text}" if number.court == "ecthr" and not number.key.startswith("ECLI") else number.text


def _given(metadata: Metadata) -> dict[str, Any]:
    """The case fields the publisher's metadata (or a curator, through it) gives."""
    values = {
        "name": metadata.case_name, "ecli": metadata.ecli, "decided": metadata.decided, "chamber": metadata.chamber,
        "court": metadata.court, "type": metadata.case_type,
        "numbers": list(metadata.case_numbers), "parties": list(metadata.parties),
    }
    return {k: v for k, v in values.items() if v}


def _case_type(head: str, doc_type: str | None) -> tuple[str | None, list[str]]:
    heading = head[:400]
    found = [(m.start(), t, m.group(0)) for t, pattern in TYPE_HEADING for m in [pattern.search(heading)] if m]
    if found:
        _, kind, words = min(found)
        return kind, [words]
    kind = DOC_TYPE_TO_TYPE.get(doc_type or "")
    return kind, []


def _party(text: str, max_words: int) -> str | None:
    """`text` as a party's name: capitalised (or in a script without capitals), no digits or
    punctuation of a heading, a few words."""
    text = FULL_STOP.sub("", text.strip(" ,;"))
    if not text or NOT_IN_A_PARTY.search(text) or len(text.split()) > max_words:
        return None
    return text if text[0].isupper() or not text[0].islower() else None


def _case_name(candidate: str) -> tuple[str, list[str]] | None:
    match = CASE_NAME.fullmatch(FULL_STOP.sub("", candidate.strip(" ,;")))
    if not match:
        return None
    first, second = _party(match.group(1), 8), _party(match.group(2), 10)
    if not first or not second:
        return None
    return match.group(0), [second] if _PROSECUTOR.match(first) else [first, second]


def _name_and_parties(head: str) -> tuple[str, list[str]] | None:
    for line in head.splitlines():
        candidates = [*QUOTED.findall(line), line, *SEPARATORS.split(line)]
        candidates += [chunk for part in SEPARATORS.split(line) for chunk in part.split(", ")]
        for candidate in candidates:
            found = _case_name(candidate)
            if found:
                return found
    return None


def _decided(head: str) -> tuple[str, str] | None:
    for line in head.splitlines():
        if DECIDED_CUE.search(line):
            found = find_date(line)
            if found:
                return found
    return None


def _rules(
    title: str, head: str, doc_type: str | None, classification: Classification, cases: KnownCases, language: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    values: dict[str, Any] = {}
    evidence: list[dict[str, Any]] = []

    def found(name: str, value: Any, terms: list[str]) -> None:
        values[name] = value
        evidence.append({"value": name, "source": "rule", "terms": terms[:5]})

    numbers = list({n.key: n for n in find_case_numbers(f"{title}\n{head}")}.values())[:MAX_NUMBERS]
    eclis = [n for n in numbers if n.key.startswith("ECLI:")]
    numbers = [n for n in numbers if not n.key.startswith("ECLI:")]
    if numbers:
        found("numbers", [_shown_number(n) for n in numbers], [n.text for n in numbers])
    if eclis:
        found("ecli", eclis[0].key, [eclis[0].text])
    known = next((cases.by_key(n.key) for n in numbers if cases.by_key(n.key)), None)
    named = _name_and_parties(f"{title}\n{head}")
    if known:  # the name researchers know it by, in the document's language
        found("name", known.name(language), [numbers[0].text])
    elif named:
        found("name", named[0], [named[0]])
    if named:
        found("parties", named[1], named[1])
    court = next((n.court for n in [*numbers, *eclis] if n.court), "") or (known.court if known else "")
    if court:
        found("court", court, [next((n.text for n in [*numbers, *eclis] if n.court == court), court)])
    elif classification.facets.get("body"):
        body = classification.facets["body"][0]
        found("court", body, [r["terms"][0] for r in classification.evidence.get("body", []) if r.get("terms")][:1])
    chamber = CHAMBER.search(head)
    if chamber:
        found("chamber", " ".join(chamber.group(0).split()), [chamber.group(0)])
    decided = _decided(head)
    if decided:
        found("decided", decided[0], [decided[1]])
    elif doc_type in ("judgment", "decision") and classification.date and (classification.evidence.get("date") or [{}])[0].get("source") == "rule":
        found("decided", classification.date, list((classification.evidence["date"][0].get("terms") or [])))
    kind, words = _case_type(head, doc_type)
    if kind:
        found("type", kind, words)
    return values, evidence


def extract_case(
    title: str,
    pages: Sequence[str],
    metadata: Metadata,
    classification: Classification,
    cases: KnownCases,
    language: str,
    courts: Collection[str] = (),
) -> CaseLaw:
    """The case-law metadata of one document (see the module docstring); a given court must be
    one of `courts` (the thesaurus's body ids), else it is a warning and the rules decide."""
    given = _given(metadata)
    warnings: tuple[str, ...] = ()
    if given.get("court") and given["court"] not in courts:
        warnings = (f"court {given.pop('court')!r} is not a court or body of the thesaurus",)
    doc_type = next(iter(classification.facets.get("doc_type") or ()), None)
    values: dict[str, Any] = {}
    evidence: list[dict[str, Any]] = []
    if given or doc_type in CASE_LAW_TYPES:
        head = pages[0][:HEAD_CHARS] if pages else ""
        values, evidence = _rules(title, head, doc_type, classification, cases, language)
    for name, value in given.items():
        values[name] = value
        evidence = [e for e in evidence if e["value"] != name] + [{"value": name, "source": "metadata", "terms": []}]
    if not any(values.get(k) for k in ("numbers", "name", "ecli")):
        return CaseLaw(None, warnings=warnings)
    keys = case_keys(values.get("numbers", []), values.get("ecli"), cases)
    values["keys"] = keys
    if not values.get("court") and keys:
        values["court"] = court_of_key(keys[0])
    return CaseLaw({k: v for k, v in values.items() if v}, evidence, warnings)
