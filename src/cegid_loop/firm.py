"""Every dossier of the firm that the key can see: ``firm_dossiers(loop)``.

    from cegid_loop.firm import firm_dossiers

    for dossier in firm_dossiers(loop):
        print(dossier.code, dossier.libelle)
        comptes = loop.comptes.list(dossier.code)

Loop lists a firm's client dossiers at ``GET /dossierClient?codeDossier=cabinet``
(``loop.dossiers_clients``, one of the cabinet APIs: the key needs the chargeable "APIKey Cabinet",
else Loop answers 401/403). Each record carries the dossier's ``code`` (the ``codeDossier`` of every
other call) and its ``libelle``. A record without a usable code, or with one already listed, cannot
be addressed: it is set aside in ``skipped`` with the reason, not dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cegid_loop._types import NOT_GIVEN, NotGiven
from cegid_loop.changes.records import wire_body

if TYPE_CHECKING:
    from cegid_loop_api.facade import AsyncLoopClient, LoopClient

CABINET = "cabinet"  # the codeDossier of the cabinet APIs (firm-level resources)


@dataclass(frozen=True)
class FirmDossier:
    """A dossier of the firm: its code (``codeDossier``), label and objectId, and the record as listed."""

    code: str
    libelle: str | None
    object_id: str | None
    body: Mapping[str, Any] = field(repr=False, compare=False)


class FirmDossiers(list[FirmDossier]):
    """The dossiers, in the order Loop lists them; ``skipped``: (record, reason) of those that
    cannot be addressed."""

    skipped: list[tuple[Mapping[str, Any], str]]

    def __init__(
        self, dossiers: Iterable[FirmDossier] = (), skipped: Iterable[tuple[Mapping[str, Any], str]] = ()
    ):
        super().__init__(dossiers)
        self.skipped = list(skipped)

    @property
    def codes(self) -> list[str]:
        return [d.code for d in self]


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def dossiers_from(records: Iterable[object]) -> FirmDossiers:
    """The addressable dossiers among ``dossierClient`` records (models or JSON objects)."""
    out = FirmDossiers()
    codes: set[str] = set()
    for record in records:
        body = wire_body(record)
        code = _text(body.get("code"))
        if code is None:
            out.skipped.append((body, "no dossier code"))
        elif code.lower() == CABINET:
            out.skipped.append((body, f"'{code}' names the firm, not a dossier"))
        elif code in codes:
            out.skipped.append((body, f"dossier {code} listed twice"))
        else:
            codes.add(code)
            oid = body.get("objectId")
            out.append(
                FirmDossier(code, _text(body.get("libelle")), oid if isinstance(oid, str) else None, body)
            )
    return out


def firm_dossiers(loop: LoopClient, *, deadline: float | NotGiven | None = NOT_GIVEN) -> FirmDossiers:
    """Every dossier the key can see (all pages of ``GET /dossierClient?codeDossier=cabinet``)."""
    return dossiers_from(loop.dossiers_clients.iter(CABINET, deadline=deadline))


async def afirm_dossiers(
    loop: AsyncLoopClient, *, deadline: float | NotGiven | None = NOT_GIVEN
) -> FirmDossiers:
    """:func:`firm_dossiers` on the async client."""
    return dossiers_from([record async for record in loop.dossiers_clients.iter(CABINET, deadline=deadline)])


__all__ = ["CABINET", "FirmDossier", "FirmDossiers", "afirm_dossiers", "dossiers_from", "firm_dossiers"]
