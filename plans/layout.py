"""Rejoin what page layout broke: paragraphs cut by page breaks or wrapped at the line's end."""

from __future__ import annotations

import re

from .text import is_lower_start

# A line that starts a structural unit never continues the previous one.
MARKER = re.compile(
    r"^\s*(?:"
    r"[IVXLC]{1,6}\.\s"  # I. II. III.
    r"|\d{1,2}(?:\.\d{1,2}){0,3}\.?\s"  # 1. 1.1. 2.3.4
    r"|[a-zđ]\)\s"  # a) b)
    r"|[-+•*–]\s?(?=\S)"  # bullets
    r"|Căn cứ\b|Nơi nhận\b|Noi nhận\b|PHỤ LỤC\b"
    r")"
)
_TERMINAL = (".", ";", ":", "!", "?", "./.")
_SHORT_PAREN = re.compile(r"^\([^)]{1,15}\)")


def starts_structure(line: str) -> bool:
    return bool(MARKER.match(line))


def _is_heading(line: str) -> bool:
    """An all-capitals line: an agency's name, "KẾ HOẠCH", "DỰ THẢO", a signer's title."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _continues(prev: str, nxt: str, *, wrapped: bool, full: int, same_block: bool) -> bool:
    if starts_structure(nxt) or re.match(r"^(?:Số|Kính gửi|V/v)\s*:", nxt):
        return False
    if (_is_heading(prev) or _is_heading(nxt)) and not is_lower_start(nxt):
        return False
    ends_sentence = prev.rstrip().endswith(_TERMINAL)
    if is_lower_start(nxt) and not ends_sentence:
        return True
    if _SHORT_PAREN.match(nxt) and not ends_sentence:
        return True
    if wrapped:
        if is_lower_start(nxt):
            return True
        return len(prev) >= full and not ends_sentence
    return same_block and is_lower_start(nxt)


def join_paragraphs(lines: list[str], *, wrapped: bool) -> list[str]:
    """Paragraph texts from lines; "" is a blank line, "\\f" a page break.

    `wrapped` (PDF) means visual lines: a long line without a sentence end runs on into the next.
    Without it (text exports) every line is a paragraph unless the next one is plainly its continuation.
    """
    content = [x for x in lines if x not in ("", "\f")]
    lengths = sorted(len(x) for x in content)
    full = int(lengths[int(len(lengths) * 0.8)] * 0.8) if lengths else 0
    paragraphs: list[str] = []
    blank_before = True
    for line in lines:
        if line == "\f":
            continue
        if line == "":
            blank_before = True
            continue
        if paragraphs and _continues(paragraphs[-1], line, wrapped=wrapped, full=full, same_block=not blank_before):
            paragraphs[-1] = f"{paragraphs[-1].rstrip()} {line.lstrip()}"
        else:
            paragraphs.append(line.strip())
        blank_before = False
    return [p for p in paragraphs if p]
