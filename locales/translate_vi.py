"""Fill the Vietnamese catalogue from this table, then `make locales` compiles it (kept beside the .po)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po

VI = {
    "from {value} upwards": "từ {value} trở lên",
    "at least {value}": "ít nhất {value}",
    "over {value}": "trên {value}",
    "under {value}": "dưới {value}",
    "at most {value}": "không quá {value}",
    "According to {plan} (section {section})": "Theo {plan} (mục {section})",
    "According to {plan}": "Theo {plan}",
    "{where}: {metric}: {figure}.": "{where}: {metric}: {figure}.",
    "{where}: due {dates}.": "{where}: hạn {dates}.",
    "{where}: responsible: {units}.": "{where}: đơn vị chủ trì: {units}.",
    "{plan} is signed by {role} {person}.": "{plan} do {role} {person} ký.",
    "{where}: send to {email}.": "{where}: gửi về {email}.",
    "The imported plans do not say this. You can ask about their targets, deadlines and responsible units.": (
        "Các kế hoạch đã nạp không nói về điều này. Bạn có thể hỏi về chỉ tiêu, hạn chót và đơn vị phụ trách "
        "trong các kế hoạch."
    ),
    "Quote: “{quote}”": "Trích: “{quote}”",
}


def main() -> None:
    path = Path(__file__).parent / "vi" / "LC_MESSAGES" / "nhacviec.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale="vi")
    for message in catalog:
        if message.id and message.id in VI:
            message.string = VI[message.id]
            message.flags.discard("fuzzy")
    missing = [m.id for m in catalog if m.id and not m.string]
    with path.open("wb") as f:
        write_po(f, catalog, width=120)
    if missing:
        raise SystemExit(f"untranslated: {missing}")


if __name__ == "__main__":
    main()
