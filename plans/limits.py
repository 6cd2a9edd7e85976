"""Bounds on input, checked before anything is parsed: file size, a .docx's uncompressed XML, a PDF's
page count, text encodings, control characters, and the length of chat text matched by regexes.

The limits are constants (or parameters), not settings: `plans` reads no configuration. Every refusal is
a `PlanError` whose message names the file and the real reason, in one line.
"""

from __future__ import annotations

import errno
import os
import re
import zipfile
from pathlib import Path

from .errors import PlanError, UnreadableDocument

MAX_FILE_BYTES = 30 * 1024 * 1024  # a plan is a few hundred KB; a scanned annex a few MB
# Uncompressed XML in a .docx: an 8-page plan holds under 1 MB, a 150-page one a few MB. Reading is about
# linear: 10 MB of XML took 39 s and 135 MB (200 MB took 12 minutes and 5 GB before this limit).
MAX_DOCX_XML_BYTES = 16 * 1024 * 1024
MAX_DOCX_RATIO = 200  # compression ratio of one member beyond which it is a bomb, not a document
# Plans run to 10–40 pages; an annex of forms a little more. 150 pages with tables took 40 s (and 650 MB
# while pdfplumber keeps every page's objects; 53 MB when each page is closed after use).
MAX_PDF_PAGES = 100
MAX_CHAT_CHARS = 4096  # Telegram's own limit for a message: longer chat text is cut before any matching

# C0 and C1 control characters except tab, line feed and carriage return (PostgreSQL refuses NUL in text).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class TooLarge(PlanError):
    """The input is beyond a limit: refused before reading it."""


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def clean(text: str) -> str:
    """Text without NUL and other control characters (tab and line breaks kept)."""
    return _CONTROLS.sub("", text)


def chat_text(text: str, limit: int = MAX_CHAT_CHARS) -> str:
    """Chat input bounded before any regex sees it (a 1 MB single word must not run for minutes)."""
    return text[:limit]


def check_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> None:
    """The file can be opened and is not too large; else one line naming it and the reason."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableDocument(f"{path}: symbolic link loop (the link points back to itself)") from None
        if exc.errno == errno.EACCES:
            raise UnreadableDocument(f"{path}: permission denied") from None
        if path.is_symlink():
            raise UnreadableDocument(f"{path}: broken symbolic link (its target does not exist)") from None
        if exc.errno == errno.ENOENT:
            raise UnreadableDocument(f"{path}: file not found") from None
        raise UnreadableDocument(f"{path}: cannot be opened ({exc.strerror})") from None
    except RuntimeError:  # Python < 3.13 reports some loops this way
        raise UnreadableDocument(f"{path}: symbolic link loop (the link points back to itself)") from None
    if size > max_bytes:
        raise TooLarge(f"{path}: {_mb(size)} is larger than the {_mb(max_bytes)} a plan may be")


def check_docx(path: Path, *, max_xml_bytes: int = MAX_DOCX_XML_BYTES, max_ratio: float = MAX_DOCX_RATIO) -> None:
    """Read the zip's member sizes (not the members) before python-docx inflates them."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise UnreadableDocument(f"{path}: not a valid .docx file (not a zip archive; an old .doc renamed?)") from None
    total = 0
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > max_ratio:
            raise TooLarge(
                f"{path}: {member.filename} inflates {ratio:.0f}-fold to {_mb(member.file_size)}: refused as a zip bomb"
            )
    if total > max_xml_bytes:
        raise TooLarge(f"{path}: {_mb(total)} of XML inside, more than the {_mb(max_xml_bytes)} a plan may hold")


def check_pdf(path: Path, *, max_pages: int = MAX_PDF_PAGES) -> None:
    """Count the pages (pdfium reads the page tree only) before any page is laid out."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return  # the reader says why (damaged, password) in its own words
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages > max_pages:
        raise TooLarge(
            f"{path}: {pages} pages, more than the {max_pages} a plan may have (import the plan without its annexes)"
        )


def _looks_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for BOM-less UTF-16 text (mostly ASCII/Latin: one byte of each pair is 0)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    odd_zeros = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    even_zeros = sum(1 for i in range(0, len(sample), 2) if sample[i] == 0)
    if odd_zeros > pairs * 0.3 and even_zeros < pairs * 0.05:
        return "utf-16-le"
    if even_zeros > pairs * 0.3 and odd_zeros < pairs * 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes, source: str = "<text>") -> str:
    """A .txt file's text: UTF-8 (with or without BOM), UTF-16 (with a BOM, or detected without one), or
    Windows-1258; a binary file is refused by name. Control characters are removed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return clean(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise UnreadableDocument(f"{source}: damaged UTF-16 text") from None
    guessed = _looks_utf16(data)
    if guessed:
        try:
            return clean(data.decode(guessed))
        except UnicodeDecodeError:
            pass
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    if controls > len(sample) * 0.05:
        raise UnreadableDocument(f"{source}: a binary file, not text (save the plan as .txt, .docx or .pdf)")
    try:
        return clean(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    try:
        return clean(data.decode("cp1258"))
    except UnicodeDecodeError:
        raise UnreadableDocument(f"{source}: not text in UTF-8, UTF-16 or Windows-1258") from None
