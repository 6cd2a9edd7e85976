"""Plan metadata from the document header: number, issuer, place, date, title, year.

Vietnamese administrative documents open the same way: the issuing body in capitals (with its parent
above it), "Số: 259/KH-GDĐT", "Quận 7, ngày 29 tháng 3 năm 2021", "KẾ HOẠCH" and the title. Any of
them may be blank (a plan printed before it got its number) or arrive joined on one line from a PDF.
"""

from __future__ import annotations

import datetime as dt
import re

from .model import PlanMeta
from .text import fold, normalize

_NUMBER_LINE = re.compile(r"\bSố\s*:?\s*(?P<rest>[^\n]{0,60})")
_SYMBOL = re.compile(r"(?P<sym>(?:KH|QĐ|QD|KH)(?:\s*[-–]\s*[A-ZĐ&]+)+)")
# a letter's (công văn) number has no kind before its issuer: "1736/SGDĐT-VP", "45/UBND-VX", "/PGDĐT"
_LETTER_SYMBOL = re.compile(r"/\s*(?P<sym>[A-ZĐ][A-ZĐ&]*(?:\s*[-–]\s*[A-ZĐ&][A-ZĐa-zđ&]*)*)")
_SUBJECT = re.compile(r"^V/v\b\.?\s*", re.IGNORECASE)  # "V/v triển khai …": a letter's subject line
_ADDRESSEES = re.compile(r"^Kính gửi\s*:?\s*", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"(?P<place>[^,\n]{2,60}),\s*ngày\s*(?P<d>\d{1,2})?\s*(?:/|tháng)\s*(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>(?:19|20)\d{2})",
    re.IGNORECASE,
)
_NOT_ISSUER = ("cong hoa", "doc lap", "so:", "so :", "ke hoach")
_TITLE_STOP = re.compile(
    r"^(?:Căn cứ|Thực hiện (?:Kế hoạch|Quyết định|Công văn|Chỉ thị|Nghị quyết|Thông tư) số|Để |Nhằm |Theo )", re.I
)
_LOCALITY = re.compile(r"\b(quận|huyện|thị xã|thành phố|tỉnh|xã|phường)\s+", re.I)


def document_number(preamble: list[str]) -> tuple[str | None, str | None]:
    for line in preamble:
        m = _NUMBER_LINE.search(line)
        if not m:
            continue
        rest = m.group("rest")
        sym = _SYMBOL.search(rest) or _LETTER_SYMBOL.search(rest)
        symbol = re.sub(r"\s+", "", sym.group("sym")).replace("–", "-") if sym else None
        head = rest[: sym.start()] if sym else rest
        digits = re.search(r"\d+", head)
        if digits and symbol:
            return f"{int(digits.group(0))}/{symbol}", symbol
        return None, symbol
    return None, None


def _org_lines(preamble: list[str]) -> list[str]:
    """Upper-case lines naming the issuing body and its parent, top first."""
    out = []
    for line in preamble:
        folded = fold(line)
        if fold(line).startswith(("ke hoach", "quyet dinh")):
            break
        if line.isupper() and not folded.startswith(_NOT_ISSUER) and len(line) < 80:
            if (
                out
                and re.match(r"^(?:xa|phuong|thi tran|huyen|quan|thi xa|tinh|thanh pho)\b", folded)
                and re.match(r"^(?:uy ban nhan dan|ubnd|hoi dong nhan dan)$", fold(out[-1]))
            ):
                out[-1] = f"{out[-1]} {normalize(line)}"  # "ỦY BAN NHÂN DÂN" / "XÃ PHƯỚC ĐIỀN" on two lines
                continue
            out.append(normalize(line))
    return out


def _abbr_gddt(symbol: str | None) -> str:
    return "GD&ĐT" if symbol and "&" in symbol else "GDĐT"


