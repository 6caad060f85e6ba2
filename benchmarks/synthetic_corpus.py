"""A synthetic multilingual corpus of PDFs for the ingestion benchmark and tests.

    python benchmarks/synthetic_corpus.py --files 2500          # prints the corpus folder

Documents are written by a minimal PDF writer (text as Identity-H glyph codes with a ToUnicode map,
so every extractor reads them back; Arabic lines stored in visual order, as word processors do),
thousands of pages a second. Text comes from word lists in en, fr, ru, es and ar with the
thesaurus's terms mixed in; some pages carry a paragraph in another language, some files a sidecar.
Generation is deterministic (seeded) and cached under settings.cache_dir.
"""

from __future__ import annotations

import argparse
import random
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

from giai.organisations import load_organisations

WORDS = {
    "en": "the court found that the accused was responsible for crimes committed against civilians in the region during the "
    "armed conflict and the chamber considered the evidence of witnesses victims survivors reparations justice "
    "accountability investigation prosecution trial appeal decision judgment state obligation human rights law "
    "international criminal responsibility command superior detention prison torture enforced disappearance "
    "persecution sexual violence women girls children community village attack killing".split(),
    "fr": "la cour a constaté que accusé était responsable des crimes commis contre les civils dans la région pendant le "
    "conflit armé et la chambre a examiné les preuves des témoins victimes survivants réparations justice "
    "responsabilité enquête poursuites procès appel décision jugement état obligation droits humains droit "
    "international pénal commandement supérieur détention prison torture disparition forcée persécution "
    "violences sexuelles femmes filles enfants communauté village attaque meurtre".split(),
    "es": "el tribunal determinó que el acusado era responsable de los crímenes cometidos contra la población civil en la "
    "región durante el conflicto armado y la sala examinó las pruebas de los testigos víctimas sobrevivientes "
    "reparaciones justicia rendición de cuentas investigación enjuiciamiento juicio apelación decisión sentencia "
    "estado obligación derechos humanos derecho internacional penal mando superior detención cárcel tortura "
    "desaparición forzada persecución violencia sexual mujeres niñas niños comunidad aldea ataque".split(),
    "ru": "суд установил что обвиняемый несёт ответственность за преступления совершённые против мирного населения в "
    "регионе во время вооружённого конфликта и палата рассмотрела доказательства свидетелей жертв выживших "
    "возмещение правосудие ответственность расследование уголовное преследование процесс апелляция решение "
    "приговор государство обязательство права человека международное право командир задержание тюрьма пытки "
    "насильственное исчезновение преследование сексуальное насилие женщины девочки дети община деревня нападение".split(),
    "ar": "وجدت المحكمة أن المتهم مسؤول عن الجرائم المرتكبة ضد المدنيين في المنطقة خلال النزاع المسلح ونظرت الدائرة في "
    "أدلة الشهود والضحايا والناجين وجبر الضرر والعدالة والمساءلة والتحقيق والملاحقة القضائية والمحاكمة والاستئناف "
    "والقرار والحكم والدولة والالتزام وحقوق الإنسان والقانون الدولي الجنائي والقيادة والاحتجاز والسجن والتعذيب "
    "والاختفاء القسري والاضطهاد والعنف الجنسي والنساء والفتيات والأطفال والمجتمع والقرية والهجوم".split(),
}
TERMS = {
    "en": [
        "crimes against humanity",
        "war crimes",
        "genocide",
        "torture",
        "International Criminal Court",
        "Democratic Republic of the Congo",
        "Ukraine",
        "Syria",
        "report",
        "judgment",
    ],
    "fr": [
        "crimes contre l'humanité",
        "crimes de guerre",
        "génocide",
        "torture",
        "Cour pénale internationale",
        "République démocratique du Congo",
        "Ukraine",
        "Syrie",
        "rapport",
        "jugement",
    ],
    "es": [
        "crímenes de lesa humanidad",
        "crímenes de guerra",
        "genocidio",
        "tortura",
        "Corte Penal Internacional",
        "Colombia",
        "Guatemala",
        "Siria",
        "informe",
        "sentencia",
    ],
    "ru": [
        "преступления против человечности",
        "военные преступления",
        "геноцид",
        "пытки",
        "Международный уголовный суд",
        "Украина",
        "Сирия",
        "Грузия",
        "доклад",
        "решение",
    ],
    "ar": [
        "جرائم ضد الإنسانية",
        "جرائم حرب",
        "الإبادة الجماعية",
        "التعذيب",
        "المحكمة الجنائية الدولية",
        "سوريا",
        "السودان",
        "ليبيا",
        "تقرير",
        "حكم",
    ],
}
LANGS = tuple(WORDS)
ORGANISATIONS = tuple(o.slug for o in load_organisations())  # config/sources.yaml, in its order
LINE_CHARS = 80
LINES_PER_PAGE = 40  # ≈3,000 characters a page, as in a dense report

