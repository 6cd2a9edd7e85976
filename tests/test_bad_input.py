"""Bad files get one clear line naming the file, a non-zero exit, and change nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Q7_259

from plans import EmptyDocument, NotAPlan, PlanError, UnreadableDocument, UnsupportedFormat, parse_plan


def _encrypted_pdf(path: Path) -> Path:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    enc = pdfencrypt.StandardEncryption("secret", canPrint=0)
    c = canvas.Canvas(str(path), encrypt=enc)
    c.drawString(100, 750, "KE HOACH so 1/KH-GDDT")
    c.save()
    return path


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("missing.txt", None, UnreadableDocument),
        ("old.doc", b"\xd0\xcf\x11\xe0 binary word 97", UnsupportedFormat),
        ("empty.txt", b"", EmptyDocument),
        ("blank.txt", b"   \n\n  ", EmptyDocument),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", UnreadableDocument),
        ("broken.docx", b"PK\x03\x04 not a zip", UnreadableDocument),
        ("letter.txt", "Kính gửi anh Nam,\nHẹn gặp lại vào thứ Hai.\n".encode(), NotAPlan),
        ("notes.csv", b"a,b\n1,2\n", UnsupportedFormat),
    ],
)
def test_bad_files_raise_a_clear_error(tmp_path: Path, name: str, content: bytes | None, error: type) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(error) as info:
        parse_plan(path)
    message = str(info.value)
    assert name in message and "\n" not in message


def test_encrypted_pdf(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match=r"password|encrypted|cannot"):
        parse_plan(_encrypted_pdf(tmp_path / "locked.pdf"))


def test_cli_imports_the_good_files_and_reports_the_bad(tmp_path: Path) -> None:
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "PATH": "/usr/bin:/bin"}
    cli = [sys.executable, "-m", "nhacviec.cli"]
    result = subprocess.run(
        [*cli, "plans", "import", str(bad), str(Q7_259), str(empty)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "old.doc" in result.stderr and "empty.txt" in result.stderr and "Traceback" not in result.stderr
    assert "259/KH-GDĐT" in result.stdout
    listed = subprocess.run([*cli, "plans", "list", "--json"], capture_output=True, text=True, env=env, check=True)
    assert listed.stdout.count('"plan"') == 1