def _title_case_place(text: str) -> str:
    """ "HUYỆN GIA LÂM" -> "huyện Gia Lâm": the kind of place in lower case, its name capitalised."""
    words = text.strip().split()
    out = [w if w.isdigit() else w[0].upper() + w[1:].lower() for w in words]
    kinds = ("Huyện", "Quận", "Xã", "Phường", "Thị xã", "Thị trấn", "Thành phố", "Tỉnh", "Đặc khu")
    joined = " ".join(out)
    for kind in sorted(kinds, key=len, reverse=True):
        if joined.startswith(kind + " ") and len(joined) > len(kind) + 1 and not joined[len(kind) + 1].isdigit():
            return kind.lower() + joined[len(kind) :]
    return joined


def _issuer(orgs: list[str], symbol: str | None, place: str | None, body_text: str) -> str:
    gd = _abbr_gddt(symbol)
    folded_orgs = [fold(o) for o in orgs]
    kind = None
    locality = None
    for org, folded in zip(reversed(orgs), reversed(folded_orgs), strict=True):
        if folded.startswith("truong "):
            return _school_name(org)  # a school's own plan: "Trường THCS Hòa Mỹ"
        if folded.startswith("phong giao duc"):
            kind = f"Phòng {gd}"
            break
        if folded.startswith("so giao duc"):
            kind = f"Sở {gd}"
            rest = re.sub(r"(?i)^SỞ GIÁO DỤC VÀ ĐÀO TẠO\s*", "", org)
            locality = _title_case_place(rest) if rest else None
            break
        if folded.startswith(("uy ban nhan dan", "ubnd")):
            kind = "UBND"
            rest = re.sub(r"(?i)^(?:ỦY|UỶ) BAN NHÂN DÂN\s*|^UBND\s*", "", org)
            locality = _title_case_place(rest) if rest else None
            break
    if kind is None and symbol:
        tail = fold(symbol).split("-", 1)[-1]
        if tail.startswith(("sgd", "so")):
            kind = f"Sở {gd}"
        elif tail.startswith(("ubnd",)):
            kind = "UBND"
        elif "gd" in tail:
            kind = f"Phòng {gd}"
    if kind is None:
        folded_body = fold(body_text[:3000])
        if re.search(r"\bso (?:gddt|giao duc)", folded_body):
            kind = f"Sở {gd}"
        elif re.search(r"\bphong (?:gd&?dt|giao duc)", folded_body):
            kind = f"Phòng {gd}"
        else:
            kind = "Cơ quan"
    if kind.startswith("Phòng") and locality is None:
        for parent in orgs:
            rest = re.sub(r"(?i)^(?:ỦY|UỶ) BAN NHÂN DÂN\s*|^UBND\s*", "", parent)
            if rest != parent and rest:
                locality = _title_case_place(rest)
                break
    if locality is None and place:
        locality = place
        if not _LOCALITY.match(place) and kind.startswith("Phòng"):
            m = re.search(rf"\b(quận|huyện|thị xã|thành phố)\s+{re.escape(place)}\b", body_text, re.I)
            if m:
                locality = f"{m.group(1).lower()} {place}"
    return f"{kind} {locality}".strip() if locality else kind


def _school_name(org: str) -> str:
    """ "TRƯỜNG THCS HÒA MỸ" -> "Trường THCS Hòa Mỹ": level abbreviations stay in capitals."""
    words = normalize(org).split()
    out = []
    for index, word in enumerate(words):
        if index and re.fullmatch(r"(?:THCS|THPT|TH|MN|MG|PTDTNT|PTDTBT|TH&THCS|THCS&THPT|GDNN-GDTX|GDTX)", word):
            out.append(word)
        else:
            out.append(word[0].upper() + word[1:].lower())
    return " ".join(out)


def _place(raw: str, symbol: str | None) -> str:
    text = raw
    if symbol and symbol in text:
        text = text.split(symbol, 1)[1]
    text = re.sub(r"^.*\bSố\s*:?\s*\S*", "", text).strip(" ,.")
    words = text.split()
    return " ".join(words[-4:]) if len(words) > 4 else text


