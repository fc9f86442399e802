"""`document:` of operation.yaml: what the Sprin's annex prints around the plotting (the kop,
the Sprin's number and date, its classification, the signature block). Every field is
optional; a blank one is printed as dots, to be filled in by hand."""

from __future__ import annotations

from pydantic import Field

from sinjai_ops.models.common import Day, Frozen, Nrp, RankName, Text

FIRST_KOP_LINE = "KEPOLISIAN NEGARA REPUBLIK INDONESIA"
"""Printed first on every kop, whatever `document:` says."""


class Signatory(Frozen):
    """Who signs the Sprin (the Kapolres)."""

    name: Text | None = None
    rank: RankName | None = None
    nrp: Nrp | None = None
    title: Text | None = None
    """KEPALA KEPOLISIAN RESOR SINJAI."""


class DocumentInfo(Frozen):
    letterhead: list[Text] = Field(default_factory=list)
    """The kop's lines after KEPOLISIAN NEGARA REPUBLIK INDONESIA (DAERAH SULAWESI SELATAN,
    RESOR SINJAI)."""
    issuer: Text | None = None
    """Whose Sprin it is, as the Lampiran names it: KAPOLRES SINJAI."""
    number: Text | None = None
    """Sprin/412/VIII/2024."""
    date: Day | None = None
    """The day the Sprin is signed."""
    classification: Text | None = None
    """RAHASIA, TERBATAS, ... printed above the kop and below the signature."""
    place: Text | None = None
    """Where it is issued (Dikeluarkan di): Sinjai."""
    signatory: Signatory | None = None
