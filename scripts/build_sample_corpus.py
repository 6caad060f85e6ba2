"""Build the sample corpus (samples/corpus) from the texts written for it (samples/sources).

Developer-only: needs LibreOffice (`soffice`) and poppler (`pdftoppm`). CI reads the committed
output and never runs this. From the repository root:

    .venv/bin/python scripts/build_sample_corpus.py [--sources DIR] [--out DIR]

A source is `<sources>/<org-slug>/<name>.md`: YAML front matter, then the text in a small Markdown
subset (see `parse_blocks`). Front matter:

    file      output name inside <out>/<org-slug>/
    format    pdf | docx | html | scanned-pdf (a PDF of page images, no text layer)
    metadata  sidecar (writes F.meta.yaml) | manifest (a row of the folder's manifest.csv) | none
    meta      the document's metadata in sidecar keys. Written out only as `metadata` says; for
              `none` it records what a classifier should find in the text.

PDFs and DOCX are made the way NGOs make them: a word-processor document (python-docx) with
headings, footer and page numbers, exported to PDF by LibreOffice, Arabic in right-to-left
paragraphs set in Noto Naskh Arabic. The output is deterministic: fixed dates and ids inside the
PDF and DOCX files, seeded noise in the scanned pages.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import html
import io
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.dates import format_date
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image, ImageChops, ImageFilter

REPO = Path(__file__).resolve().parent.parent
ARABIC_FONT = "Noto Naskh Arabic"
PAGE_BREAK = "---page---"
META_KEYS = (
    "title", "summary", "language", "date", "doc_type", "crime_type", "gender", "country",
    "body", "access", "access_orgs", "translation_group", "organisation",
)
FORMATS = {"pdf", "docx", "html", "scanned-pdf"}
METADATA_MODES = {"sidecar", "manifest", "none"}


class SourceError(Exception):
    """A source file that cannot be built; the message names the file and the problem."""


@dataclass(frozen=True)
class Block:
    """One block of a text: title, heading, paragraph, bullet, number, quote, table, pagebreak."""

    kind: str
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Source:
    """A document to generate: where it goes, in which format, its metadata and its text."""

    path: Path
    org: str
    file: str
    format: str
    metadata: str
    meta: dict
    blocks: tuple[Block, ...]

    @property
    def language(self) -> str:
        return self.meta["language"]

    @property
    def date(self) -> dt.date:
        return self.meta["date"]

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def seed(self) -> str:
        return f"{self.org}/{self.file}"


# --- reading sources -----------------------------------------------------------------------


def parse_source(path: Path, org: str) -> Source:
    """Read one source file (front matter + text) into a Source; SourceError when malformed."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    if not match:
        raise SourceError(f"{path}: no YAML front matter")
    try:
        front = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: front matter is not valid YAML: {exc}") from exc
    if front.get("format") not in FORMATS:
        raise SourceError(f"{path}: format must be one of {sorted(FORMATS)}")
    if front.get("metadata") not in METADATA_MODES:
        raise SourceError(f"{path}: metadata must be one of {sorted(METADATA_MODES)}")
    meta = front.get("meta") or {}
    for key in ("title", "language", "date"):
        if key not in meta:
            raise SourceError(f"{path}: meta.{key} is required")
    unknown = set(meta) - set(META_KEYS)
    if unknown:
        raise SourceError(f"{path}: unknown meta keys {sorted(unknown)}")
    blocks = parse_blocks(match.group(2))
    if not blocks or blocks[0].kind != "title":
        raise SourceError(f"{path}: the text must start with a '# title' line")
    return Source(path, org, front["file"], front["format"], front["metadata"], meta, blocks)