_TO_UNICODE = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
    b"/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def "
    b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange "
    b"endcmap CMapName currentdict /CMap defineresource pop end end"
)


def _is_rtl(line: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in line)


def pdf_bytes(pages: Sequence[Sequence[str]], title: str | None = None) -> bytes:
    """A PDF whose page i shows the lines pages[i] (Basic Multilingual Plane text only)."""
    objects: list[bytes] = [b"", b""]  # catalog and page tree, written last

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    to_unicode = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_TO_UNICODE), _TO_UNICODE))
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /ArialUnicodeMS /Flags 32 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"
    )
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ArialUnicodeMS /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 500 /CIDToGIDMap /Identity >>" % descriptor
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ArialUnicodeMS /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode)
    )
    kids = []
    for lines in pages:
        ops = [b"BT /F1 9 Tf 11 TL 40 800 Td"]
        for line in lines:
            shown = line[::-1] if _is_rtl(line) else line  # visual order, as exported by word processors
            ops.append(b"<%s> Tj T*" % shown.encode("utf-16-be", "replace").hex().encode())
        ops.append(b"ET")
        stream = zlib.compress(b"\n".join(ops), 1)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (font, content)
            )
        )
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    info = add(b"<< /Title <feff%s> >>" % title.encode("utf-16-be").hex().encode()) if title else None
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1) + (b" /Info %d 0 R" % info if info else b"")
    return _assemble(objects, trailer)


def image_pdf_bytes(width: int = 400, height: int = 120) -> bytes:
    """A one-page PDF that is only an image (grey stripes), like a scan without a text layer."""
    pixels = zlib.compress(bytes((0 if (y // 10) % 2 else 200) for y in range(height) for _ in range(width)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (width, height, len(pixels), pixels),
    ]
    draw = b"q 500 0 0 150 40 600 cm /Im1 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw))
    return _assemble(objects, b"/Size %d /Root 1 0 R" % (len(objects) + 1))


def _assemble(objects: Sequence[bytes], trailer: bytes) -> bytes:
    """The file: header, numbered objects, cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


def sentence_lines(rng: random.Random, language: str, count: int, term_rate: float = 0.04) -> list[str]:
    """`count` lines of about LINE_CHARS characters of `language`, thesaurus terms mixed in."""
    words, terms = WORDS[language], TERMS[language]
    lines = []
    for _ in range(count):
        parts: list[str] = []
        length = 0
        while length < LINE_CHARS:
            word = rng.choice(terms) if rng.random() < term_rate else rng.choice(words)
            parts.append(word)
            length += len(word) + 1
        lines.append(" ".join(parts))
    return lines


def document_pages(rng: random.Random, language: str, page_count: int) -> list[list[str]]:
    """Pages of one document; about one page in six carries a paragraph in another language."""
    pages = []
    for _ in range(page_count):
        lines = sentence_lines(rng, language, LINES_PER_PAGE)
        if rng.random() < 1 / 6:
            other = rng.choice([lang for lang in LANGS if lang != language])
            at = rng.randrange(0, LINES_PER_PAGE - 5)
            lines[at : at + 5] = sentence_lines(rng, other, 5)
        pages.append(lines)
    return pages


def generate(folder: Path, files: int, *, seed: int = 7, max_pages: int = 16) -> int:
    """Write `files` PDFs under folder/<organisation>/ (sidecars on every fifth); returns pages."""
    rng = random.Random(seed)
    total = 0
    for number in range(files):
        language = LANGS[number % len(LANGS)]
        organisation = ORGANISATIONS[number % len(ORGANISATIONS)]
        page_count = rng.randint(1, max_pages)
        title = " ".join(sentence_lines(rng, language, 1, term_rate=0.3)[0].split()[:8])
        path = folder / organisation / f"doc-{number:05d}-{language}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf_bytes(document_pages(rng, language, page_count), title=title))
        if number % 5 == 0:
            group = f"synthetic-{number // 5}"
            path.with_name(path.name + ".meta.yaml").write_text(
                f"organisation: {organisation}\nlanguage: {language}\ntranslation_group: {group}\n", encoding="utf-8"
            )
        total += page_count
    return total


def cached_corpus(cache_dir: Path, files: int, *, seed: int = 7) -> Path:
    """The corpus of `files` documents under cache_dir, generated on first use."""
    folder = cache_dir / "synthetic-corpus" / f"v1-{files}-{seed}"
    done = folder / ".complete"
    if not done.exists():
        pages = generate(folder, files, seed=seed)
        done.write_text(str(pages), encoding="utf-8")
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="Folder to write (default: the cache)")
    args = parser.parse_args(argv)
    if args.out:
        print(f"{generate(args.out, args.files, seed=args.seed)} pages in {args.out}", file=sys.stderr)
        print(args.out)
        return 0
    from giai.settings import load_settings

    print(cached_corpus(load_settings().cache_dir, args.files, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
