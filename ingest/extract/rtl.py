"""Reading-order text for PDF pages with right-to-left script, rebuilt from pdfium's glyphs.

Measured on Arabic PDFs exported by LibreOffice (tests/fixtures/extract/arabic-*.pdf), every
extractor we tried gets such pages wrong: pdfplumber returns visual order (words reversed);
pypdfium2 and pdftotext return logical order for plain lines but (a) reverse the characters of a
ligature glyph in some fonts (lam-alef "لا" comes out "ال", so "والاختفاء" reads "واالختفاء"),
(b) emit the kashida glyphs of justified lines as stray ASCII (";", "/", "L", "9": the producer
gives them no Unicode mapping), and (c) cut a line in two, and scramble its word order, where a
diacritic is drawn slightly raised. So for a page holding RTL letters we take each glyph's
characters and box from pdfium and lay the page out ourselves:

1. a ligature's characters are put in logical order by Arabic joining rules (every letter of a
   ligature but the last joins the next, so alef, dal, reh, waw, teh marbuta … come last); the
   page's undecidable ligatures follow its decidable ones (one font maps them all alike);
2. kashida glyphs (flat bars on the baseline next to RTL letters) become TATWEEL for the layout
   and vanish from the text;
3. glyphs are grouped into lines by height on the page, diacritics joining the letter they mark;
4. each line goes from visual to logical order (`bidi`).

Pages without RTL letters keep pdfium's own text: cheaper, and right for them.
"""

from __future__ import annotations

import ctypes
import unicodedata
from collections import Counter
from typing import NamedTuple

import pypdfium2.raw as pdfium_c

from .bidi import RTL_LETTERS, char_kind, logical_line

TATWEEL = "\u0640"
# Letters that never join the letter after them (or stand only at a word's end).
_NON_LEFT_JOINING = frozenset("ءآأؤإاةدذرزوىٱژ")
# The Allah ligature, reversed: the one word whose logical order starts with a non-joining alef.
_ALLAH_REVERSED = frozenset({"هللا", "هلل"})
_MARKS = frozenset(
    char
    for start, end in ((0x0300, 0x036F), (0x0591, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670),
                       (0x06D6, 0x06ED), (0x0816, 0x082D), (0x08D3, 0x08FF), (0xFB1E, 0xFB1E), (0xFE20, 0xFE2F))
    for char in map(chr, range(start, end + 1))
    if unicodedata.category(char) == "Mn"
)
# Distances in line heights (Glyph.height, about 1.2 em).
_COLUMN_GAP = 2.5  # a wider horizontal gap separates columns or table cells
_WORD_GAP = 0.2  # a wider gap between glyphs with no space glyph is a word break
_SAME_LINE = 0.45  # glyphs whose middles are closer share a line (raised footnote numbers too)
_MARK_REACH = 1.0  # how far above or below its line a diacritic may be drawn


def has_rtl(text: str) -> bool:
    """True when `text` contains a letter of a right-to-left script (Arabic, Hebrew)."""
    return not RTL_LETTERS.isdisjoint(text)


class Glyph(NamedTuple):
    """One glyph as pdfium placed it, in PDF points with y growing upwards.

    `text`: the characters it stands for (several for a ligature). The rest is its loose box:
    left and right edges (its advance), the height of its vertical middle, and its height (the
    font's ascent to descent at its size, grown by ink that overshoots them): the unit of every
    distance here, about 1.2 em, right even where a producer scales text by a matrix and pdfium
    reports size 1. Boxes rather than baselines: one pdfium call a character instead of two, and
    the middles of one line differ by little more than its descenders do. `bar`: a flat bar on
    the baseline next to an RTL letter (a kashida, whatever character the producer mapped it to).
    """

    text: str
    left: float
    right: float
    middle: float
    height: float
    bar: bool = False

    def with_text(self, text: str) -> Glyph:
        return self._replace(text=text)


