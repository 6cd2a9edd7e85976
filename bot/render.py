"""Answers in words, in the user's language: gettext for phrases, Babel for dates and numbers."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date

from plans.answer import Answer, Fact
from plans.lists import Listing, ListItem
from plans.model import PlanMeta
from plans.text import fold
from plans.timeexpr import roman_value

from .i18n import translator


def date_text(day: dt.date, locale: str) -> str:
    return format_date(day, "dd/MM/yyyy", locale="vi" if locale == "vi" else "en_GB")


def figure_text(fact: Fact, locale: str) -> str:
    _ = translator(locale).gettext
    percent = fact.measure == "%"
    value = f"{fact.value}" if percent or not fact.measure else f"{fact.value} {fact.measure}"
    phrases = {
        ">=": _("from {value} upwards") if percent else _("at least {value}"),
        ">": _("over {value}"),
        "<": _("under {value}"),
        "<=": _("at most {value}"),
        "=": "{value}",
    }
    return phrases.get(fact.comparator or "=", "{value}").format(value=value)


_ON_BEHALF = re.compile(
    r"^(?:(?:TM|KT|TL|Q)\.?\s*(?:[UỦ]Y BAN NHÂN DÂN|GIÁM ĐỐC|CHỦ TỊCH|TRƯỞNG PHÒNG|HIỆU TRƯỞNG|TRƯỞNG BAN|"
    r"THỦ TRƯỞNG|CHÁNH VĂN PHÒNG)\s*)+",
    re.IGNORECASE,
)


def office_text(title: str) -> str:
    """The signer's own office, as a sentence writes it: "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" -> "Phó giám đốc"."""
    own = _ON_BEHALF.sub("", title).strip() or re.sub(r"^(?:TM|KT|TL|Q)\.?\s*", "", title).strip()
    own = own.lower()
    return own[:1].upper() + own[1:]


def _where(fact: Fact, locale: str) -> str:
    _ = translator(locale).gettext
    if fact.section:
        return _("According to {plan} (section {section})").format(plan=fact.plan, section=fact.section)
    return _("According to {plan}").format(plan=fact.plan)


def fact_text(kind: str | None, fact: Fact, locale: str) -> str:
    _ = translator(locale).gettext
    where = _where(fact, locale)
    if kind == "figure" and fact.baseline:  # where things stand; the quote below says of what
        return _("{where}: {figure}, as things stand (a current or past figure, not a target).").format(
            where=where, figure=figure_text(fact, locale)
        )
    if kind == "figure":
        return _("{where}: {metric}: {figure}.").format(
            where=where, metric=fact.metric, figure=figure_text(fact, locale)
        )
    if kind == "date":
        dates = ", ".join(
            f"{date_text(d, locale)} ({period_text(period, locale)})" if period else date_text(d, locale)
            for d, period in fact.dates
        )
        if fact.units:
            return _("{where}: due {dates}; responsible: {units}.").format(
                where=where, dates=dates, units=", ".join(fact.units)
            )
        return _("{where}: due {dates}.").format(where=where, dates=dates)
    if kind == "unit":
        return _("{where}: responsible: {units}.").format(where=where, units=", ".join(fact.units))
    if kind == "signer" and fact.person is None:  # the sentence that names the office's holder
        return f"{where}: {fact.quote}"
    if kind == "signer" and fact.section == "KY":  # a decision's annexed plan, signed by its own author
        return _("{annex}, annexed to {plan}, is signed by {role} {person}.").format(
            annex=fact.quote.partition(":")[0], plan=fact.plan, role=office_text(fact.role or ""), person=fact.person
        )
    if kind == "signer":
        return _("{plan} is signed by {role} {person}.").format(
            plan=fact.plan, role=office_text(fact.role or ""), person=fact.person
        )
    if kind == "email":
        return _("{where}: send to {email}.").format(where=where, email=fact.value)
    return f"{where}: {fact.quote}"