def parse_blocks(body: str) -> tuple[Block, ...]:
    """Split the text into blocks.

    Markup: `# ` title, `## `/`### ` headings, `- ` bullets, `1. ` numbered items, `> ` quotes,
    `| a | b |` table rows (the first is the header; `|---|` rows are skipped), a line
    `---page---` for a page break; other lines form paragraphs, separated by blank lines. A line
    that does not start a block continues the block above it. Inline: **bold**, *italic*.
    """
    blocks: list[Block] = []
    kind, lines, level = "", [], 0
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        nonlocal kind, lines, table
        if table:
            blocks.append(Block("table", rows=tuple(table)))
        elif lines:
            blocks.append(Block(kind, " ".join(lines), level))
        kind, lines, table = "", [], []

    for raw in body.splitlines():
        line = raw.strip()
        heading = re.match(r"(#{1,3}) (.+)", line)
        number = re.match(r"\d+[.)] (.+)", line)
        if not line:
            flush()
        elif line == PAGE_BREAK:
            flush()
            blocks.append(Block("pagebreak"))
        elif line.startswith("|"):
            if kind:
                flush()
            if not re.fullmatch(r"\|[\s:|-]+\|", line):
                table.append(tuple(cell.strip() for cell in line.strip("|").split("|")))
        elif heading:
            flush()
            level = len(heading.group(1)) - 1
            blocks.append(Block("title" if level == 0 else "heading", heading.group(2), level))
        elif line.startswith(("- ", "> ")) or number:
            flush()
            kind = {"- ": "bullet", "> ": "quote"}.get(line[:2], "number")
            lines = [line[2:].strip() if not number else number.group(1)]
        else:
            if table:
                flush()
            kind = kind or "paragraph"
            lines.append(line)
    flush()
    return tuple(blocks)


def inline_spans(source_text: str) -> list[tuple[str, bool, bool]]:
    """Split text on **bold** and *italic* markers into (text, bold, italic) spans."""
    spans = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)", source_text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            spans.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            spans.append((part[1:-1], False, True))
        elif part:
            spans.append((part, False, False))
    return spans


def load_sources(root: Path) -> list[Source]:
    """All sources under root, grouped by organisation folder, in a stable order."""
    sources = []
    for org_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for path in sorted(org_dir.glob("*.md")):
            sources.append(parse_source(path, org_dir.name))
    names = [(s.org, s.file) for s in sources]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise SourceError(f"two sources write the same file: {sorted(duplicates)}")
    return sources


# --- DOCX (also the input of every PDF) -----------------------------------------------------


def set_fonts(rpr, latin: str, size: float | None = None, bold: bool = False) -> None:
    """Give a run or style rPr explicit Latin/Cyrillic and Arabic fonts (no theme fonts)."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:cs"), ARABIC_FONT)
    if bold:
        rpr.get_or_add_bCs()
    if size:
        sz_cs = rpr.find(qn("w:szCs"))
        if sz_cs is None:
            sz_cs = OxmlElement("w:szCs")
            rpr.insert_element_before(
                sz_cs, "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
                "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                "w:specVanish", "w:oMath",
            )
        sz_cs.set(qn("w:val"), str(int(size * 2)))


def configure_styles(doc, house: dict, language: str) -> None:
    """Fonts, sizes and colours of the styles the builder uses, in the organisation's style."""
    colour = RGBColor.from_string(house["colour"])
    specs = {
        "Normal": (house["body"], 10.5, False, None),
        "Title": (house["headings"], 22, True, colour),
        "Heading 1": (house["headings"], 14, True, colour),
        "Heading 2": (house["headings"], 12, True, colour),
        "List Bullet": (house["body"], 10.5, False, None),
        "List Number": (house["body"], 10.5, False, None),
        "Quote": (house["body"], 10.5, False, RGBColor(0x44, 0x44, 0x44)),
        "Footer": (house["body"], 8, False, RGBColor(0x55, 0x55, 0x55)),
    }
    for name, (font, size, bold, rgb) in specs.items():
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.bold = bold
        if rgb is not None:
            style.font.color.rgb = rgb
        set_fonts(style.element.get_or_add_rPr(), font, size, bold)
    # The language drives LibreOffice's hyphenation and the PDF's /Lang; bidi text is Arabic.
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:bidi"), "ar-SA")
    doc.styles["Normal"].element.get_or_add_rPr().append(lang)
    doc.styles["Normal"].paragraph_format.space_after = Pt(6)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.15
    title = doc.styles["Title"]
    title.paragraph_format.space_after = Pt(12)


