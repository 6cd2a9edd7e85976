"""The reader on the genre corpus (tests/corpus): occurrences found and wrong, per plan and per format.

Each plan's answer key was written from the document before the reader ran on it. Prints recall and
precision of occurrences (due date and unit), names right, units, undated duties, targets and metadata,
for the .txt and for the .docx and .pdf built from it the way offices have them.

    python bench/genre.py [--format txt,docx,pdf] [--plan NAME] [--misses]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from docgen import build_docx, build_pdf  # noqa: E402
from genre import CORPUS, keys, load_key, score  # noqa: E402

from plans import parse_plan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", default="txt,docx,pdf")
    parser.add_argument("--plan", default="")
    parser.add_argument("--misses", action="store_true", help="list missing, wrong and misnamed occurrences")
    args = parser.parse_args()
    formats = args.format.split(",")
    scratch = tempfile.TemporaryDirectory(prefix="genre-")  # removed when the bench ends
    folder = Path(scratch.name)
    totals = {f: [0, 0, 0, 0] for f in formats}  # expected, found, extra, named
    print(f"{'plan':44} {'fmt':4} {'occ':>4} {'found':>5} {'extra':>5} {'recall':>7} {'prec':>6} {'named':>6}  other")
    for key_path in keys():
        key = load_key(key_path)
        if args.plan and args.plan not in key["file"]:
            continue
        txt = CORPUS / key["file"]
        paths = {"txt": txt}
        if "docx" in formats or "pdf" in formats:
            paths["docx"] = build_docx(txt, folder / (txt.stem + ".docx"), merge=True)
        if "pdf" in formats:
            paths["pdf"] = build_pdf(paths["docx"], folder / (txt.stem + ".pdf"))
        for fmt in formats:
            started = time.perf_counter()
            try:
                plan = parse_plan(paths[fmt])
            except Exception as exc:  # a reader failure is a result here, not a crash of the bench
                print(f"{key['file'][:44]:44} {fmt:4} FAILED: {exc}")
                totals[fmt][0] += len(key.get("occurrences") or [])
                continue
            s = score(plan, key)
            t = totals[fmt]
            t[0] += s.expected
            t[1] += s.found
            t[2] += s.extra
            t[3] += s.named
            other = (
                f"undated {s.undated_found}/{s.undated_expected} targets {s.targets_found}/{s.targets_expected} "
                f"meta {len(s.meta_errors)} units {len(s.unit_errors)} {time.perf_counter() - started:.2f}s"
            )
            print(
                f"{key['file'][:44]:44} {fmt:4} {s.expected:4} {s.found:5} {s.extra:5} {s.recall:7.1%} "
                f"{s.precision:6.1%} {s.named:6}  {other}"
            )
            if args.misses:
                for label, items in (
                    ("missing", s.missing),
                    ("wrong", s.wrong),
                    ("misnamed", s.misnamed),
                    ("meta", s.meta_errors),
                    ("units", s.unit_errors),
                ):
                    for item in items:
                        print(f"      {label}: {item}")
    print()
    for fmt, (expected, found, extra, named) in totals.items():
        recall = found / expected if expected else 1
        precision = found / (found + extra) if found + extra else 1
        print(
            f"{fmt:4} occurrences {expected}: recall {recall:.1%}, precision {precision:.1%}, "
            f"names right {named}/{found}"
        )


if __name__ == "__main__":
    main()
