"""Seconds per plan for each format (.txt, .docx, .pdf), parse only and parse + store (SQLite), over the
sample plans and the genre corpus (tests/corpus); PDF also in seconds per 10 pages.

Run: .venv/bin/python bench/ingest.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from docgen import build_docx, build_pdf  # noqa: E402

from plans import parse_plan  # noqa: E402
from storage.engine import make_engine, session_scope, upgrade  # noqa: E402
from storage.plans import save_plan  # noqa: E402

REPEAT = 5


def timed(fn, repeat: int = REPEAT) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    samples = sorted((ROOT / "samples" / "plans").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files: dict[str, list[Path]] = {"txt": samples, "docx": [], "pdf": []}
        for path in samples:
            docx_path = build_docx(path, folder / f"{path.stem}.docx", merge="corpus" in path.parts)
            files["docx"].append(docx_path)
            files["pdf"].append(build_pdf(docx_path, folder / f"{path.stem}.pdf"))
        engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
        upgrade(engine)
        print(f"{'format':6} {'plan':34} {'parse s':>8} {'parse+store s':>14}")
        for fmt, paths in files.items():
            parse_times, store_times = [], []
            for path in paths:
                parse = timed(lambda p=path: parse_plan(p))

                def store(p: Path = path) -> None:
                    plan = parse_plan(p)
                    with session_scope(engine) as session:
                        save_plan(session=session, plan=plan)

                both = timed(store)
                parse_times.append(parse)
                store_times.append(both)
                print(f"{fmt:6} {path.stem[:34]:34} {parse:8.3f} {both:14.3f}")
            print(
                f"{fmt:6} {'mean per plan':34} {statistics.mean(parse_times):8.3f} {statistics.mean(store_times):14.3f}"
            )
            if fmt == "pdf":
                import pypdfium2 as pdfium

                pages = sum(len(pdfium.PdfDocument(str(p))) for p in paths)
                print(f"{fmt:6} {'parse s per 10 pages':34} {10 * sum(parse_times) / pages:8.3f}  ({pages} pages)")


if __name__ == "__main__":
    main()