def make_rtl(paragraph) -> None:
    """Right-to-left paragraph whose runs are marked RTL (Arabic documents)."""
    ppr = paragraph._p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    ppr.insert_element_before(
        bidi, "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    )
    for run in paragraph.runs:
        run.font.rtl = True


def add_spans(paragraph, source_text: str) -> None:
    """Append the inline spans of a block's text to a paragraph as runs."""
    for chunk, bold, italic in inline_spans(source_text):
        run = paragraph.add_run(chunk)
        if bold:
            run.bold = True
            run.font.cs_bold = True
        if italic:
            run.italic = True
            run.font.cs_italic = True


def add_field(paragraph, instruction: str) -> None:
    """A simple field (PAGE, NUMPAGES) that the word processor fills in."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    run.append(placeholder)
    field.append(run)
    paragraph._p.append(field)


def add_footer(section, org_name: str, strings: dict, rtl: bool) -> None:
    """Footer on every page: organisation, 'Page X of Y' in the document's language, notice."""
    footer = section.footer
    first = footer.paragraphs[0]
    first.style = "Footer"
    first.add_run(f"{org_name}  ·  ")
    for part in re.split(r"(\{page\}|\{pages\})", strings["page"]):
        if part == "{page}":
            add_field(first, "PAGE")
        elif part == "{pages}":
            add_field(first, "NUMPAGES")
        elif part:
            first.add_run(part)
    notice = footer.add_paragraph(strings["notice"], style="Footer")
    notice.runs[0].font.size = Pt(7)
    for paragraph in (first, notice):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if rtl:
            make_rtl(paragraph)


def add_block(doc, block: Block, rtl: bool) -> None:
    """Append one block to the document in the matching style."""
    if block.kind == "pagebreak":
        doc.add_page_break()
        return
    if block.kind == "table":
        add_table(doc, block.rows, rtl)
        return
    style = {
        "title": "Title", "heading": f"Heading {block.level}", "paragraph": "Normal",
        "bullet": "List Bullet", "number": "List Number", "quote": "Quote",
    }[block.kind]
    paragraph = doc.add_paragraph(style=style)
    add_spans(paragraph, block.text)
    if block.kind in ("paragraph", "quote"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if rtl:
        make_rtl(paragraph)


def add_table(doc, rows: tuple[tuple[str, ...], ...], rtl: bool) -> None:
    """A bordered table whose first row is a bold header."""
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            add_spans(paragraph, f"**{value}**" if r == 0 and value else value)
            for run in paragraph.runs:
                run.font.size = Pt(9)
            if rtl:
                make_rtl(paragraph)
    if rtl:
        table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
    doc.add_paragraph()


def build_docx(source: Source, org_name: str, house: dict, strings: dict) -> bytes:
    """The source as a DOCX package (bytes), with fixed dates so the output is reproducible."""
    doc = Document()
    rtl = source.language == "ar"
    configure_styles(doc, house, source.language)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.3)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    if rtl:
        section._sectPr.append(OxmlElement("w:bidi"))
    add_footer(section, org_name, strings, rtl)
    for block in source.blocks:
        add_block(doc, block, rtl)
    when = dt.datetime.combine(source.date, dt.time(9, 0))
    props = doc.core_properties
    props.title = source.title
    props.author = org_name
    props.last_modified_by = org_name
    props.language = source.language
    props.created = props.modified = when
    props.revision = 1
    props.comments = props.subject = props.keywords = ""
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue(), when)


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a ZIP package with every member stamped `when`, so equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------


def convert_to_pdf(docx_files: list[Path], workdir: Path) -> None:
    """Export DOCX files to PDF next to them with LibreOffice (one batch, private profile)."""
    if not shutil.which("soffice"):
        raise SourceError("LibreOffice (soffice) is needed to build the PDFs")
    profile = workdir / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(docx_files[0].parent),
         *map(str, docx_files)],
        check=True, capture_output=True, timeout=1800,
    )


