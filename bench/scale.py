"""Scale, side by side in one run: the answer engine at 5, 50 and 500 plans (beside bm25s on the same terms),
the officers' summary + chart + spreadsheet at 2k / 11k / 58k occurrences, cold start-up of `--help` and
`ask` (with what `-X importtime` says was loaded), and the peak memory of `nhacviec run` with Telegram
against the fake Bot API server (beside what aiogram itself costs).

Run: .venv/bin/python bench/scale.py [--skip ask,status,startup,memory]

The 50 and 500 plans are the five sample plans and copies of them under other numbers and years (each copy
a plan of its own: its own passages, re-tokenised). Timings on a shared machine move with its load: the
bench prints the load average beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import yaml  # noqa: E402

from plans import Plan, parse_plan  # noqa: E402

SAMPLES = sorted((ROOT / "samples" / "plans").glob("*.txt"))
PUBLIC = yaml.safe_load((ROOT / "tests" / "fixtures" / "qa_public.yaml").read_text(encoding="utf-8"))
CLI = [sys.executable, "-m", "nhacviec.cli"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


# -- the answer engine at scale ----------------------------------------------------------------------------
def copies(samples: list[Plan], n: int) -> list[Plan]:
    """The samples, then copies of them as other plans: another number, the year moved on."""
    out = list(samples)
    k = 0
    while len(out) < n:
        k += 1
        for s in samples:
            if len(out) >= n:
                break
            year = s.meta.year + k
            meta = dataclasses.replace(s.meta, number=f"{1000 + k}/{s.meta.symbol or 'KH'}", year=year)
            clauses = tuple(dataclasses.replace(c, text=c.text.replace(str(s.meta.year), str(year))) for c in s.clauses)
            out.append(dataclasses.replace(s, meta=meta, clauses=clauses, content_hash=f"{s.content_hash}-{k}"))
    return out


def bench_ask(sizes: list[int]) -> None:
    import bm25s
    import numpy as np

    from bot.render import answer_text
    from plans import search
    from plans.answer import _ASKING, Engine, question_kind
    from plans.search import normalize_query, terms, tokens, tokens_many
    from storage.index_cache import DirectoryStore

    samples = [parse_plan(p) for p in SAMPLES]
    print(f"== ask: {len(PUBLIC)} public questions, warm, in process ({load()})")
    print(
        f"{'plans':>6} {'passages':>9} {'cold (cpu)':>15} {'warm':>6} {'+1 plan':>8} {'ask p50':>8}"
        f" {'ask p95':>8} | {'bm25s build':>11} {'p50':>7} {'p95':>7}"
    )
    for n in sizes:
        plans = copies(samples, n)
        with tempfile.TemporaryDirectory() as folder:
            search.use_store(DirectoryStore(Path(folder)))
            search.clear_cache()
            search._tokens.cache_clear()
            start, cpu = time.perf_counter(), time.process_time()
            Engine(plans[:-1])  # every plan read (and its piece written to the store)
            cold, cold_cpu = time.perf_counter() - start, time.process_time() - cpu
            search.clear_cache()  # a new process: the pieces are on disk only
            start = time.perf_counter()
            Engine(plans[:-1])
            from_disk = time.perf_counter() - start
            start = time.perf_counter()
            engine = Engine(plans)  # one plan imported: only it is read, the index is reassembled
            incremental = time.perf_counter() - start
            search.use_store(None)
        for case in PUBLIC:
            answer_text(engine.ask(case["q"]), "vi")
        timings = []
        for _ in range(max(1, 600 // len(PUBLIC) // max(1, n // 50))):
            for case in PUBLIC:
                t = time.perf_counter()
                answer_text(engine.ask(case["q"]), "vi")
                timings.append((time.perf_counter() - t) * 1000)

        # bm25s over each passage's own terms, queried with the engine's terms for each question
        texts = engine.index.texts
        corpus = [terms(words) for words in tokens_many(texts)]
        start = time.perf_counter()
        retriever = bm25s.BM25(k1=1.2, b=0.6)
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in corpus]
        retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
        bm_build = time.perf_counter() - start
        queries = []
        for case in PUBLIC:
            q = normalize_query(case["q"])
            subject = _ASKING.sub(" ", q) if question_kind(q) in ("unit", "date", "figure") else q
            queries.append([vocab[t] for t in terms(tokens(subject, normalized=True)) if t in vocab])
        bm_times = []
        for _ in range(5):
            for query in queries:
                t = time.perf_counter()
                if query:
                    scores = retriever.get_scores(query)
                    top = np.argpartition(-scores, min(30, len(scores) - 1))[:30]
                    top[np.argsort(-scores[top])]
                bm_times.append((time.perf_counter() - t) * 1000)
        p50 = statistics.median(timings)
        print(
            f"{n:>6} {engine.index.n_passages:>9} {cold:>6.2f}s ({cold_cpu:>5.2f}s) {from_disk:>5.2f}s"
            f" {incremental:>7.2f}s {p50:>6.2f}ms"
            f" {pct(timings, 0.95):>6.2f}ms | {bm_build:>10.2f}s {statistics.median(bm_times):>5.2f}ms"
            f" {pct(bm_times, 0.95):>5.2f}ms"
        )
    print(
        "  cold: every plan read and tokenised (empty store; its CPU seconds beside it: the machine is shared); paid\n"
        "  once per plan by `plans import`, which writes its piece, or by the first start after the reading code\n"
        "  changed. warm: what a new `run`, `chat` or `ask` does: every piece read from the store beside the\n"
        "  database. +1 plan: a process after one more import (only that plan read)"
    )


# -- the officers' export --------------------------------------------------------------------------------
def bench_status() -> None:
    from status import seed

    from bot.charts import status_chart
    from bot.core.status_view import summary_text
    from bot.exports import status_workbook
    from storage.engine import make_engine, session_scope, upgrade
    from storage.status import status_summary

    print(f"\n== officers' summary, chart and spreadsheet: 1,000 units ({load()})")
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'status.db'}")
        upgrade(engine)
        seed(engine)
        import matplotlib.figure  # noqa: F401 - loaded by the first chart: not counted against the first year

        for year in (2021, 2022, 2023):
            start, cpu = time.perf_counter(), time.process_time()
            with session_scope(engine) as session:
                summary = status_summary(
                    session=session, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), today=dt.date(year, 7, 1)
                )
            summary_text(summary, "vi")
            built = time.perf_counter()
            status_chart(summary, "vi")
            charted = time.perf_counter()
            xlsx = status_workbook(summary, "vi")
            done = time.perf_counter()
            print(
                f"{len(summary.rows):>7,} occurrences: summary {built - start:.2f} s, chart {charted - built:.2f} s, "
                f"spreadsheet {done - charted:.2f} s ({len(xlsx) // 1024} KB); together {done - start:.2f} s "
                f"(cpu {time.process_time() - cpu:.2f} s)"
            )
        engine.dispose()


# -- start-up --------------------------------------------------------------------------------------------
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "matplotlib", "openpyxl", "aiogram", "numpy", "pydantic_settings")


def _timed(args: list[str], env: dict[str, str], runs: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def _imports(args: list[str], env: dict[str, str]) -> tuple[float, list[str], list[tuple[str, float]]]:
    """Total import time, which heavy packages were loaded, and the slowest top-level imports (ms)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *args[1:]], env=env, check=True, capture_output=True, text=True
    )
    top: list[tuple[str, float]] = []
    loaded = set()
    for line in result.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        name = m.group(3)
        loaded.add(name)
        if len(m.group(2)) == 1:  # top level
            top.append((name, int(m.group(1)) / 1000))
    total = sum(ms for _, ms in top)
    return total, [h for h in HEAVY if h in loaded], sorted(top, key=lambda x: -x[1])[:5]


