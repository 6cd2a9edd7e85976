"""The summary as a PNG a phone can read: stacked horizontal bars per unit, labels with diacritics."""

from __future__ import annotations

import io

from storage.status import BUCKETS, Summary, UnitSummary

from .i18n import translator

COLOURS = {"done": "#2e7d32", "in_progress": "#1976d2", "blocked": "#c62828", "late": "#ef6c00", "upcoming": "#9e9e9e"}
MAX_BARS = 25


def _labels(locale: str) -> dict[str, str]:
    _ = translator(locale).gettext
    return {
        "done": _("done"),
        "in_progress": _("in progress"),
        "blocked": _("blocked"),
        "late": _("late, no reply"),
        "upcoming": _("upcoming"),
    }


def status_chart(summary: Summary, locale: str = "vi") -> bytes:
    """Units with most late and blocked first; beyond 25 bars the rest are one "other units" bar."""
    from matplotlib.figure import Figure  # loaded on the first chart: it costs start-up time and memory

    _ = translator(locale).gettext
    units = list(summary.units)
    if len(units) > MAX_BARS:
        rest = UnitSummary(
            unit=translator(locale)
            .ngettext("{count} other unit", "{count} other units", len(units) - MAX_BARS + 1)
            .format(count=len(units) - MAX_BARS + 1)
        )
        for unit in units[MAX_BARS - 1 :]:
            for b in BUCKETS:
                setattr(rest, b, getattr(rest, b) + getattr(unit, b))
        units = [*units[: MAX_BARS - 1], rest]
    units.reverse()  # the first unit at the top
    height = 2.2 + 0.42 * max(len(units), 1)
    figure = Figure(figsize=(7.2, height), dpi=110)
    axes = figure.subplots()
    names = [u.unit if len(u.unit) <= 38 else u.unit[:37] + "…" for u in units]
    left = [0] * len(units)
    labels = _labels(locale)
    for b in BUCKETS:
        values = [getattr(u, b) for u in units]
        axes.barh(names, values, left=left, color=COLOURS[b], label=labels[b], height=0.7)
        left = [a + v for a, v in zip(left, values, strict=True)]
    axes.set_title(
        _("Status {start} – {end}").format(start=f"{summary.start:%d/%m/%Y}", end=f"{summary.end:%d/%m/%Y}"),
        fontsize=11,
    )
    axes.set_xlabel(_("occurrences"), fontsize=9)
    axes.tick_params(axis="y", labelsize=8)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.5 / height - 0.08), ncol=3, fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
