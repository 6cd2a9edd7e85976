"""Task tables (phụ lục phân công): recognise the header, map columns, rejoin broken rows.

Plans lay out their appendix as a table whose columns are named in words ("Nhiệm vụ cụ thể",
"Sản phẩm", "Thời gian thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp"…). A row cut by a page break
continues on the next row with lower-case text; a row whose task cell is empty (or repeats the one above,
as a vertically merged Word cell does) is another product of the same task.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .text import fold, is_lower_start

Column = Literal["number", "category", "task", "product", "time", "lead", "partner", "note"]

# Folded header words, most specific first.
_HEADER_WORDS: tuple[tuple[str, Column], ...] = (
    ("nhiem vu chung", "category"),
    ("linh vuc", "category"),
    ("nhom nhiem vu", "category"),
    ("nhiem vu cu the", "task"),
    ("noi dung cong viec", "task"),
    ("noi dung", "task"),
    ("nhiem vu", "task"),
    ("cong viec", "task"),
    ("san pham", "product"),
    ("ket qua dau ra", "product"),
    ("ket qua", "product"),  # "Kết quả": what the row delivers
    ("thoi gian", "time"),
    ("tien do", "time"),
    ("thoi han", "time"),
    ("don vi chu tri", "lead"),
    ("chu tri", "lead"),
    ("don vi thuc hien", "lead"),
    ("co quan chu tri", "lead"),
    ("trach nhiem", "lead"),
    ("phoi hop", "partner"),
    ("ghi chu", "note"),
    ("stt", "number"),
    ("tt", "number"),
)


def classify_header(cell: str) -> Column | None:
    folded = fold(cell).strip(" .:")
    for words, column in _HEADER_WORDS:
        if folded == words or (" " in words and words in folded) or (len(words) > 3 and folded.startswith(words)):
            return column
    return None


def is_header_row(cells: tuple[str, ...] | list[str]) -> bool:
    """A task table's header names a task column and at least a time or unit column."""
    kinds = {classify_header(c) for c in cells if c}
    return "task" in kinds and bool(kinds & {"time", "lead"})


@dataclass(frozen=True, kw_only=True)
class Row:
    """One logical appendix row: one product of one task."""

    number: str | None
    category: str
    task: str
    product: str
    time: str
    lead: str
    partner: str
    note: str
    position: int
    sub: bool = False  # another product of the row above (its task cell empty or repeated)


_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s*(?=\S|$)")


def _columns(header: tuple[str, ...]) -> dict[Column, int]:
    columns: dict[Column, int] = {}
    for index, cell in enumerate(header):
        kind = classify_header(cell)
        if kind and kind not in columns:
            columns[kind] = index
    return columns


def table_rows(rows: tuple[tuple[str, ...], ...]) -> list[Row]:
    """Logical rows of a task table (header first), broken rows rejoined, sub-rows given their task."""
    if not rows:
        return []
    columns = _columns(rows[0])

    def cell(row: tuple[str, ...], kind: Column) -> str:
        index = columns.get(kind)
        return row[index].strip() if index is not None and index < len(row) else ""

    out: list[Row] = []
    category = ""
    previous_task_cell = ""
    # a table that numbers its rows: a line with no number and a single cell is that cell wrapping on
    numbered = "number" in columns and sum(1 for r in rows[1:] if _NUMBER.match(cell(r, "number"))) >= 2
    for raw in rows[1:]:
        if not any(c.strip() for c in raw):
            continue
        if all(classify_header(c) or not c for c in raw) and is_header_row(raw):
            continue  # a header repeated on every page
        values = {kind: cell(raw, kind) for kind in columns}
        group = _group_title(raw, values)
        if group is not None:
            category = group  # "II | Cải cách thể chế" spanning the row: the tasks below belong to it
            previous_task_cell = ""
            continue
        number_cell = values.get("number", "")
        task_cell = values.get("task", "")
        repeated = _NUMBER.match(number_cell) if number_cell else None
        if (
            repeated
            and out
            and out[-1].number == repeated.group(1)
            and (not task_cell or task_cell == previous_task_cell)
        ):
            number_cell = ""  # a vertically merged number cell repeats the row above: another product of it
        first_text = next((values[k] for k in ("number", "task", "product") if values.get(k)), "")
        filled = [k for k, v in values.items() if v]
        wrapped = numbered and len(filled) == 1 and filled[0] in ("task", "product", "partner", "note", "lead")
        if out and not number_cell and (is_lower_start(first_text) or wrapped):
            out[-1] = _merge(out[-1], values)
            if values.get("category"):
                category = out[-1].category
            if task_cell:
                previous_task_cell = f"{previous_task_cell} {task_cell}"
            continue
        if values.get("category"):
            category = values["category"]
        same_task = out and (not task_cell or task_cell == previous_task_cell) and not number_cell
        if same_task:
            base = out[-1]
            out.append(
                Row(
                    number=base.number,
                    category=category or base.category,
                    task=base.task,
                    product=values.get("product", ""),
                    time=values.get("time", "") or base.time,
                    lead=values.get("lead", "") or base.lead,
                    partner=values.get("partner", "") or base.partner,
                    note=values.get("note", ""),
                    position=len(out),
                    sub=True,
                )
            )
            continue
        number = None
        if number_cell:
            match = _NUMBER.match(number_cell)
            number = match.group(1) if match else number_cell.strip(" .")
        else:
            match = _NUMBER.match(task_cell)
            if match:
                number = match.group(1)
                task_cell = task_cell[match.end() :].strip()
        previous_task_cell = values.get("task", "")
        out.append(
            Row(
                number=number,
                category=category,
                task=task_cell,
                product=values.get("product", ""),
                time=values.get("time", ""),
                lead=values.get("lead", ""),
                partner=values.get("partner", ""),
                note=values.get("note", ""),
                position=len(out),
            )
        )
    return out


