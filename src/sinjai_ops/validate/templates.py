"""Checklist templates: anchors, owners, conditions and placeholders."""

from __future__ import annotations

from sinjai_ops.i18n import t
from sinjai_ops.models.checklist import PLACEHOLDERS, Template, placeholders
from sinjai_ops.models.common import Path, suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.problem import Problem

_AT_KINDS = {"operation", "first-visit", "day", "conflict", "shortfall"}


def check_templates(
    templates: list[Template], doc: Document, base: Path, posts: list[str] | None = None
) -> list[Problem]:
    """Checklist templates: unique ids, known placeholders, anchors with what they need."""
    out: list[Problem] = []
    for i, tpl in enumerate(templates):
        path: Path = (*base, i)
        for lang in ("id", "en"):
            for name in placeholders(getattr(tpl.text, lang)):
                if name not in PLACEHOLDERS:
                    out.append(
                        problem_at(
                            doc,
                            (*path, "text", lang),
                            t(
                                "unknown placeholder {{{name}}}{hint}",
                                name=name,
                                hint=suggest(name, sorted(PLACEHOLDERS)),
                            ),
                        )
                    )
        anchor = tpl.anchor
        if anchor.kind in _AT_KINDS and anchor.at is None:
            out.append(
                problem_at(
                    doc,
                    (*path, "anchor"),
                    t("an anchor of kind {kind} needs 'at: HH:MM'", kind=anchor.kind),
                )
            )
        open_ended = anchor.ring is None and anchor.post is None and not tpl.when.support
        if anchor.kind == "post-opens" and open_ended:
            out.append(problem_at(doc, (*path, "anchor"), t("post-opens needs 'ring' or 'post'")))
        if posts is not None and anchor.post is not None and anchor.post not in posts:
            out.append(
                problem_at(
                    doc,
                    (*path, "anchor", "post"),
                    t(
                        "unknown post '{post}'{hint}",
                        post=anchor.post,
                        hint=suggest(anchor.post, posts),
                    ),
                )
            )
        if tpl.owner.role == "unit-head" and tpl.owner.unit is None:
            out.append(problem_at(doc, (*path, "owner"), t("owner unit-head needs 'unit'")))
    return out


def merge_templates(shipped: list[Template], own: list[Template]) -> list[Template]:
    """The operation's templates after the shipped ones; the same id replaces in place."""
    mine = {t.id: t for t in own}
    merged = [mine.pop(t.id, t) for t in shipped]
    return merged + [t for t in own if t.id in mine]