def _title(preamble: list[str]) -> tuple[str, int | None]:
    for index, line in enumerate(preamble):
        folded = fold(line)
        if not folded.startswith("ke hoach"):
            continue
        rest = normalize(line[len("KẾ HOẠCH") :]).strip(" :")
        parts = [rest] if rest else []
        for nxt in preamble[index + 1 : index + 3]:
            if _TITLE_STOP.match(nxt) or len(nxt) > 300:
                break
            if parts and re.search(r"năm\s*(?:19|20)\d{2}\s*$", parts[-1]):
                break
            parts.append(nxt)
        title = normalize(" ".join(parts))
        return title, index
    return "", None


def parse_metadata(preamble: list[str], *, body_text: str, signer: str | None, signer_title: str | None) -> PlanMeta:
    number, symbol = document_number(preamble)
    orgs = _org_lines(preamble)
    place = None
    issue_date = None
    month = year = None
    for line in preamble:
        m = _DATE_LINE.search(line)
        if m:
            place = _place(m.group("place"), symbol)
            month, year = int(m.group("m")), int(m.group("y"))
            if m.group("d"):
                try:
                    issue_date = dt.date(year, month, int(m.group("d")))
                except ValueError:
                    issue_date = None
            break
    title, _ = _title(preamble)
    kind = "decision" if any(fold(x) == "quyet dinh" for x in preamble[:12]) else "plan"
    subject = letter_subject(preamble)
    if not title and subject:
        kind, title = "letter", subject
    if kind == "decision" and not title:
        title = _decision_title(preamble)
    years = re.findall(r"năm\s*((?:19|20)\d{2})", title)
    plan_year = int(years[0]) if years else (year or dt.date.today().year)  # noqa: DTZ011 - a fallback year only
    issuer = _issuer(orgs, symbol, place, body_text)
    return PlanMeta(
        number=number,
        symbol=symbol,
        issuer=issuer,
        place=place,
        issue_date=issue_date,
        issue_month=month,
        issue_year=year,
        year=plan_year,
        title=title or "Kế hoạch",
        signer=signer,
        # "(đã ký)" stands where the signature was, beside the title in a side-by-side block
        signer_title=re.sub(r"\s*[(\[]\s*đã ký\s*[)\]]", "", signer_title, flags=re.IGNORECASE).strip() or None
        if signer_title
        else None,
        kind=kind,
    )


def _decision_title(preamble: list[str]) -> str:
    """A decision's subject line: "Ban hành Kế hoạch cải cách TTHC năm 2026" -> the plan's title."""
    for index, line in enumerate(preamble):
        if fold(line) == "quyet dinh" and index + 1 < len(preamble):
            text = preamble[index + 1]
            m = re.search(r"(?i)kế hoạch\s+(.*)$", text)
            return normalize(m.group(1) if m else text)
    return ""


def letter_subject(preamble: list[str]) -> str:
    """A letter's subject: its "V/v …" line and the lines that continue it, up to "Kính gửi"."""
    for index, line in enumerate(preamble):
        if not _SUBJECT.match(line):
            continue
        parts = [_SUBJECT.sub("", line)]
        for nxt in preamble[index + 1 : index + 4]:
            if _ADDRESSEES.match(nxt) or _TITLE_STOP.match(nxt) or nxt.isupper() or len(nxt) > 120:
                break
            parts.append(nxt)
        subject = normalize(" ".join(parts))
        return subject[:1].upper() + subject[1:]
    return ""


def addressees(preamble: list[str]) -> list[str]:
    """Whom a letter is sent to: the lines after "Kính gửi:" (or on its line), up to the letter's text."""
    for index, line in enumerate(preamble):
        if not _ADDRESSEES.match(line):
            continue
        first = _ADDRESSEES.sub("", line).strip()
        out = [first] if first else []
        for nxt in preamble[index + 1 :]:
            if _TITLE_STOP.match(nxt) or not (nxt.startswith(("-", "+", "•")) or not out):
                break
            out.append(nxt.lstrip("-+• ").strip())
        return [x.rstrip(";.,") for x in out if x]
    return []
