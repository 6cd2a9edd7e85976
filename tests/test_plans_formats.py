"""The same plans from Word (appendix as a Word table, rows split or merged) and from printed PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Q7_259, SOC_TRANG

from plans import Plan, parse_plan, plan_occurrences
from plans.units import unit_key


def occurrences(plan: Plan) -> set[tuple[str, str, str | None]]:
    return {(o.due.isoformat(), unit_key(o.unit), o.period) for o in plan_occurrences(plan)}


@pytest.mark.parametrize("name", ["soctrang.docx", "soctrang-merged.docx", "soctrang.pdf"])
def test_soc_trang_other_formats_give_the_same_deadlines(
    built_docs: dict[str, Path], name: str, sample_plans: dict[str, Plan]
) -> None:
    reference = sample_plans[SOC_TRANG.name]
    plan = parse_plan(built_docs[name])
    assert plan.meta.reference == reference.meta.reference
    assert plan.meta.year == 2023 and plan.meta.signer == "Châu Tuấn Hồng"
    assert occurrences(plan) == occurrences(reference)
    assert {t.clause for t in plan.tasks} == {t.clause for t in reference.tasks}
    assert {(t.clause, t.value) for t in plan.targets} == {(t.clause, t.value) for t in reference.targets}
    titles = {t.clause: t.title for t in plan.tasks}
    assert titles["PL.13"].endswith("Bộ, ngành Trung ương (nếu có)")


def test_quan7_from_pdf(built_docs: dict[str, Path], sample_plans: dict[str, Plan]) -> None:
    reference = sample_plans[Q7_259.name]
    plan = parse_plan(built_docs["q7-259.pdf"])
    assert plan.meta.reference == "259/KH-GDĐT Phòng GDĐT Quận 7"
    assert occurrences(plan) == occurrences(reference)
    assert {(t.clause, t.comparator, t.value) for t in plan.targets} == {
        (t.clause, t.comparator, t.value) for t in reference.targets
    }
    paths = {c.path for c in plan.clauses}
    assert {"I.2.3.a", "II.9.4", "IV.4.3"} <= paths
    clause = next(c for c in plan.clauses if c.path == "I.2.2.a")
    assert clause.text.endswith("Từ 23% trở lên.")  # wrapped PDF lines joined into one paragraph
