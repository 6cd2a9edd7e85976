"""Answers from the plans: the public question set through `nhacviec ask --json -`, the same questions
typed without diacritics and with abbreviations, the found / not-found boundary, and English."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ALL_TXT, ROOT

from bot.render import answer_text
from plans import Plan
from plans.answer import Answer, Engine
from plans.text import fold, strip_marks
from plans.units import make_unit

PUBLIC = yaml.safe_load((ROOT / "tests" / "fixtures" / "qa_public.yaml").read_text(encoding="utf-8"))
EXTRA = yaml.safe_load((ROOT / "tests" / "fixtures" / "qa_extra.yaml").read_text(encoding="utf-8"))
ABBREVIATE = [
    ("thủ tục hành chính", "TTHC"),
    ("cải cách hành chính", "CCHC"),
    ("Quận 7", "Q7"),
    ("quý I", "quý 1"),
    ("Phòng Giáo dục và Đào tạo", "Phòng GD&ĐT"),
    ("Phòng GDĐT", "Phòng GD&ĐT"),
    ("văn bản QPPL", "VB QPPL"),
    ("Sở GDĐT", "SGDĐT"),
]


def passes(case: dict, record: dict) -> bool:
    """The rule at the top of qa_public.yaml."""
    if case.get("found") is False:
        return not record["found"] and not any(ch.isdigit() for ch in record["answer"])
    if not record["found"]:
        return False
    answer = fold(record["answer"])
    if not all(any(fold(alt) in answer for alt in group) for group in case["expect"]):
        return False
    if "plan" in case:
        return bool(record["citations"]) and fold(case["plan"]) in fold(record["citations"][0]["plan"])
    return True


@pytest.fixture(scope="module")
def engine(sample_plans: dict[str, Plan]) -> Engine:
    names = {}
    for plan in sample_plans.values():
        for task in plan.tasks:
            for unit in (*task.leads, *task.partners):
                names[unit] = make_unit(unit).name
    return Engine(list(sample_plans.values()), names)


def record(answer: Answer, locale: str = "vi") -> dict:
    return {
        "found": answer.found,
        "answer": answer_text(answer, locale),
        "citations": [{"plan": f.plan, "section": f.section, "quote": f.quote} for f in answer.facts],
    }


@pytest.fixture(scope="module")
def db_with_samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('ask') / 'db.sqlite'}",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    subprocess.run(
        [sys.executable, "-m", "nhacviec.cli", "plans", "import", *map(str, ALL_TXT)],
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def test_public_set_through_the_command(db_with_samples: dict[str, str]) -> None:
    questions = "\n".join(case["q"] for case in PUBLIC) + "\n"
    result = subprocess.run(
        [sys.executable, "-m", "nhacviec.cli", "ask", "--json", "-"],
        input=questions,
        capture_output=True,
        text=True,
        env=db_with_samples,
        check=True,
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in records] == [c["q"] for c in PUBLIC]
    for r in records:
        assert set(r) == {"question", "found", "answer", "citations"}
        for c in r["citations"]:
            assert set(c) == {"plan", "section", "quote"} and c["quote"]
    score = sum(passes(c, r) for c, r in zip(PUBLIC, records, strict=True)) / len(PUBLIC)
    assert score >= 0.95, [c["q"] for c, r in zip(PUBLIC, records, strict=True) if not passes(c, r)]


def test_single_question_and_bad_input(db_with_samples: dict[str, str]) -> None:
    cli = [sys.executable, "-m", "nhacviec.cli", "ask"]
    one = subprocess.run(
        [*cli, "ai ký kế hoạch SIPAS?"], capture_output=True, text=True, env=db_with_samples, check=True
    )
    assert "Hoàng Việt Cường" in one.stdout
    bad = subprocess.run([*cli, "--lang", "fr", "x"], capture_output=True, text=True, env=db_with_samples, check=False)
    assert bad.returncode == 2 and "vi or en" in bad.stderr


@pytest.mark.parametrize("case", PUBLIC + EXTRA, ids=lambda c: c["q"][:40])
def test_questions_in_process(engine: Engine, case: dict) -> None:
    assert passes(case, record(engine.ask(case["q"])))


@pytest.mark.parametrize("case", PUBLIC, ids=lambda c: c["q"][:40])
def test_without_diacritics(engine: Engine, case: dict) -> None:
    plain = strip_marks(case["q"])
    assert passes(case, record(engine.ask(plain))), plain


@pytest.mark.parametrize("case", PUBLIC, ids=lambda c: c["q"][:40])
def test_with_abbreviations(engine: Engine, case: dict) -> None:
    q = case["q"]
    for long, short in ABBREVIATE:
        q = q.replace(long, short)
    assert passes(case, record(engine.ask(q))), q
    assert passes(case, record(engine.ask(strip_marks(q).lower()))), q


def test_one_letter_typos(engine: Engine) -> None:
    assert passes({"expect": [["95%"]]}, record(engine.ask("ty le hai lonf chung nam 2021")))
    assert passes(
        {"expect": [["98%"]], "plan": "259"},
        record(engine.ask("Tỷ lệ giải quyết hồ sơ TTHC đúng hạn năm 2021 của Phòng GDĐT Quận 7")),
    )


@pytest.mark.parametrize(
    "question",
    [
        "Ai là hiệu trưởng trường THCS Nguyễn Du?",
        "Lịch thi tuyển sinh lớp 10 năm 2025?",
        "Học phí tháng này?",
        "Mấy giờ họp hội đồng sư phạm?",
        "Năm nay có được tăng lương không?",
        "gia xang hom nay",
        "Trường nào đạt chuẩn quốc gia?",
        "Bao giờ được nghỉ hè?",
    ],
)
def test_not_in_the_plans(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.found and not answer.facts
    text = answer_text(answer, "vi")
    assert "không nói" in text and not any(ch.isdigit() for ch in text)


def test_several_plans_say_which_says_what(engine: Engine) -> None:
    answer = engine.ask("ty le hai long chung nam 2021")
    assert {f.plan for f in answer.facts} == {"259/KH-GDĐT Phòng GDĐT Quận 7", "1081/KH-UBND UBND Quận 7"}
    text = answer_text(answer, "vi")
    assert text.count("Theo ") == 2 and "từ 95% trở lên" in text


def test_answers_in_english(engine: Engine) -> None:
    answer = engine.ask("Báo cáo 6 tháng về CCHC nộp chậm nhất ngày nào?")
    text = answer_text(answer, "en")
    assert text.startswith("According to KH (chưa số) Sở GDĐT Sóc Trăng, 12/2022 (section IV.1): due 15/06/2023")
    figure = answer_text(engine.ask("Tỷ lệ giải quyết hồ sơ TTHC đúng hạn năm 2021 của Phòng GDĐT Quận 7?"), "en")
    assert "from 98% upwards" in figure
    unit = answer_text(engine.ask("Quý 1 ai phụ trách gửi tin bài lên chuyên trang CCHC tỉnh?"), "en")
    assert "responsible: Phòng Tổ chức cán bộ (TCCB)" in unit
    missing = answer_text(engine.ask("Lịch thi tuyển sinh lớp 10 năm 2025?"), "en")
    assert missing.startswith("The imported plans do not say this")


def test_catalogues_are_compiled() -> None:
    for lang in ("vi", "en"):
        po = ROOT / "locales" / lang / "LC_MESSAGES" / "nhacviec.po"
        mo = po.with_suffix(".mo")
        assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime - 1, lang
    assert Path(ROOT / "locales" / "nhacviec.pot").exists()


def test_prefer_units_puts_the_asking_units_facts_first() -> None:
    from plans.answer import Answer, Fact, prefer_units

    first = Fact(plan="A", section="1", quote="Phòng Quận 7 gửi báo cáo", units=("Phòng GDĐT Quận 7",))
    second = Fact(plan="B", section="2", quote="Văn phòng gửi báo cáo", units=("Văn phòng (VP)",))
    answer = Answer(question="ai gui bao cao", found=True, kind="unit", facts=(first, second))
    assert prefer_units(answer, {"Văn phòng (VP)", "VP"}).facts == (second, first)
    assert prefer_units(answer, {"Thanh tra"}).facts == (first, second)
    assert prefer_units(answer, set()) is answer
