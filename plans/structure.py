"""The clause tree: numbering (I., 1., 1.1., a), -) gives every part of a plan a section path.

Paths read as officers cite them: "II.2", "I.2.3.a", "IV.1-2" (second dash item of IV.1), appendix rows
"PL.26". Unnumbered paragraphs belong to the clause above them. The recipients list (Nơi nhận) and the
signature close the body; a task table after them is the appendix (phụ lục).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Clause, Document, Paragraph, Table
from .tables import COLUMN, Row, is_header_row, rota_sentence, table_rows, table_sentences
from .text import fold

_ROMAN = re.compile(r"^(?P<n>[IVX]{1,5})\s*[.)]\s*(?P<rest>.*)$")
# Parts above the Roman level: "PHẦN MỘT", "Phần I", "Chương II", "A. MỤC TIÊU", and a decision's "Điều 1."
_PART = re.compile(
    r"^(?P<kind>PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục)\s+(?P<n>[IVX]{1,5}|\d{1,2}|MỘT|HAI|BA|BỐN|NĂM|SÁU|Một|Hai|Ba|Bốn|Năm|Sáu)"
    r"\b\s*[.:\-–]?\s*(?P<rest>.*)$"
)
_LETTER_PART = re.compile(r"^(?P<n>[A-DĐE-H])\s*[.)]\s+(?P<rest>\S.*)$")
_ARTICLE = re.compile(r"^Điều\s+(?P<n>\d{1,2})\s*[.:]\s*(?P<rest>.*)$")
_SIGNED = re.compile(r"^[(\[]\s*(?:đã ký|Đã ký|ĐÃ KÝ|ký|Ký)[^)\]]*[)\]]\.?$")
_DOTTED = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>.*)$")
_NUMBER = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s+(?P<rest>\S.*)$")
_LETTER = re.compile(r"^(?:[-+•]\s*)?(?P<n>[a-zđ])\)\s*(?P<rest>.*)$")
_BULLET = re.compile(r"^[-+•*]\s*(?P<rest>\S.*)$")
_SIGNER_TITLES = re.compile(
    r"^(?:KT\.?|TM\.?|TL\.?|Q\.)?\s*(?:GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG PHÒNG|PHÓ TRƯỞNG PHÒNG|CHỦ TỊCH|"
    r"PHÓ CHỦ TỊCH|HIỆU TRƯỞNG|PHÓ HIỆU TRƯỞNG|CHÁNH VĂN PHÒNG|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|"
    r"TRƯỞNG BAN|PHÓ TRƯỞNG BAN|THỦ TRƯỞNG)\b"
)
_NAME = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ][\w]*\s?){2,5}$")


_NOT_NAME_WORDS = frozenset("Phòng Sở Ban Tổ Trường Huyện Xã Tỉnh Quận Bộ Ủy Uỷ Lưu Như Các".split())
_NAME_AT_END = re.compile(r"^([-+•].*?[.;,])\s+([A-ZĐ][^\s.,;:]*(?:\s+[A-ZĐ][^\s.,;:]*){1,4})$")


@dataclass
class Structure:
    preamble: list[str] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: str | None = None
    signer_title: str | None = None
    appendices: list[tuple[str, str, list[Row]]] = field(default_factory=list)
    annex_preamble: list[str] = field(default_factory=list)  # a decision's annexed plan: its own title lines
    annex_head: list[str] = field(default_factory=list)  # the annexed plan's header ("Số: 05/KH-VP | …")
    annex_signer: str | None = None  # the annexed plan's own signature, when it has one after the decision's
    annex_signer_title: str | None = None


@dataclass
class _Open:
    path: str
    label: str
    kind: str
    parent: str | None
    texts: list[str]
    position: int
    level: int
    bullets: int = 0


def _signs(text: str) -> bool:
    """A signer's title on a line of its own, in capitals ("KT. GIÁM ĐỐC", "HIỆU TRƯỞNG")."""
    stripped = re.sub(r"\s*[(\[]\s*đã ký\s*[)\]]\s*$", "", text.strip(), flags=re.IGNORECASE)
    return (
        stripped.isupper()
        and len(stripped) < 40
        and bool(_SIGNER_TITLES.match(stripped))
        and not re.match(r"^(?:ỦY|UỶ) BAN NHÂN DÂN\b", stripped)  # the issuer's name in a heading
        and not stripped.endswith((":", "."))
    )


