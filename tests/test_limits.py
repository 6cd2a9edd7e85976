"""Bounded input: limits checked before reading (file size, a .docx's inflated XML, a PDF's pages), text
encodings and control characters, one line per failure naming the file, the rest of a batch imported;
chat text bounded before any regex runs."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import Q7_259, SOC_TRANG, _postgres_required, postgres_url

from plans import PlanError, limits, parse_plan

NHACVIEC = Path(sys.executable).with_name("nhacviec")
PARAGRAPH = "<w:p><w:r><w:t>Không quá 15 ngày kể từ ngày ban hành</w:t></w:r></w:p>".encode()


def xml_bomb(path: Path, megabytes: int) -> Path:
    """A .docx of well under 1 MB whose document.xml inflates to `megabytes` MB."""
    chunk = PARAGRAPH * (1024 * 1024 // len(PARAGRAPH))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>'
            )
            for _ in range(megabytes):
                member.write(chunk)
            member.write(b"</w:body></w:document>")
    return path


def long_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for page in range(pages):
        pdf.drawString(72, 720, f"Trang {page + 1}: chi tieu {page}")
        pdf.showPage()
    pdf.save()
    return path


def run_import(paths: list[Path], env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """`nhacviec plans import`; (result, seconds, peak memory of the child in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    result = subprocess.run(
        [str(NHACVIEC), "plans", "import", *map(str, paths)], capture_output=True, text=True, env=env, timeout=300
    )
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return result, seconds, max(peak, before) / 1024


def env_for(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url}


def test_bomb_and_long_pdf_refused_fast_the_rest_imported(tmp_path: Path) -> None:
    bomb = xml_bomb(tmp_path / "bomb.docx", 200)
    pdf = long_pdf(tmp_path / "long.pdf", 300)
    assert bomb.stat().st_size < 1024 * 1024
    result, seconds, peak_mb = run_import([bomb, pdf, SOC_TRANG], env_for(f"sqlite:///{tmp_path / 'db.sqlite'}"))
    print(
        f"bomb (200 MB of XML in {bomb.stat().st_size // 1024} KB) + 300-page PDF + a plan: "
        f"{seconds:.1f} s, peak {peak_mb:.0f} MB"
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert "bomb.docx" in lines[0] and "zip bomb" in lines[0]
    assert "long.pdf" in lines[1] and "300 pages" in lines[1]
    assert "soctrang" in result.stdout and "imported" in result.stdout
    assert seconds < 20 and peak_mb < 400


def test_each_bad_file_says_why_by_name(tmp_path: Path) -> None:
    binary = tmp_path / "anh.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(PlanError, match=r"anh\.txt: a binary file, not text"):
        parse_plan(binary)
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(Q7_259.read_text(encoding="utf-8").encode("utf-16-le"))  # no BOM
    assert parse_plan(utf16).tasks == parse_plan(Q7_259).tasks
    utf16be = tmp_path / "utf16be.txt"
    utf16be.write_bytes(Q7_259.read_text(encoding="utf-8").encode("utf-16-be"))
    assert parse_plan(utf16be).tasks == parse_plan(Q7_259).tasks
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(PlanError, match=r"loop\.txt: symbolic link loop"):
        parse_plan(loop)
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(PlanError, match=r"broken\.txt: broken symbolic link"):
        parse_plan(broken)
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(limits.MAX_FILE_BYTES + 1)
    with pytest.raises(limits.TooLarge, match=r"big\.txt: .* larger than"):
        parse_plan(big)
    renamed = tmp_path / "old.docx"
    renamed.write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    with pytest.raises(PlanError, match=r"old\.docx: not a valid \.docx file"):
        parse_plan(renamed)


def test_control_characters_cleaned() -> None:
    assert limits.clean("a\x00b\x07c\td\ne\x85") == "abc\td\ne"
    text = SOC_TRANG.read_text(encoding="utf-8").replace("Sở Giáo dục", "Sở\x00 Giáo dục", 3)
    assert "\x00" not in limits.decode_text(text.encode(), "x.txt")
    assert limits.chat_text("a" * 1_000_000) == "a" * limits.MAX_CHAT_CHARS


def test_nul_on_postgres_the_rest_of_the_batch_imported(tmp_path: Path) -> None:
    url = postgres_url()
    if not url:
        if _postgres_required():
            pytest.fail("TEST_DATABASE_URL is required in CI")
        pytest.skip("PostgreSQL not configured: set TEST_DATABASE_URL to run this test")
    import uuid

    from sqlalchemy import text

    from storage.engine import make_engine

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        nul = tmp_path / "nul.txt"
        nul.write_bytes(SOC_TRANG.read_bytes().replace("Sở Giáo dục".encode(), "Sở\x00 Giáo dục".encode()))
        binary = tmp_path / "binary.txt"
        binary.write_bytes(bytes(range(256)) * 64)
        pg = f"{url}?options=-csearch_path%3D{schema}"
        result, _, _ = run_import([binary, nul, Q7_259], env_for(pg))
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "binary.txt: a binary file" in result.stderr, result.stderr
        assert result.stdout.count("✓") == 2, result.stdout
        assert "Traceback" not in result.stderr
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_ask_with_a_1_mb_question_answers_fast(tmp_path: Path) -> None:
    env = env_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    subprocess.run([str(NHACVIEC), "plans", "import", str(SOC_TRANG)], env=env, check=True, capture_output=True)
    started = time.monotonic()
    result = subprocess.run(
        [str(NHACVIEC), "ask", "-"], input="x" * 1_000_000 + "\n", env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.strip()
    assert time.monotonic() - started < 15
