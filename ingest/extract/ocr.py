"""Optical character recognition of page images with Tesseract, run as a subprocess.

Tesseract is Debian's `tesseract-ocr` with one package per language (eng, fra, rus, spa, ara for
our corpus). Without the binary, OCR is simply unavailable and the caller marks pages `needs_ocr`.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess

from PIL import Image

# The runner extracts several files at once, one per core: Tesseract's own threads would only
# compete with them.
_ENVIRONMENT = {**os.environ, "OMP_THREAD_LIMIT": "1"}


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


def recognise(image: Image.Image, languages: str, dpi: int, timeout_s: float) -> str:
    """The text Tesseract reads in `image` (rendered at `dpi`), lines as it found them.

    Raises OcrFailed when Tesseract exits with an error or runs longer than `timeout_s`."""
    buffer = io.BytesIO()
    # Uncompressed PGM: encoding it costs ~1 ms where PNG costs ~100 ms for a full page.
    image.convert("L").save(buffer, "PPM")
    command = [shutil.which("tesseract") or "tesseract", "stdin", "stdout", "-l", languages, "--dpi", str(dpi)]
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
