"""Questions for every item of a kind ("những trường nào được kiểm tra đợt 1", "có những tổ chuyên môn nào",
"Tổ Văn phòng gồm những ai") and the sentences of a plan that enumerate such items.

Plans enumerate in a few ways, whatever the topic: in brackets after the noun ("03 trường tiểu học (TH A, TH
B, TH C)"), after a colon or "gồm" ("tại 05 trường: A (12 mét giá), B …", "gồm Trường A, Trường B"), as
bullets under a line that ends in a colon ("kiểm tra 03 trường THCS:" then one school per line), or with the
noun repeated before each name ("lớp 1, lớp 2 và lớp 3", "điểm trường Nậm Sai … và điểm trường Cốc Mạ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .asked import LEVEL_FORMS
from .text import fold, fold_aligned

# Nouns whose items a plan names one by one (longest first: "điểm trường" before "trường").
_ITEM_NOUNS = (
    "diem truong",
    "to chuyen mon",
    "nhom tieu chi",
    "tieu chi",
    "co so giao duc",
    "co so",
    "truong",
    "to",
    "phong",
    "don vi",
    "bo phan",
    "lop",
    "khoi",
    "nhom",
    "xa",
    "phuong",
    "thon",
    "ban",
    "thanh vien",
    "hinh thuc",
    "loai",
)
_NOUN = "|".join(_ITEM_NOUNS)
_EVERY_OF = re.compile(rf"\b(?:nhung|cac) (?P<noun>{_NOUN})(?P<rest>(?: [a-z0-9&]+){{0,4}}?) nao\b")
# a request put as a noun phrase ("các trường mầm non được kiểm tra đợt 1", "danh sách các tổ …")
_LIST_OF = re.compile(
    rf"^(?:cho (?:toi|em|minh) (?:xin |biet )?)?(?:danh sach )?(?:cac|nhung) "
    rf"(?P<noun>{_NOUN})(?P<rest>(?: [a-z0-9&]+){{0,4}})"
)
_ASKING = re.compile(
    r"\b(?:nao|gi|ai|bao nhieu|bao lau|may|khong|chua|sao|the nao|o dau|bao gio|luc nao|khi nao|han)\b"
)
_WHO_ALL = re.compile(r"\b(?:bao gom|gom|co) (?:nhung )?(?:ai|gi|thanh phan nao)\b")
_SENT_TO = re.compile(r"\bgui (?:cho |den |toi )?(?:nhung|cac) (?:ai|noi nao|co quan nao|don vi nao)\b")


@dataclass(frozen=True)
class ItemsAsked:
    noun: str | None  # None: "gồm những ai", any enumeration of the topic
    level: tuple[str, str] | None  # "những trường tiểu học nào": ("tieu hoc", "th")
    sent_to: bool = False  # "công văn … gửi những ai": whom the document itself addresses


def items_asked(folded: str) -> ItemsAsked | None:
    """What a question asks every item of, or None when it asks something else."""
    every = _EVERY_OF.search(folded) or (None if _ASKING.search(folded) else _LIST_OF.search(folded))
    if every is not None:
        phrase = f" {every.group('noun')}{every.group('rest')} "
        level = next((lv for lv in LEVEL_FORMS if any(f" {form} " in phrase for form in lv)), None)
        return ItemsAsked(every.group("noun"), level)
    if _SENT_TO.search(folded):
        return ItemsAsked(None, None, sent_to=True)
    if _WHO_ALL.search(folded):
        return ItemsAsked(None, None)
    return None


def _word(noun: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(noun)}(?![\w])")


def _has_level(folded: str, level: tuple[str, str] | None) -> bool:
    return level is None or any(_word(form).search(folded) for form in level)


# the list opens within a few words of the noun; its first item is a name (capital or figure)
_IN_BRACKETS = re.compile(r"[^().;]{0,80}?\((?=[^()]*,[^()]*\))")
_AFTER_COLON = re.compile(r"[^.;()]{0,80}?(?::|\bgom\b:?)\s*(?=[^.]*?(?:,|\bva\b))")


def enumerates(text: str, asked: ItemsAsked) -> bool:
    """Whether a sentence names items of the kind asked one by one."""
    folded = fold_aligned(text)
    if not _has_level(folded, asked.level):
        return False
    if asked.noun is None:
        # a list in brackets, or three items or more after a colon or "gồm"
        listed = re.search(r"(?::|\bgom\b)[^.:]*?,[^.:]*?(?:,|\bva\b)", folded)
        return bool(re.search(r"\([^()]*,[^()]*\)", folded) or listed)
    noun = _word(asked.noun)
    named = 0
    for found in noun.finditer(folded):
        after = folded[found.end() :]
        opens = _IN_BRACKETS.match(after) or _AFTER_COLON.match(after)
        if opens is not None and _is_name(text[found.end() + opens.end() :]):
            return True
        following = text[found.end() : found.end() + 3].lstrip()[:1]
        if following.isupper() or following.isdigit():
            named += 1  # "Trường Tiểu học Cầu Ván và Trường Mầm non Bến Đò", "lớp 1, lớp 2 và lớp 3"
    return named >= 2


def _is_name(text: str) -> bool:
    first = text.lstrip(' \t"“(')[:1]
    return first.isupper() or first.isdigit()


def heads_items(text: str, children: list[str], asked: ItemsAsked) -> bool:
    """Whether a line ending in a colon heads bullets that are items of the kind asked."""
    if len(children) < 2 or not text.rstrip().endswith(":"):
        return False
    folded = fold(text)
    first = fold(children[0])
    if not (_has_level(folded, asked.level) or _has_level(first, asked.level)):
        return False
    return asked.noun is None or any(_word(asked.noun).search(line) for line in (folded, first))
