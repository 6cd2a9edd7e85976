"""What issue 3 must show, through the real `nhacviec` command on the sample plans."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ALL_TXT, SOC_TRANG

from plans.text import fold


def run(args: list[str], env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nhacviec.cli", *args], capture_output=True, text=True, env=env, check=check
    )


def _env(url: str) -> dict[str, str]:
    return {"DATABASE_URL": url, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}


def _entries(env: dict[str, str]) -> list[dict]:
    out = run(["deadlines", "--json", "--from", "2021-01-01", "--to", "2025-12-31"], env).stdout
    return json.loads(out)


def _has(entries: list[dict], due: str, unit: str | None = None, words: str = "", period: str | None = None) -> list:
    hits = []
    for e in entries:
        if e["due"] != due or (period is not None and e["period"] != period):
            continue
        if unit and not any(fold(unit) in fold(u) for u in e["units"]):
            continue
        if words and fold(words) not in fold(e["task"]):
            continue
        hits.append(e)
    return hits


def check_must_show(entries: list[dict]) -> None:
    st = [e for e in entries if "Sóc Trăng" in e["plan"]]
    assert _has(st, "2023-06-15", period="6 tháng/2023")
    assert _has(st, "2023-12-15", period="năm 2023")
    assert _has(st, "2023-01-31", "đơn vị trực thuộc Sở", "kế hoạch")
    kh_tc_q1 = _has(st, "2023-03-31", "Kế hoạch - Tài chính")
    assert len(kh_tc_q1) == 3
    monthly = [
        e
        for e in st
        if "tin, bài về CCHC đăng website" in e["task"]
        or (
            e["period"]
            and e["period"].startswith("tháng")
            and "TCCB" in " ".join(e["units"])
            and "VP" in " ".join(e["units"])
            and "KH tuyên truyền" in e["task"]
        )
    ]
    months = {e["period"] for e in monthly if e["period"].startswith("tháng")}
    assert months == {f"tháng {m}/2023" for m in range(1, 13)}
    rotation = {"quý I/2023": "TCCB", "quý II/2023": "VP", "quý III/2023": "Thanh tra", "quý IV/2023": "CNTT"}
    for period, unit in rotation.items():
        posts = [e for e in st if e["period"] == period and len(e["units"]) == 1 and unit in e["units"][0]]
        assert posts, period
    gl = [e for e in entries if "Gia Lâm" in e["plan"]]
    assert _has(gl, "2022-03-15", "Giáo dục", "SIPAS")
    assert _has(gl, "2022-07-31", "Giáo dục", "Phản ánh kiến nghị")
    q7 = [e for e in entries if e["plan"] == "259/KH-GDĐT Phòng GDĐT Quận 7"]
    assert _has(q7, "2021-04-13", words="kế hoạch")
    for e in entries:
        assert set(e) == {"due", "task", "units", "plan", "period"}


def test_must_show_on_sqlite(tmp_path: Path) -> None:
    env = _env(f"sqlite:///{tmp_path / 'db.sqlite'}")
    imported = run(["plans", "import", *map(str, ALL_TXT)], env)
    assert imported.stdout.count("✓") == 5
    check_must_show(_entries(env))
    # re-import: nothing duplicated
    run(["plans", "import", *map(str, ALL_TXT)], env)
    entries = _entries(env)
    check_must_show(entries)
    assert len(entries) == len({(e["due"], e["task"], e["period"], e["plan"]) for e in entries})
    tccb = json.loads(
        run(["deadlines", "--json", "--unit", "TCCB", "--from", "2023-07-01", "--to", "2023-07-31"], env).stdout
    )
    assert tccb and all(any("TCCB" in u for u in e["units"]) for e in tccb)


def test_must_show_from_docx_and_pdf(tmp_path: Path, built_docs: dict[str, Path]) -> None:
    env = _env(f"sqlite:///{tmp_path / 'db.sqlite'}")
    others = [p for p in ALL_TXT if p != SOC_TRANG and "259" not in p.name]
    run(["plans", "import", str(built_docs["soctrang.pdf"]), str(built_docs["q7-259.pdf"]), *map(str, others)], env)
    check_must_show(_entries(env))


def test_must_show_on_postgres(postgres_schema: tuple[str, str]) -> None:
    url, schema = postgres_schema
    sep = "&" if "?" in url else "?"
    env = _env(f"{url}{sep}options=-csearch_path%3D{schema}")
    run(["plans", "import", *map(str, ALL_TXT)], env)
    check_must_show(_entries(env))


def test_plans_show_and_list(tmp_path: Path) -> None:
    env = _env(f"sqlite:///{tmp_path / 'db.sqlite'}")
    run(["plans", "import", *map(str, ALL_TXT)], env)
    shown = run(["plans", "show", "259"], env).stdout
    assert "I.2.3.a" in shown and "Tỷ lệ hài lòng chung >= 95%" in shown
    missing = run(["plans", "show", "9999"], env, check=False)
    assert missing.returncode == 1 and "No plan matches" in missing.stderr
    bad_date = run(["deadlines", "--from", "tomorrow"], env, check=False)
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr
