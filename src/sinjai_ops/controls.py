"""Control characters: which ones a text value may not hold, and how any that gets through is
shown (as `\\x1b`, `\\u202e`) instead of obeyed.

A terminal obeys an escape code (`\\x1b[2J` clears the screen, `\\x1b]0;...\\x07` retitles the
window, the one-byte CSI `\\x9b` does the same in some), a carriage return overwrites the line,
a NUL cuts a field short, and a bidi override (U+202E) shows the text after it backwards. None of
them is ever meant in a name, a unit or a reason: `validate` refuses them, and every echo of an
argument and every text output shows them escaped.
"""

from __future__ import annotations

import re

CONTROLS = "\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
"""C0 controls but the tab, DEL, C1 controls, and the bidi embeddings, overrides and isolates:
what no single-line text value may hold."""

_REFUSED = re.compile(f"[{CONTROLS}]")
_IN_LAYOUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""The same, but the newline that lays out a text output (a tab passes too)."""
_BY_NAME = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escaped(ch: str) -> str:
    """One character as Python writes it in a string: `\\n`, `\\x1b`, `\\u202e`."""
    code = ord(ch)
    if ch in _BY_NAME:
        return _BY_NAME[ch]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def refused(value: str) -> list[tuple[int, str]]:
    """The control characters of a text value, each with its position (1 for the first)."""
    return [(m.start() + 1, m.group()) for m in _REFUSED.finditer(value)]


def visible(value: str) -> str:
    """What an input holds, shown and never obeyed, on one line: every character that does not
    print as itself (a newline, a tab, an escape code, a bidi override, a zero-width space) is
    written as `\\n`, `\\t`, `\\x1b`, `\\u202e`. For echoes of arguments and input in messages."""
    if value.isprintable():
        return value
    return "".join(ch if ch.isprintable() or ch == " " else escaped(ch) for ch in value)


def defused(text: str) -> str:
    """A whole text output with the control characters that a value brought in escaped; the
    newlines (and tabs) of its layout are kept."""
    if not _IN_LAYOUT.search(text):
        return text
    return _IN_LAYOUT.sub(lambda m: escaped(m.group()), text)


def json_defused(text: str) -> str:
    """JSON text with DEL, the C1 controls and the bidi controls written as `\\u` escapes: the
    same strings to any JSON reader, harmless on a terminal (JSON escapes C0 by itself)."""
    if not _IN_LAYOUT.search(text):
        return text
    return _IN_LAYOUT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
