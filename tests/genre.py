"""Score what the reader makes of a corpus plan against its answer key (tests/corpus/*.key.yaml).

An occurrence is found when the reader has one with the same due date and a unit that the key lists
under the same name (any of the forms the document uses for it); its name is right when most of the
key name's words are in the reader's name. Precision counts the reader's occurrences that match no key
occurrence. The keys were written from the documents before the reader ran on them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plans import Plan, plan_occurrences
from plans.occurrences import occurrence_name
from plans.text import expand_abbreviations, fold
from plans.units import unit_key

CORPUS = Path(__file__).resolve().parent / "corpus"
_STOP = {"va", "cua", "cac", "ve", "cho", "tai", "the", "theo", "thuc", "hien", "bao", "cao", "ket", "qua", "nam"}


def keys() -> list[Path]:
    return sorted(CORPUS.glob("*.key.yaml"))


def load_key(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[0-9a-z]+", fold(text)) if w not in _STOP and len(w) > 1}


def name_matches(expected: str, got: str) -> bool:
    want = _words(expected)
    if not want:
        return True
    return len(want & _words(got)) / len(want) >= 0.5


@dataclass
class Score:
    plan: str
    expected: int = 0
    found: int = 0
    named: int = 0
    extra: int = 0
    missing: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    misnamed: list[str] = field(default_factory=list)
    meta_errors: list[str] = field(default_factory=list)
    unit_errors: list[str] = field(default_factory=list)
    undated_expected: int = 0
    undated_found: int = 0
    targets_expected: int = 0
    targets_found: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        got = self.found + self.extra
        return self.found / got if got else 1.0


def _unit_index(key: dict) -> dict[str, set[str]]:
    """Canonical unit -> the unit keys of every form the document uses for it."""
    out: dict[str, set[str]] = {}
    for name, forms in (key.get("units") or {}).items():
        out[name] = {unit_key(f) for f in [name, *(forms or [])]} | {fold(f) for f in [name, *(forms or [])]}
    return out


def _canonical(unit: str, index: dict[str, set[str]]) -> str | None:
    k, f = unit_key(unit), fold(unit)
    for name, forms in index.items():
        if k in forms or f in forms:
            return name
    return None


def score(plan: Plan, key: dict) -> Score:
    result = Score(plan=key["file"])
    index = _unit_index(key)
    meta = key.get("meta") or {}
    _score_meta(plan, meta, result)
    got = []
    for occ in plan_occurrences(plan):
        task = plan.tasks[occ.task_index]
        got.append((occ.due, _canonical(occ.unit, index), occurrence_name(task, occ), occ.unit))
    used = [False] * len(got)
    expected = key.get("occurrences") or []
    result.expected = len(expected)
    for item in expected:
        due = item["due"] if isinstance(item["due"], dt.date) else dt.date.fromisoformat(str(item["due"]))
        candidates = [i for i, g in enumerate(got) if not used[i] and g[0] == due and g[1] == item.get("unit")]
        if not candidates:
            result.missing.append(f"{due} {item.get('unit')}: {item.get('name')}")
            continue
        best = next((i for i in candidates if name_matches(item.get("name", ""), got[i][2])), candidates[0])
        used[best] = True
        result.found += 1
        if name_matches(item.get("name", ""), got[best][2]):
            result.named += 1
        else:
            result.misnamed.append(f"{due} {item.get('unit')}: want «{item.get('name')}», got «{got[best][2]}»")
    for i, g in enumerate(got):
        if not used[i]:
            result.extra += 1
            result.wrong.append(f"{g[0]} {g[3]} ({g[1] or 'no such unit'}): {g[2]}")
    _score_units(plan, key, index, result)
    _score_undated(plan, key, index, result)
    _score_targets(plan, key, result)
    return result


def _score_meta(plan: Plan, meta: dict, result: Score) -> None:
    m = plan.meta
    if "number" in meta and (meta["number"] or None) != m.number:
        result.meta_errors.append(f"number {m.number!r} != {meta['number']!r}")
    date = meta.get("date")
    if "date" in meta and (date or None) != m.issue_date:
        result.meta_errors.append(f"date {m.issue_date} != {date}")
    if meta.get("year") and meta["year"] != m.year:
        result.meta_errors.append(f"year {m.year} != {meta['year']}")
    issuer = expand_abbreviations(fold(m.issuer))
    for word in meta.get("issuer_words") or []:
        if expand_abbreviations(fold(word)) not in issuer:
            result.meta_errors.append(f"issuer {m.issuer!r} lacks {word!r}")
    for word in meta.get("title_words") or []:
        if fold(word) not in fold(m.title):
            result.meta_errors.append(f"title {m.title!r} lacks {word!r}")
    if meta.get("signer") and meta["signer"] != m.signer:
        result.meta_errors.append(f"signer {m.signer!r} != {meta['signer']!r}")


def _score_units(plan: Plan, key: dict, index: dict[str, set[str]], result: Score) -> None:
    """Lead units to remind: none outside the key, none twice, no vague phrase."""
    leads: dict[str, set[str]] = {}
    for task in plan.tasks:
        for unit in task.leads:
            leads.setdefault(unit_key(unit), set()).add(unit)
    seen: dict[str, str] = {}
    for names in leads.values():
        name = next(iter(sorted(names)))
        canonical = _canonical(name, index)
        if canonical is None:
            result.unit_errors.append(f"not a unit of the key: {sorted(names)}")
        elif canonical in seen:
            result.unit_errors.append(f"{canonical!r} twice: {seen[canonical]!r} and {name!r}")
        else:
            seen[canonical] = name
    for phrase in key.get("not_units") or []:
        if unit_key(phrase) in leads:
            result.unit_errors.append(f"vague phrase taken as a unit: {phrase!r}")


def _score_undated(plan: Plan, key: dict, index: dict[str, set[str]], result: Score) -> None:
    expected = key.get("undated") or []
    result.undated_expected = len(expected)
    undated = [t for t in plan.tasks if not t.schedule.is_dated]
    for item in expected:
        if any(item.get("unit") in {_canonical(u, index) for u in t.leads} or not item.get("unit") for t in undated):
            result.undated_found += 1


def _score_targets(plan: Plan, key: dict, result: Score) -> None:
    expected = key.get("targets") or []
    result.targets_expected = len(expected)
    for target in expected:
        if any(
            abs(t.value - float(target["value"])) < 1e-6 and t.comparator == target.get("comparator", t.comparator)
            for t in plan.targets
        ):
            result.targets_found += 1