def is_signer_name(text: str) -> bool:
    return bool(_NAME.match(text.strip())) and not text.isupper() and len(text) < 40


class _Builder:
    def __init__(self) -> None:
        self.out = Structure()
        self.stack: list[_Open] = []
        self.done: list[_Open] = []
        self.roman: str | None = None
        self.part: str | None = None
        self.mode = "preamble"  # preamble | body | recipients | signature | appendix
        self.appendix_title: list[str] = []
        self.position = 0
        self.fact_groups = 0  # appendices after the signature that are tables of facts, not task tables
        self.fact_base: str | None = None
        self.fact_rows = 0

    # -- clauses -------------------------------------------------------------------------------
    def open(self, path: str, label: str, kind: str, level: int, text: str) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.done.append(self.stack.pop())
        parent = self.stack[-1].path if self.stack else None
        path = self._unique(path)
        self.position += 1
        self.stack.append(_Open(path, label, kind, parent, [text] if text else [], self.position, level))

    def _unique(self, path: str) -> str:
        taken = {c.path for c in self.done} | {c.path for c in self.stack}
        if path not in taken:
            return path
        n = 2
        while f"{path}#{n}" in taken:
            n += 1
        return f"{path}#{n}"

    def attach(self, text: str) -> None:
        if self.stack:
            self.stack[-1].texts.append(text)
        else:
            self.out.preamble.append(text)

    def paragraph(self, text: str) -> None:
        folded = fold(text)
        if folded.startswith(("noi nhan", "noi gui")):
            self.close_all()
            self.mode = "recipients"
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            if rest:
                self.out.recipients.append(rest.lstrip("- "))
            return
        if self.mode in ("recipients", "signature", "appendix") and (
            folded in ("ke hoach", "phu luc ke hoach") or folded.startswith("(ban hanh kem theo")
        ):
            self.mode = "annex"  # a decision's annex: the plan itself, with its own headings
            self.roman = self.part = None
            self.out.annex_head = self.appendix_title
            self.appendix_title = []
        if self.mode == "annex":
            if not (_ROMAN.match(text) or _PART.match(text) or _LETTER_PART.match(text) or _NUMBER.match(text)):
                self.out.annex_preamble.append(text)
                return
            self.mode = "body"
        if self.mode == "body" and _signs(text):
            # the signature before "Nơi nhận" (the blocks one under the other): "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"
            self.close_all()
            self.mode = "signature"
            self._sign(text.strip())
            return
        if self.mode in ("recipients", "signature", "appendix"):
            self.tail(text)
            return
        if (m := _ARTICLE.match(text)) and self.mode in ("preamble", "body"):
            self.mode = "body"
            self.part = None
            self.roman = f"Điều {m.group('n')}"
            self.open(self.roman, self.roman + ".", "section", 1, m.group("rest"))
            return
        part = _PART.match(text) or _LETTER_PART.match(text)
        if part and part.group("rest") is not None and (self.mode == "body" or _looks_like_heading(part.group("rest"))):
            self.mode = "body"
            label = part.group("n")
            self.part = label
            self.roman = label
            self.open(label, label + ".", "section", 0, part.group("rest"))
            return
        if (m := _ROMAN.match(text)) and m.group("rest"):
            self.mode = "body"
            self.roman = f"{self.part}.{m.group('n')}" if self.part else m.group("n")
            self.open(self.roman, m.group("n") + ".", "section", 1, m.group("rest"))
            return
        if (m := _DOTTED.match(text)) and self.mode == "body":
            number = m.group("n")
            depth = number.count(".") + 2
            path = f"{self.roman}.{number}" if self.roman else number
            self.open(path, number + ".", "item", depth, m.group("rest"))
            return
        if (m := _NUMBER.match(text)) and (self.mode == "body" or self.roman is None):
            self.mode = "body"
            number = m.group("n")
            path = f"{self.roman}.{number}" if self.roman else number
            self.open(path, number + ".", "item", 2, m.group("rest"))
            return
        if self.mode == "preamble":
            self.out.preamble.append(text)
            return
        if (m := _LETTER.match(text)) and self.stack:
            anchor = self._anchor(exclude=("letter", "bullet"))
            self.open(f"{anchor.path}.{m.group('n')}", m.group("n") + ")", "letter", anchor.level + 1, m.group("rest"))
            return
        if (m := _BULLET.match(text)) and self.stack:
            anchor = self._anchor(exclude=("bullet",))
            anchor.bullets += 1
            self.open(f"{anchor.path}-{anchor.bullets}", "-", "bullet", anchor.level + 1, m.group("rest"))
            return
        self.attach(text)

    def _sign(self, title: str) -> None:
        """A signature block's title: the document's, or after it is signed, its annexed plan's own."""
        if self.out.signer is None:
            self.out.signer_title = title
        elif self.out.annex_signer_title is None:
            self.out.annex_signer_title = title

    def _anchor(self, exclude: tuple[str, ...]) -> _Open:
        for item in reversed(self.stack):
            if item.kind not in exclude:
                return item
        return self.stack[0]

    def close_all(self) -> None:
        while self.stack:
            self.done.append(self.stack.pop())

    # -- after the body ------------------------------------------------------------------------
    def tail(self, text: str) -> None:
        stripped = text.strip()
        if _SIGNED.match(stripped):
            return
        ends = _NAME_AT_END.match(stripped)
        if (
            ends
            and self.out.signer is None
            and self.out.signer_title  # the signature's title stood beside the list: its name comes at its end
            and self.mode in ("recipients", "signature")
            and is_signer_name(ends[2])
            and not any(w.isupper() or w in _NOT_NAME_WORDS for w in ends[2].split())
        ):
            # a PDF line that runs the last recipient into the name beside it: "- Lưu: VT. Đinh Thị Hải Yến"
            self.out.recipients.append(ends[1].lstrip("-+• ").rstrip(";."))
            self.out.signer = ends[2]
            self.mode = "appendix"
            return
        if self.mode == "recipients":
            if _SIGNER_TITLES.match(stripped):
                self.mode = "signature"
                self._sign(stripped)
                return
            if stripped.startswith(("-", "+", "•")):
                self.out.recipients.append(stripped.lstrip("-+• ").rstrip(";."))
                return
            if is_signer_name(stripped) and self.out.recipients:
                self.out.signer = stripped
                self.mode = "appendix"
                return
            self.out.recipients.append(stripped.rstrip(";."))
            return
        if _SIGNED.match(stripped):
            return
        if self.mode == "signature" and stripped.startswith(("-", "+", "•")) and self.out.signer is None:
            self.out.recipients.append(stripped.lstrip("-+• ").rstrip(";."))  # the list went on beside the title
            return
        if self.mode == "signature":
            annex = self.out.annex_signer_title is not None
            if _SIGNER_TITLES.match(stripped) or stripped.isupper():
                if annex:
                    self.out.annex_signer_title = f"{self.out.annex_signer_title} {stripped}".strip()
                else:
                    self.out.signer_title = f"{self.out.signer_title} {stripped}".strip()
                return
            if annex and self.out.annex_signer is None and is_signer_name(stripped):
                self.out.annex_signer = stripped
                self.mode = "appendix"
                return
            if self.out.signer is None and is_signer_name(stripped):
                self.out.signer = stripped
                self.mode = "appendix"
                return
        if self.mode == "appendix" and COLUMN in stripped:
            self._fact_row(stripped)  # a table of facts after the signature (a Phụ lục of targets): its rows
            return
        if self.mode == "appendix" and self.fact_base is not None and not self.appendix_title and not _titles(stripped):
            self._fact_row(stripped)  # "Ghi chú: chỉ tiêu số 2 tính theo …" under the table: the table's own
            return
        self.mode = "appendix"
        self.appendix_title.append(stripped)

    def _appendix_base(self) -> str:
        index = len(self.out.appendices) + self.fact_groups + 1
        return "PL" if index == 1 else f"PL{index}"

    def _fact_row(self, text: str) -> None:
        """One row of an appendix's table of facts, under that appendix's title (a new one opens a group)."""
        if self.fact_base is None or self.appendix_title:
            base = self._appendix_base()
            self.fact_groups += 1
            title = " ".join(t for t in self.appendix_title if not fold(t).startswith("(kem theo")) or "Phụ lục"
            self.appendix_title = []
            self.position += 1
            self.done.append(_Open(base, base, "appendix", None, [title], self.position, 1))
            self.fact_base, self.fact_rows = base, 0
        self.fact_rows += 1
        self.position += 1
        path = self._unique(f"{self.fact_base}.{self.fact_rows}")
        self.done.append(_Open(path, f"{self.fact_rows}.", "item", self.fact_base, [text], self.position, 2))

    def table(self, table: Table) -> None:
        rota = rota_sentence(table.rows)
        if rota is not None and not is_header_row(table.rows[0]):
            self.paragraph(rota)  # a duty rota laid out as a table (Word, PDF): the sentence it stands for
            return
        facts = None if is_header_row(table.rows[0]) else table_sentences(table.rows)
        if facts is not None:  # a table of facts, no task list: each row the sentence it stands for
            for row in facts:
                self.paragraph(row)
            return
        self.close_all()
        rows = table_rows(table.rows)
        base = self._appendix_base()
        self.fact_base = None
        title = " ".join(t for t in self.appendix_title if not fold(t).startswith("(kem theo")) or "Phụ lục"
        self.appendix_title = []
        self.out.appendices.append((base, title, rows))
        self.position += 1
        self.done.append(_Open(base, base, "appendix", None, [title], self.position, 1))
        seen: dict[str, int] = {}
        for row in rows:
            number = row.number or str(row.position + 1)
            count = seen.get(number, 0) + 1
            seen[number] = count
            path = f"{base}.{number}" if count == 1 else f"{base}.{number}.{count}"
            if count > 1 and row.task != _task_of(rows, number):
                path = f"{base}.{row.position + 1}"
            path = self._unique(path)
            self.position += 1
            self.done.append(_Open(path, number + ".", "row", base, [_row_text(row)], self.position, 2))

    def finish(self) -> Structure:
        self.close_all()
        self.out.clauses = [
            Clause(
                path=c.path,
                label=c.label,
                kind=c.kind,  # type: ignore[arg-type]
                text="\n".join(c.texts).strip(),
                parent=c.parent,
                position=c.position,
            )
            for c in sorted(self.done, key=lambda c: c.position)
        ]
        return self.out