def normalise_pdf(data: bytes, when: dt.date, seed: str) -> bytes:
    """Fix the export time, /ID and checksum of a LibreOffice PDF, keeping every byte offset."""
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}([+-]\d\d'\d\d')?",
                  lambda m: m.group(1) + f"{when:%Y%m%d}090000".encode()
                  + (b"+00'00'" if m.group(2) else b""), data)
    digest = hashlib.md5(seed.encode()).hexdigest().upper().encode()

    def fix_id(match: re.Match) -> bytes:
        return re.sub(rb"<[0-9A-Fa-f]+>", lambda m: b"<" + digest[: len(m.group(0)) - 2] + b">",
                      match.group(0))

    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]", fix_id, data)
    # LibreOffice's /DocChecksum covers the export time too: recompute it over the fixed bytes.
    blank = re.sub(rb"(/DocChecksum\s*/)([0-9A-F]{32})", lambda m: m.group(1) + b"0" * 32, data)
    checksum = hashlib.md5(blank).hexdigest().upper().encode()
    return re.sub(rb"(/DocChecksum\s*/)([0-9A-F]{32})", lambda m: m.group(1) + checksum, data)


def scan_pdf(pdf: Path, source: Source, workdir: Path) -> bytes:
    """A PDF of page images only (no text layer), as from an office scanner: 150 dpi, grey,
    slightly rotated, dusty, softened, JPEG-compressed. Seeded, so reproducible."""
    prefix = workdir / f"scan-{pdf.stem}"
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(pdf), str(prefix)], check=True)
    rng = random.Random(source.seed)
    pages = []
    for png in sorted(workdir.glob(f"{prefix.name}-*.png")):
        page = Image.open(png).convert("L")
        page = page.point(lambda v: int(v * 0.9 + 14))
        page = page.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BICUBIC,
                           fillcolor=242)
        dust = Image.frombytes("L", page.size, rng.randbytes(page.width * page.height))
        dust = dust.point(lambda v: 110 if v < 2 else 255)
        page = ImageChops.darker(page, dust).filter(ImageFilter.GaussianBlur(0.6))
        pages.append(page)
    when = dt.datetime.combine(source.date, dt.time(9, 0)).timetuple()
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=150,
                  quality=60, creationDate=when, modDate=when)
    return out.getvalue()


# --- HTML ----------------------------------------------------------------------------------


def text(value: str) -> str:
    """Escape a string for an HTML text node (quotes and apostrophes stay as they are)."""
    return html.escape(value, quote=False)


def spans_html(source_text: str) -> str:
    """Inline spans as escaped HTML with <strong>/<em>."""
    out = []
    for chunk, bold, italic in inline_spans(source_text):
        chunk = text(chunk)
        out.append(f"<strong>{chunk}</strong>" if bold else f"<em>{chunk}</em>" if italic else chunk)
    return "".join(out)


def article_html(blocks: tuple[Block, ...]) -> str:
    """The body blocks (title excluded) as article HTML; consecutive list items share a list."""
    out: list[str] = []
    open_list = ""
    for block in blocks:
        wanted = {"bullet": "ul", "number": "ol"}.get(block.kind, "")
        if open_list and wanted != open_list:
            out.append(f"</{open_list}>")
            open_list = ""
        if wanted and not open_list:
            out.append(f"<{wanted}>")
            open_list = wanted
        if block.kind in ("bullet", "number"):
            out.append(f"  <li>{spans_html(block.text)}</li>")
        elif block.kind == "heading":
            out.append(f"<h{block.level}>{spans_html(block.text)}</h{block.level}>")
        elif block.kind == "paragraph":
            out.append(f"<p>{spans_html(block.text)}</p>")
        elif block.kind == "quote":
            out.append(f"<blockquote><p>{spans_html(block.text)}</p></blockquote>")
        elif block.kind == "table":
            head, *rows = block.rows
            cells = "".join(f"<th>{spans_html(c)}</th>" for c in head)
            body = "".join(
                "<tr>" + "".join(f"<td>{spans_html(c)}</td>" for c in row) + "</tr>" for row in rows
            )
            out.append(f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>")
    if open_list:
        out.append(f"</{open_list}>")
    return "\n".join(out)


def render_html(source: Source, org_names: dict, strings: dict, related: list[Source]) -> str:
    """A whole web page: cookie banner, header, navigation, breadcrumb, the article, related
    links, newsletter form and footer, as an organisation's site would serve it."""
    lang = source.language
    s = {key: value if isinstance(value, list) else text(value) for key, value in strings[lang].items()}
    org = text(org_names[lang])
    title = text(source.title)
    first_paragraph = next(b.text for b in source.blocks if b.kind == "paragraph")
    description = html.escape(re.sub(r"\*", "", first_paragraph)[:157].rsplit(" ", 1)[0] + "…")
    sections = ["", "about", "our-work", "publications", "news", "contact"]
    nav = "\n".join(
        f'        <li><a href="/{lang}/{slug}">{text(label)}</a></li>'
        for slug, label in zip(sections, s["nav"])
    )
    languages = " ".join(
        f'<li><a href="/{code}/" hreflang="{code}">{code.upper()}</a></li>'
        for code in ("en", "fr", "es", "ar", "ru")
    )
    related_items = "\n".join(
        f'        <li><a href="/{lang}/publications/{Path(r.file).stem}">{text(r.title)}</a></li>'
        for r in related
    )
    published = format_date(source.date, format="long", locale=lang)
    direction = "rtl" if lang == "ar" else "ltr"
    home = text(s["nav"][0])
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{direction}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} | {org}</title>
  <meta name="description" content="{description}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{html.escape(source.title)}">
  <meta property="article:published_time" content="{source.date.isoformat()}">
  <link rel="stylesheet" href="/assets/css/site.css">
  <style>.cookie-banner{{position:fixed;bottom:0;width:100%}}.visually-hidden{{position:absolute;clip:rect(0 0 0 0)}}</style>
  <script>window.dataLayer = window.dataLayer || []; function track(){{dataLayer.push(arguments);}} track('page', '{source.org}');</script>
