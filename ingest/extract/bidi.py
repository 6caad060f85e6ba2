"""One line of mixed-direction text from the order it is drawn in (visual) to the order it was
typed in (logical): a simplified Unicode bidirectional algorithm, run backwards.

A line is a list of units in visual order, left to right: one glyph's characters each, plus the
spaces between words. Its direction comes from the letters at its ends. A right-to-left line is
reversed, except for its runs of Latin letters and numbers, which read left to right; a
left-to-right line has only its runs of right-to-left letters reversed (numbers inside them
keep their order). Brackets drawn mirrored are turned back to point the way they enclose.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFC))
RTL_LETTERS = frozenset(
    char
    for start, end in _RTL_RANGES
    for char in map(chr, range(start, end + 1))
    if unicodedata.category(char) in ("Lo", "Lm")
)
_OPENING, _CLOSING = "([{", ")]}"
_MIRRORED = str.maketrans("()[]{}", ")(][}{")
_BRACKETS = frozenset("()[]{}")
_NUMBER_SEPARATORS = frozenset("/.,:-–")  # between two digits they belong to the number
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def char_kind(char: str) -> str:
    """S space, R right-to-left letter, D digit, L any other letter, N anything else."""
    if char.isspace():
        return "S"
    if char in RTL_LETTERS:
        return "R"
    category = unicodedata.category(char)
    if category == "Nd":
        return "D"
    if category[0] == "L":
        return "L"
    return "N"


def logical_line(units: list[str], rtl_by_default: bool) -> str:
    """The text of a line given as visual units, in logical order, spaces collapsed.
    `rtl_by_default` (the page's direction) decides where the line's own letters cannot."""
    kinds = [char_kind(unit[0]) for unit in units]
    if _reads_right_to_left(kinds, rtl_by_default):
        return _fix_brackets(_squeeze("".join(_rtl_order(units, kinds))))
    return _squeeze("".join(_ltr_order(units, kinds)))


def _reads_right_to_left(kinds: list[str], rtl_by_default: bool) -> bool:
    """The line's direction. A paragraph takes the direction of its first strong letter, which
    a right-to-left line draws at its right end and a left-to-right one at its left end: when
    both ends agree, they decide. A line whose ends disagree is a paragraph's continuation
    (left end RTL, right end LTR: the page's direction decides) or an LTR line ending in RTL
    words or the reverse (the majority of letters decides)."""
    strong = [kind for kind in kinds if kind in "RL"]
    if not strong:
        return rtl_by_default
    left, right = strong[0], strong[-1]
    if left == right:
        return left == "R"
    if left == "R":
        return rtl_by_default
    right_to_left, left_to_right = kinds.count("R"), kinds.count("L")
    return right_to_left > left_to_right or (right_to_left == left_to_right and rtl_by_default)


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _rtl_order(units: list[str], kinds: list[str]) -> list[str]:
    """Visual units of a right-to-left line in logical order: the line reversed, then each run
    that reads left to right (Latin words, numbers) turned back."""
    logical, types = units[::-1], _resolve(units[::-1], kinds[::-1])
    ordered: list[str] = []
    index = 0
    while index < len(logical):
        end = index
        if types[index] != "R":
            while end + 1 < len(logical) and types[end + 1] == types[index]:
                end += 1
        ordered.extend(reversed(logical[index : end + 1]))
        index = end + 1
    return ordered


def _resolve(units: list[str], kinds: list[str]) -> list[str]:
    """The direction of each unit of a right-to-left line, given reversed (so its RTL text is in
    logical order and its LTR runs are backwards): "L" for left-to-right text, "EN" for a number
    of its own, "R" for the rest.

    A number inside a Latin run ("ICC 2023": the rule W7 of the bidi algorithm) reads with it;
    one next to RTL text stands alone, so a range "2020 - 2023" keeps its order. Neutrals take
    the direction of the text on both sides when it agrees ("Rome Statute", "2023/12/05"), else
    the line's; a bracket paired inside the Latin run beside it belongs to that run."""
    types = ["R" if kind == "R" else "L" if kind == "L" else "" for kind in kinds]
    following_strong = "R"  # in the reversed line, the Latin letters of a number's run come after it
    for index in range(len(kinds) - 1, -1, -1):
        if kinds[index] in "RL":
            following_strong = kinds[index]
        elif kinds[index] == "D":
            types[index] = "L" if following_strong == "L" else "EN"
    for index in range(1, len(units) - 1):
        if not types[index] and types[index - 1] == types[index + 1] == "EN" and units[index] in _NUMBER_SEPARATORS:
            types[index] = "EN"
    edges = []  # the neutrals that border a Latin run, with the side the run is on
    index = 0
    while index < len(types):
        if types[index]:
            index += 1
            continue
        end = index
        while end < len(types) and not types[end]:
            end += 1
        before = types[index - 1] if index > 0 else "R"
        after = types[end] if end < len(types) else "R"
        types[index:end] = ["L" if before == after == "L" else "R"] * (end - index)
        if before != after:
            edges.append((index, -1) if before == "L" else (end - 1, 1))
        index = end
    for edge, side in edges:
        if units[edge] in _BRACKETS and _pairs_in_run(units, types, edge, side):
            types[edge] = "L"
    return types


def _pairs_in_run(units: list[str], types: list[str], bracket: int, step: int) -> bool:
    """True when the left-to-right run beside `bracket` (after it for `step` 1, before it for
    -1) holds the bracket's unpaired partner."""
    run = []
    index = bracket + step
    while 0 <= index < len(types) and types[index] == "L":
        run.append(units[index])
        index += step
    text = "".join(run)
    kind = _OPENING.find(units[bracket]) if units[bracket] in _OPENING else _CLOSING.find(units[bracket])
    return text.count(_OPENING[kind]) != text.count(_CLOSING[kind])


def _ltr_order(units: list[str], kinds: list[str]) -> list[str]:
    """Visual units of a left-to-right line in logical order: only its runs of RTL letters (with
    the numbers and neutrals inside them) are reversed."""
    ordered: list[str] = []
    index = 0
    while index < len(units):
        if kinds[index] != "R":
            ordered.append(units[index])
            index += 1
            continue
        end = probe = index
        while probe < len(units) and kinds[probe] != "L":
            if kinds[probe] == "R":
                end = probe
            probe += 1
        ordered.extend(_rtl_order(units[index : end + 1], kinds[index : end + 1]))
        index = end + 1
    return ordered


def _fix_brackets(text: str) -> str:
    """Brackets of a right-to-left line pointing the way they enclose.

    A bracket in RTL text is drawn mirrored, and producers map the mirrored glyph now to the
    character typed, now to the character it looks like (LibreOffice does both in one file). So:
    mirror them all when that pairs more of them; then turn a still unpaired bracket by where it
    stands: one opening after a word and before a space closes ("3( " → "3) "), one closing
    after a space and before a word opens.
    """
    if _BRACKETS.isdisjoint(text):
        return text
    if len(_unpaired(text.translate(_MIRRORED))) < len(_unpaired(text)):
        text = text.translate(_MIRRORED)
    unpaired = _unpaired(text)
    if not unpaired:
        return text
    chars = list(text)
    for position in unpaired:
        before = chars[position - 1] if position > 0 else " "
        after = chars[position + 1] if position + 1 < len(chars) else " "
        if chars[position] in _OPENING and not before.isspace() and (after.isspace() or after in ".,:;،؛"):
            chars[position] = chars[position].translate(_MIRRORED)
        elif chars[position] in _CLOSING and before.isspace() and not after.isspace():
            chars[position] = chars[position].translate(_MIRRORED)
    return "".join(chars)


def _unpaired(text: str) -> list[int]:
    """Positions of the brackets in `text` that no bracket of the same kind pairs with."""
    stack: list[int] = []
    unpaired: list[int] = []
    for position, char in enumerate(text):
        if char in _OPENING:
            stack.append(position)
        elif char in _CLOSING:
            if stack and _OPENING.index(text[stack[-1]]) == _CLOSING.index(char):
                stack.pop()
            else:
                unpaired.append(position)
    return sorted(unpaired + stack)