def _titles(text: str) -> bool:
    """An appendix's heading lines: "PHỤ LỤC II", its title in capitals, "(Kèm theo Kế hoạch số …)"."""
    folded = fold(text)
    return text.isupper() or folded.startswith(("phu luc", "(kem theo", "(ban hanh kem theo"))


def _looks_like_heading(rest: str) -> bool:
    """ "A. MỤC TIÊU" or "Phần I. Nhiệm vụ": a short title, not a sentence of the preamble."""
    return bool(rest) and len(rest) < 120 and not rest.rstrip().endswith((",", ";"))


def _task_of(rows: list[Row], number: str) -> str:
    return next((r.task for r in rows if r.number == number), "")


def _row_text(row: Row) -> str:
    parts = [row.task]
    if row.product:
        parts.append(f"Sản phẩm: {row.product}")
    if row.time:
        parts.append(f"Thời gian: {row.time}")
    if row.lead:
        parts.append(f"Chủ trì: {row.lead}")
    if row.partner:
        parts.append(f"Phối hợp: {row.partner}")
    if row.note:
        parts.append(f"Ghi chú: {row.note}")
    return ". ".join(p.rstrip(". ") for p in parts if p) + "."


def build(document: Document) -> Structure:
    builder = _Builder()
    for block in document.blocks:
        if isinstance(block, Paragraph):
            builder.paragraph(block.text)
        else:
            builder.table(block)
    return builder.finish()
