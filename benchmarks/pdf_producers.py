"""PDFs of the same texts from three producers, as users' files come: LibreOffice, Chromium's
print-to-PDF (Skia, as Chrome and Google Docs export) and WeasyPrint (Pango shaping).

    print_pdf("weasyprint", document_html(source_text("ar")), Path("ar.pdf"))
    corpus = producer_corpus(Path("/some/cache"))        # {("chromium", "ar"): Path, …}
    python benchmarks/pdf_producers.py OUT_DIR           # writes the corpus, prints its files

Each document has a title long enough to wrap, justified paragraphs in two columns, hyphenation
where the producer does it, and three pages: upright, turned by the page's /Rotate entry, and
with its content drawn through a rotated text matrix (a landscape table on a portrait page).
The source texts are tests/data/producer-texts/<language>.txt (first line the title, then
paragraphs separated by blank lines). Printing many files at once is much cheaper than one by
one (one Chromium, one LibreOffice start): use `print_pdfs`.
"""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "data" / "producer-texts"
PRODUCERS = ("libreoffice", "chromium", "weasyprint")
LANGUAGES = ("ar", "en", "es", "fr", "ru")
_RTL = {"ar"}
# LibreOffice's HTML import breaks pages only before a paragraph with this inline style.
_NEW_PAGE = ' style="page-break-before: always"'
_FONTS = "'Noto Sans', 'Noto Sans Arabic', 'DejaVu Sans', sans-serif"


@dataclass(frozen=True)
class SourceText:
    language: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join((self.title, *self.paragraphs))


def source_text(language: str) -> SourceText:
    """The sample text in `language` (one of LANGUAGES)."""
    blocks = [" ".join(b.split()) for b in (TEXTS / f"{language}.txt").read_text(encoding="utf-8").split("\n\n")]
    blocks = [b for b in blocks if b]
    return SourceText(language, blocks[0], tuple(blocks[1:]))


def document_html(source: SourceText, *, page_breaks: Iterable[int] = (2, 3)) -> str:
    """An HTML page of `source`: the title as a heading, justified and hyphenated paragraphs in two
    columns, a new page before each paragraph index in `page_breaks`."""
    direction = "rtl" if source.language in _RTL else "ltr"
    # One two-column block per page: browsers do not break pages inside a multi-column block.
    starts = [0, *sorted(b for b in page_breaks if 0 < b < len(source.paragraphs)), len(source.paragraphs)]
    blocks = "\n".join(
        f'<div class="columns{" newpage" if start else ""}" style="column-count: 2">\n'
        + "\n".join(f"<p{_NEW_PAGE if start and index == start else ''}>{html.escape(source.paragraphs[index])}</p>"
                     for index in range(start, end))
        + "\n</div>"
        for start, end in zip(starts, starts[1:])
    )
    return f"""<!DOCTYPE html>
<html lang="{source.language}" dir="{direction}"><head><meta charset="utf-8">
<title>{html.escape(source.title)}</title>
<style>
@page {{ size: A4; margin: 2cm; }}
body {{ font-family: {_FONTS}; font-size: 11pt; }}
h1 {{ font-size: 20pt; }}
p {{ text-align: justify; hyphens: auto; }}
.newpage {{ page-break-before: always; break-before: page; }}
.columns {{ column-count: 2; column-gap: 1cm; }}
</style></head>
<body><h1>{html.escape(source.title)}</h1>
{blocks}
</body></html>
"""


def print_pdf(producer: str, page_html: str, out_path: Path) -> Path:
    """`page_html` printed to `out_path` by `producer` (one of PRODUCERS)."""
    print_pdfs(producer, [(page_html, out_path)])
    return out_path


def print_pdfs(producer: str, jobs: list[tuple[str, Path]]) -> None:
    """Each (html, out_path) of `jobs` printed by `producer`, with one start of the producer."""
    if producer == "libreoffice":
        _print_with_libreoffice(jobs)
    elif producer == "chromium":
        chromium_pdfs([(page_html, out_path, {}) for page_html, out_path in jobs])
    elif producer == "weasyprint":
        import weasyprint

        for page_html, out_path in jobs:
            weasyprint.HTML(string=page_html).write_pdf(out_path)
    else:
        raise ValueError(f"unknown PDF producer {producer!r}; expected one of {PRODUCERS}")


