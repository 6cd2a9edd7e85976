"""The catalogues are the only source of user-facing text: every message the code uses is in the vi and en
catalogues, translated (not fuzzy, placeholders kept), and the compiled .mo files match the .po files.
Run `make locales` after changing a message, then translate it in locales/*/LC_MESSAGES/nhacviec.po."""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
KEYWORDS = {**DEFAULT_KEYWORDS, "n_": (1, 2)}
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _catalog(locale: str):  # type: ignore[no-untyped-def]
    with (LOCALES / locale / "LC_MESSAGES" / "nhacviec.po").open("rb") as f:
        return read_po(f, locale=locale)


def _ids(message_id: object) -> tuple[str, ...]:
    return tuple(message_id) if isinstance(message_id, (tuple, list)) else (str(message_id),)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_every_message_is_translated_and_not_fuzzy(locale: str) -> None:
    problems = []
    for message in _catalog(locale):
        if not message.id:
            continue
        strings = _ids(message.string) if message.string else ("",)
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        wanted = {name for text in _ids(message.id) for name in PLACEHOLDER.findall(text)}
        for text in strings:
            if text and set(PLACEHOLDER.findall(text)) - wanted:
                problems.append(f"unknown placeholder in {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_every_message_in_the_code_is_in_the_catalogue(locale: str) -> None:
    known = {_ids(m.id)[0] for m in _catalog(locale) if m.id}
    missing = set()
    for folder in ("bot", "nhacviec", "scheduler"):
        for filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            first = _ids(message)[0]
            if first and first not in known:
                missing.add(f"{folder}/{filename}: {first!r}")
    assert not missing, "run `make locales` and translate:\n" + "\n".join(sorted(missing))


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_compiled_catalogue_matches_the_po_file(locale: str) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, _catalog(locale))
    expected = gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))._catalog  # type: ignore[attr-defined]
    with (LOCALES / locale / "LC_MESSAGES" / "nhacviec.mo").open("rb") as f:
        actual = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    assert actual == expected, "the .mo file is out of date: run `make locales`"


def test_no_python_table_rewrites_the_catalogues() -> None:
    assert not list(LOCALES.rglob("*.py"))