_GROUP_NUMBER = re.compile(r"^(?:[IVX]{1,5}|[A-H]|Phần\s+\S+|PHẦN\s+\S+)\s*[.)]?$")


def _group_title(raw: tuple[str, ...], values: dict[Column, str]) -> str | None:
    """A group row: a Roman numeral (or a letter) and one title, every other cell empty (or the title
    repeated across merged cells)."""
    texts = [c.strip() for c in raw if c.strip()]
    if not texts:
        return None
    number = values.get("number", "").strip()
    if number and _GROUP_NUMBER.match(number):
        rest = list(dict.fromkeys(t for t in texts if t != number))
        if len(rest) == 1:
            return rest[0]
    if not number and len(set(texts)) == 1 and len(texts) >= 3:
        return texts[0]  # a title merged across the whole row
    m = re.match(r"^([IVX]{1,5})\s*[.)]\s+(\S.*)$", texts[0])
    if m and len(set(texts)) == 1:
        return m.group(2)
    return None


def _merge(row: Row, values: dict[Column, str]) -> Row:
    """Append the continuation of a row that a page break cut."""

    def join(a: str, b: str) -> str:
        return f"{a} {b}".strip() if b else a

    return replace(
        row,
        category=join(row.category, values.get("category", "")),
        task=join(row.task, values.get("task", "")),
        product=join(row.product, values.get("product", "")),
        time=join(row.time, values.get("time", "")),
        lead=join(row.lead, values.get("lead", "")),
        partner=join(row.partner, values.get("partner", "")),
        note=join(row.note, values.get("note", "")),
    )


_PERIOD_CELL = re.compile(
    r"^(?:(?:tháng|Tháng|THÁNG)\s*)?(\d{1,2})(?:\s*/\s*\d{4})?$|^(?:quý|Quý|QUÝ)\s*([IV]+|[1-4])(?:\s*/\s*\d{4})?$"
)


def rota_sentence(rows: tuple[tuple[str, ...], ...] | list[tuple[str, ...]]) -> str | None:
    """A table of periods and the unit on duty in each ("Tháng | Tổ trực": "9/2028 | Tổ Toán - Tin học"), as
    the sentence a plan would write for it: "Tổ trực: Tổ Toán - Tin học (tháng 9); …"; None for any other table."""
    body = [r for r in rows if any(c.strip() for c in r)]
    label = "Phân công"
    if body and not _PERIOD_CELL.match(body[0][0].strip()):
        if not re.match(r"(?:tháng|quý|thời gian|kỳ|đợt)\b", body[0][0].strip(), re.I):
            return None  # a first column headed "TT" or "Chỉ tiêu" numbers rows, not months
        if len(body[0]) > 1 and body[0][1].strip():
            label = body[0][1].strip()  # the header names the duty ("Tổ trực")
        body = body[1:]
    turns = []
    for row in body:
        cells = [c.strip() for c in row]
        m = _PERIOD_CELL.match(cells[0]) if cells else None
        if m is None or len(cells) < 2 or not cells[1]:
            return None
        period = f"tháng {int(m.group(1))}" if m.group(1) else f"quý {m.group(2)}"
        turns.append(f"{cells[1]} ({period})")
    return f"{label}: " + "; ".join(turns) + "." if len(turns) >= 3 else None


COLUMN = " | "  # between a table row's cells once the row is a sentence (tables.table_sentences)
_LAYOUT = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|Nơi nhận|^Số\s*:|\bKT\.|\bTM\.|\bTL\.|,\s*ngày\s", re.M)


