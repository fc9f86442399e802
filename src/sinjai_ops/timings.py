"""Seconds spent in each stage of one command (`--timings`), so that a slow run can be explained.

A stage that runs inside another is counted in its own line only, never twice: the time of
`naming` inside `solve` is taken out of `solve`. Nothing is recorded unless a command asks
(`recording`), and nothing recorded ever reaches a plan or any other output file.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

STAGES = ("load", "demand", "solve", "naming", "remedies", "checklist", "drills", "render")
"""The stages, in the order a plan (and a checklist) goes through them."""


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)
    _inner: list[float] = field(default_factory=list)
    """Per open stage, the seconds of the stages inside it so far."""


_NOW: ContextVar[Timings | None] = ContextVar("timings", default=None)


@contextmanager
def recording() -> Iterator[Timings]:
    """Record the stages run inside this block."""
    timings = Timings()
    token = _NOW.set(timings)
    try:
        yield timings
    finally:
        _NOW.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the block's seconds under `name`, less those of the stages inside it."""
    timings = _NOW.get()
    if timings is None:
        yield
        return
    began = time.perf_counter()
    timings._inner.append(0.0)
    try:
        yield
    finally:
        elapsed = time.perf_counter() - began
        inner = timings._inner.pop()
        timings.seconds[name] = timings.seconds.get(name, 0.0) + elapsed - inner
        if timings._inner:
            timings._inner[-1] += elapsed
