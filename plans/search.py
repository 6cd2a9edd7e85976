"""Retrieval over plan passages: folded, abbreviation-expanded tokens, BM25 over words and word pairs.

Questions arrive typed on phones: without diacritics, with abbreviations (TTHC, GD&ĐT, Q7), "quý 1" for
"quý I", and one-letter typos. Passages and questions go through the same normalisation; a question word
unknown to the plans but one edit away from a known word is read as that word.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .text import expand_abbreviations, fold

# Function words and question words: they say what is asked, not what it is about.
STOPWORDS = frozenset(
    "la cua va cac nhung co duoc cho ve o trong theo voi de nay do khi nao gi ai nhieu may sao the nhu "
    "phai can se da dang bi hay hoac tu den len ra vao mot thi toi minh ban xin hoi cho_biet biet "
    "vay a u nhi nhe hoi khong chua roi luc bang".split()
)
_ROMAN = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}


def normalize_query(text: str) -> str:
    """Folded text with abbreviations spelled out and quarter numbers in Roman numerals."""
    folded = fold(text)
    folded = re.sub(r"[“”\"'?!]", " ", folded)
    folded = re.sub(r"\bq\.?\s*(\d{1,2})\b", r"quan \1", folded)  # Q7 -> quận 7
    folded = re.sub(r"\bquy\s*([1-4])\b", lambda m: "quy " + _ROMAN[m.group(1)], folded)
    folded = re.sub(r"\bgd\s*&\s*dt\b|\bgd-dt\b", "gddt", folded)
    folded = re.sub(r"\bti le\b", "ty le", folded)
    folded = re.sub(r"\bphan tram\b", " ", folded)
    folded = re.sub(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", lambda m: f" email {m.group(0)} ", folded)
    folded = re.sub(
        r"\b(?:e-mail|thu dien tu)\b", "email", folded
    )  # "%" is how plans write it; the kind of question keeps it
    return expand_abbreviations(folded)


_TOKEN = re.compile(r"\d+(?:[.,/]\d+)*%?|[a-z&]+")


def tokens(text: str, *, normalized: bool = False) -> list[str]:
    return list(_tokens(text, normalized))


@lru_cache(maxsize=50_000)
def _tokens(text: str, normalized: bool) -> tuple[str, ...]:
    """Cached: headings and sibling sentences recur across many passages."""
    norm = text if normalized else normalize_query(text)
    norm = re.sub(r"\bbao (?:nhieu|gio|lau)\b", " ", norm)
    return tuple(t for t in _TOKEN.findall(norm) if t not in STOPWORDS)


def terms(words: list[str]) -> list[str]:
    """Words and adjacent word pairs: "hai long" means more than "hai" and "long"."""
    return words + [f"{a}_{b}" for a, b in itertools.pairwise(words)]


@dataclass(frozen=True, kw_only=True)
class Passage:
    """One sentence of one clause, with the headings above it for context."""

    plan: int
    path: str
    text: str
    context: str
    kind: str


@dataclass(frozen=True)
class Hit:
    passage: int
    score: float
    coverage: float


class Index:
    """BM25 over passage text (and, at a lower weight, its headings)."""

    def __init__(self, passages: list[Passage], k1: float = 1.2, b: float = 0.6) -> None:
        self.passages = passages
        self.k1, self.b = k1, b
        self.docs: list[Counter[str]] = []
        self.context_terms: list[set[str]] = []
        df: Counter[str] = Counter()
        for p in passages:
            own = terms(tokens(p.text))
            ctx = set(terms(tokens(p.context)))
            counts = Counter(own)
            self.docs.append(counts)
            self.context_terms.append(ctx)
            df.update(set(counts) | ctx)
        self.lengths = [sum(c.values()) or 1 for c in self.docs]
        self.n = max(len(passages), 1)
        self.avg = sum(sum(c.values()) for c in self.docs) / self.n if passages else 1.0
        self.idf = {t: math.log(1 + (self.n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.max_idf = math.log(1 + (self.n + 0.5) / 0.5)
        self.vocabulary = sorted(t for t in df if "_" not in t and len(t) >= 3)
        self.postings: dict[str, list[int]] = {}
        for i, (counts, ctx) in enumerate(zip(self.docs, self.context_terms, strict=True)):
            for t in set(counts) | ctx:
                self.postings.setdefault(t, []).append(i)

    def correct(self, words: list[str]) -> list[str]:
        """Unknown words one edit away from a plan word become that word ("hai lonf" -> "hai long").

        Vietnamese syllables are short, so a candidate must also make a word pair the plans contain with
        a neighbour, unless the typed word is long enough to be unambiguous."""
        out = list(words)
        for i, w in enumerate(words):
            if w in self.idf or len(w) < 3 or w[0].isdigit():
                continue
            found = process.extract(w, self.vocabulary, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
            candidates = [v for v, _score, _i in found]
            if not candidates:
                continue
            prev = out[i - 1] if i else None
            nxt = words[i + 1] if i + 1 < len(words) else None
            paired = [
                c for c in candidates if (prev and f"{prev}_{c}" in self.idf) or (nxt and f"{c}_{nxt}" in self.idf)
            ]
            if paired:
                out[i] = min(paired, key=lambda c: self.idf.get(c, 0))
            elif len(w) >= 6:
                out[i] = min(candidates, key=lambda c: self.idf.get(c, 0))
        return out

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.max_idf)

    def search(self, query_terms: list[str], *, limit: int = 30, allowed: set[int] | None = None) -> list[Hit]:
        unique = list(dict.fromkeys(query_terms))
        total = sum(self.weight(t) for t in unique) or 1.0
        scores: dict[int, float] = {}
        for t in unique:
            for i in self.postings.get(t, ()):
                if allowed is not None and self.passages[i].plan not in allowed:
                    continue
                counts = self.docs[i]
                tf = counts.get(t, 0)
                length = self.lengths[i]
                s = 0.0
                if tf:
                    s = self.idf[t] * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * length / self.avg))
                if t in self.context_terms[i]:
                    s += 0.35 * self.idf[t]
                scores[i] = scores.get(i, 0.0) + s
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:limit]
        hits = []
        for i, score in ranked:
            present = set(self.docs[i]) | self.context_terms[i]
            covered = sum(self.weight(t) for t in unique if t in present)
            hits.append(Hit(i, score, covered / total))
        return hits