</head>
<body class="page page-article">
  <div class="cookie-banner" role="dialog" aria-live="polite">
    <p>{s["cookies"]}</p>
    <button type="button" data-consent="yes">{s["accept"]}</button>
    <button type="button" data-consent="no">{s["refuse"]}</button>
  </div>
  <a class="visually-hidden" href="#content">{home}</a>
  <header class="site-header">
    <a class="site-logo" href="/{lang}/">{org}</a>
    <form class="site-search" role="search" action="/{lang}/search">
      <label class="visually-hidden" for="q">{s["search"]}</label>
      <input id="q" type="search" name="q" placeholder="{html.escape(strings[lang]["search"])}">
    </form>
    <nav class="main-nav" aria-label="main">
      <ul>
{nav}
      </ul>
    </nav>
    <ul class="language-switcher">{languages}</ul>
    <a class="button donate" href="/{lang}/donate">{s["donate"]}</a>
  </header>
  <nav class="breadcrumb" aria-label="breadcrumb">
    <a href="/{lang}/">{home}</a> › <a href="/{lang}/news">{s["breadcrumb"]}</a> › <span>{title}</span>
  </nav>
  <main id="content">
    <article class="post">
      <header class="post-header">
        <h1>{title}</h1>
        <p class="post-meta">{s["published"]} <time datetime="{source.date.isoformat()}">{published}</time></p>
      </header>
      <div class="post-body">
{article_html(source.blocks[1:])}
      </div>
      <div class="share"><span>{s["share"]}</span> <a href="#" class="share-x">X</a> <a href="#" class="share-fb">Facebook</a> <a href="#" class="share-li">LinkedIn</a></div>
    </article>
    <aside class="related">
      <h2>{s["related"]}</h2>
      <ul>
{related_items}
      </ul>
    </aside>
  </main>
  <section class="newsletter">
    <p>{s["newsletter"]}</p>
    <form action="/{lang}/newsletter" method="post">
      <input type="email" name="email" placeholder="{html.escape(strings[lang]["email"])}">
      <button type="submit">{s["subscribe"]}</button>
    </form>
  </section>
  <footer class="site-footer">
    <ul class="footer-links">
      <li><a href="/{lang}/privacy">{s["privacy"]}</a></li>
      <li><a href="/{lang}/legal">{s["legal"]}</a></li>
      <li><a href="/{lang}/contact">{text(s["nav"][5])}</a></li>
    </ul>
    <p class="copyright">© {source.date.year} {org}. {s["rights"]}</p>
    <p class="notice">{s["notice"]}</p>
  </footer>
  <script src="/assets/js/site.js" defer></script>
