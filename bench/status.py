"""The officers' view at scale: 1,000 units each responsible for one year of the five sample plans' dated
occurrences, a third of them answered. Time to build the summary, the chart and the spreadsheet.

Run: .venv/bin/python bench/status.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from fleet import build_fleet  # noqa: E402

from bot.charts import status_chart  # noqa: E402
from bot.core.status_view import summary_text  # noqa: E402
from bot.exports import status_workbook  # noqa: E402
from storage.engine import make_engine, session_scope, upgrade  # noqa: E402
from storage.models import OccurrenceRow, StatusReportRow  # noqa: E402
from storage.status import status_summary  # noqa: E402


def seed(engine) -> int:  # type: ignore[no-untyped-def]
    build_fleet(engine, units=1000)
    now = dt.datetime.now(dt.UTC)
    with session_scope(engine) as session:
        occurrences = session.exec(select(OccurrenceRow.id, OccurrenceRow.unit_id)).all()
        choices = ("done", "progress", "blocked")
        reports = [
            {
                "occurrence_id": o,
                "unit_id": u,
                "choice": choices[i % 3],
                "note": "ghi chú" if i % 3 == 2 else None,
                "created_at": now,
            }
            for i, (o, u) in enumerate(occurrences)
            if i % 3 == 0 or i % 7 == 0
        ]
        for start in range(0, len(reports), 5000):
            session.execute(insert(StatusReportRow), reports[start : start + 5000])
    return len(occurrences)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'status.db'}")
        upgrade(engine)
        count = seed(engine)
        import matplotlib.figure  # noqa: F401 - loaded by the first chart of a process, not by every chart

        for year in (2021, 2022, 2023):
            start, cpu = time.perf_counter(), time.process_time()
            with session_scope(engine) as session:
                summary = status_summary(
                    session=session, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), today=dt.date(year, 7, 1)
                )
            text = summary_text(summary, "vi")
            built = time.perf_counter()
            png = status_chart(summary, "vi")
            charted = time.perf_counter()
            xlsx = status_workbook(summary, "vi")
            done = time.perf_counter()
            print(
                f"{year}: {len(summary.rows):,} occurrences of {len(summary.units):,} units "
                f"(of {count:,} stored): summary {built - start:.2f} s ({len(text)} chars), "
                f"chart {charted - built:.2f} s ({len(png) // 1024} KB), spreadsheet {done - charted:.2f} s "
                f"({len(xlsx) // 1024} KB); together {done - start:.2f} s (cpu {time.process_time() - cpu:.2f} s)"
            )
        engine.dispose()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
