"""Q&A: the public set's score, its misses, warm per-question latency in-process (p50/p95), and the whole
`nhacviec ask --json -` process for the public set (start-up included).

Run: .venv/bin/python bench/qa.py
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

from test_ask import passes  # noqa: E402

from bot.render import answer_text  # noqa: E402
from plans.answer import Engine  # noqa: E402
from storage.engine import make_engine, session_scope  # noqa: E402
from storage.knowledge import load_plans  # noqa: E402

PUBLIC = yaml.safe_load((ROOT / "tests" / "fixtures" / "qa_public.yaml").read_text(encoding="utf-8"))


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