</body>
</html>
"""


# --- metadata ------------------------------------------------------------------------------


def ordered_meta(meta: dict) -> dict:
    """Metadata in the conventional key order."""
    return {key: meta[key] for key in META_KEYS if key in meta}


def sidecar_yaml(meta: dict) -> str:
    """A sidecar F.meta.yaml text; lists in flow style."""
    return yaml.safe_dump(ordered_meta(meta), allow_unicode=True, sort_keys=False,
                          default_flow_style=None, width=1000)


def manifest_csv(sources: list[Source]) -> str:
    """A manifest.csv for one folder: `file`, then the metadata columns any row uses."""
    columns = [k for k in META_KEYS if any(k in s.meta for s in sources)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", *columns])
    for source in sources:
        row = [source.file]
        for key in columns:
            value = source.meta.get(key, "")
            row.append("|".join(value) if isinstance(value, list) else str(value))
        writer.writerow(row)
    return out.getvalue()


# --- the build -----------------------------------------------------------------------------


def related_sources(source: Source, sources: list[Source]) -> list[Source]:
    """Up to three other public publications of the same organisation for a web page's sidebar:
    those in the page's language first, then the newest."""
    others = [s for s in sources if s.org == source.org and s is not source
              and s.meta.get("access", "public") == "public"]
    return sorted(others, key=lambda s: (s.language == source.language, s.date, s.file),
                  reverse=True)[:3]


def build(sources_dir: Path, out: Path) -> int:
    """Generate the corpus from sources_dir into out (replacing it); returns the file count."""
    layout = yaml.safe_load((sources_dir / "_layout.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((REPO / "config" / "sources.yaml").read_text(encoding="utf-8"))
    names = {org["slug"]: org["names"] for org in config["organisations"]}
    sources = load_sources(sources_dir)
    missing = {s.org for s in sources} - set(names)
    if missing:
        raise SourceError(f"organisations missing from config/sources.yaml: {sorted(missing)}")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        stage = work / "corpus"
        docx_dir = work / "docx"
        docx_dir.mkdir()
        to_pdf: list[tuple[Source, Path]] = []
        for source in sources:
            target = stage / source.org / source.file
            target.parent.mkdir(parents=True, exist_ok=True)
            org_name = names[source.org][source.language]
            strings = layout["strings"][source.language]
            if source.format == "html":
                related = related_sources(source, sources)
                target.write_text(render_html(source, names[source.org], layout["strings"], related),
                                  encoding="utf-8")
                continue
            data = build_docx(source, org_name, layout["house_styles"][source.org], strings)
            if source.format == "docx":
                target.write_bytes(data)
                continue
            staged = docx_dir / f"{source.org}--{Path(source.file).stem}.docx"
            staged.write_bytes(data)
            to_pdf.append((source, staged))

        if to_pdf:
            convert_to_pdf([p for _, p in to_pdf], work)
        for source, staged in to_pdf:
            pdf = staged.with_suffix(".pdf")
            target = stage / source.org / source.file
            if source.format == "scanned-pdf":
                target.write_bytes(scan_pdf(pdf, source, work))
            else:
                target.write_bytes(normalise_pdf(pdf.read_bytes(), source.date, source.seed))

        for source in sources:
            if source.metadata == "sidecar":
                sidecar = stage / source.org / f"{source.file}.meta.yaml"
                sidecar.write_text(sidecar_yaml(source.meta), encoding="utf-8")
        for org in sorted({s.org for s in sources}):
            listed = [s for s in sources if s.org == org and s.metadata == "manifest"]
            if listed:
                (stage / org / "manifest.csv").write_text(manifest_csv(listed), encoding="utf-8")

        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(stage, out)
    return sum(1 for p in out.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    """Command line: build, print a one-line summary; exit status 1 with a message on failure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=REPO / "samples" / "sources")
    parser.add_argument("--out", type=Path, default=REPO / "samples" / "corpus")
    args = parser.parse_args(argv)
    try:
        count = build(args.sources, args.out)
    except (SourceError, subprocess.CalledProcessError) as exc:
        print(f"build_sample_corpus: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {count} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