def bench_startup() -> None:
    print(f"\n== start-up, cold process ({load()})")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(folder) / 'db.sqlite'}"}
        subprocess.run([*CLI, "plans", "import", *map(str, SAMPLES)], env=env, check=True, capture_output=True)
        base = _timed([sys.executable, "-c", "pass"], env)
        print(f"python itself: min {base[0]:.2f} s, median {base[1]:.2f} s")
        for label, args in (
            ("--help", [*CLI, "--help"]),
            ("ask", [*CLI, "ask", "--json", "ty le hai long chung nam 2021"]),
            ("deadlines", [*CLI, "deadlines", "--json", "--from", "2023-01-01", "--to", "2023-03-31"]),
        ):
            best, median = _timed(args, env)
            total, heavy, top = _imports(args, env)
            slowest = ", ".join(f"{name} {ms:.0f}" for name, ms in top)
            print(
                f"{label:>10}: min {best:.2f} s, median {median:.2f} s; imports {total:.0f} ms "
                f"(heavy: {', '.join(heavy) or 'none'}; slowest ms: {slowest})"
            )


# -- memory of `nhacviec run` ----------------------------------------------------------------------------
def _peak_rss_mb(args: list[str], env: dict[str, str], until: float, done: Callable[[], bool] | None = None) -> float:
    """The process's peak resident memory (VmHWM, read just before it is stopped: a child's ru_maxrss would
    include the memory of this bench, copied at fork)."""
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(until)
    deadline = time.monotonic() + 40
    while done is not None and not done() and time.monotonic() < deadline:
        time.sleep(0.5)
    peak = 0.0
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return peak


