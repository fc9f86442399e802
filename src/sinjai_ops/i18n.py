"""Words for the officer in the officer's language, the ecosystem's way: gettext catalogs under
`locale/` (kept with Babel: `pybabel compile -d src/sinjai_ops/locale -D sinjai_ops`).

Today the catalog holds the command line's help; the views (plan, checklist, report, workbook)
take their words from `render/labels.py`.
"""

from __future__ import annotations

import gettext
import os
from importlib import resources

DOMAIN = "sinjai_ops"


def env_lang() -> str:
    """The language of the environment (LANG=id_ID.UTF-8 is Indonesian), else English."""
    value = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "id" if value.lower().startswith("id") else "en"


def translation(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang`; English (the msgids themselves) when there is none."""
    localedir = str(resources.files("sinjai_ops") / "locale")
    return gettext.translation(DOMAIN, localedir=localedir, languages=[lang], fallback=True)