def talk_text(talk: str, locale: str) -> str:
    """Small talk answered as a person would."""
    _ = translator(locale).gettext
    texts = {
        "greeting": _(
            "Hello! I answer questions about the imported plans (targets, deadlines, who is responsible) and "
            "remind units of their deadlines. Ask me, e.g. “hạn nộp báo cáo 6 tháng”."
        ),
        "thanks": _("You're welcome, glad to help!"),
        "goodbye": _("Goodbye, see you again!"),
        "capabilities": _(
            "I read the imported plans and answer questions about them: targets, deadlines, who is responsible "
            "and what each unit has to do, quoting the plan and section. I also remind each unit before its "
            "deadlines, record their replies (done, in progress, blocked) and give officers a summary."
        ),
    }
    return texts.get(talk, texts["greeting"])


def outside_text(answer: Answer, locale: str) -> str:
    """A refusal that says why: the question names a year, place or level the plans do not set this for."""
    _ = translator(locale).gettext
    what = {"year": _("the year you name"), "place": _("the place you name"), "level": _("the school level you name")}
    text = _("The imported plans do not set this for {what}.").format(what=what[answer.outside or "place"])
    if answer.covered:
        text += " " + _("They set it only for: {covered}.").format(covered=", ".join(answer.covered))
    elif answer.outside == "year":
        text += " " + _("They set it for other years only.")
    else:
        text += " " + _("They set it for other places only.") if answer.outside == "place" else ""
    return text


def answer_text(answer: Answer, locale: str, *, choosing: bool = False) -> str:
    """The answer in words; `choosing`: the plans differ and the chat offers them as choices below the text
    (buttons, or numbered lines), so the ask-back says to pick one there or name it."""
    _ = translator(locale).gettext
    if answer.kind == "smalltalk":
        return talk_text(answer.talk or "greeting", locale)
    if answer.kind == "list" and answer.listing is not None:
        return list_page(answer.listing, locale)[0]
    if not answer.found and answer.outside:
        return outside_text(answer, locale)
    if not answer.found:
        return _(
            "The imported plans do not say this. You can ask about their targets, deadlines and responsible units."
        )
    lines = [fact_text(answer.kind, fact, locale) for fact in answer.facts]
    if answer.disagree:
        ask_back = (
            _(
                "The imported plans differ on this. Which plan do you mean? Pick one below, or reply with its "
                "number or its issuer (for example the place)."
            )
            if choosing
            else _(
                "The imported plans differ on this. Which plan do you mean? Name its number or its issuer "
                "(for example the place) in your question."
            )
        )
        lines.insert(0, ask_back)
    if answer.kind in ("figure", "date", "unit", "email") and answer.facts:
        lines.append(_("Quote: “{quote}”").format(quote=answer.facts[0].quote))
    return "\n".join(lines)


PLAN_LABEL_CHARS = 40  # a plan's name on a button, one to a row: what a phone shows without cutting it


def plan_label(meta: PlanMeta) -> str:
    """A plan's short name for a button: its number and place ("297/KH-GDĐT Quận 7"), or, for a plan issued
    without a number, its issuer and date ("Sở GDĐT Sóc Trăng, 12/2022"), clipped for a phone."""
    reference = meta.reference
    if meta.number:
        label = f"{meta.number} {meta.place}" if meta.place else reference
    else:
        issuer, _, when = reference.partition(meta.issuer)
        label = f"{meta.issuer}{when}" if issuer else reference
    return clip(label, PLAN_LABEL_CHARS)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters; a cut text ends at a word boundary with "…" (never mid-word)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:-–—") + "…"


_PERIOD = re.compile(
    r"^(?:(?P<quarter>quý\s+(?P<roman>IV|I{1,3}))|(?P<span>(?P<months>6|9)\s+tháng)|(?:tháng\s+(?P<month>\d{1,2}))"
    r"|(?P<year_word>năm))\s*(?:/\s*|\s+)?(?P<year>\d{4})?$",
    re.IGNORECASE,
)


def period_text(period: str | None, locale: str) -> str:
    """A period label as the plans write it ("quý I/2023", "6 tháng/2023", "tháng 5/2023", "năm 2023"),
    in the reader's language; labels of another shape are kept as written."""
    if not period:
        return ""
    match = _PERIOD.match(period.strip())
    if locale == "vi" or match is None:
        return period
    _ = translator(locale).gettext
    year = match["year"] or ""
    if match["quarter"]:
        text = _("Q{number} {year}").format(number=roman_value(match["roman"]), year=year)
    elif match["span"]:
        text = _("first {months} months of {year}").format(months=match["months"], year=year)
    elif match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            return period
        text = format_date(dt.date(2000, month, 1), "MMMM", locale="en_GB") + f" {year}"
    else:
        text = _("year {year}").format(year=year)
    return " ".join(text.split())


