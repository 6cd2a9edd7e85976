"""Retrieval over plan passages: folded, abbreviation-expanded tokens, BM25 over words and word pairs.

Questions arrive typed on phones: without diacritics, with abbreviations (TTHC, GD&ĐT, Q7), "quý 1" for
"quý I", and one-letter typos. Passages and questions go through the same normalisation; a question word
unknown to the plans but one edit away from a known word is read as that word.

The index stays flat as plans accumulate: each plan is tokenised once into arrays (cached per process, so
importing a plan re-reads only that plan), and a question is scored with vectorised array operations. A
passage's own sentence is scored by BM25; its headings and the other sentences of its clause add a
smaller context score. Context is not stored per passage (it would outnumber the passages' own words many
times): a heading word is stored once with the range of passages below that heading, a clause's words
once with their sentence counts, and both are expanded for the question's words only.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .text import expand_abbreviations, fold
from .timeexpr import ROMAN_OUT

# Function words and question words: they say what is asked, not what it is about.
STOPWORDS = frozenset(
    "la cua va cac nhung co duoc cho ve o trong theo voi de nay do khi nao gi ai nhieu may sao the nhu "
    "phai can se da dang bi hay hoac tu den len ra vao mot thi toi minh ban xin hoi cho_biet biet "
    "vay a u nhi nhe hoi khong chua roi luc bang".split()
)
UNKNOWN_PAIR = 0.3
CONTEXT_WEIGHT = 0.35  # a question word in a passage's headings or sibling sentences, per unit of idf


# Each pattern starts with a literal (a leading \b would make every position a start): the word boundary
# before it is the look-behind after its first letters.
_QUOTES = re.compile(r"[“”\"'?!]")
_DISTRICT = re.compile(r"q(?<!\wq)\.?\s*(\d{1,2})\b")
_QUARTER = re.compile(r"quy(?<!\wquy)\s*([1-4])\b")
_TERM = re.compile(r"h(?<!\wh)(?:oc ky|k)\s*(1|2|i|ii)\b")  # "hk1", "học kỳ 2" -> "học kỳ I", "học kỳ II"
# "tháng 02/2028" is "tháng 2 năm 2028": the month matches a plan that writes it alone ("Tổ Văn (tháng 2)");
# a table row's "Tháng: 4/2028" is the same month
_MONTH_YEAR = re.compile(r"thang(?<!\wthang)\s*:?\s*0?(1[0-2]|[1-9])(?:\s*/\s*(20\d\d)\b)?(?![\d/])")
_GDDT = re.compile(r"gd(?<!\wgd)(?:\s*&\s*dt\b|-dt\b)")
_TI_LE = re.compile(r"ti(?<!\wti) le\b")
_PERCENT = re.compile(r"phan(?<!\wphan) tram\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_WORDS = (re.compile(r"e(?<!\we)-mail\b"), re.compile(r"thu(?<!\wthu) dien tu\b"))


def _emails(folded: str) -> str:
    if "@" not in folded:
        return folded
    if _SEPARATOR not in folded:
        return _EMAIL.sub(lambda m: f" email {m.group(0)} ", folded)
    return _SEPARATOR.join(_emails(part) for part in folded.split(_SEPARATOR))


def _normalize_folded(folded: str) -> str:
    folded = _QUOTES.sub(" ", folded)
    folded = _DISTRICT.sub(r"quan \1", folded)  # Q7 -> quận 7
    folded = _QUARTER.sub(lambda m: "quy " + ROMAN_OUT[int(m.group(1))].lower(), folded)
    folded = _TERM.sub(lambda m: "hoc ky " + {"1": "i", "2": "ii"}.get(m.group(1), m.group(1)), folded)
    folded = _MONTH_YEAR.sub(lambda m: f"thang {m[1]} nam {m[2]}" if m[2] else f"thang {m[1]}", folded)
    folded = _GDDT.sub("gddt", folded)
    folded = _TI_LE.sub("ty le", folded)
    folded = _PERCENT.sub(" % ", folded)  # "%" is how plans write it (no token); the kind of question keeps it
    folded = _emails(folded)
    for pattern in _EMAIL_WORDS:
        folded = pattern.sub("email", folded)
    return expand_abbreviations(folded)


def normalize_query(text: str) -> str:
    """Folded text with abbreviations spelled out and quarter numbers in Roman numerals."""
    return _normalize_folded(fold(text))


_TOKEN = re.compile(r"\d+(?:[.,/]\d+)*%?|[a-z&]+")
_HOW = re.compile(r"bao(?<!\wbao) (?:nhieu|gio|lau)\b")
_SEPARATOR = "\ue000"  # private use (normalize drops control characters): texts normalised together stay apart


def tokens(text: str, *, normalized: bool = False) -> list[str]:
    return list(_tokens(text, normalized))


@lru_cache(maxsize=50_000)
def _tokens(text: str, normalized: bool) -> tuple[str, ...]:
    """Cached: questions and figures' windows recur."""
    norm = text if normalized else normalize_query(text)
    norm = _HOW.sub(" ", norm)
    return tuple(t for t in _TOKEN.findall(norm) if t not in STOPWORDS)


