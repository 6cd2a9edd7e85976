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
    "Done": "Đã xong",
    "In progress": "Đang làm",
    "Blocked": "Vướng mắc",
    "Remind me later": "Nhắc lại sau",
    "done": "đã xong",
    "in progress": "đang làm",
    "blocked": "vướng mắc",
    "no reply yet": "chưa trả lời",
    "staff": "thành viên",
    "officer": "cán bộ phụ trách",
    "administrator": "quản trị viên",
    "Sorry, something went wrong on our side. Your message is saved; please try again.": (
        "Xin lỗi, hệ thống vừa gặp sự cố. Tin nhắn của bạn đã được lưu; vui lòng thử lại."
    ),
    "I do not know the command /{command}. Send /help to see what I can do.": (
        "Tôi không hiểu lệnh /{command}. Gửi /huongdan để xem tôi làm được gì."
    ),
    "I can only read text messages. Send /help to see what I can do.": (
        "Tôi chỉ đọc được tin nhắn chữ. Gửi /huongdan để xem tôi làm được gì."
    ),
    "Hello! I remind units of the deadlines in the administrative-reform plans and answer questions about them. "
    "To join, send /start followed by the join code your officer gave you, for example: /start AB12CD34": (
        "Xin chào! Tôi nhắc các đơn vị về hạn chót trong các kế hoạch cải cách hành chính và trả lời câu hỏi về "
        "các kế hoạch đó. Để tham gia, hãy gửi /start kèm mã tham gia do cán bộ phụ trách cung cấp, "
        "ví dụ: /start AB12CD34"
    ),
    "This join code is not valid or has expired. Please ask your officer for a new one.": (
        "Mã tham gia không hợp lệ hoặc đã hết hạn. Vui lòng xin cán bộ phụ trách mã mới."
    ),
    "This group now stands for {unit}: its reminders will come here.": (
        "Nhóm này từ nay đại diện cho {unit}: các nhắc việc của đơn vị sẽ gửi vào đây."
    ),
    "Welcome, {name}! You are in {unit} as {role}.": "Chào mừng {name}! Bạn thuộc {unit}, vai trò {role}.",
    "colleague": "bạn",
    "Welcome, {name}! You are an administrator.": "Chào mừng {name}! Bạn là quản trị viên.",
    "Ask me anything about the plans, with or without diacritics, e.g. “hạn nộp báo cáo 6 tháng”.": (
        "Hỏi tôi bất cứ điều gì về các kế hoạch, có dấu hay không dấu, ví dụ: “hạn nộp báo cáo 6 tháng”."
    ),
    "/hoi QUESTION — a question about the plans (or just type it)": (
        "/hoi CÂU HỎI — hỏi về các kế hoạch (hoặc cứ gõ câu hỏi)"
    ),
    "/hanchot — your unit's coming deadlines": "/hanchot — các hạn chót sắp tới của đơn vị bạn",
    "/capnhat — report progress on one of your unit's tasks": "/capnhat — báo cáo tiến độ một nhiệm vụ của đơn vị",
    "/lang vi|en — reply in Vietnamese or English": "/lang vi|en — trả lời bằng tiếng Việt hoặc tiếng Anh",
    "/toi — who I think you are": "/toi — thông tin của bạn",
    "/hanchot UNIT — another unit's deadlines": "/hanchot ĐƠN VỊ — hạn chót của một đơn vị khác",
    "/invite UNIT — a join code for a unit": "/invite ĐƠN VỊ — tạo mã tham gia cho một đơn vị",
    "/status [UNIT|PLAN] — who replied, who is late, what is blocked": (
        "/status [ĐƠN VỊ|KẾ HOẠCH] — ai đã trả lời, ai trễ hạn, việc gì vướng mắc"
    ),
    "/export — spreadsheet": "/export — xuất bảng tính",
    "Type your question after /hoi, e.g. /hoi hạn nộp báo cáo năm": (
        "Gõ câu hỏi sau /hoi, ví dụ: /hoi hạn nộp báo cáo năm"
    ),
    "No plans have been loaded yet, so I cannot answer questions about them.": (
        "Chưa có kế hoạch nào được nạp nên tôi chưa thể trả lời."
    ),
    "I know no unit called “{name}”.": "Không có đơn vị nào tên “{name}”.",
    "You can see the deadlines of your own unit only.": "Bạn chỉ xem được hạn chót của đơn vị mình.",
    "{unit}: nothing due in the next {days} days.": "{unit}: không có hạn chót nào trong {days} ngày tới.",
    "Next: {date} — {task}": "Hạn kế tiếp: {date} — {task}",
    "The imported plans set no later deadline for it.": "Các kế hoạch đã nạp không đặt hạn nào sau đó cho đơn vị.",
    "Deadlines of {unit}:": "Hạn chót của {unit}:",
    "Overdue": "Quá hạn",
    "Coming": "Sắp tới",
    "…and {count} more.": "…và {count} mục khác.",
    "Send /capnhat to report progress.": "Gửi /capnhat để báo cáo tiến độ.",
    "Nothing is due in the next {days} days.": "Không có hạn chót nào trong {days} ngày tới.",
    "Deadlines of every unit:": "Hạn chót của các đơn vị:",
    "Send /lang vi for Vietnamese or /lang en for English.": (
        "Gửi /lang vi để dùng tiếng Việt hoặc /lang en để dùng tiếng Anh."
    ),
    "I will reply in English from now on.": "Từ giờ tôi sẽ trả lời bằng tiếng Việt.",
    "Only officers can create join codes. Please ask your officer.": (
        "Chỉ cán bộ phụ trách mới tạo được mã tham gia. Vui lòng liên hệ cán bộ phụ trách."
    ),
    "Only an administrator can invite officers or administrators.": (
        "Chỉ quản trị viên mới mời được cán bộ phụ trách hoặc quản trị viên."
    ),
    "Name the unit: /invite UNIT (for example /invite VP).": "Hãy ghi tên đơn vị: /invite ĐƠN VỊ (ví dụ /invite VP).",
    "“{name}” could be several units; please be more precise:": "“{name}” có thể là nhiều đơn vị; vui lòng ghi rõ hơn:",
    "Join code for {unit}: {code}": "Mã tham gia của {unit}: {code}",
    "People join by sending /start {code} to this bot.": "Thành viên tham gia bằng cách gửi /start {code} cho bot.",
    "Or they open: {link}": "Hoặc mở liên kết: {link}",
    "Valid until {date}.": "Có hiệu lực đến {date}.",
    "OK, cancelled.": "Đã hủy.",
    "You are not in a unit, so there is nothing to report on.": (
        "Bạn chưa thuộc đơn vị nào nên không có việc để báo cáo."
    ),
    "{unit} has no open task in the coming {days} days.": "{unit} không có nhiệm vụ nào đang mở trong {days} ngày tới.",
    "Which task do you want to report on?": "Bạn muốn báo cáo nhiệm vụ nào?",
    "Reply with a number:": "Trả lời bằng số:",
    "This button is no longer valid.": "Nút này không còn hiệu lực.",
    "No longer valid": "Không còn hiệu lực",
    "This task is no longer in the plans (the plan was updated).": (
        "Nhiệm vụ này không còn trong kế hoạch (kế hoạch đã được cập nhật)."
    ),
    "This task belongs to {unit}; you can only answer for {own}.": (
        "Nhiệm vụ này thuộc {unit}; bạn chỉ trả lời được cho {own}."
    ),
    "your own unit": "đơn vị của mình",
    "Not your unit's task": "Không phải nhiệm vụ của đơn vị bạn",
    "{task}\nDue {date} — {plan}, section {section}.\nCurrent state: {state}.": (
        "{task}\nHạn {date} — {plan}, mục {section}.\nTình trạng: {state}."
    ),
    "{plan}, section {section}": "{plan}, mục {section}",
    "OK, I will remind you again at {when}: {task}": "Được, tôi sẽ nhắc lại lúc {when}: {task}",
    "Snoozed": "Sẽ nhắc lại sau",
    "Recorded: blocked — {task}. What is in the way? Your note goes to the officers (or send “bỏ qua”).": (
        "Đã ghi nhận: vướng mắc — {task}. Vướng mắc cụ thể là gì? Ghi chú của bạn sẽ được chuyển đến cán bộ "
        "phụ trách (hoặc gửi “bỏ qua”)."
    ),
    "Recorded: done — {task}. Thank you! Add a note if you like, or send “bỏ qua”.": (
        "Đã ghi nhận: đã xong — {task}. Cảm ơn bạn! Có thể gửi thêm ghi chú, hoặc gửi “bỏ qua”."
    ),
    "Recorded: in progress — {task}. Reminders continue until it is done. Add a note if you like, "
    "or send “bỏ qua”.": (
        "Đã ghi nhận: đang làm — {task}. Tôi sẽ tiếp tục nhắc đến khi hoàn thành. Có thể gửi thêm ghi chú, "
        "hoặc gửi “bỏ qua”."
    ),
    "OK, no note.": "Được, không có ghi chú.",
    "Note saved. Thank you.": "Đã lưu ghi chú. Cảm ơn bạn.",
    "Blocked: {unit} — {task} (due {date}; {plan}, section {section}).": (
        "Vướng mắc: {unit} — {task} (hạn {date}; {plan}, mục {section})."
    ),
    "Note from {name}: {note}": "Ghi chú của {name}: {note}",
    "Reported by {name}, no note.": "{name} báo cáo, không kèm ghi chú.",
    "(Late: this reminder was held up by a service interruption.)": (
        "(Nhắc muộn: hệ thống bị gián đoạn nên tin này đến trễ.)"
    ),
    "Monthly check-in — {task} ({when}; {plan}, section {section}). This task has no deadline; "
    "if something is in the way, please tell the officer in charge.": (
        "Nhắc việc định kỳ hằng tháng — {task} ({when}; {plan}, mục {section}). Nhiệm vụ này không có hạn chót; "
        "nếu có vướng mắc, vui lòng báo cán bộ phụ trách."
    ),
    "Reminder: due in {days} days ({date})": "Nhắc việc: còn {days} ngày đến hạn ({date})",
    "Reminder: due today ({date})": "Nhắc việc: hôm nay là hạn chót ({date})",
    "Overdue by {days} days (due {date})": "Quá hạn {days} ngày (hạn {date})",
    "{unit} — {plan}, section {section}.": "{unit} — {plan}, mục {section}.",
    "Last reply: {state}.": "Lần trả lời gần nhất: {state}.",
    "I can no longer reach {name} ({unit}) on {channel}: they blocked the bot or left. "
    "Their unit's reminders stop reaching them until they write to the bot again.": (
        "Không gửi được tin cho {name} ({unit}) trên {channel}: người dùng đã chặn hoặc rời bot. "
        "Họ sẽ không nhận nhắc việc cho đến khi nhắn lại cho bot."
    ),
    "Please reply with a number from 1 to {count}.": "Vui lòng trả lời bằng một số từ 1 đến {count}.",
    "{count} other units": "{count} đơn vị khác",
    "Status {start} – {end}": "Tình hình {start} – {end}",
    "occurrences": "số lượt nhiệm vụ",
    "Summary": "Tổng hợp",
    "Unit": "Đơn vị",
    "Total": "Tổng",
    "Occurrences": "Chi tiết",
    "Plan": "Kế hoạch",
    "Section": "Mục",
    "Task": "Nhiệm vụ",
    "Period": "Kỳ",
    "Due date": "Hạn chót",
    "State": "Tình trạng",
    "Last reply": "Trả lời gần nhất",
    "Note": "Ghi chú",
    "late, no reply": "trễ hạn, chưa trả lời",
    "upcoming": "sắp tới",
    "late": "trễ hạn",
    "due": "hạn",
    "Only officers can see every unit's status. Send /hanchot for your unit's.": (
        "Chỉ cán bộ phụ trách mới xem được tình hình các đơn vị. Gửi /hanchot để xem hạn chót của đơn vị bạn."
    ),
    "Spreadsheet of {count} occurrences, {start} – {end}.": "Bảng tính {count} lượt nhiệm vụ, {start} – {end}.",
    "Status {start} – {end} (today {today})": "Tình hình {start} – {end} (hôm nay {today})",
    "No deadlines in this period.": "Không có hạn chót nào trong khoảng thời gian này.",
    "{done} done · {progress} in progress · {blocked} blocked · {late} late without reply · {upcoming} upcoming": (
        "{done} đã xong · {progress} đang làm · {blocked} vướng mắc · {late} trễ hạn chưa trả lời · {upcoming} sắp tới"
    ),
    "…and {count} more units.": "…và {count} đơn vị khác.",
    "Late, no reply:": "Trễ hạn, chưa trả lời:",
    "Blocked:": "Vướng mắc:",
    "Due this week:": "Đến hạn trong tuần:",
    "Weekly digest, {date}": "Tổng hợp tuần, {date}",
    "Send /status for the whole picture, /export for the spreadsheet.": (
        "Gửi /status để xem toàn cảnh, /export để nhận bảng tính."
    ),
    "The deadline of {date} has passed. No reply yet from:": "Đã qua hạn chót {date}. Chưa có trả lời từ:",
    "I know no unit or plan called “{name}”.": "Không có đơn vị hay kế hoạch nào tên “{name}”.",
    "This chat cannot receive files. Ask for /export on Telegram, or run “nhacviec status --xlsx FILE” on the "
    "server.": (
        "Kênh chat này không nhận được tệp. Hãy dùng /export trên Telegram, hoặc chạy "
        "“nhacviec status --xlsx TỆP” trên máy chủ."
    ),
    "Hello! I answer questions about the imported plans (targets, deadlines, who is responsible) and remind units "
    "of their deadlines. Ask me, e.g. “hạn nộp báo cáo 6 tháng”.": (
        "Xin chào! Tôi trả lời câu hỏi về các kế hoạch đã nạp (chỉ tiêu, hạn chót, đơn vị phụ trách) và nhắc các "
        "đơn vị trước hạn. Bạn cứ hỏi, ví dụ: “hạn nộp báo cáo 6 tháng”."
    ),
    "You're welcome, glad to help!": "Không có gì, rất vui được giúp bạn!",
    "Goodbye, see you again!": "Tạm biệt, hẹn gặp lại bạn!",
    "I read the imported plans and answer questions about them: targets, deadlines, who is responsible and what "
    "each unit has to do, quoting the plan and section. I also remind each unit before its deadlines, record "
    "their replies (done, in progress, blocked) and give officers a summary.": (
        "Tôi đọc các kế hoạch đã nạp và trả lời câu hỏi về chúng: chỉ tiêu, hạn chót, đơn vị phụ trách và việc "
        "từng đơn vị phải làm, kèm trích dẫn kế hoạch và mục. Tôi cũng nhắc từng đơn vị trước hạn, ghi nhận trả "
        "lời (đã xong, đang làm, vướng mắc) và gửi bản tổng hợp cho cán bộ phụ trách."
    ),
    "the year you name": "năm bạn hỏi",
    "the place you name": "địa bàn bạn hỏi",
    "the school level you name": "cấp học bạn hỏi",
    "The imported plans do not set this for {what}.": "Các kế hoạch đã nạp không nói về điều này cho {what}.",
    "They set it only for: {covered}.": "Các kế hoạch chỉ đặt điều này cho: {covered}.",
    "They set it for other years only.": "Các kế hoạch chỉ đặt điều này cho những năm khác.",
    "They set it for other places only.": "Các kế hoạch chỉ đặt điều này cho địa bàn khác.",
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
