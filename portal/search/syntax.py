"""Repairs what `simple_query_string` would misread in a user's query, and says what it repaired.

`simple_query_string` never fails, but an unclosed quote or bracket silently changes what is
searched. We drop the stray character instead, search on the rest, and return a note code the view
explains in the user's language.
"""

from __future__ import annotations

import re

UNCLOSED_QUOTE = "unclosed_quote"
UNBALANCED_BRACKET = "unbalanced_bracket"


def repair_query(text: str) -> tuple[str, tuple[str, ...]]:
    """(query safe to search, note codes) for a raw query; whitespace is collapsed."""
    notes: list[str] = []
    text = " ".join(text.split())
    if text.count('"') % 2:
        cut = text.rfind('"')
        text = (text[:cut] + text[cut + 1 :]).strip()
        notes.append(UNCLOSED_QUOTE)
    text, dropped = _drop_unbalanced_brackets(text)
    if dropped:
        notes.append(UNBALANCED_BRACKET)
    return " ".join(text.split()), tuple(notes)


def _drop_unbalanced_brackets(text: str) -> tuple[str, bool]:
    """Remove each `)` without an opener and each `(` never closed; brackets inside quotes count
    as words, as simple_query_string reads them."""
    open_at: list[int] = []
    drop: set[int] = set()
    quoted = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            open_at.append(i)
        elif char == ")":
            if open_at:
                open_at.pop()
            else:
                drop.add(i)
    drop.update(open_at)
    return "".join(c for i, c in enumerate(text) if i not in drop), bool(drop)


_OPERATORS = {"OR": "|", "AND": "+"}
_TOKENS = re.compile(r'"[^"]*"|\S+')


def to_simple_query_string(text: str) -> str:
    """The words OR and AND (upper case, outside phrases), as people type them, turned into the
    `|` and `+` operators that simple_query_string reads; everything else unchanged."""
    return " ".join(_OPERATORS.get(token, token) for token in _TOKENS.findall(text))
