"""Text normalisation for Vietnamese administrative documents.

Plans arrive with decomposed characters, non-breaking and doubled spaces and a mix of dashes; questions
arrive typed on phones without diacritics. Everything is compared in one folded form.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Runs of spaces become one space. Only runs that are not already one plain space are matched: replacing
# every single space by itself was most of the time `fold` spent on a plan's text.
_SPACE = r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]"
_SPACES = re.compile(rf"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]{_SPACE}*| {_SPACE}+")
_DASHES = re.compile("[\u2013\u2014\u2012\u2212\u2010\u2011]")
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})
_WORD = re.compile(r"[0-9a-z]+(?:[.,/%][0-9a-z]+)*%?")

# Abbreviations the plans and their readers use, written as the folded full form they stand for.
ABBREVIATIONS: dict[str, str] = {
    "tthc": "thu tuc hanh chinh",
    "cchc": "cai cach hanh chinh",
    "qppl": "quy pham phap luat",
    "cbccvc": "can bo cong chuc vien chuc",
    "cbcc": "can bo cong chuc",
    "ccvc": "cong chuc vien chuc",
    "gddt": "giao duc va dao tao",
    "gd&dt": "giao duc va dao tao",
    "sgddt": "so giao duc va dao tao",
    "pgddt": "phong giao duc va dao tao",
    "pakn": "phan anh kien nghi",
    "dvc": "dich vu cong",
    "dvctt": "dich vu cong truc tuyen",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "tccb": "to chuc can bo",
    "kh-tc": "ke hoach tai chinh",
    "khtc": "ke hoach tai chinh",
    "tc-kh": "tai chinh ke hoach",
    "cntt": "cong nghe thong tin",
    "vp": "van phong",
    "bcci": "buu chinh cong ich",
    "qlvb": "quan ly van ban",
    "cm": "chuyen mon",
    "nv": "nghiep vu",
    "tnhs": "tiep nhan ho so",
    "tkq": "tra ket qua",
    "vb": "van ban",
    "qd": "quyet dinh",
    "bc": "bao cao",
    "kh": "ke hoach",
    "thcs": "trung hoc co so",
    "thpt": "trung hoc pho thong",
    "th": "tieu hoc",
    "mn": "mam non",
    "q7": "quan 7",
    "sipas": "sipas",
    # people of a school, as staff type them
    "cmhs": "cha me hoc sinh",
    "phhs": "phu huynh hoc sinh",
    "hs": "hoc sinh",
    "gv": "giao vien",
    "gvcn": "giao vien chu nhiem",
    "cbgv": "can bo giao vien",
    "bgh": "ban giam hieu",
    "ht": "hieu truong",
    "pht": "pho hieu truong",
    "cb": "can bo",
    "mg": "mau giao",
    # asking words as typed in a chat ("đạt bn %", "có làm học bạ số ko")
    "bn": "bao nhieu",
    "ko": "khong",
    "hok": "khong",
    "khg": "khong",
    # a unit's website, as people call it
    "website": "trang thong tin dien tu",
    "web": "trang thong tin dien tu",
}


def normalize(text: str) -> str:
    """NFC, one kind of space and dash, no stray spaces before punctuation."""
    text = _DASHES.sub("-", unicodedata.normalize("NFC", text))
    text = _CONTROLS.sub(" ", text)  # NUL and other control characters (PostgreSQL refuses NUL)
    text = text.replace("\u00ad", "")
    text = _SPACES.sub(" ", text)
    text = re.sub(r" ([,;:.)])", r"\1", text)
    text = re.sub(r"\( ", "(", text)
    return text.strip()


def _strip_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


class _StripTable(dict):
    """A `str.translate` table filled on first sight of each character: decomposition works character by
    character and the marks it drops are removed wherever they stand, so translating is stripping."""

    def __missing__(self, key: int) -> str:
        value = self[key] = _strip_char(chr(key))
        return value


_STRIP = _StripTable()


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics, keeping case; đ becomes d."""
    if text.isascii():
        return text
    return text.translate(_STRIP)


def fold(text: str) -> str:
    """The comparison form: lower case, no diacritics, đ -> d, single spaces, plain dashes."""
    return _SPACES.sub(" ", strip_marks(normalize(text)).lower()).strip()


def words(text: str) -> list[str]:
    """Folded word tokens; keeps figures such as 15/6, 95% and 1.0 whole."""
    return _WORD.findall(fold(text))


_ABBREVIATION_TOKEN = re.compile(r"[a-z&]+(?:-[a-z]+)?")


def _abbreviation_candidates() -> re.Pattern[str]:
    """Where an abbreviation may stand as a whole token: each key's first letter starts a run of letters
    (the look-behind sits after it, so the search can skip ahead to that letter) and nothing letter-like
    follows. Whether the token there is really the key is decided by `_token_at`."""
    by_first: dict[str, list[str]] = {}
    for key in sorted(ABBREVIATIONS, key=len, reverse=True):
        by_first.setdefault(key[0], []).append(key)
    branches = []
    for first, keys in by_first.items():
        rests = "|".join(re.escape(k[1:]) + ("(?![a-z])" if "-" in k else "(?![a-z&])") for k in keys)
        branches.append(f"{re.escape(first)}(?<![a-z&]{re.escape(first)})(?:{rests})")
    return re.compile("|".join(branches))


_CANDIDATES = _abbreviation_candidates()


def _token_at(text: str, i: int) -> str | None:
    """The token (as `[a-z&]+(?:-[a-z]+)?` reads the text left to right) that starts at `i`, if one does."""
    j = i
    while j > 0 and (text[j - 1] in "&-" or "a" <= text[j - 1] <= "z"):
        j -= 1
    while True:
        m = _ABBREVIATION_TOKEN.search(text, j)
        if m is None or m.start() > i:
            return None
        if m.start() == i:
            return m.group(0)
        j = m.end()


def expand_abbreviations(folded: str) -> str:
    """Replace known abbreviations in folded text by the words they stand for."""
    out: list[str] = []
    last = pos = 0
    while (m := _CANDIDATES.search(folded, pos)) is not None:
        start = m.start()
        token = _token_at(folded, start)
        if token is not None and token in ABBREVIATIONS:
            out.append(folded[last:start])
            out.append(ABBREVIATIONS[token])
            last = pos = start + len(token)
        else:
            pos = start + 1
    if not out:
        return folded
    out.append(folded[last:])
    return "".join(out)


def _expand_abbreviations_slow(folded: str) -> str:
    """The definition `expand_abbreviations` keeps to (tests compare the two)."""

    def repl(match: re.Match[str]) -> str:
        token = match.group(0)
        return ABBREVIATIONS.get(token, token)

    return _ABBREVIATION_TOKEN.sub(repl, folded)


def is_lower_start(text: str) -> bool:
    """True when the first letter is lower case: the mark of a line continued from the one before."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def fold_aligned(text: str) -> str:
    """`fold` that keeps every character in place, so a match's offsets index the original text."""
    out = []
    for ch in text:
        folded = strip_marks(ch).lower()
        out.append(folded if len(folded) == 1 else ch.lower())
    return "".join(out)