def _imported_mb(modules: str, env: dict[str, str]) -> float:
    """Peak resident memory of a Python process that imports `modules` (measured by itself once imported)."""
    code = (f"import {modules}; " if modules else "") + (
        "print(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return int(result.stdout.split()[-1]) / 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_memory() -> None:
    from bot.fakes.telegram import FakeTelegram

    print(f"\n== peak memory of `nhacviec run` with Telegram against the fake server ({load()})")
    fake = FakeTelegram()
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(fake.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    try:
        with tempfile.TemporaryDirectory() as folder:
            env = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{Path(folder) / 'db.sqlite'}",
                "TELEGRAM_BOT_TOKEN": fake.token,
                "TELEGRAM_API_BASE": fake.base_url,
                "WEBHOOK_HOST": "127.0.0.1",
                "WEBHOOK_PORT": str(_free_port()),
            }
            subprocess.run([*CLI, "plans", "import", *map(str, SAMPLES)], env=env, check=True, capture_output=True)
            questions = ["han nop bao cao 6 thang", "Tỷ lệ hài lòng tối thiểu là bao nhiêu?", "/hanchot", "/help"]

            def ask_later() -> None:
                time.sleep(4)
                for i, q in enumerate(questions * 5):
                    loop.call_soon_threadsafe(lambda q=q, i=i: fake.message(user_id=100 + i % 5, text=q))
                    time.sleep(0.1)

            asker = threading.Thread(target=ask_later, daemon=True)
            asker.start()
            run = _peak_rss_mb(
                [*CLI, "run"], env, until=8, done=lambda: len(fake.calls("sendMessage")) >= len(questions) * 5
            )
            asker.join()
            answered = len(fake.calls("sendMessage"))
            python = _imported_mb("", env)
            aiogram = _imported_mb(
                "aiogram, aiogram.types, aiogram.client.session.aiohttp, aiogram.dispatcher.dispatcher", env
            )
            core = _imported_mb("nhacviec.runtime, nhacviec.settings, bot.core, scheduler.service", env)
            core_aiogram = _imported_mb(
                "nhacviec.runtime, nhacviec.settings, bot.core, scheduler.service, bot.channels.telegram", env
            )
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
    print(
        f"nhacviec run (Telegram polling, scheduler, {answered} replies sent): peak {run:.0f} MB; "
        f"bare python {python:.0f} MB; python + aiogram imported {aiogram:.0f} MB "
        f"(aiogram itself {aiogram - python:.0f} MB); nhacviec's modules without the Telegram adapter "
        f"{core:.0f} MB, with it {core_aiogram:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip", default="", help="comma-separated: ask,status,startup,memory")
    parser.add_argument("--plans", default="5,50,500", help="plan counts for the ask bench")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    if "ask" not in skip:
        bench_ask([int(n) for n in args.plans.split(",")])
    if "status" not in skip:
        bench_status()
    if "startup" not in skip:
        bench_startup()
    if "memory" not in skip:
        bench_memory()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
