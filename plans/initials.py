"""Abbreviations a plan's own unit names make: "VH-XH" for "Văn hóa - Xã hội", "KT-QLCL" for "Khảo thí và
Quản lý chất lượng". Staff type the letters; the plans write the words (or define the letters once in
brackets). The general table in `text.py` holds the genre's common abbreviations; these are the ones a
loaded plan's names make, read from the names themselves.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from .text import fold

_KIND_WORDS = ("phong", "to", "ban", "bo phan", "trung tam", "truong", "so", "uy ban nhan dan")
_SKIP = frozenset({"va", "-", "&", "–"})
_VOWEL = re.compile(r"[aeiouy]")
_DEFINED = re.compile(r"([A-ZĐ][\w\s,–&-]{3,90}?)\s*\(([A-ZĐ][A-Za-zĐđ&-]{1,14})\)")


def _letters(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in _SKIP and w[0].isalpha())


def _keys(name: str) -> Iterable[tuple[str, str]]:
    """(initials, folded words) for a name, with and without its kind word ("phòng", "tổ")."""
    words = re.findall(r"[\w&]+", fold(name))
    if len(words) < 2 or words[0] == "cac" or any(not _VOWEL.search(w) for w in words):
        return  # a class of units ("các phòng"), or a name that already holds abbreviations ("KT-QLCL")
    yield _letters(words), " ".join(words)
    for kind in _KIND_WORDS:
        head = kind.split()
        if words[: len(head)] == head and len(words) - len(head) >= 2:
            rest = words[len(head) :]
            yield _letters(rest), " ".join(rest)


def typed_forms(name: str) -> list[str]:
    """A unit's name as staff type it, its kind word and the initials of the rest: "Phòng Văn hóa - Xã hội"
    -> "phong vhxh"."""
    words = re.findall(r"[\w&]+", fold(name))
    out = []
    for kind in _KIND_WORDS:
        head = kind.split()
        if words[: len(head)] == head and len(words) - len(head) >= 2:
            out.append(f"{kind} {_letters(words[len(head) :])}")
    return out


def initials_map(names: Iterable[str], texts: Iterable[str] = ()) -> dict[str, str]:
    """Initials (lower case, no dashes) -> the folded words they stand for, when only one name makes them.

    Names give their own initials; texts give the letters a plan defines in brackets after a name, checked
    against that name's initials so a bracket that is not an abbreviation is not taken for one."""
    found: dict[str, set[str]] = {}
    for name in names:
        for key, words in _keys(name):
            if len(key) >= 3:  # two letters ("hs", "dt") are too many other things
                found.setdefault(key, set()).add(words)
    for text in texts:
        for m in _DEFINED.finditer(text):
            letters = re.sub(r"[^a-z]", "", fold(m.group(2)))
            words = re.findall(r"[\w&]+", fold(m.group(1)))
            for start in range(len(words) - 1, -1, -1):  # the shortest tail of the words the letters spell
                tail = words[start:]
                if _letters(tail) == letters and len(letters) >= 3:
                    found.setdefault(letters, set()).add(" ".join(tail))
                    break
    return {key: next(iter(v)) for key, v in found.items() if len(v) == 1}


_TYPED = re.compile(r"(?<![\w-])([a-z]{1,6}(?:-[a-z]{1,6})+|[a-z]{2,8})(?![\w-])")


def expand_initials(folded: str, initials: dict[str, str], known: set[str] | dict[str, float]) -> str:
    """The question with each abbreviation a plan's names make spelled out; a word the plans know as a
    word stays what it is."""

    def spell(m: re.Match[str]) -> str:
        token = m.group(1)
        key = token.replace("-", "")
        if key not in initials:
            return token
        parts = token.split("-")
        if len(parts) == 1 and token in known:
            return token
        if len(parts) > 1 and all("_".join(pair) in known for pair in itertools.pairwise(parts)):
            return token  # the plans write these letters themselves
        return initials[key]

    return _TYPED.sub(spell, folded)
