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


def answer_text(answer: Answer, locale: str) -> str:
    _ = translator(locale).gettext
    if not answer.found:
        return _(
            "The imported plans do not say this. You can ask about their targets, deadlines and responsible units."
        )
    lines = [fact_text(answer.kind, fact, locale) for fact in answer.facts]
    if answer.kind in ("figure", "date", "unit", "email") and answer.facts:
        lines.append(_("Quote: “{quote}”").format(quote=answer.facts[0].quote))
    return "\n".join(lines)
