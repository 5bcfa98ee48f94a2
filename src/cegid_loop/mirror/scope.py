"""Which resources a mirror holds by default, and why (names from ``overrides/api-map.yaml``).

The reference data of a dossier is what the portal calls "Paramètres comptables" (accounts, third
parties, journals, establishments, analytics, periods, VAT codes): every list of that data that a
dossier code alone can read completely. Left out by default, and why:

- ``tiers``: ``GET /tiers`` lists all kinds of third parties, the same records as the four typed
  lists (``tiers_clients``, ``tiers_fournisseurs``, ``tiers_salaries``, ``tiers_divers``), which are
  the documented pages (facts.md §3.3); mirroring both would store each third party twice. Ask for
  it (``--resource tiers``) to get a tiers of a type no page documents (type 3).
- ``declarations_edi``: the filing status of EDI declarations, not reference data (may be asked for).
- ``ecritures`` (accounting entries): not reference data; a filter is mandatory and Loop returns at
  most 100 entries per request with no documented way past them (facts.md §2.6: "for more, use the
  sink"), so no complete read of them exists: never mirrored.
- ``dossiers`` (``GET /DossierComplet``): one object per dossier, not a list.
- the cabinet APIs (agences, groupes, collaborateurs, engagements...): the firm's, not a dossier's;
  the firm's dossier list itself (``dossiers_clients``) is mirrored by a firm-wide run.
"""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT_RESOURCES: tuple[str, ...] = (
    "comptes",
    "comptes_bancaires",
    "journaux",
    "tiers_clients",
    "tiers_fournisseurs",
    "tiers_salaries",
    "tiers_divers",
    "etablissements",
    "etablissements_juridiques",
    "axes",
    "sections",
    "periodes",
    "codes_tva",
)
# Dossier-level lists a mirror may also hold when asked for.
OPTIONAL_RESOURCES: tuple[str, ...] = ("tiers", "declarations_edi")
MIRRORABLE: tuple[str, ...] = DEFAULT_RESOURCES + OPTIONAL_RESOURCES
# The firm's dossier list: the first step of a firm-wide run.
FIRM_RESOURCE = "dossiers_clients"

NOT_MIRRORABLE = {
    "ecritures": "accounting entries cannot be read completely (mandatory filter, at most 100 per request)",
    "dossiers": "GET /DossierComplet is one object, not a list",
}


def check_resources(names: Iterable[str]) -> tuple[str, ...]:
    """The resources asked for, each once, in the order given; ``ValueError`` names any other."""
    chosen = tuple(dict.fromkeys(names))
    unknown = [name for name in chosen if name not in MIRRORABLE]
    if unknown:
        reasons = [f"{name} ({NOT_MIRRORABLE[name]})" if name in NOT_MIRRORABLE else name for name in unknown]
        raise ValueError(
            f"cannot mirror {', '.join(reasons)}; the resources a mirror holds: {', '.join(MIRRORABLE)}"
        )
    if not chosen:
        raise ValueError("no resource to mirror")
    return chosen


__all__ = [
    "DEFAULT_RESOURCES",
    "FIRM_RESOURCE",
    "MIRRORABLE",
    "NOT_MIRRORABLE",
    "OPTIONAL_RESOURCES",
    "check_resources",
]
