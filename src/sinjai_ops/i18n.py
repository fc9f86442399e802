"""Words for the officer in the officer's language, the ecosystem's way: one gettext catalog
under `locale/` (kept with Babel: `pybabel compile -d src/sinjai_ops/locale -D sinjai_ops`).

The English text in the code is the message id; the catalog holds its Indonesian. Every word
the officer reads comes through here: the help of the command line, the problems `validate`
finds, the notes on standard error, and the views (plan, checklist, report, workbook).

Three ways in, each found by Babel's extractor (`tests/test_i18n.py` keeps the catalog whole):

- `say(lang, "text {x}", x=...)`: a sentence now, in `lang`.
- `t("text {x}", x=...)`: a sentence kept for later (`Msg`), said in whatever language the
  reader chooses; a problem found while validating is one of these.
- `N_("text")`: marks a text kept in a table, said later with `say`.
"""

from __future__ import annotations

import errno
import gettext
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources

DOMAIN = "sinjai_ops"
LANGS = ("en", "id")
"""The languages of everything the officer reads: English (the default) and Indonesian."""


def env_lang() -> str:
    """The language of the environment (LANG=id_ID.UTF-8 is Indonesian), else English: the
    first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set, as gettext reads them."""
    names = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    value = next((os.environ[n] for n in names if os.environ.get(n)), "")
    return "id" if value.split(":")[0].lower().startswith("id") else "en"


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang`; English (the message ids themselves) when there is none."""
    localedir = str(resources.files("sinjai_ops") / "locale")
    return gettext.translation(DOMAIN, localedir=localedir, languages=[lang], fallback=True)


KEYWORDS: dict[str, tuple[int, ...] | None] = {"t": None, "N_": None, "say": (2,), "plural": (2, 3)}
"""The functions of this module that mark words, as Babel's extractor is told of them (with
gettext's own `_`, which the command line uses for its help)."""


def N_(text: str) -> str:
    """Marks `text` for the catalog where it is kept in a table; `say` translates it later."""
    return text


def say(lang: str, text: str, /, **values: object) -> str:
    """`text` in `lang`, its `{placeholders}` filled (a `Msg` among them is said in `lang`)."""
    if not text:
        return ""
    said = {k: v.say(lang) if isinstance(v, Msg) else v for k, v in values.items()}
    return translation(lang).gettext(text).format(**said)


def plural(lang: str, one: str, many: str, n: int, **values: object) -> str:
    """`one` or `many` by `n`, in `lang` (Indonesian has one form for both)."""
    return translation(lang).ngettext(one, many, n).format(n=n, **values)


def number(lang: str, n: float, places: int = 0) -> str:
    """`n` as the officer's language writes it: 1,684.5 in English, 1.684,5 in Indonesian."""
    text = f"{n:,.{places}f}"
    return text.translate(_SWAP) if lang == "id" else text


_SWAP = str.maketrans({",": ".", ".": ","})


@dataclass(frozen=True)
class Msg:
    """A sentence kept for later: its English text (the message id) and the values it holds."""

    text: str
    values: tuple[tuple[str, object], ...] = ()

    def say(self, lang: str) -> str:
        return say(lang, self.text, **dict(self.values))

    def __str__(self) -> str:
        return self.say("en")

    def __bool__(self) -> bool:
        return bool(self.text)


NOTHING = Msg("")
"""The empty sentence (a hint that has nothing to say); never looked up, as gettext("") is the
catalog's header."""


def t(text: str, /, **values: object) -> Msg:
    """A sentence to be said later in the reader's language; see `Msg`."""
    return Msg(text, tuple(values.items()))


def told(msg: object, text: str, lang: str) -> str:
    """A text kept with the `Msg` it was made from, in `lang` (a text without one is looked up
    as it is)."""
    return msg.say(lang) if isinstance(msg, Msg) else translation(lang).gettext(text)


class Invalid(ValueError):
    """A value refused inside a model's validator, with its message kept for translation."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg


_WHY = {
    getattr(errno, name): text
    for name, text in (
        ("ENOENT", N_("no such folder")),
        ("EACCES", N_("permission denied")),
        ("EPERM", N_("permission denied")),
        ("EROFS", N_("the file system is read-only")),
        ("ENOSPC", N_("no space left on the device")),
        ("EDQUOT", N_("the disk quota is used up")),
        ("EISDIR", N_("it is a folder")),
        ("ENOTDIR", N_("part of the path is not a folder")),
        ("ENAMETOOLONG", N_("the name is too long")),
    )
    if hasattr(errno, name)  # not every system has every error
}


def why(exc: OSError) -> Msg | str:
    """Why a file could not be read or written, in the reader's words where the error is a usual one
    (the system's own text, in the system's language, otherwise)."""
    text = _WHY.get(exc.errno or 0)
    return Msg(text) if text else (exc.strerror or str(exc))
