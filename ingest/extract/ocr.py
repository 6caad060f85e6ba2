"""Optical character recognition of page images with Tesseract, run as a subprocess.

Tesseract is Debian's `tesseract-ocr` with one package per language (eng, fra, rus, spa, ara for
our corpus). Without the binary, OCR is simply unavailable and the caller marks pages `needs_ocr`.

The language data for a page is chosen by the page: Tesseract's script detection (OSD, Debian's
`tesseract-ocr-osd`) names its script, and only the configured languages written in that script
are used. Measured on a scanned Arabic page: OSD 0.7 s, then 6 s with `ara` where the five
languages together take 12 s; Latin letters are not read into an Arabic page nor Cyrillic ones
into a French page.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess

from PIL import Image

# The runner extracts several files at once, one per core: Tesseract's own threads would only
# compete with them.
_ENVIRONMENT = {**os.environ, "OMP_THREAD_LIMIT": "1"}


# Tesseract's codes by the script OSD names (the languages our members publish in).
SCRIPT_LANGUAGES = {
    "Latin": ("eng", "fra", "spa", "deu", "ita", "por", "nld"),
    "Cyrillic": ("rus", "ukr", "bel", "bul", "srp"),
    "Arabic": ("ara", "fas", "urd"),
}
_OSD_DPI = 150  # script detection needs no more, and costs a quarter of a 300 dpi run
_OSD_TIMEOUT_S = 30.0


class OcrFailed(Exception):
    """Tesseract ran but gave no result for an image (crash, timeout)."""


def installed_languages() -> frozenset[str]:
    """The language packs of the Tesseract on PATH; empty when there is none."""
    binary = shutil.which("tesseract")
    return _languages_of(binary) if binary else frozenset()


@functools.lru_cache(maxsize=4)
def _languages_of(binary: str) -> frozenset[str]:
    try:
        listing = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, env=_ENVIRONMENT, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    # The first line is a header ("List of available languages in …"), the rest one code a line.
    return frozenset(line.strip() for line in listing.stdout.splitlines()[1:] if line.strip())


def usable_languages(requested: str | None) -> str | None:
    """The requested "eng+fra+…" languages that are installed, in the requested order, or None
    when OCR cannot run (switched off, Tesseract missing, none of the languages installed)."""
    if not requested:
        return None
    installed = installed_languages()
    usable = [code for code in requested.split("+") if code in installed]
    return "+".join(usable) or None


def detect_script(image: Image.Image, dpi: int) -> str | None:
    """The script Tesseract's OSD sees in `image` (rendered at `dpi`): "Latin", "Cyrillic",
    "Arabic", …; None when it cannot tell (too little text, no OSD data, Tesseract failing)."""
    if "osd" not in installed_languages():
        return None
    scale = min(1.0, _OSD_DPI / dpi)
    small = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale)))) if scale < 1 else image
    try:
        output = _tesseract(small, ["--psm", "0", "--dpi", str(round(dpi * scale))], _OSD_TIMEOUT_S)
    except OcrFailed:
        return None
    match = re.search(r"^Script: (\w+)", output, re.MULTILINE)
    return match.group(1) if match else None


def languages_for_script(languages: str, script: str | None) -> str:
    """The "+"-joined `languages` written in `script`, in their order; all of them when the script
    is unknown or none of them writes it."""
    chosen = [code for code in languages.split("+") if code in SCRIPT_LANGUAGES.get(script or "", ())]
    return "+".join(chosen) or languages


def recognise(image: Image.Image, languages: str, dpi: int, timeout_s: float) -> str:
    """The text Tesseract reads in `image` (rendered at `dpi`), lines as it found them.

    Raises OcrFailed when Tesseract exits with an error or runs longer than `timeout_s`."""
    return _tesseract(image, ["-l", languages, "--dpi", str(dpi)], timeout_s)


def _tesseract(image: Image.Image, options: list[str], timeout_s: float) -> str:
    buffer = io.BytesIO()
    # Uncompressed PGM: encoding it costs ~1 ms where PNG costs ~100 ms for a full page.
    image.convert("L").save(buffer, "PPM")
    command = [shutil.which("tesseract") or "tesseract", "stdin", "stdout", *options]
    try:
        result = subprocess.run(
            command, input=buffer.getvalue(), capture_output=True, timeout=timeout_s, env=_ENVIRONMENT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrFailed(f"Tesseract took longer than {timeout_s:.0f} s") from exc
    except OSError as exc:
        raise OcrFailed(f"Tesseract could not run: {exc}") from exc
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise OcrFailed(f"Tesseract failed: {message[-1] if message else f'exit code {result.returncode}'}")
    return result.stdout.decode("utf-8", errors="replace")
