"""Case numbers in the forms the courts write them, recognised in text (pure).

Each recogniser finds one family of identifiers and reduces what it finds to a *case key*, the
same for every document of one case, so a citation of `ICC-01/04-01/06-2842-Red` (a filing in the
Lubanga case) and the judgment numbered `ICC-01/04-01/06` meet:

- ICC: `ICC-01/04-01/06` (case) or `ICC-01/04` (situation), document suffixes (`-2842`, `-Red`,
  `-Anx1`, `-tFRA`, `-Corr`) dropped;
- ICTY, ICTR, IRMCT: `IT-95-14/1-T`, `ICTR-96-4-T`, `MICT-13-55-A`, stage suffixes (`-T`, `-A`,
  `-AR73.2`, `-PT`, `-I`) dropped;
- ECLI (any court): the identifier itself, upper-cased;
- ECtHR applications: `no. 12345/06`, `nos. 123/01 and 456/02`, `n° 12345/06`, `№ 12345/06`,
  `n.º 12345/06`, `رقم 12345/06` → `ECHR 12345/06`;
- Inter-American Court: `Series C No. 162`, `Serie C No. 162`, `série C n° 162`, `серия C № 162`
  → `IACtHR C 162`;
- UN treaty bodies: `CAT/C/57/D/553/2013` → `CAT 553/2013` (the communication, whatever the
  session that decided it).

The court each family belongs to is a `body` id of config/thesaurus.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Document suffixes of ICC filings: a number, redacted/confidential versions, annexes, corrigenda,
# translations (`-tENG`, `-tFRA`), public versions; several may follow each other.
_ICC_SUFFIX = r"(?:-(?:\d{1,5}|Red\d?|Conf|Exp|Anx[A-Z0-9]*|Corr\d*|t[A-Z]{3}|AnxA|US|Rev|Pub))*"
ICC = re.compile(rf"\bICC-(\d{{2}}/\d{{2}})(?:-(\d{{2}}/\d{{2}}))?{_ICC_SUFFIX}(?![\w/])")
# ICTY `IT-95-14/1`, ICTR `ICTR-96-4`, IRMCT `MICT-13-55` (also written `IRMCT-…`); the stage:
# T(rial), A(ppeal), AR<rule>(.n) interlocutory appeal, PT pre-trial, I(ndictment), R<rule>, ES.
_STAGE = r"(?:-(?:T|A|PT|I|ES|R\d+(?:bis)?|AR\d+(?:bis)?(?:\.\d+)?|Misc\.?\d*))*"
TRIBUNAL = re.compile(rf"\b(IT|ICTR|MICT|IRMCT)-(\d{{2}})-(\d{{1,3}}(?:/\d{{1,2}})?){_STAGE}(?![\w/])")
ECLI = re.compile(r"\bECLI:[A-Z]{2}:[A-Z0-9.]{1,7}:\d{4}:[A-Z0-9.]{1,25}[A-Z0-9]", re.I)
# An application number after "no." in any of our languages; several may be joined by "and",
# "et", "y", "и", "و" or commas. The number is 1–6 digits, a slash, two digits (the year).
_NO = r"(?:[Nn]os?\.|[Nn]os|[Nn]°s?|[Nn]º|[Nn]\.º|[Nn]o|№|№№|رقم|رقمي)"
_APP = r"\d{1,6}/\d{2}"
_JOIN = r"(?:\s*,\s*|\s+(?:and|et|y|e|и)\s+|\s+و\s*|\s*و)"
APPLICATION = re.compile(rf"(?<![\w/]){_NO}\s*({_APP}(?:{_JOIN}{_APP})*)(?![\d/])")
_APP_ONE = re.compile(_APP)
SERIES_C = re.compile(r"\b(?:[Ss]eries|[Ss]erie|[Ss]érie|[Сс]ерия|السلسلة)\s+C\s*,?\s*(?:No\.?|N°|Nº|n°|nº|no\.?|№|رقم)\s*(\d{1,4})\b")
TREATY_BODY = re.compile(r"\b(CAT|CCPR|CEDAW|CED|CERD|CRC|CRPD|CESCR|CMW)/C/\d+/D/(\d{1,5})/(\d{4})\b")

TRIBUNAL_COURTS = {"IT": "icty", "ICTR": "ictr", "MICT": "irmct", "IRMCT": "irmct"}
TREATY_BODY_COURTS = {
    "CAT": "un-cat", "CCPR": "un-hrc", "CEDAW": "cedaw", "CED": "un-ced", "CRC": "un-crc",
    "CERD": "un-treaty-body", "CRPD": "un-treaty-body", "CESCR": "un-treaty-body", "CMW": "un-treaty-body",
}
# ECLI's court codes of the international courts we know (the others are national courts).
ECLI_COURTS = {"ECHR": "ecthr", "ICC": "icc"}


@dataclass(frozen=True)
class CaseNumber:
    """One identifier found in text: its case `key`, the `court` (a body id, or "" when the
    identifier does not say), the words as written and where they stand."""

    key: str
    court: str
    text: str
    start: int
    end: int


def _icc(match: re.Match[str]) -> list[CaseNumber]:
    situation, case = match.group(1), match.group(2)
    key = f"ICC-{situation}-{case}" if case else f"ICC-{situation}"
    return [CaseNumber(key, "icc", match.group(0), match.start(), match.end())]


def _tribunal(match: re.Match[str]) -> list[CaseNumber]:
    prefix = "MICT" if match.group(1) == "IRMCT" else match.group(1)
    key = f"{prefix}-{match.group(2)}-{match.group(3)}"
    return [CaseNumber(key, TRIBUNAL_COURTS[match.group(1)], match.group(0), match.start(), match.end())]


def _ecli(match: re.Match[str]) -> list[CaseNumber]:
    key = match.group(0).upper()
    court = ECLI_COURTS.get(key.split(":")[2], "")
    return [CaseNumber(key, court, match.group(0), match.start(), match.end())]


def _applications(match: re.Match[str]) -> list[CaseNumber]:
    found = []
    offset = match.start(1)
    for number in _APP_ONE.finditer(match.group(1)):
        found.append(
            CaseNumber(f"ECHR {number.group(0)}", "ecthr", number.group(0), offset + number.start(), offset + number.end())
        )
    return found


def _series_c(match: re.Match[str]) -> list[CaseNumber]:
    return [CaseNumber(f"IACtHR C {int(match.group(1))}", "iacthr", match.group(0), match.start(), match.end())]


def _treaty_body(match: re.Match[str]) -> list[CaseNumber]:
    body = match.group(1)
    key = f"{body} {int(match.group(2))}/{match.group(3)}"
    return [CaseNumber(key, TREATY_BODY_COURTS[body], match.group(0), match.start(), match.end())]


RECOGNISERS = ((ICC, _icc), (TRIBUNAL, _tribunal), (ECLI, _ecli), (APPLICATION, _applications),
               (SERIES_C, _series_c), (TREATY_BODY, _treaty_body))


def find_case_numbers(text: str) -> list[CaseNumber]:
    """Every case number in `text`, in reading order (an identifier inside another one found
    first, such as the digits of an ECLI, is not counted twice)."""
    found: list[CaseNumber] = []
    for pattern, reduce in RECOGNISERS:
        for match in pattern.finditer(text):
            found += reduce(match)
    found.sort(key=lambda n: (n.start, -n.end))
    kept: list[CaseNumber] = []
    for number in found:
        if kept and number.start < kept[-1].end:
            continue
        kept.append(number)
    return kept


def court_of_key(key: str) -> str:
    """The court (body id) a case key belongs to, "" when it does not tell."""
    if key.startswith("ICC-"):
        return "icc"
    if key.startswith("ECHR "):
        return "ecthr"
    if key.startswith("IACtHR "):
        return "iacthr"
    if key.startswith("ECLI:"):
        return ECLI_COURTS.get(key.split(":")[2], "")
    prefix = key.split("-")[0]
    if prefix in TRIBUNAL_COURTS:
        return TRIBUNAL_COURTS[prefix]
    return TREATY_BODY_COURTS.get(key.split(" ")[0], "")