def more_text(count: int, locale: str) -> str:
    """ "…and 3 more." under a list cut short."""
    return translator(locale).ngettext("…and {count} more.", "…and {count} more.", count).format(count=count)


def due_text(days: int, due: dt.date, locale: str) -> str:
    """A reminder's head: due in N days, due today, or overdue by N days, with the date."""
    t = translator(locale)
    date = date_text(due, locale)
    if days > 0:
        return t.ngettext("Reminder: due in {days} day ({date})", "Reminder: due in {days} days ({date})", days).format(
            days=days, date=date
        )
    if days == 0:
        return t.gettext("Reminder: due today ({date})").format(date=date)
    return t.ngettext("Overdue by {days} day (due {date})", "Overdue by {days} days (due {date})", -days).format(
        days=-days, date=date
    )


def list_due_text(days: int, due: dt.date, locale: str) -> str:
    """An item's due phrase in a list of reminders: "due in 3 days (18/06/2023)", "overdue by 1 day (…)"."""
    t = translator(locale)
    date = date_text(due, locale)
    if days > 0:
        return t.ngettext("due in {days} day ({date})", "due in {days} days ({date})", days).format(
            days=days, date=date
        )
    if days == 0:
        return t.gettext("due today ({date})").format(date=date)
    return t.ngettext("overdue by {days} day (due {date})", "overdue by {days} days (due {date})", -days).format(
        days=-days, date=date
    )


# -- list answers (plans/lists.py): short enough for a phone, a page at a time in the chat ---------------------
LIST_PAGE = 10  # items per page in the chat (as the draft details): short enough for a phone
ITEM_CHARS = 150  # characters of one item's name


def _every_text(item: ListItem, locale: str) -> str:
    """How often a recurring duty falls due, and on which day when the plan says."""
    _ = translator(locale).gettext
    every = {"monthly": _("every month"), "quarterly": _("every quarter"), "semiannual": _("every half-year")}.get(
        item.frequency or "", _("every year")
    )
    if item.day:
        return _("{every}, by day {day}").format(every=every, day=item.day)
    if item.frequency == "monthly":
        return _("{every}, by the end of the month").format(every=every)
    return every


def _when_text(item: ListItem, locale: str) -> str:
    """An item's schedule in a few words: how often, or its due dates (a few), or the plan's undated words."""
    _ = translator(locale).gettext
    if item.frequency:
        return _every_text(item, locale)
    if item.dates:
        shown = [
            f"{date_text(d, locale)} ({period_text(p, locale)})" if p else date_text(d, locale)
            for d, p in item.dates[:4]
        ]
        text = _("due {dates}").format(dates=", ".join(shown))
        if len(item.dates) > 4:
            text += f" (+{len(item.dates) - 4})"
        return text
    return clip(item.undated, 40) if item.undated else ""


def list_item_text(item: ListItem, listing: Listing, locale: str, number: int) -> str:
    """One numbered line: what, when, who (when the list is not one unit's), the section cited."""
    _ = translator(locale).gettext
    if listing.what == "targets":
        name = clip(item.name, ITEM_CHARS)
        figures = (item.value or "").split("; ")
        if item.value and not all(fold(f.split(" ")[0]) in fold(name) for f in figures):
            name += " — " + ", ".join(figures)  # the sentence was cut before its figure
        return f"{number}. {name} [{item.section}]"
    parts = [clip(item.name, ITEM_CHARS)]
    when = _when_text(item, locale)
    if when:
        parts.append(when)
    if listing.unit is None and item.units:
        parts.append(_("lead: {units}").format(units=clip(", ".join(item.units), 60)))
    if item.via:
        parts.append(_("done by {unit}").format(unit=item.via))
    if item.partner:
        parts.append(_("taking part"))
    return f"{number}. {' — '.join(parts)} [{item.section}]"


