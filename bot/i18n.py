"""gettext catalogues in `locales/` (vi default, en second); the core picks the locale, not the adapter.

The catalogues ship inside the wheel as the `locales` package's data (the folder keeps its top-level place
in the repository) and are read with `importlib.resources`, so an installed copy answers from any folder.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from importlib import resources

DOMAIN = "nhacviec"
SUPPORTED = ("vi", "en")
DEFAULT = "vi"


@lru_cache(maxsize=8)
def translator(locale: str) -> gettext.NullTranslations:
    """The catalogue for a locale; msgids are English, so "en" may fall back to them."""
    lang = locale if locale in SUPPORTED else DEFAULT
    catalogue = resources.files("locales").joinpath(lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with catalogue.open("rb") as data:
            return gettext.GNUTranslations(data)
    except FileNotFoundError:
        if lang == "en":
            return gettext.NullTranslations()
        raise FileNotFoundError(f"the {lang} catalogue is missing: {catalogue} (run `make locales`)") from None
