"""gettext catalogues in `locales/` (vi default, en second); the core picks the locale, not the adapter."""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "nhacviec"
SUPPORTED = ("vi", "en")
DEFAULT = "vi"


@lru_cache(maxsize=8)
def translator(locale: str) -> gettext.NullTranslations:
    """The catalogue for a locale; msgids are English, so "en" may fall back to them."""
    lang = locale if locale in SUPPORTED else DEFAULT
    return gettext.translation(DOMAIN, localedir=str(LOCALES), languages=[lang], fallback=lang == "en")
