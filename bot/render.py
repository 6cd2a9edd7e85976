"""Answers in words, in the user's language: gettext for phrases, Babel for dates and numbers."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from plans.answer import Answer, Fact

from .i18n import translator


def date_text(day: dt.date, locale: str) -> str:
    return format_date(day, "dd/MM/yyyy", locale="vi" if locale == "vi" else "en_GB")


def figure_text(fact: Fact, locale: str) -> str:
    _ = translator(locale).gettext
    percent = fact.measure == "%"
    value = f"{fact.value}" if percent else f"{fact.value} {fact.measure}"
    phrases = {
        ">=": _("from {value} upwards") if percent else _("at least {value}"),
        ">": _("over {value}"),
        "<": _("under {value}"),
        "<=": _("at most {value}"),
        "=": "{value}",
    }
    return phrases.get(fact.comparator or "=", "{value}").format(value=value)


def _where(fact: Fact, locale: str) -> str:
    _ = translator(locale).gettext
    if fact.section:
        return _("According to {plan} (section {section})").format(plan=fact.plan, section=fact.section)
    return _("According to {plan}").format(plan=fact.plan)


def fact_text(kind: str | None, fact: Fact, locale: str) -> str:
    _ = translator(locale).gettext
    where = _where(fact, locale)
    if kind == "figure":
        return _("{where}: {metric}: {figure}.").format(
            where=where, metric=fact.metric, figure=figure_text(fact, locale)
        )
    if kind == "date":
        dates = ", ".join(
            f"{date_text(d, locale)} ({period})" if period else date_text(d, locale) for d, period in fact.dates
        )
        return _("{where}: due {dates}.").format(where=where, dates=dates)
    if kind == "unit":
        return _("{where}: responsible: {units}.").format(where=where, units=", ".join(fact.units))
    if kind == "signer":
        return _("{plan} is signed by {role} {person}.").format(
            plan=fact.plan, role=(fact.role or "").title(), person=fact.person
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


def answer_text(answer: Answer, locale: str) -> str:
    _ = translator(locale).gettext
    if answer.kind == "smalltalk":
        return talk_text(answer.talk or "greeting", locale)
    if not answer.found and answer.outside:
        return outside_text(answer, locale)
    if not answer.found:
        return _(
            "The imported plans do not say this. You can ask about their targets, deadlines and responsible units."
        )
    lines = [fact_text(answer.kind, fact, locale) for fact in answer.facts]
    if answer.kind in ("figure", "date", "unit", "email") and answer.facts:
        lines.append(_("Quote: “{quote}”").format(quote=answer.facts[0].quote))
    return "\n".join(lines)