def read_glyphs(textpage) -> list[Glyph]:
    """The glyphs of a pypdfium2 PdfTextPage in content-stream order.

    pdfium lists a ligature's characters as separate characters with one box: they are merged
    back into one Glyph. Line breaks and spaces pdfium synthesised (no width) are left out: the
    layout decides spaces and lines from the geometry. Characters are read by char index, not
    from the page's text: that text leaves out glyphs without a Unicode mapping (LibreOffice's
    kashidas in a bold Naskh title come as U+0002), so its positions drift from the boxes'.
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, index)) for index in range(count))
    box = pdfium_c.FS_RECTF()
    box_ref, loose_box = ctypes.byref(box), pdfium_c.FPDFText_GetLooseCharBox
    glyphs: list[Glyph] = []
    previous = None
    for index, char in enumerate(text):
        if char == "\r" or char == "\n":
            continue
        loose_box(raw, index, box_ref)
        space = char.isspace()
        if space and box.right <= box.left:
            continue
        corners = (box.left, box.right, box.bottom, box.top)
        if corners == previous and not space:
            glyphs[-1] = glyphs[-1].with_text(glyphs[-1].text + char)
            continue
        previous = corners
        height = max(box.top - box.bottom, 1.0)
        bar = (
            not space
            and char not in RTL_LETTERS
            and ((index > 0 and text[index - 1] in RTL_LETTERS) or text[index + 1 : index + 2] in RTL_LETTERS)
            and _is_flat_baseline_bar(raw, index, height)
        )
        glyphs.append(Glyph(char, box.left, box.right, (box.bottom + box.top) / 2, height, bar))
    return glyphs


def _is_flat_baseline_bar(raw, index: int, height: float) -> bool:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x, baseline = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharBox(raw, index, left, right, bottom, top)
    pdfium_c.FPDFText_GetCharOrigin(raw, index, x, baseline)
    # A lone glyph's loose box can be short: the font size (unless a matrix made it 1) is the
    # steadier em here.
    em = max(pdfium_c.FPDFText_GetFontSize(raw, index), height)
    ink_height, ink_width = top.value - bottom.value, right.value - left.value
    return 0 < ink_height < 0.12 * em and ink_width > 1.5 * ink_height and abs(bottom.value - baseline.value) < 0.1 * em


def reading_order_text(glyphs: list[Glyph]) -> str:
    """The text of a page's glyphs in logical reading order: lines top to bottom, each line's
    characters as they were typed (see the module docstring)."""
    glyphs = [glyph.with_text(TATWEEL) if glyph.bar else glyph for glyph in _order_ligatures(glyphs)]
    kinds = Counter(char_kind(glyph.text[0]) for glyph in glyphs)
    rtl_page = kinds["R"] >= kinds["L"]
    lines = []
    for line in _lines(glyphs):
        for segment in _segments(line):
            text = logical_line(_with_spaces(segment), rtl_page)
            if text:
                lines.append(text)
    return "\n".join(lines).replace(TATWEEL, "")


def _order_ligatures(glyphs: list[Glyph]) -> list[Glyph]:
    """Multi-character RTL glyphs with their characters in logical order."""
    verdicts: dict[int, bool | None] = {}  # reverse it? None: the joining rules cannot tell
    for index, glyph in enumerate(glyphs):
        if len(glyph.text) < 2 or not any(char in RTL_LETTERS for char in glyph.text):
            continue
        as_is, reversed_ = _joining_violations(glyph.text), _joining_violations(glyph.text[::-1])
        if glyph.text in _ALLAH_REVERSED:
            verdicts[index] = True
        else:
            verdicts[index] = reversed_ < as_is if as_is != reversed_ else None
    decided = [verdict for verdict in verdicts.values() if verdict is not None]
    reverse_undecided = sum(decided) * 2 > len(decided)
    ordered = list(glyphs)
    for index, verdict in verdicts.items():
        if verdict or (verdict is None and reverse_undecided):
            ordered[index] = glyphs[index].with_text(glyphs[index].text[::-1])
    return ordered


def _joining_violations(chars: str) -> int:
    """How far `chars` is from a possible logical order: letters that cannot join the next one
    yet have one after them, and a diacritic before any letter."""
    letters = [char for char in chars if char not in _MARKS]
    violations = sum(1 for char in letters[:-1] if char in _NON_LEFT_JOINING)
    return violations + (1 if chars[0] in _MARKS else 0)


def _lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines, top line first, each sorted left to right; a diacritic drawn
    on its own is merged into the letter it marks."""
    bases = sorted((glyph for glyph in glyphs if glyph.text[0] not in _MARKS), key=lambda glyph: -glyph.middle)
    lines: list[list[Glyph]] = []
    middles: list[float] = []
    reach = 0.0
    for glyph in bases:
        if lines and middles[-1] - glyph.middle <= reach:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
            middles.append(glyph.middle)
            reach = _SAME_LINE * glyph.height
    for line in lines:
        line.sort(key=lambda glyph: glyph.left + glyph.right)
    for mark in glyphs:
        if mark.text[0] in _MARKS:
            _attach_mark(mark, lines, middles)
    return lines


def _attach_mark(mark: Glyph, lines: list[list[Glyph]], middles: list[float]) -> None:
    reach = _MARK_REACH * mark.height
    center = (mark.left + mark.right) / 2
    candidates = sorted((abs(middle - mark.middle), i) for i, middle in enumerate(middles) if abs(middle - mark.middle) <= reach)
    for _, line_index in candidates:
        line = lines[line_index]
        for position, base in enumerate(line):
            if base.left - 0.5 <= center <= base.right + 0.5 and not base.text.isspace():
                line[position] = base.with_text(base.text + mark.text)
                return
    if candidates:  # no letter under it: keep it where it stands rather than lose it
        line = lines[candidates[0][1]]
        line.append(mark)
        line.sort(key=lambda glyph: glyph.left + glyph.right)


def _segments(line: list[Glyph]) -> list[list[Glyph]]:
    """A line cut where a gap of a few ems separates columns or table cells."""
    limit = _COLUMN_GAP * max(glyph.height for glyph in line)
    segments = [[line[0]]]
    for previous, glyph in zip(line, line[1:]):
        if glyph.left - previous.right > limit:
            segments.append([glyph])
        else:
            segments[-1].append(glyph)
    return segments


def _with_spaces(segment: list[Glyph]) -> list[str]:
    """The segment's texts, left to right, with a space where a gap (and no space glyph) is."""
    limit = _WORD_GAP * max(glyph.height for glyph in segment)
    texts = [segment[0].text]
    for previous, glyph in zip(segment, segment[1:]):
        if glyph.left - previous.right > limit and not glyph.text.isspace() and not previous.text.isspace():
            texts.append(" ")
        texts.append(glyph.text)
    return texts