# a signature block laid out in a narrow table: its title alone in capitals, "(đã ký)"
_SIGNATURE_CELL = re.compile(
    r"^\s*(?:(?:KT|TM|TL|Q)\.\s*)?(?:PHÓ )?(?:GIÁM ĐỐC|HIỆU TRƯỞNG|TRƯỞNG PHÒNG|CHỦ TỊCH|CHÁNH VĂN PHÒNG|"
    r"TRƯỞNG BAN|THỦ TRƯỞNG)\s*$|^\s*\(\s*đã ký\s*\)\s*$",
    re.M,
)


def is_layout_table(rows: Sequence[Sequence[str]]) -> bool:
    """A table that only lays out the page (agency beside motto, recipients beside the signature), not data."""
    width = max((len(r) for r in rows), default=0)
    return (
        any(_LAYOUT.search(cell) for row in rows for cell in row)
        or (len(rows) <= 2 and width <= 2)
        or (width <= 3 and any(_SIGNATURE_CELL.search(cell) for row in rows for cell in row))
    )


def _carried(rows: list[list[str]]) -> list[list[str]]:
    """Rows whose first cell is blank belong to the row above (a merged cell, a month of a work calendar):
    a new item ("- Niêm yết …") takes that row's first cell; a line that only goes on with the text above
    ("lớp (tuần cuối của tháng 4)" in lower case, or any line under a dashed item left open) is joined to it."""
    out: list[list[str]] = []
    for row in rows:
        if not out or row[0] or not any(row):
            out.append(list(row))
            continue
        above = out[-1]
        at, text = next(((i, c) for i, c in enumerate(row) if c), (0, ""))
        over = above[at] if at < len(above) else ""
        goes_on = over[:1] in "-+•" and text[:1] not in "-+•" and not over.rstrip().endswith((".", ";", ")"))
        if text[:1].islower() or text[:1] in ",;)" or goes_on:
            out[-1] = [f"{a} {c}".strip() if c else a for a, c in zip(above, [*row, *[""] * len(above)], strict=False)]
        else:
            out.append([above[0], *row[1:]])
    return out


def table_sentences(rows: Sequence[Sequence[str]]) -> list[str] | None:
    """A table of facts that is no task list ("Đợt | Thời gian | Đơn vị được kiểm tra | Phòng cử thư ký"): each
    row as the sentence it stands for, every cell named by its column ("Đợt 1 | Thời gian: từ 14/4 … | Phòng
    cử thư ký Đoàn: Phòng GDTrH."), so a row is read, searched and quoted whole; None without a header row."""
    body = [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]
    if len(body) < 3 or len(body[0]) < 2:
        return None
    header = body[0]
    if not all(header) or any(len(h) > 60 or re.fullmatch(r"[\d./\s-]+", h) for h in header):
        return None  # a header names its columns: no blank, no long text, no bare number or date
    out = []
    rows = _carried(body[1:])
    for row in rows:
        if all(re.fullmatch(r"\(?[\dIVXivx]+\)?\.?", c) for c in row if c):
            continue  # "(1) | (2) | (3)": the columns' numbers under the header
        parts = []
        for name, cell in zip(header, row, strict=False):
            if not cell:
                continue
            if fold(name).strip(" .") in ("tt", "stt", "so tt") and re.fullmatch(r"[\dIVXivx.]+", cell):
                continue  # a row's number says nothing of it ("Cộng" in that column does)
            cell = re.sub(r"\s*;\s*", ", ", cell.rstrip(" ;."))  # one sentence: a cell's own list takes commas
            parts.append(cell if fold(cell).startswith(fold(name)) else f"{name}: {cell}")
        if parts:
            out.append(COLUMN.join(parts) + ".")
    duty = _duty_rota(header, rows)
    return [*out, duty] if out and duty else out or None


def _duty_rota(header: list[str], rows: list[list[str]]) -> str | None:
    """A work calendar by month with a column of the unit on duty ("Tháng | Nội dung | … | Tổ trực, viết tin
    bài"): that column's turns as the rotation sentence a plan would write ("6-7/2027" is two months)."""
    column = next((j for j, h in enumerate(header) if j and re.search(r"\btruc\b|\bphan cong\b", fold(h))), None)
    if column is None:
        return None
    pairs: list[tuple[str, ...]] = [(header[0], header[column])]
    for row in rows:
        if column >= len(row) or not row[column]:
            continue
        unit = re.sub(r"\s*\([^()]*\)$", "", row[column])  # "Tổ Văn phòng (trực hè)"
        span = re.fullmatch(r"(?:tháng\s*)?(\d{1,2})\s*[-–]\s*(\d{1,2})(\s*/\s*\d{4})?", row[0], re.I)
        months = range(int(span.group(1)), int(span.group(2)) + 1) if span else None
        for month in months or [None]:
            pairs.append((f"{month}{span.group(3) or ''}" if span else row[0], unit))  # type: ignore[union-attr]
    return rota_sentence(pairs)
