"""Per-resource rules: the few places where Loop resources really differ, as data.

A resource is named by the last segment of its path, lower-cased (``/tiersClient`` → ``tiersclient``).
Anything not listed gets :data:`DEFAULT`: its own collection, stored per dossier, no natural key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cegid_loop.sandbox.serializer import Shape


@dataclass(frozen=True)
class ResourceRule:
    collection: str | None = None  # None: the resource name itself
    cabinet: bool = False  # firm-level resource, read with codeDossier=cabinet (Q-CABINET-DOSSIER)
    key: str | None = None  # natural key, unique within the collection (409 on a duplicate)
    fixed: dict[str, object] = field(default_factory=dict)  # values a path imposes (tiers type)
    shape: Shape = field(default_factory=Shape)
    single: bool = False  # one object per dossier (DossierComplet)
    creates_dossier: bool = False  # adding one registers a new dossier (dossierClient)
    kind: str | None = None  # force the handler kind (see urls.classify) where the shape misleads


_COMPTE = Shape(
    description_from="numero", int_enums=("type",), references=("compteContrepartie", "compteBanque")
)
_JOURNAL = Shape(
    description_from="code",
    int_enums=("type", "typeContrepartie", "saisieLibelle"),
    references=("compteContrepartie",),
)
_SECTION = Shape(description_from="description", description_kind="string", string_references=("axe",))
_TIERS = Shape(int_enums=("type",), references=("compteContrepartie",))

DEFAULT = ResourceRule()

RULES: dict[str, ResourceRule] = {
    "compte": ResourceRule(key="numero", shape=_COMPTE),
    "journal": ResourceRule(key="code", shape=_JOURNAL),
    "section": ResourceRule(key="code", shape=_SECTION),
    "tiers": ResourceRule(collection="tiers", key="code", shape=_TIERS),
    "tiersclient": ResourceRule(collection="tiers", key="code", fixed={"type": 0}, shape=_TIERS),
    "tiersfournisseur": ResourceRule(collection="tiers", key="code", fixed={"type": 1}, shape=_TIERS),
    "tierssalarie": ResourceRule(collection="tiers", key="code", fixed={"type": 2}, shape=_TIERS),
    "tiersdivers": ResourceRule(collection="tiers", key="code", fixed={"type": 4}, shape=_TIERS),
    "etablissementcomplet": ResourceRule(key="siret", shape=Shape(int_enums=("type",))),
    "etablissementjuridique": ResourceRule(key="siret"),
    "dossiercomplet": ResourceRule(single=True),
    "etatrelevecompte": ResourceRule(single=True),
    "ecriturecomptable": ResourceRule(),
    "comptebancaire": ResourceRule(key="code"),
    "axe": ResourceRule(key="code"),
    "tva": ResourceRule(key="code", shape=Shape(int_enums=("regime",))),
    "periode": ResourceRule(),
    "declarationedi": ResourceRule(),
    "agencecabinet": ResourceRule(cabinet=True, key="code"),
    "groupe": ResourceRule(cabinet=True, key="code", shape=Shape(list_wrapper="data")),
    "collaborateurcabinet": ResourceRule(cabinet=True, key="identifiant"),
    "dossierclient": ResourceRule(cabinet=True, key="code", creates_dossier=True),
    "dossiercomptable": ResourceRule(cabinet=True),
    "engagement": ResourceRule(cabinet=True),
    "giactivitesmission": ResourceRule(cabinet=True, shape=Shape(int_enums=("calage",))),
    "dossiercollaborateur": ResourceRule(cabinet=True),
    # GET /collaborativeOffer/getDossiersApplication: the firm's dossiers (no codeDossier parameter)
    "getdossiersapplication": ResourceRule(collection="dossierclient", cabinet=True),
    # bank events are pushed to Loop, not resources: acknowledged (after the dossier check)
    "publishtransactions": ResourceRule(kind="action"),
    "publishbalances": ResourceRule(kind="action"),
    "publishstatements": ResourceRule(kind="action"),
}


@dataclass(frozen=True)
class Resource:
    """What an operation works on: the resource (path segment, lower case) and its rule."""

    name: str
    rule: ResourceRule

    @property
    def collection(self) -> str:
        return self.rule.collection or self.name

    def shows(self, doc: Mapping[str, object]) -> bool:
        """Is a stored document part of this resource? (The tiers paths each show one type.)"""
        return all(doc.get(k) == v for k, v in self.rule.fixed.items())


def rule_for(resource: str) -> ResourceRule:
    return RULES.get(resource.lower(), DEFAULT)


def collection_of(resource: str) -> str:
    rule = rule_for(resource)
    return rule.collection or resource.lower()
