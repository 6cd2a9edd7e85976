"""Self-check of a held-out answer key against its plan texts (not the engine).

Run: python tests/check_holdout_keys.py holdout6  (the folder under tests/; its key is fixtures/qa_<folder>.yaml)
"""

import collections
import re
import sys
import unicodedata
from pathlib import Path

import yaml
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph


def docx_text(path):
    d = Document(path)
    out = []
    for el in d.element.body.iterchildren():
        if el.tag.endswith("}p"):
            out.append(Paragraph(el, d).text)
        elif el.tag.endswith("}tbl"):
            for row in Table(el, d).rows:
                seen, cells = set(), []
                for c in row.cells:  # a merged cell is listed once per grid column: keep it once
                    if id(c._tc) in seen:
                        continue
                    seen.add(id(c._tc))
                    cells.append(c.text)
                out.append(" | ".join(cells))
    return "\n".join(out)


root = Path(__file__).resolve().parent / (sys.argv[1] if len(sys.argv) > 1 else "holdout6")


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.casefold()


texts = {}
for f in root.iterdir():
    if f.suffix == ".txt":
        texts[f.name] = f.read_text(encoding="utf-8")
    elif f.suffix == ".docx":
        texts[f.name] = docx_text(f)
ft = {k: fold(v) for k, v in texts.items()}
cases = yaml.safe_load(open(root.parent / "fixtures" / f"qa_{root.name}.yaml", encoding="utf-8"))
kinds = collections.Counter(c["kind"] for c in cases)
errs = 0
soft = []


def has_diac(q):
    return fold(q) != q.casefold()


nodiac = 0
notsaid = 0
en = 0
for c in cases:
    q = c["q"]
    allowed = {"q", "expect", "plan", "kind", "found", "lang"}
    assert set(c) <= allowed, c
    if c.get("lang") == "en":
        en += 1
    elif not has_diac(q):
        nodiac += 1
    if c.get("found") is False:
        notsaid += 1
        assert "expect" not in c and c["kind"] == "not-said", c
        continue
    if c["kind"] == "smalltalk":
        continue
    plan = c["plan"]
    files = [k for k, v in ft.items() if fold(plan) in v and re.search(r"so:\s*" + re.escape(fold(plan)), v)]
    if len(files) != 1:
        print("PLAN?", plan, files, q)
        errs += 1
        continue
    t = ft[files[0]]
    for g in c["expect"]:
        hits = [a for a in g if fold(a) in t]
        if not hits:
            print("MISS", files[0][:12], q, g)
            errs += 1
        for a in g:
            if a not in hits:
                soft.append((q, a))
print("cases", len(cases))
print(dict(sorted(kinds.items())))
vi = len(cases) - en
print(
    "no-diacritic (of all)",
    nodiac,
    round(nodiac / len(cases), 3),
    " not-said",
    notsaid,
    round(notsaid / len(cases), 3),
    " en",
    en,
)
print("errors", errs)
print("alternatives not in text (should be only padded dates / English numbers):")
for q, a in soft:
    print("   ", a, "|", q[:60])
per = collections.Counter()
for c in cases:
    per[c.get("plan", "-")] += 1
print(per)
needed = {
    "figure",
    "deadline",
    "unit",
    "recipient",
    "contact",
    "document-number",
    "count",
    "list",
    "signer",
    "yes-no",
    "period",
    "not-said",
    "smalltalk",
    "english",
}
missing = needed - set(kinds)
if missing:
    print("KINDS MISSING", sorted(missing))
    errs += 1
qs = collections.Counter(c["q"] for c in cases)
dups = [q for q, n in qs.items() if n > 1]
if dups:
    print("DUPLICATE QUESTIONS", dups)
    errs += len(dups)
print("result:", "OK" if errs == 0 else f"{errs} error(s)")
raise SystemExit(1 if errs else 0)