def libreoffice_pdfs(sources: Iterable[Path], directory: Path) -> None:
    """Each document (HTML, ODF, DOCX…) exported to `directory`/<its stem>.pdf by one LibreOffice run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is not installed (Debian package libreoffice-writer-nogui)")
    sources = list(sources)
    with tempfile.TemporaryDirectory(prefix="giai-soffice-") as profile:
        # A profile of its own: another LibreOffice running on the machine would take the job over.
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(directory), *map(str, sources)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    missing = [s.name for s in sources if not (directory / f"{s.stem}.pdf").is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice printed no PDF of {missing} (exit {done.returncode}): {done.stderr[-500:]}")


def _print_with_libreoffice(jobs: list[tuple[str, Path]]) -> None:
    with tempfile.TemporaryDirectory(prefix="giai-html-") as scratch:
        folder = Path(scratch)
        sources = []
        for index, (page_html, _) in enumerate(jobs):
            sources.append(folder / f"{index}.html")
            sources[-1].write_text(page_html, encoding="utf-8")
        libreoffice_pdfs(sources, folder)
        for source, (_, out_path) in zip(sources, jobs):
            shutil.move(source.with_suffix(".pdf"), out_path)


def chromium_executable() -> str:
    """Debian's Chromium, as the browser tests use it."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("Chromium is not installed (Debian package chromium)")


_CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def chromium_pdfs(jobs: Iterable[tuple[str, Path, dict[str, Any]]]) -> None:
    """Each (HTML, output path, options of Playwright's `page.pdf` over A4 and the CSS page size)
    printed by one Chromium. It runs in a thread of its own: Playwright's sync API refuses to start
    in a thread where another session runs (the browser tests keep theirs open)."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(_print_with_chromium, list(jobs)).result()


def _print_with_chromium(jobs: list[tuple[str, Path, dict[str, Any]]]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=_CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for page_html, out_path, options in jobs:
                page.set_content(page_html, wait_until="load")
                page.pdf(path=str(out_path), **{"format": "A4", "prefer_css_page_size": True, **options})
        finally:
            browser.close()


def turn_pages(path: Path) -> None:
    """Page 2 turned by its /Rotate entry (90°), page 3 drawn through a rotated text matrix (its
    content turned 90° on a page made landscape); other pages untouched. Rewrites `path`."""
    import pypdf

    reader = pypdf.PdfReader(path)
    writer = pypdf.PdfWriter(clone_from=reader)
    if len(writer.pages) >= 2:
        writer.pages[1].rotate(90)
    if len(writer.pages) >= 3:
        page = writer.pages[2]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(pypdf.Transformation().rotate(90).translate(height, 0))
        page.mediabox = pypdf.generic.RectangleObject((0, 0, height, width))
        page.cropbox = page.mediabox
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


def producer_corpus(folder: Path, producers: Iterable[str] = PRODUCERS,
                    languages: Iterable[str] = LANGUAGES) -> dict[tuple[str, str], Path]:
    """The sample texts printed by each producer into `folder` (kept: files already there are
    reused), pages turned by `turn_pages`; {(producer, language): path}."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = {(p, lang): folder / f"{p}-{lang}.pdf" for p in producers for lang in languages}
    for producer in producers:
        missing = [(lang, path) for (p, lang), path in corpus.items() if p == producer and not path.is_file()]
        if not missing:
            continue
        partial = [(document_html(source_text(lang)), path.with_suffix(".part")) for lang, path in missing]
        print_pdfs(producer, partial)
        for (_, part), (_, path) in zip(partial, missing):
            turn_pages(part)
            part.rename(path)
    return corpus


def generated_corpus(folder: Path, documents: int, *, language: str = "ar", seed: int = 7) -> list[Path]:
    """`documents` PDFs of random sentences in `language` (the synthetic corpus's word lists), two
    pages of two columns each, printed in turn by each producer into `folder`; kept and reused
    once complete (the ingestion benchmark's share of producer-made pages)."""
    import random

    from benchmarks.synthetic_corpus import sentence_lines

    done = folder / ".complete"
    paths = [folder / f"{PRODUCERS[i % len(PRODUCERS)]}-{language}-{i:04d}.pdf" for i in range(documents)]
    if done.exists():
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    jobs: dict[str, list[tuple[str, Path]]] = {producer: [] for producer in PRODUCERS}
    for index, path in enumerate(paths):
        paragraphs = tuple(" ".join(sentence_lines(rng, language, 8)) for _ in range(6))
        source = SourceText(language, " ".join(sentence_lines(rng, language, 1)), paragraphs)
        jobs[PRODUCERS[index % len(PRODUCERS)]].append((document_html(source, page_breaks=(3,)), path))
    for producer, batch in jobs.items():
        if batch:
            print_pdfs(producer, batch)
    done.write_text(str(documents), encoding="utf-8")
    return paths


def scanned_pdf(pdf_path: Path, out_path: Path, *, dpi: int = 200) -> Path:
    """The first page of `pdf_path` as a scan: rendered to a grey image, wrapped alone in a PDF
    (no text layer), as a photocopier makes it."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_path)
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()
    image.save(out_path, "PDF", resolution=dpi)
    return out_path


if __name__ == "__main__":
    for (producer, language), path in producer_corpus(Path(sys.argv[1])).items():
        print(producer, language, path)
