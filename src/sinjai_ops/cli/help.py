"""Help that an officer can read, in the environment's language: `PATH...` and `--date DATE`,
never Python's types.

Typer (0.29) prints each parameter's Python type in its help (`SCENARIO <list[Path]>`,
`--shift <str>`, `[x>=0.1]`) and marks required arguments with braces (`{SCENARIO}...`). A
command made with `PlainCommand` shows, instead, the parameter's metavar (or its name in
capitals), the choices of a choice as `[a|b|c]`, and the classic `NAME...` / `[NAME]` of a
usage line. The help texts themselves say what a range allows ("at least 0.1").

Typer's own words in a help page (`Usage:`, the section titles, `[required]`, the help and
completion options) come from the same catalog as ours: Typer looks its section titles up with
gettext's global domain, which `speak_the_environments_language` points at the catalog, as a
gettext application does; the rest is set here. (Click's error frame, `Error: Invalid value
for ...` and `Try ... for help.`, is written by Typer's vendored Click in English; a required
option not given is told as our own usage errors are.)
"""

from __future__ import annotations

import gettext
import re
from importlib import resources
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from sinjai_ops.i18n import DOMAIN, N_, env_lang, say, t

# Typer's and Click's words that reach a help page, as they write them.
_THEIRS = [
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("required"),
    N_("default: {default}"),
]
_USAGE = N_("Usage: ")
_HELP = N_("Show this message and exit.")
_COMPLETION = {
    "Install completion for the current shell.": N_("Install completion for the current shell."),
    "Show completion for the current shell, to copy it or customize the installation.": N_(
        "Show completion for the current shell, to copy it or customize the installation."
    ),
}


def speak_the_environments_language() -> None:
    """Point gettext's global domain at the catalog, so that Typer's section titles follow
    `LANG` (the application's part of gettext; a library never does this)."""
    gettext.bindtextdomain(DOMAIN, str(resources.files("sinjai_ops") / "locale"))
    gettext.textdomain(DOMAIN)


class _PlainArgument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self._plain_name() + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        name = self._plain_name() + ("..." if self.nargs != 1 else "")
        return name if self.required else f"[{name}]"

    def _plain_name(self) -> str:
        return self.metavar or (self.name or "").upper()


class _PlainOption(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        if self.metavar is not None:
            return self.metavar
        choices = self.type_descriptor.choices if self.type_descriptor.is_choice else None
        if choices:
            return "[" + "|".join(str(getattr(c, "value", c)) for c in choices) + "]"
        long = next((o for o in self.opts if o.startswith("--")), self.opts[0])
        return long.lstrip("-").upper().replace("-", "_")

    def _get_number_range_help_str(self) -> str | None:
        return None

    def process_value(self, ctx: Any, value: Any) -> Any:
        if self.required and self.value_is_missing(value):
            _missing(self, ctx)
        try:
            return super().process_value(ctx, value)
        except typer.BadParameter as exc:
            raise typer.BadParameter(_plain(exc.message), ctx=exc.ctx, param=exc.param) from None


def _missing(option: _PlainOption, ctx: Any) -> None:
    """A required option not given, told as the other usage errors are (in the run's
    language, exit 2): `-o OUTDIR is required`; Click would say it in English, and Typer's
    BadParameter above would lose its words."""
    from sinjai_ops.cli.output import fail_usage

    name = min(option.opts, key=len)
    fail_usage(
        t(
            "{option} {value} is required; see: {command} -h",
            option=name,
            value=option.display_type_rich(ctx),
            command=ctx.command_path,
        )
    )


_PYDANTIC = (
    (re.compile(r"^Value error, "), ""),
    (re.compile(r"^Input should be greater than or equal to (.+)$"), r"must be at least \1"),
    (re.compile(r"^Input should be less than or equal to (.+)$"), r"must be at most \1"),
    (re.compile(r"^Input should be a valid number.*$"), "must be a number, e.g. 30"),
    (re.compile(r"^Input should be a valid integer.*$"), "must be a whole number, e.g. 3"),
)


def _plain(message: str) -> str:
    """An option's error in plain words: Typer passes on pydantic's ("Value error, ...",
    "Input should be greater than or equal to 0.1")."""
    for pattern, words in _PYDANTIC:
        message = pattern.sub(words, message)
    return message


class _Plain:
    """What a command and a group of commands share: the usage line's and the help option's
    words in the environment's language, and parameters that show themselves plainly."""

    params: list[Any]

    def _plain_params(self) -> None:
        for param in self.params:
            # The same objects, told to show themselves plainly (no state is added).
            if type(param) is TyperArgument:
                param.__class__ = _PlainArgument
            elif type(param) is TyperOption:
                param.__class__ = _PlainOption
                if param.help in _COMPLETION:
                    param.help = say(env_lang(), _COMPLETION[param.help])

    def get_params(self, ctx: Any) -> list[Any]:
        # Typer appends the completion options after the group is made: shape them here.
        self._plain_params()
        return super().get_params(ctx)  # type: ignore[misc, no-any-return]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), say(env_lang(), _USAGE))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = say(env_lang(), _HELP)
        return option


class PlainCommand(_Plain, TyperCommand):
    """A Typer command whose help names what to type, not the Python types behind it."""


class PlainGroup(_Plain, TyperGroup):
    """A Typer group of commands with the same plain help."""
