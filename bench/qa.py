"""Q&A: the public set's score, its misses, warm per-question latency in-process (p50/p95), and the whole
`nhacviec ask --json -` process for the public set (start-up included); then the project's own question set
(tests/fixtures/qa_own.yaml, written from the documents before the engine ran on it) over the samples and
the genre corpus: overall, per kind of question and per format (.txt, .docx, .pdf of the same plans).

Last, the held-out sets (tests/fixtures/qa_holdout*.yaml, on the plans in tests/holdout*/), every plan loaded.

Run: .venv/bin/python bench/qa.py [--misses] [--holdout-misses]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_ask import passes, record  # noqa: E402

from bot.render import answer_text  # noqa: E402
from plans.answer import Engine  # noqa: E402
from storage.engine import make_engine, session_scope  # noqa: E402
from storage.knowledge import load_plans  # noqa: E402

PUBLIC = yaml.safe_load((ROOT / "tests" / "fixtures" / "qa_public.yaml").read_text(encoding="utf-8"))
OWN = ROOT / "tests" / "fixtures" / "qa_own.yaml"


def own_set(show_misses: bool) -> None:
    """The own set, per kind and per format: the same plans read from .txt, .docx and a printed PDF."""
    from collections import Counter

    from docgen import build_docx, build_pdf

    from plans import parse_plan
    from plans.units import make_unit

    if not OWN.exists():
        return
    cases = yaml.safe_load(OWN.read_text(encoding="utf-8"))
    sources = sorted((ROOT / "samples" / "plans").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        formats: dict[str, list[Path]] = {"txt": sources, "docx": [], "pdf": []}
        for path in sources:
            docx = build_docx(path, folder / f"{path.stem}.docx", merge="corpus" in path.parts)
            formats["docx"].append(docx)
            formats["pdf"].append(build_pdf(docx, folder / f"{path.stem}.pdf"))
        for fmt, paths in formats.items():
            plans = [parse_plan(p) for p in paths]
            names = {u: make_unit(u).name for plan in plans for t in plan.tasks for u in (*t.leads, *t.partners)}
            engine = Engine(plans, names)
            right: Counter[str] = Counter()
            total: Counter[str] = Counter()
            misses = []
            timings: list[float] = []
            for case in cases:
                lang = case.get("lang", "vi")
                engine.ask(case["q"], lang=lang)  # warm: the timing below is a second asking
                t = time.perf_counter()
                answer = engine.ask(case["q"], lang=lang)
                timings.append((time.perf_counter() - t) * 1000)
                ok = passes(case, record(answer, lang))
                kind = case.get("kind", "?")
                total[kind] += 1
                right[kind] += ok
                if not ok:
                    misses.append(f"{kind}: {case['q']}")
            score = sum(right.values()) / len(cases)
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(
                f"own set, {fmt}: {sum(right.values())}/{len(cases)} = {score:.0%} "
                f"(all {len(plans)} plans loaded: warm p50 {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms)"
            )
            if fmt == "txt":
                for kind in sorted(total):
                    print(f"  {kind:16} {right[kind]:3}/{total[kind]:<3} = {right[kind] / total[kind]:.0%}")
            else:  # the same plans as Word and as PDF: each kind, on one line
                print("  " + ", ".join(f"{kind} {right[kind]}/{total[kind]}" for kind in sorted(total)))
            if show_misses:
                for miss in misses:
                    print(f"  miss {miss}")


HELD_OUT = tuple((f"qa_holdout{n}.yaml", f"holdout{n}") for n in ("", "2", "3", "4", "5", "6", "7"))


def held_out_set(show_misses: bool) -> None:
    """The held-out sets (tests/fixtures/qa_holdout*.yaml, on the plans of tests/holdout*/), written by people
    who had not read the engine, asked with every plan loaded. They measure how answers hold on plans and
    questions the engine was not built on; they are not tuned to (misses print only on request)."""
    from collections import Counter

    from plans import parse_plan
    from plans.units import make_unit

    folders = ["samples/plans", "tests/corpus", *(f"tests/{folder}" for _, folder in HELD_OUT)]
    sources = [path for folder in folders for ext in ("*.txt", "*.docx") for path in sorted((ROOT / folder).glob(ext))]
    plans = [parse_plan(p) for p in sources]
    names = {u: make_unit(u).name for plan in plans for t in plan.tasks for u in (*t.leads, *t.partners)}
    engine = Engine(plans, names)
    for name, _folder in HELD_OUT:
        path = ROOT / "tests" / "fixtures" / name
        if not path.exists():
            continue
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        right: Counter[str] = Counter()
        total: Counter[str] = Counter()
        misses = []
        for case in cases:
            lang = case.get("lang", "vi")
            ok = passes(case, record(engine.ask(case["q"], lang=lang), lang))
            total[case.get("kind", "?")] += 1
            right[case.get("kind", "?")] += ok
            if not ok:
                misses.append(f"{case.get('kind')}: {case['q']}")
        score = sum(right.values()) / len(cases)
        print(f"held-out {name}, txt, {len(plans)} plans loaded: {sum(right.values())}/{len(cases)} = {score:.0%}")
        print("  " + ", ".join(f"{kind} {right[kind]}/{total[kind]}" for kind in sorted(total)))
        for miss in misses if show_misses else ():
            print(f"  miss {miss}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'qa.db'}"
        env = {**os.environ, "DATABASE_URL": url}
        cli = [sys.executable, "-m", "nhacviec.cli"]
        subprocess.run(
            [*cli, "plans", "import", *map(str, sorted((ROOT / "samples" / "plans").glob("*.txt")))],
            env=env,
            check=True,
            capture_output=True,
        )
        questions = "\n".join(c["q"] for c in PUBLIC) + "\n"
        start = time.perf_counter()
        result = subprocess.run(
            [*cli, "ask", "--json", "-"], input=questions, env=env, capture_output=True, text=True, check=True
        )
        whole = time.perf_counter() - start
        records = [json.loads(line) for line in result.stdout.splitlines()]
        misses = [c["q"] for c, r in zip(PUBLIC, records, strict=True) if not passes(c, r)]
        print(f"public set: {len(PUBLIC) - len(misses)}/{len(PUBLIC)} = {1 - len(misses) / len(PUBLIC):.0%}")
        for q in misses:
            print(f"  miss: {q}")
        print(f"whole process (start, load, {len(PUBLIC)} answers): {whole:.2f} s")

        engine_db = make_engine(url)
        start = time.perf_counter()
        with session_scope(engine_db) as session:
            plans, names = load_plans(session=session)
        engine = Engine(plans, names)
        print(f"index build (load from SQLite + index): {(time.perf_counter() - start) * 1000:.0f} ms")
        for case in PUBLIC:  # warm up
            answer_text(engine.ask(case["q"]), "vi")
        timings = []
        for _ in range(20):
            for case in PUBLIC:
                t = time.perf_counter()
                answer_text(engine.ask(case["q"]), "vi")
                timings.append((time.perf_counter() - t) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"warm per question: p50 {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, max {timings[-1]:.2f} ms "
            f"({len(timings)} answers)"
        )


if __name__ == "__main__":
    main()
    own_set("--misses" in sys.argv)
    held_out_set("--holdout-misses" in sys.argv)