def tokens_many(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """`tokens` of many texts at once: one pass of each normalisation over them all (the same tokens)."""
    if not texts:
        return []
    joined = _SEPARATOR.join(t.replace(_SEPARATOR, " ") for t in texts)
    norm = _HOW.sub(" ", normalize_query(joined))
    stop = STOPWORDS
    findall = _TOKEN.findall
    return [tuple(t for t in findall(part) if t not in stop) for part in norm.split(_SEPARATOR)]


def terms(words: Sequence[str]) -> list[str]:
    """Words and adjacent word pairs: "hai long" means more than "hai" and "long"."""
    return [*words, *(f"{a}_{b}" for a, b in itertools.pairwise(words))]


@dataclass(frozen=True, kw_only=True)
class Passage:
    """One sentence of one clause (or a plan's preamble)."""

    plan: int
    path: str
    text: str
    kind: str


@dataclass(frozen=True, kw_only=True)
class Section:
    """One clause as the index reads it: its sentences, and the heading lines around them.

    `parent` is the position of the parent section in the same plan's list (-1 for none); `heading` is
    the line the sections below it take as context; `own_heading` the line its own sentences take."""

    path: str
    kind: str
    parent: int
    heading: str
    own_heading: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    passage: int
    score: float
    coverage: float


# -- terms to ids, shared by every index of the process (an id never changes meaning) ---------------------
_TERM_IDS: dict[str, int] = {}
_TERM_NAMES: list[str] = []


def _ids(names: Sequence[str]) -> list[int]:
    ids = _TERM_IDS
    out = list(map(ids.get, names))
    if None in out:  # new terms: numbered in order of first sight
        for i, (name, known) in enumerate(zip(names, out, strict=True)):
            if known is None:
                known = ids.get(name)
                if known is None:
                    known = ids[name] = len(_TERM_NAMES)
                    _TERM_NAMES.append(name)
                out[i] = known
    return out  # type: ignore[return-value]


def _array(values: Sequence[int] | Iterator[int], dtype: type = np.int32) -> np.ndarray:
    return np.fromiter(values, dtype=dtype)


# Pairs of word ids to the id of their pair term ("a_b"): the same ids `_ids(terms(words))` gives, without
# spelling out each pair of every passage again (a plan's pairs are mostly known ones).
_PAIR_IDS: dict[tuple[int, int], int] = {}


def _term_ids(words: Sequence[str]) -> list[int]:
    """`_ids(terms(words))`: words, then adjacent pairs, new terms numbered in that order of first sight."""
    word_ids = list(map(_TERM_IDS.get, words))
    if None in word_ids:
        word_ids = _ids(words)
    keys = list(itertools.pairwise(word_ids))
    pair_ids = list(map(_PAIR_IDS.get, keys))
    if None in pair_ids:
        for i, (key, known) in enumerate(zip(keys, pair_ids, strict=True)):
            if known is None:
                known = _PAIR_IDS.get(key)
                if known is None:
                    known = _PAIR_IDS[key] = _ids([f"{words[i]}_{words[i + 1]}"])[0]
                pair_ids[i] = known
    return word_ids + pair_ids  # type: ignore[operator]


def _term_lists(token_lists: Sequence[Sequence[str]]) -> list[list[int]]:
    """`_term_ids` of many texts: the known words and pairs of all of them looked up at once; a text with a
    word or pair not seen before goes through `_term_ids`, in order, so new terms are numbered as before."""
    flat = list(itertools.chain.from_iterable(token_lists))
    word_ids = list(map(_TERM_IDS.get, flat))
    pair_ids = list(map(_PAIR_IDS.get, itertools.pairwise(word_ids)))  # pairs across two texts are not used
    out = []
    at = 0
    for words in token_lists:
        n = len(words)
        own = word_ids[at : at + n]
        pairs = pair_ids[at : at + n - 1] if n else []
        at += n
        out.append(_term_ids(words) if None in own or None in pairs else own + pairs)
    return out  # type: ignore[return-value]


def _pairs(first: np.ndarray, second: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (first, second) pairs sorted, with how often each occurs."""
    keys, counts = np.unique(first.astype(np.int64) * size + second, return_counts=True)
    return (keys // size).astype(np.int32), (keys % size).astype(np.int32), counts


class PlanPiece:
    """One plan's passages tokenised into arrays, with passage and clause numbers local to the plan.

    Built with array operations over the plan's (passage, term) pairs: per-passage counters and sets were
    most of a cold build once tokenising was done."""

    def __init__(self, sections: Sequence[Section]) -> None:
        paths: list[str] = []
        texts: list[str] = []
        kinds: list[str] = []
        sizes: list[int] = []  # sentences per section
        for section in sections:
            paths.extend([section.path] * len(section.sentences))
            texts.extend(section.sentences)
            kinds.extend([section.kind] * len(section.sentences))
            sizes.append(len(section.sentences))
        self.paths, self.texts, self.kinds = paths, texts, kinds
        self.n = n = len(texts)
        self.n_sections = len(sections)
        section_sizes = np.array(sizes, dtype=np.int64)
        self.section_of = np.repeat(np.arange(len(sections), dtype=np.int32), section_sizes)

        # one tokenising pass over every distinct text of the plan: sentences and heading lines
        distinct = list(dict.fromkeys([*texts, *(s.heading for s in sections), *(s.own_heading for s in sections)]))
        term_lists = dict(zip(distinct, _term_lists(tokens_many(distinct)), strict=True))
        size = len(_TERM_NAMES)

        # own words: (passage, term, count)
        own = [term_lists[t] for t in texts]
        lengths = np.array([len(ids) for ids in own], dtype=np.int64)
        flat = np.fromiter(itertools.chain.from_iterable(own), dtype=np.int64, count=int(lengths.sum()))
        rows, cols, tfs = _pairs(np.repeat(np.arange(n, dtype=np.int64), lengths), flat, size)
        self.own_rows, self.own_cols, self.own_tf = rows, cols, tfs.astype(np.float64)
        self.lengths = lengths.astype(np.float64)

        # the passages of each section, and of everything below it (ranges of local passage numbers)
        ends = np.cumsum(section_sizes).tolist()
        spans = [(end - count, end) for end, count in zip(ends, sizes, strict=True)]
        below: list[list[list[int]]] = [[] for _ in sections]
        for s_index, section in enumerate(sections):
            lo, hi = spans[s_index]
            if lo == hi:
                continue
            parent, seen = section.parent, set()
            while parent >= 0 and parent not in seen:
                seen.add(parent)
                ranges = below[parent]
                if ranges and ranges[-1][1] == lo:
                    ranges[-1][1] = hi
                else:
                    ranges.append([lo, hi])
                parent = sections[parent].parent

        # heading words: (term, first passage, end) for each range of passages the heading stands above
        unique: dict[str, np.ndarray] = {}

        def words_of(text: str) -> np.ndarray:
            found = unique.get(text)
            if found is None:
                found = unique[text] = np.unique(np.array(term_lists[text], dtype=np.int32))
            return found

        heads: dict[int, frozenset[int]] = {}  # the heading words the sections below a section read

        def heads_below(s_index: int, seen: frozenset[int] = frozenset()) -> frozenset[int]:
            if s_index < 0 or s_index >= len(sections) or s_index in seen:
                return frozenset()
            if s_index not in heads:
                section = sections[s_index]
                above = heads_below(section.parent, seen | {s_index})
                heads[s_index] = above | frozenset(term_lists[section.heading])
            return heads[s_index]

        h_terms: list[np.ndarray] = []
        h_ranges: list[tuple[int, int, int]] = []  # (first passage, end, how many terms)
        context_terms: list[np.ndarray] = []  # per section with sentences: its headings' words
        context_of: list[int] = []
        for s_index, section in enumerate(sections):
            lo, hi = spans[s_index]
            if below[s_index]:
                head_words = words_of(section.heading)
                for lo_b, hi_b in below[s_index]:
                    h_terms.append(head_words)
                    h_ranges.append((lo_b, hi_b, len(head_words)))
            if hi == lo:
                continue
            own_head = words_of(section.own_heading)
            h_terms.append(own_head)
            h_ranges.append((lo, hi, len(own_head)))
            context = np.fromiter(heads_below(section.parent), dtype=np.int32)
            context_terms.append(np.concatenate([context, own_head]))
            context_of.append(s_index)
        counts = [c for _, _, c in h_ranges]
        self.head_terms, self.head_start, self.head_end = _disjoint(
            np.concatenate(h_terms) if h_terms else np.zeros(0, dtype=np.int32),
            np.repeat(np.array([r[0] for r in h_ranges], dtype=np.int32), counts),
            np.repeat(np.array([r[1] for r in h_ranges], dtype=np.int32), counts),
        )

        # a passage holds, in its text or its context, the headings above it and its section's sentences:
        # each word counts once per section, for every passage of the section
        section_of_row = self.section_of[rows]
        context_sections = np.repeat(np.array(context_of, dtype=np.int64), [len(c) for c in context_terms])
        s_ids, t_ids, _ = _pairs(
            np.concatenate([section_of_row.astype(np.int64), context_sections]),
            np.concatenate([cols, *context_terms]).astype(np.int64),
            size,
        )
        df_terms, inverse = np.unique(t_ids, return_inverse=True)
        self.df_terms = df_terms.astype(np.int32)
        self.df_counts = np.bincount(inverse, weights=section_sizes[s_ids].astype(np.float64), minlength=len(df_terms))

        # sibling words: (section, term, how many of its sentences hold it), for sections of 2+ sentences
        several = section_sizes[section_of_row] >= 2
        s_rows, s_cols, s_counts = _pairs(section_of_row[several], cols[several], size)
        self.sib_rows, self.sib_cols, self.sib_counts = s_rows, s_cols, s_counts.astype(np.int32)


def _disjoint(term: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each term's ranges merged where they overlap (a heading word and the same word in a heading above
    it cover a passage once), sorted by term and start."""
    if len(term) == 0:
        return term, lo, hi
    span = int(hi.max()) + 1
    start = term.astype(np.int64) * span + lo
    end = term.astype(np.int64) * span + hi
    order = np.argsort(start, kind="stable")
    start, end = start[order], end[order]
    reach = np.maximum.accumulate(end)
    new = np.ones(len(start), dtype=bool)
    new[1:] = start[1:] > reach[:-1]
    blocks = np.flatnonzero(new)
    merged_end = np.maximum.reduceat(end, blocks)
    merged_start = start[blocks]
    terms_of = (merged_start // span).astype(np.int32)
    return (
        terms_of,
        (merged_start % span).astype(np.int32),
        (merged_end - terms_of.astype(np.int64) * span).astype(np.int32),
    )


_PIECES: OrderedDict[Hashable, PlanPiece] = OrderedDict()
MAX_CACHED_PIECES = 2000

# A piece as arrays only (terms by name, texts as UTF-8), for a store that outlives the process.
_TERM_ARRAYS = ("own_cols", "head_terms", "sib_cols", "df_terms")
_OTHER_ARRAYS = (
    "section_of",
    "own_rows",
    "own_tf",
    "lengths",
    "head_start",
    "head_end",
    "sib_rows",
    "sib_counts",
    "df_counts",
)


class PieceStore(Protocol):
    """Somewhere pieces outlive the process (e.g. files beside the database): keyed by a digest of the plan's
    text and of the code that reads it, so a changed plan or a changed reader never meets an old piece."""

    def load(self, digest: str) -> dict[str, np.ndarray] | None: ...

    def save(self, digest: str, state: dict[str, np.ndarray]) -> None: ...


def _utf8(values: Sequence[str], separator: str) -> np.ndarray:
    return np.frombuffer(separator.join(values).encode("utf-8"), dtype=np.uint8)


def _strings(array: np.ndarray, separator: str) -> list[str]:
    text = array.tobytes().decode("utf-8")
    return text.split(separator) if text else []


def piece_state(piece: PlanPiece) -> dict[str, np.ndarray]:
    used = np.unique(np.concatenate([getattr(piece, a) for a in _TERM_ARRAYS]))
    state = {a: getattr(piece, a) for a in _OTHER_ARRAYS}
    for a in _TERM_ARRAYS:
        state[a] = np.searchsorted(used, getattr(piece, a)).astype(np.int32)
    state["terms"] = _utf8([_TERM_NAMES[t] for t in used.tolist()], "\n")
    state["texts"] = _utf8(piece.texts, "\x00")
    state["paths"] = _utf8(piece.paths, "\x00")
    state["kinds"] = _utf8(piece.kinds, "\x00")
    state["sizes"] = np.array([piece.n, piece.n_sections], dtype=np.int64)
    return state


def piece_from_state(state: dict[str, np.ndarray]) -> PlanPiece:
    piece = PlanPiece.__new__(PlanPiece)
    piece.n, piece.n_sections = (int(x) for x in state["sizes"])
    piece.texts = _strings(state["texts"], "\x00") if piece.n else []
    piece.paths = _strings(state["paths"], "\x00") if piece.n else []
    piece.kinds = _strings(state["kinds"], "\x00") if piece.n else []
    for a in _OTHER_ARRAYS:
        setattr(piece, a, np.asarray(state[a]))
    ids = np.array(_ids(_strings(state["terms"], "\n")), dtype=np.int32)
    for a in _TERM_ARRAYS:
        setattr(piece, a, ids[np.asarray(state[a])] if len(state[a]) else np.zeros(0, dtype=np.int32))
    return piece


PIECE_STORE: PieceStore | None = None


def use_store(store: PieceStore | None) -> None:
    """Keep pieces in `store` too (the composition root decides where)."""
    global PIECE_STORE
    PIECE_STORE = store


def plan_piece(
    key: Hashable, sections: Callable[[], Sequence[Section]], digest: Callable[[], str] | None = None
) -> PlanPiece:
    """The piece for a plan: from the process's cache when the same plan (same `key`) was indexed before, else
    from the store (by `digest`), else read now (and kept in both)."""
    piece = _PIECES.get(key)
    if piece is not None:
        _PIECES.move_to_end(key)
        return piece
    store = PIECE_STORE if digest is not None else None
    name = digest() if store is not None and digest is not None else ""
    state = store.load(name) if store is not None else None
    if state is not None:
        try:
            piece = piece_from_state(state)
        except (KeyError, ValueError, UnicodeDecodeError, IndexError):
            piece = None  # an unreadable entry is read again from the plan
    if piece is None:
        piece = PlanPiece(sections())
        if store is not None:
            store.save(name, piece_state(piece))
    _PIECES[key] = piece
    while len(_PIECES) > MAX_CACHED_PIECES:
        _PIECES.popitem(last=False)
    return piece


_CODE_VERSION: list[str] = []


def code_version() -> str:
    """A digest of the code that turns a plan into a piece: a stored piece is only good for the same code."""
    if not _CODE_VERSION:
        import hashlib
        from pathlib import Path

        here = Path(__file__).parent
        h = hashlib.sha1(usedforsecurity=False)
        for name in ("search.py", "text.py", "answer.py"):
            h.update((here / name).read_bytes())
        _CODE_VERSION.append(h.hexdigest())
    return _CODE_VERSION[0]


def clear_cache() -> None:
    _PIECES.clear()


class _Passages(Sequence[Passage]):
    def __init__(self, index: Index) -> None:
        self._index = index

    def __len__(self) -> int:
        return self._index.n_passages

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        x = self._index
        return Passage(plan=int(x.plan_of[i]), path=x.paths[i], text=x.texts[i], kind=x.kinds[i])


def _by_term(cols: np.ndarray, size: int, *others: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Entries sorted by term (stable: passage order kept), with each term's start offset."""
    order = np.argsort(cols, kind="stable")
    counts = np.bincount(cols, minlength=size)
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    return starts, [o[order] for o in others]


class Index:
    """BM25 over passage text (and, at a lower weight, its headings and sibling sentences)."""

    def __init__(self, pieces: Sequence[PlanPiece], k1: float = 1.2, b: float = 0.6) -> None:
        self.k1, self.b = k1, b
        self.pieces = list(pieces)
        size = len(_TERM_NAMES)
        self.paths: list[str] = []
        self.texts: list[str] = []
        self.kinds: list[str] = []
        base_p = [0]
        base_s = [0]
        for piece in pieces:
            self.paths.extend(piece.paths)
            self.texts.extend(piece.texts)
            self.kinds.extend(piece.kinds)
            base_p.append(base_p[-1] + piece.n)
            base_s.append(base_s[-1] + piece.n_sections)
        self.n_passages = base_p[-1]
        self.passages = _Passages(self)
        self.plan_of = np.repeat(np.arange(len(pieces), dtype=np.int32), [p.n for p in pieces])
        self.section_of = self._cat([p.section_of + base_s[i] for i, p in enumerate(pieces)])
        self.n_sections = base_s[-1]

        lengths = self._cat([p.lengths for p in pieces], np.float64)
        self.n = max(self.n_passages, 1)
        self.avg = float(lengths.sum()) / self.n if self.n_passages else 1.0
        lengths = np.maximum(lengths, 1.0)

        df = np.bincount(
            self._cat([p.df_terms for p in pieces]),
            weights=self._cat([p.df_counts for p in pieces], np.float64),
            minlength=size,
        )
        present = np.flatnonzero(df > 0)
        idf_all = np.zeros(size)
        idf_all[present] = np.log(1 + (self.n - df[present] + 0.5) / (df[present] + 0.5))
        self._idf = idf_all
        names = _TERM_NAMES
        values = idf_all[present].tolist()
        self.idf: dict[str, float] = {names[t]: v for t, v in zip(present.tolist(), values, strict=True)}
        self.max_idf = math.log(1 + (self.n + 0.5) / 0.5)
        self.vocabulary = sorted(t for t in self.idf if "_" not in t and len(t) >= 3)

        rows = self._cat([p.own_rows + base_p[i] for i, p in enumerate(pieces)])
        cols = self._cat([p.own_cols for p in pieces])
        tf = self._cat([p.own_tf for p in pieces], np.float64)
        k1, b = self.k1, self.b
        weights = idf_all[cols] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[rows] / self.avg))
        self._own_start, (self._own_rows, self._own_w) = _by_term(cols, size, rows, weights)

        h_cols = self._cat([p.head_terms for p in pieces])
        h_lo = self._cat([p.head_start + base_p[i] for i, p in enumerate(pieces)])
        h_hi = self._cat([p.head_end + base_p[i] for i, p in enumerate(pieces)])
        self._head_start, (self._head_lo, self._head_hi) = _by_term(h_cols, size, h_lo, h_hi)
        sections = np.arange(self.n_sections)
        self._section_lo = np.searchsorted(self.section_of, sections).astype(np.int64)
        self._section_hi = np.searchsorted(self.section_of, sections, "right").astype(np.int64)

        s_cols = self._cat([p.sib_cols for p in pieces])
        s_rows = self._cat([p.sib_rows + base_s[i] for i, p in enumerate(pieces)])
        s_counts = self._cat([p.sib_counts for p in pieces])
        self._sib_start, (self._sib_rows, self._sib_counts) = _by_term(s_cols, size, s_rows, s_counts)
        self._size = size
        self._dense_masks: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    @staticmethod
    def _cat(arrays: list[np.ndarray], dtype: type = np.int32) -> np.ndarray:
        return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype=dtype)

    def correct(self, words: list[str]) -> list[str]:
        """Unknown words one edit away from a plan word become that word ("hai lonf" -> "hai long"; a swap of
        two neighbouring letters is one edit: "bao coa" -> "bao cao").

        Vietnamese syllables are short, so a candidate must also make a word pair the plans contain with
        a neighbour, unless the typed word is long enough to be unambiguous."""
        out = list(words)
        for i, w in enumerate(words):
            if w in self.idf or len(w) < 3 or w[0].isdigit():
                continue
            found = process.extract(w, self.vocabulary, scorer=OSA.distance, score_cutoff=1, limit=None)
            candidates = [v for v, _score, _i in found]
            if not candidates:
                continue
            prev = out[i - 1] if i else None
            nxt = words[i + 1] if i + 1 < len(words) else None
            paired = [
                c for c in candidates if (prev and f"{prev}_{c}" in self.idf) or (nxt and f"{c}_{nxt}" in self.idf)
            ]
            swapped = [c for c in candidates if len(c) == len(w) and sorted(c) == sorted(w)]
            if paired:
                out[i] = min(paired, key=lambda c: self.idf.get(c, 0))
            elif len(w) >= 6:
                out[i] = min(candidates, key=lambda c: self.idf.get(c, 0))
            elif swapped:  # two letters swapped ("lna", "mya"): the commonest phone typo, unambiguous enough
                out[i] = min(swapped, key=lambda c: self.idf.get(c, 0))
        return out

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.max_idf)

    def has(self, passage: int, term: str) -> bool:
        """Whether the passage's own text holds the term."""
        t = _TERM_IDS.get(term)
        if t is None or t >= self._size:
            return False
        lo, hi = self._own_start[t], self._own_start[t + 1]
        rows = self._own_rows[lo:hi]
        at = int(np.searchsorted(rows, passage))
        return at < len(rows) and int(rows[at]) == passage

    def search(
        self, query_terms: list[str], *, limit: int = 30, allowed: set[int] | None = None, strict: bool = False
    ) -> list[Hit]:
        """The `limit` passages with the highest scores (own text by BM25, context at a lower weight), each
        with the share of the question's weight it holds in its text or context (its coverage). `strict`
        counts the question's word pairs that no plan holds against every passage: a question with no asking
        word is answered by a passage's text itself, which must then hold the question as it was put.

        Whole-index work is a handful of array operations for the whole question: heading words are
        disjoint ranges per term, so every term's ranges add up in one cumulative sum; own words and sibling
        sentences touch only the passages that hold them."""
        unique = list(dict.fromkeys(query_terms))
        # a word the plans do not hold weighs against every passage; a pair of two known words that the plans
        # never put side by side is only the question's word order ("quý III viết"), not missing content
        total = sum(self.weight(t) for t in unique if strict or t in self.idf or "_" not in t) or 1.0
        known = [(_TERM_IDS[name], float(self._idf[_TERM_IDS[name]])) for name in unique if name in self.idf]
        n = self.n_passages
        if not known or n == 0:
            return []
        # a word in a large share of the passages is cheaper as a whole-index mask (made once, kept)
        dense = {t for t, _ in known if self._share(t) * 48 > n}
        heads = [(self._head_start[t], self._head_start[t + 1], idf) for t, idf in known if t not in dense]
        empty = np.zeros(0, dtype=np.int32)
        starts = np.concatenate([empty, *(self._head_lo[lo:hi] for lo, hi, _ in heads)])
        ends = np.concatenate([empty, *(self._head_hi[lo:hi] for lo, hi, _ in heads)])
        idfs = np.concatenate([np.zeros(0), *(np.full(hi - lo, idf) for lo, hi, idf in heads)])
        opened = np.bincount(starts, weights=idfs, minlength=n + 1)[:n]
        closed = np.bincount(ends, weights=idfs, minlength=n + 1)[:n]
        under_heading = np.cumsum(opened - closed, dtype=np.float64)  # the question's weight in headings above
        under_heading[under_heading < 1e-9] = 0.0  # what a range's end took back, to the last rounding error
        covered = under_heading.copy()
        owns = [(self._own_start[t], self._own_start[t + 1]) for t, _ in known]
        score = CONTEXT_WEIGHT * under_heading + np.bincount(
            np.concatenate([self._own_rows[lo:hi] for lo, hi in owns]),
            weights=np.concatenate([self._own_w[lo:hi] for lo, hi in owns]),
            minlength=n,
        )
        for (t, idf), (lo, hi) in zip(known, owns, strict=True):
            own_rows = self._own_rows[lo:hi]
            if t in dense:
                context, present = self._masks(t)
                score += (CONTEXT_WEIGHT * idf) * context
                covered += idf * present
                continue
            h_lo, h_hi = self._head_start[t], self._head_start[t + 1]
            range_lo, range_hi = self._head_lo[h_lo:h_hi], self._head_hi[h_lo:h_hi]

            def outside_headings(rows: np.ndarray, range_lo: np.ndarray = range_lo, range_hi: np.ndarray = range_hi):
                if len(range_lo) == 0:
                    return np.ones(len(rows), dtype=bool)
                at = np.searchsorted(range_lo, rows, "right") - 1
                return (at < 0) | (rows >= range_hi[np.maximum(at, 0)])

            # the other sentences of a section hold the word: every sentence but the only one that does
            s_lo, s_hi = self._sib_start[t], self._sib_start[t + 1]
            sibling = sibling_only = np.zeros(0, dtype=np.int64)
            if s_hi > s_lo:
                sections = self._sib_rows[s_lo:s_hi]
                counts = self._sib_counts[s_lo:s_hi]
                first, last = self._section_lo[sections], self._section_hi[sections]
                sizes = last - first
                rows = np.repeat(first - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
                own_here = np.zeros(len(rows), dtype=bool)
                if len(own_rows):
                    at = np.minimum(np.searchsorted(own_rows, rows), len(own_rows) - 1)
                    own_here = own_rows[at] == rows
                held = np.repeat(counts, sizes) - own_here > 0
                sibling = rows[held]
                sibling_only = rows[held & ~own_here]
            score[sibling[outside_headings(sibling)]] += CONTEXT_WEIGHT * idf
            # the word in the passage's text or a sibling, not already counted from its headings
            covered[own_rows[outside_headings(own_rows)]] += idf
            covered[sibling_only[outside_headings(sibling_only)]] += idf
        candidates = self._allowed(np.flatnonzero(score > 0), allowed)
        if len(candidates) > limit:  # the best `limit`; among equal scores at the cut, the first passages
            values = score[candidates]
            cut = np.partition(values, len(values) - limit)[len(values) - limit]
            above = candidates[values > cut]
            candidates = np.concatenate([above, candidates[values == cut][: limit - len(above)]])
            candidates.sort()
        order = candidates[np.argsort(-score[candidates], kind="stable")]
        return [Hit(int(i), float(score[i]), float(covered[i]) / total) for i in order]

    def _share(self, t: int) -> int:
        """About how many passages a term touches (own text and sibling sections)."""
        return int(self._own_start[t + 1] - self._own_start[t]) + 3 * int(self._sib_start[t + 1] - self._sib_start[t])

    def _masks(self, t: int) -> tuple[np.ndarray, np.ndarray]:
        """Per passage: whether the term is in its context (headings, other sentences of its section), and
        whether it is in its text or context. Made on first use, kept as bits."""
        n = self.n_passages
        kept = self._dense_masks.get(t)
        if kept is None:
            context = np.zeros(n, dtype=bool)
            lo, hi = self._head_start[t], self._head_start[t + 1]
            if hi > lo:
                edges = np.bincount(self._head_lo[lo:hi], minlength=n + 1) - np.bincount(
                    self._head_hi[lo:hi], minlength=n + 1
                )
                context |= np.cumsum(edges[:n]) > 0
            own_rows = self._own_rows[self._own_start[t] : self._own_start[t + 1]]
            lo, hi = self._sib_start[t], self._sib_start[t + 1]
            if hi > lo:
                per_section = np.zeros(self.n_sections, dtype=np.int32)
                per_section[self._sib_rows[lo:hi]] = self._sib_counts[lo:hi]
                siblings = per_section[self.section_of]
                siblings[own_rows] -= 1  # the other sentences only
                context |= siblings > 0
            present = context.copy()
            present[own_rows] = True
            kept = self._dense_masks[t] = (np.packbits(context), np.packbits(present))
        return np.unpackbits(kept[0], count=n).view(bool), np.unpackbits(kept[1], count=n).view(bool)

    def _allowed(self, rows: np.ndarray, allowed: set[int] | None) -> np.ndarray:
        if allowed is None:
            return rows
        mask = np.zeros(len(self.pieces), dtype=bool)
        mask[[i for i in allowed if 0 <= i < len(self.pieces)]] = True
        return rows[mask[self.plan_of[rows]]]
