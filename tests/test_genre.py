"""The reader on plans of the genre that no sample contains (tests/corpus), in the three formats offices send.

Each corpus plan has an answer key written from the document before the reader ran on it. The reader must
find at least 95% of the keyed occurrences (due date and unit) in every format, with at least 95% of what
it finds right, name them by what is due, and take no vague phrase or sentence for a unit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from genre import CORPUS, keys, load_key, score

from plans import parse_plan

FORMATS = ("txt", "docx", "pdf")


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    from docgen import build_docx, build_pdf

    folder = tmp_path_factory.mktemp("corpus")
    files: dict[str, dict[str, Path]] = {}
    for key_path in keys():
        txt = CORPUS / load_key(key_path)["file"]
        docx_path = build_docx(txt, folder / f"{txt.stem}.docx", merge=True)
        files[txt.name] = {"txt": txt, "docx": docx_path, "pdf": build_pdf(docx_path, folder / f"{txt.stem}.pdf")}
    return files


def test_the_corpus_covers_the_genre() -> None:
    forms = {form for key_path in keys() for form in load_key(key_path).get("forms", [])}
    assert len(keys()) >= 8
    kinds = {load_key(k)["meta"]["kind"] for k in keys()}
    assert kinds == {"plan", "decision"}
    for needed in ("rotation", "relative", "group-rows", "note-column", "school", "prose", "decision"):
        assert any(needed in form for form in forms), needed


@pytest.mark.parametrize("fmt", FORMATS)
def test_occurrences_found_and_right_in_every_format(fmt: str, corpus_files: dict[str, dict[str, Path]]) -> None:
    expected = found = extra = named = 0
    report = []
    for key_path in keys():
        key = load_key(key_path)
        result = score(parse_plan(corpus_files[key["file"]][fmt]), key)
        expected += result.expected
        found += result.found
        extra += result.extra
        named += result.named
        report += [f"{key['file']}: missing {m}" for m in result.missing]
        report += [f"{key['file']}: wrong {w}" for w in result.wrong]
    recall, precision = found / expected, found / (found + extra)
    assert recall >= 0.95 and precision >= 0.95, "\n".join([f"recall {recall:.1%} precision {precision:.1%}", *report])
    assert named / found >= 0.95


@pytest.mark.parametrize("fmt", FORMATS)
def test_units_are_units_and_metadata_is_read(fmt: str, corpus_files: dict[str, dict[str, Path]]) -> None:
    problems = []
    for key_path in keys():
        key = load_key(key_path)
        result = score(parse_plan(corpus_files[key["file"]][fmt]), key)
        problems += [f"{key['file']}: {e}" for e in result.unit_errors]
        problems += [f"{key['file']}: {e}" for e in result.meta_errors if not e.startswith("signer")]
    assert not problems, "\n".join(problems)


def test_every_plan_in_every_format_is_stored(corpus_files: dict[str, dict[str, Path]], sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    """Word's vertically merged number cells, landscape tables and wrapped cells end in a plan the database
    takes (one path per clause), and importing the same plan again in another format updates it in place."""
    from storage.engine import session_scope
    from storage.plans import save_plan

    for files in corpus_files.values():
        for fmt in FORMATS:
            with session_scope(sqlite_engine) as session:
                result = save_plan(session=session, plan=parse_plan(files[fmt]))
            assert result.created == (fmt == "txt"), (files[fmt].name, fmt)
