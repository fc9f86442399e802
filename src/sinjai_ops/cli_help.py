"""Help that an officer can read: `PATH...` and `--date DATE`, never Python's types.

Typer (0.29) prints each parameter's Python type in its help (`SCENARIO <list[Path]>`,
`--shift <str>`, `[x>=0.1]`) and marks required arguments with braces (`{SCENARIO}...`). A
command made with `PlainCommand` shows, instead, the parameter's metavar (or its name in
capitals), the choices of a choice as `[a|b|c]`, and the classic `NAME...` / `[NAME]` of a
usage line. The help texts themselves say what a range allows ("at least 0.1").
"""

from __future__ import annotations

import re
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperOption


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
        try:
            return super().process_value(ctx, value)
        except typer.BadParameter as exc:
            raise typer.BadParameter(_plain(exc.message), ctx=exc.ctx, param=exc.param) from None


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


class PlainCommand(TyperCommand):
    """A Typer command whose help names what to type, not the Python types behind it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            # The same objects, told to show themselves plainly (no state is added).
            if type(param) is TyperArgument:
                param.__class__ = _PlainArgument
            elif type(param) is TyperOption:
                param.__class__ = _PlainOption