def _list_head(listing: Listing, locale: str) -> str:
    t = translator(locale)
    count = len(listing.items)
    unit = listing.unit or ""
    if listing.what == "targets":
        if unit:
            return t.ngettext("{count} target concerns {unit}:", "{count} targets concern {unit}:", count).format(
                count=count, unit=unit
            )
        return t.ngettext("{count} target:", "{count} targets:", count).format(count=count)
    if listing.what == "months":
        return t.gettext("{task} falls due:").format(task=clip(listing.topic or "", ITEM_CHARS))
    if listing.frequency:
        every = {
            "monthly": t.gettext("every month"),
            "quarterly": t.gettext("every quarter"),
            "yearly": t.gettext("every year"),
        }.get(listing.frequency, "")
        if unit:
            return t.ngettext("{unit} has {count} duty {every}:", "{unit} has {count} duties {every}:", count).format(
                unit=unit, count=count, every=every
            )
        return t.ngettext("{count} duty {every}:", "{count} duties {every}:", count).format(count=count, every=every)
    if listing.period:
        span = f"{date_text(listing.period[0], locale)} – {date_text(listing.period[1], locale)}"
        if unit:
            return t.ngettext(
                "{unit} has {count} task due {span}:", "{unit} has {count} tasks due {span}:", count
            ).format(unit=unit, count=count, span=span)
        return t.ngettext("{count} task due {span}:", "{count} tasks due {span}:", count).format(count=count, span=span)
    if unit:
        return t.ngettext("{unit} has {count} task:", "{unit} has {count} tasks:", count).format(unit=unit, count=count)
    return t.ngettext("{count} task:", "{count} tasks:", count).format(count=count)


def list_refusal(listing: Listing, locale: str) -> str:
    """Why the list is empty, in words and without a figure: the unit is not in the plans, or has nothing asked."""
    _ = translator(locale).gettext
    # the units of the one plan in question, by name (not "các …" classes), without a figure
    named = [u for u in listing.units if not any(ch.isdigit() for ch in u) and not fold(u).startswith("cac ")][:6]
    if listing.unknown_unit:
        text = _("The imported plans assign nothing to “{unit}”.").format(unit=listing.unknown_unit)
        if named:
            text += " " + _("They assign tasks to: {units}.").format(units=", ".join(named))
        return text
    if listing.what == "targets":
        return _("The imported plans set no target of this kind.")
    unit = listing.unit or ""
    if unit and listing.period:
        return _("The imported plans give {unit} no task in the period you name.").format(unit=unit)
    if unit and listing.frequency:
        return _("The imported plans give {unit} no duty that recurs as you ask.").format(unit=unit)
    if unit:
        return _("The imported plans give {unit} no task of this kind.").format(unit=unit)
    return _("The imported plans list nothing of this kind.")


def list_page(listing: Listing, locale: str, page: int | None = None, size: int = LIST_PAGE) -> tuple[str, int]:
    """A list answer's text and its number of pages: every item (page None: the command line) or one page of
    `size`, numbered on across pages, each plan named above its items and each item citing its section."""
    t = translator(locale)
    if not listing.items:
        return list_refusal(listing, locale), 1
    items = list(listing.items)
    pages = max(1, (len(items) + size - 1) // size)
    first = 0
    if page is not None:
        page = min(max(page, 1), pages)
        first = (page - 1) * size
        items = items[first : first + size]
    lines = [_list_head(listing, locale)]
    if listing.what == "months":
        item = listing.items[0]
        lines[0] = (
            f"{t.gettext('According to {plan} (section {section})').format(plan=item.plan, section=item.section)}: "
            + lines[0]
        )
        when = [
            f"{date_text(d, locale)} ({period_text(p, locale)})" if p else date_text(d, locale)
            for it in listing.items
            for d, p in it.dates
        ]
        lines.append("; ".join(dict.fromkeys(when)) + ".")
        return "\n".join(lines), 1
    if page is not None and pages > 1:
        lines[0] += " " + t.gettext("Page {page} of {pages}.").format(page=page, pages=pages)
    plan = None
    for number, item in enumerate(items, first + 1):
        if item.plan != plan:
            plan = item.plan
            lines.append(t.gettext("According to {plan}").format(plan=plan) + ":")
        lines.append(list_item_text(item, listing, locale, number))
    return "\n".join(lines), pages
