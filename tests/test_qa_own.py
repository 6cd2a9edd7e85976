"""The project's own question set (tests/fixtures/qa_own.yaml: 389 questions over the samples and the genre
corpus, written from the documents before the engine ran on them) and the held-out set (qa_holdout.yaml, on
four plans the engine was not built on). Both are short of the 95% goal (bench/qa.py prints them per kind and
format); these floors keep what is reached and, above all, keep "the plans do not say" honest: no invented
figure for what the plans do not answer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_ask import passes, record

from bot.render import answer_text
from plans import parse_plan
from plans.answer import Engine
from plans.units import make_unit

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "qa_own.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    sources = sorted((ROOT / "samples" / "plans").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    plans = [parse_plan(p) for p in sources]
    names = {u: make_unit(u).name for plan in plans for t in plan.tasks for u in (*t.leads, *t.partners)}
    return Engine(plans, names)


@pytest.fixture(scope="module")
def every_plan() -> Engine:
    """Every plan of the project loaded at once: the samples, the corpus and the held-out plans."""
    folders = ["samples/plans", "tests/corpus", *(f"tests/holdout{n}" for n in ("", "2", "3", "4", "5", "6", "7"))]
    plans = [
        parse_plan(p) for folder in folders for ext in ("*.txt", "*.docx") for p in sorted((ROOT / folder).glob(ext))
    ]
    names = {u: make_unit(u).name for plan in plans for t in plan.tasks for u in (*t.leads, *t.partners)}
    return Engine(plans, names)


@pytest.mark.parametrize(
    ("name", "floor", "refused"),
    [
        ("qa_holdout.yaml", 0.88, 0.85),
        ("qa_holdout2.yaml", 0.83, 0.85),
        ("qa_holdout3.yaml", 0.83, 0.85),
        ("qa_holdout4.yaml", 0.80, 0.85),
        ("qa_holdout5.yaml", 0.74, 0.85),
        # first scored at 48% with 35 of 45 refused, before any of its misses was looked at
        ("qa_holdout6.yaml", 0.66, 0.78),
        # the newest set: first scored at 63% with 36 of 45 refused, before any of its misses was looked at
        ("qa_holdout7.yaml", 0.73, 0.75),
    ],
)
def test_held_out_set_floors(every_plan: Engine, name: str, floor: float, refused: float) -> None:
    """The held-out sets, written without the engine's code on plans it was not built on, every plan loaded:
    a floor on what holds, and above all no figure for what the plans do not say."""
    engine = every_plan
    cases = yaml.safe_load((ROOT / "tests" / "fixtures" / name).read_text(encoding="utf-8"))
    results = [(c, passes(c, record(engine.ask(c["q"], lang=c.get("lang", "vi")), c.get("lang", "vi")))) for c in cases]
    assert sum(ok for _, ok in results) / len(results) >= floor
    refusals = [ok for c, ok in results if c.get("found") is False]
    assert sum(refusals) / len(refusals) >= refused, "a question the plans do not answer got a figure"


def test_the_set_is_the_size_and_mix_the_issue_asks(engine: Engine) -> None:
    plain = sum(1 for c in CASES if c["q"] == c["q"].encode("ascii", "ignore").decode())
    assert len(CASES) >= 150 and plain / len(CASES) >= 1 / 3
    assert sum(1 for c in CASES if c.get("found") is False) / len(CASES) >= 1 / 5


def test_own_set_floors(engine: Engine) -> None:
    results = [(c, passes(c, record(engine.ask(c["q"], lang=c.get("lang", "vi")), c.get("lang", "vi")))) for c in CASES]
    score = sum(ok for _, ok in results) / len(results)
    refusals = [ok for c, ok in results if c.get("found") is False]
    assert score >= 0.96, f"own set {score:.0%}"
    assert sum(refusals) / len(refusals) >= 0.95, "a question the plans do not answer got a figure"


def test_plans_that_differ_are_asked_back_and_a_named_plan_decides(engine: Engine) -> None:
    """Several plans set a 6-month report on different days: with nothing in the question to pick one, the
    answer says they differ and asks which plan; naming the place answers from that plan alone."""
    open_question = engine.ask("Báo cáo 6 tháng về CCHC nộp chậm nhất ngày nào?")
    assert open_question.found and open_question.disagree
    assert len({f.plan for f in open_question.facts}) > 1
    assert answer_text(open_question, "vi").startswith("Các kế hoạch đã nạp nói khác nhau")
    named = engine.ask("Báo cáo 6 tháng về CCHC của Sở GDĐT Sóc Trăng nộp chậm nhất ngày nào?")
    assert named.found and not named.disagree
    assert {f.plan for f in named.facts} == {"KH (chưa số) Sở GDĐT Sóc Trăng, 12/2022"}
    assert "15/06/2023" in answer_text(named, "vi")


def test_a_plan_chosen_after_the_ask_back_answers_alone(engine: Engine) -> None:
    """The asker picks one of the plans the ask-back offered: the same question, narrowed to that plan."""
    open_question = engine.ask("Báo cáo 6 tháng về CCHC nộp chậm nhất ngày nào?")
    for offered in {f.plan for f in open_question.facts}:
        chosen = engine.ask("Báo cáo 6 tháng về CCHC nộp chậm nhất ngày nào?", plan=offered)
        assert chosen.found and not chosen.disagree
        assert {f.plan for f in chosen.facts} == {offered}
    unknown = engine.ask("Báo cáo 6 tháng về CCHC nộp chậm nhất ngày nào?", plan="KH 999/KH-XYZ")
    assert unknown.disagree  # a reference no plan has narrows nothing
