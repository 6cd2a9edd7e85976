"""The fast paths keep their definitions: folding and abbreviations as before, one tokenising pass over many
texts as one per text, an index assembled from cached plans as one built afresh, the streamed spreadsheet
as a spreadsheet; start-up without the heavy packages; and the answers a person expects to small talk,
English questions, swapped letters and questions about a year, place or level the plans do not cover."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ALL_TXT

from bot.render import answer_text
from bot.xlsx import BOLD, Workbook
from plans import Plan
from plans import search as search_module
from plans.answer import Engine
from plans.search import tokens, tokens_many
from plans.text import (
    _SPACES,
    ABBREVIATIONS,
    _expand_abbreviations_slow,
    expand_abbreviations,
    fold,
    normalize,
    strip_marks,
)


def _strip_marks_by_definition(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def test_folding_and_abbreviations_keep_their_definitions() -> None:
    every = "".join(chr(i) for i in range(0x80, 0x3000)) + "e\u0301 a\u0300\u0323 İ ǅ ﬁ"
    assert strip_marks(every) == _strip_marks_by_definition(every)
    texts = [fold(p.read_text(encoding="utf-8")) for p in ALL_TXT]
    random.seed(7)
    pieces = [*ABBREVIATIONS, "a", "x", "-", "&", " ", "1", "tc", "kh", "thc", "q"]
    texts += ["".join(random.choice(pieces) for _ in range(random.randint(1, 8))) for _ in range(20_000)]
    for text in texts:
        assert expand_abbreviations(text) == _expand_abbreviations_slow(text), text


def test_runs_of_spaces_fold_as_by_their_definition() -> None:
    spaces = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
    pieces = [" ", "  ", "\t", "\u00a0", "\u2003", "\u200b", "\u3000", "a", ".", "(", "\u00ad", "ế", "\n", "–"]
    random.seed(11)
    texts = ["".join(random.choice(pieces) for _ in range(random.randint(0, 12))) for _ in range(50_000)]
    texts += [p.read_text(encoding="utf-8") for p in ALL_TXT]
    for text in texts:
        assert _SPACES.sub(" ", text) == spaces.sub(" ", text), repr(text)  # what normalize and fold collapse
        assert fold(text) == spaces.sub(" ", strip_marks(normalize(text)).lower()).strip(), repr(text)


def test_one_pass_over_many_texts_reads_as_one_pass_each(sample_plans: dict[str, Plan]) -> None:
    texts = [c.text for plan in sample_plans.values() for c in plan.clauses]
    texts += ["Q7, quý 1 gd & dt", "email: vp@sgd.edu.vn; e-mail", "ti le bao nhieu phan tram", ""]
    assert tokens_many(texts) == [tuple(tokens(t)) for t in texts]


def test_an_index_from_cached_plans_answers_as_a_fresh_one(sample_plans: dict[str, Plan]) -> None:
    plans = list(sample_plans.values())
    questions = ["ty le hai long chung nam 2021", "han nop bao cao 6 thang", "Ai chủ trì niêm yết TTHC?"]
    search_module.clear_cache()
    fresh = Engine(plans)
    before = [fresh.ask(q) for q in questions]
    partial = Engine(plans[:2])  # another process state: some plans cached, in another order
    assert partial.index.n_passages < fresh.index.n_passages
    again = Engine(plans)
    assert [again.ask(q) for q in questions] == before
    assert again.index.n_passages == fresh.index.n_passages


def test_the_streamed_spreadsheet_is_well_formed() -> None:
    book = Workbook()
    sheet = book.add_sheet("Chi tiết", widths=(20, 12))
    book.append(sheet, ["Tên", "Ngày", "Lúc", "Số"], style=BOLD)
    book.append(sheet, ["a & <b> \x01", dt.date(2023, 6, 15), dt.datetime(2023, 6, 15, 8, 30), 3.5])  # noqa: DTZ001
    book.append(sheet, [" lề ", None, None, 7])
    data = book.save()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                ET.fromstring(z.read(name))  # every part parses
    read = openpyxl.load_workbook(io.BytesIO(data))
    ws = read["Chi tiết"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D3"
    assert [c.value for c in ws[1]] == ["Tên", "Ngày", "Lúc", "Số"] and ws["A1"].font.b
    assert ws["A2"].value == "a & <b> " and ws["A3"].value == " lề "
    assert ws["B2"].value == dt.datetime(2023, 6, 15) and ws["B2"].number_format == "DD/MM/YYYY"  # noqa: DTZ001
    assert ws["C2"].value == dt.datetime(2023, 6, 15, 8, 30)  # noqa: DTZ001
    assert ws["D2"].value == 3.5 and ws["D3"].value == 7


def _imports(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "nhacviec.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return result.stderr


def test_help_and_ask_start_without_the_heavy_packages(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    heavy = ("sqlalchemy", "alembic", "matplotlib", "openpyxl", "aiogram", "sqlmodel")
    loaded = _imports(["--help"], env)
    assert not [h for h in heavy if f" {h}\n" in loaded or f" {h}." in loaded]
    # a database not there yet: `ask` creates and migrates it the usual way, then says there are no plans
    fresh = subprocess.run(
        [sys.executable, "-m", "nhacviec.cli", "ask", "x"], capture_output=True, text=True, env=env, check=False
    )
    assert fresh.returncode == 1 and "No plans" in fresh.stderr
    cli = [sys.executable, "-m", "nhacviec.cli"]
    subprocess.run([*cli, "plans", "import", str(ALL_TXT[0])], env=env, check=True, capture_output=True)
    loaded = _imports(["ask", "--json", "ty le hai long"], env)
    assert not [h for h in heavy if f" {h}\n" in loaded or f" {h}." in loaded]


@pytest.fixture(scope="module")
def engine(sample_plans: dict[str, Plan]) -> Engine:
    return Engine(list(sample_plans.values()))


@pytest.mark.parametrize(
    ("question", "locale", "expected"),
    [
        ("xin chào", "vi", "Xin chào"),
        ("chao buoi sang", "vi", "Xin chào"),
        ("cam on ban nhe", "vi", "Không có gì"),
        ("Cảm ơn bạn, rõ rồi", "vi", "Không có gì"),
        ("Xin chào, cho mình hỏi chút", "vi", "Xin chào"),
        ("chào bạn, cho mình hỏi về tuyển sinh chút", "vi", "Xin chào"),  # a topic, no question yet
        ("Xin chào bot, tôi là kế toán trường", "vi", "Xin chào"),  # who is greeted, then who greets
        ("ok cảm ơn nhé, giúp nhiều lắm", "vi", "Không có gì"),
        ("tạm biệt", "vi", "Tạm biệt"),
        ("bạn làm được gì?", "vi", "kế hoạch"),
        ("hello", "en", "Hello"),
        ("thanks a lot", "en", "welcome"),
        ("What can you do?", "en", "plans"),
    ],
)
def test_small_talk_is_answered_as_a_person_would(engine: Engine, question: str, locale: str, expected: str) -> None:
    answer = engine.ask(question, lang=locale)
    assert answer.found and answer.kind == "smalltalk" and expected in answer_text(answer, locale)


def test_small_talk_around_a_question_is_the_question(engine: Engine) -> None:
    answer = engine.ask("chào bạn, hạn nộp báo cáo 6 tháng về CCHC là ngày nào?")
    assert answer.found and answer.kind == "date"
    for question in ("chào bot, tôi là văn thư, hạn báo cáo 6 tháng là khi nào", "cảm ơn, giúp mình tìm hạn báo cáo"):
        assert engine.ask(question).kind != "smalltalk", question


def test_swapped_letters_are_one_typo(engine: Engine) -> None:
    right = engine.ask("bao cao 6 thang cchc han nop ngay nao")
    swapped = engine.ask("bao coa 6 thang cchc han nop ngay nao")
    assert swapped.found and swapped.facts == right.facts


def test_english_questions_read_through_the_domain_words(engine: Engine) -> None:
    answer = engine.ask("Which department is in charge of institutional reform in District 7?", lang="en")
    assert answer.found and "Tư pháp" in answer_text(answer, "en")
    answer = engine.ask("When is the six-month CCHC report due in Soc Trang?", lang="en")
    assert answer.found and "15/06" in answer_text(answer, "en")


@pytest.mark.parametrize(
    "question",
    [
        "ty le hai long chung cua quan 8 nam 2021",  # another district
        "Quận 7 năm 2024 tỷ lệ hồ sơ xử lý hoàn toàn trực tuyến là bao nhiêu?",  # a year no plan covers
        "chi so SIPAS cap THCS gia lam 2022 dat bao nhieu",  # the plan sets only the primary level's
        "What is the general satisfaction target for District 8 in 2021?",
    ],
)
def test_no_figure_for_a_year_place_or_level_the_plans_do_not_cover(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    text = answer_text(answer, "vi")
    assert not answer.found and not answer.facts and not any(ch.isdigit() for ch in text)
    assert "không nói" in text


def test_pieces_kept_on_disk_answer_as_pieces_read_now(sample_plans: dict[str, Plan], tmp_path: Path) -> None:
    from storage.index_cache import DirectoryStore

    plans = list(sample_plans.values())
    questions = ["ty le hai long chung nam 2021", "han nop bao cao 6 thang", "Ai chủ trì niêm yết TTHC?", "email"]
    store = DirectoryStore(tmp_path / "index-cache")
    search_module.use_store(store)
    try:
        search_module.clear_cache()
        first = Engine(plans)
        assert len(list(store.folder.glob("*.piece"))) == len(plans)
        search_module.clear_cache()  # a new process: nothing in memory, everything on disk
        second = Engine(plans)
        assert [second.ask(q) for q in questions] == [first.ask(q) for q in questions]
        assert second.index.texts == first.index.texts and second.index.idf == first.index.idf
        (next(store.folder.glob("*.piece"))).write_bytes(b"not a piece")  # a damaged file is read again
        search_module.clear_cache()
        assert [Engine(plans).ask(q) for q in questions] == [first.ask(q) for q in questions]
    finally:
        search_module.use_store(None)
        search_module.clear_cache()


def test_import_fills_the_store_that_ask_and_the_runtime_read(tmp_path: Path) -> None:
    from nhacviec.runtime import build_core
    from nhacviec.settings import Settings
    from storage.engine import make_engine

    db = tmp_path / "db.sqlite"
    env = {"DATABASE_URL": f"sqlite:///{db}", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    cli = [sys.executable, "-m", "nhacviec.cli"]
    subprocess.run([*cli, "plans", "import", *map(str, ALL_TXT[:2])], env=env, check=True, capture_output=True)
    pieces = sorted((tmp_path / "index-cache").glob("*.piece"))
    assert len(pieces) == 2  # written by the import, not by a later reader
    stamps = [p.stat().st_mtime_ns for p in pieces]
    asked = subprocess.run([*cli, "ask", "--json", "ty le hai long"], env=env, check=True, capture_output=True)
    assert asked.stdout and [p.stat().st_mtime_ns for p in pieces] == stamps  # read, not written again
    engine = make_engine(env["DATABASE_URL"])
    try:
        build_core(Settings(_env_file=None, database_url=env["DATABASE_URL"]), engine)
        assert search_module.PIECE_STORE.folder == tmp_path / "index-cache"  # type: ignore[attr-defined]
    finally:
        search_module.use_store(None)
        engine.dispose()


def test_run_migrates_a_database_behind_and_leaves_alembic_unloaded_at_the_newest(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    code = (
        "import sys; from nhacviec.runtime import ready_engine; from storage.engine import schema_is_current; "
        f"e = ready_engine({url!r}); print(schema_is_current(e), 'alembic' in sys.modules)"
    )
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert fresh.stdout.split() == ["True", "True"]  # a new database: migrated by Alembic
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert again.stdout.split() == ["True", "False"]  # at the newest revision: one query, no Alembic
