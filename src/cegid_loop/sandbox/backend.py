"""The backend: the state of every firm and every rule of the API, whatever HTTP looked like.

It takes and returns documents (the stored shape, see ``serializer`` for the wire shape) and
raises the errors of :mod:`cegid_loop.sandbox.exceptions`, which carry the API's answer. Every
read-check-write sequence runs in one store transaction, so a rule checked is a rule kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cegid_loop.sandbox.deposit import DepositArea
from cegid_loop.sandbox.exceptions import Conflict, NoSuchEntity, StaleRevision, bad_field
from cegid_loop.sandbox.import_jobs import ImportService
from cegid_loop.sandbox.list_query import MAX_TAKE, Query
from cegid_loop.sandbox.luhn import luhn_ok
from cegid_loop.sandbox.resource_rules import Resource
from cegid_loop.sandbox.serializer import reference
from cegid_loop.sandbox.store import CABINET, Store

Document = dict[str, Any]
Projector = Callable[[Document], Document]

# Codes of the forme-juridique table (facts.md §3.4 lists a few; common French legal forms added).
FORMES_JURIDIQUES = frozenset(
    {
        "ASS",
        "COM",
        "COOP",
        "DIV",
        "EA",
        "SA",
        "SARL",
        "SAS",
        "SASU",
        "EURL",
        "EI",
        "SCI",
        "SNC",
        "SCOP",
        "SCP",
        "SEL",
        "SELARL",
        "EARL",
        "GAEC",
        "GIE",
        "ETAT",
    }
)
# Where a reference's objectId may point, and the field its description shows.
_REFERENCE_TARGETS = (("compte", "numero"), ("journal", "code"), ("tiers", "code"))


class Backend:
    def __init__(self, store: Store, deposits: DepositArea, imports: ImportService) -> None:
        self.store, self.deposits, self.imports = store, deposits, imports

    # -- dossiers ---------------------------------------------------------------------------------

    def dossier(self, firm: str, res: Resource, code: str | None) -> str:
        """The dossier a call works in. Cabinet resources are read with codeDossier=cabinet
        (Q-CABINET-DOSSIER); a dossier code of the firm is tolerated, the data is the firm's."""
        if res.rule.cabinet:
            if code is None or code.lower() == CABINET or self.store.has_dossier(firm, code):
                return CABINET
        elif code is not None and code.lower() != CABINET and self.store.has_dossier(firm, code):
            return code
        raise NoSuchEntity(f"Le dossier {code} n'existe pas sur le domaine.")

    def settle_imports(self, firm: str) -> None:
        self.imports.settle(firm)

    # -- reads ------------------------------------------------------------------------------------

    def page(
        self, firm: str, res: Resource, dossier: str, query: Query, project: Projector
    ) -> list[Document]:
        """One page of a list; filters and sorts see the wire shape (``project``), as clients do."""
        if query.filter is None and not query.sort and not res.rule.fixed:
            # Plain paging (what iter() does): read and shape only the page asked for.
            rows = self.store.documents_page(
                firm, dossier, res.collection, query.skip, min(query.take, MAX_TAKE)
            )
            items = query.apply(rows, project=project, paged=True)
        else:
            docs = [d for d in self.store.documents(firm, dossier, res.collection) if res.shows(d)]
            items = query.apply(docs, project=project)
        return items[:MAX_TAKE]

    def single(self, firm: str, res: Resource, dossier: str, object_id: str | None) -> Document:
        """A one-object resource (Q-DOSSIERCOMPLET-SINGLE-OBJECT), or the object named."""
        docs = self.store.documents(firm, dossier, res.collection)
        if object_id:
            docs = [d for d in docs if d.get("objectId") == object_id]
        if not docs:
            raise NoSuchEntity(f"Aucun {res.name} pour le dossier {dossier}.")
        return docs[0]

    def _existing(self, firm: str, res: Resource, dossier: str, object_id: str) -> Document:
        current = self.store.get(firm, dossier, res.collection, object_id)
        if current is None or not res.shows(current):
            raise NoSuchEntity(f"{res.name} {object_id} introuvable dans le dossier {dossier}.")
        return current

    # -- writes -----------------------------------------------------------------------------------

    def _complete(self, firm: str, res: Resource, dossier: str, doc: Document) -> Document:
        """References get the description of what they point at; the path imposes its values."""
        for key in res.rule.shape.references:
            ref = doc.get(key)
            if isinstance(ref, Mapping) and ref.get("objectId") is not None:
                doc[key] = self._describe(firm, dossier, ref)
        doc.update(res.rule.fixed)
        return doc

    def _describe(self, firm: str, dossier: str, ref: Mapping[str, Any]) -> Document:
        oid = str(ref["objectId"])
        for collection, key in _REFERENCE_TARGETS:
            target = self.store.get(firm, dossier, collection, oid)
            if target is not None:
                return reference(oid, target.get(key))
        return dict(ref)

    def _unique(self, firm: str, res: Resource, dossier: str, doc: Mapping[str, Any]) -> None:
        key = res.rule.key
        if not key or doc.get(key) in (None, ""):
            return
        for other in self.store.documents(firm, dossier, res.collection):
            if other.get(key) == doc.get(key) and other.get("objectId") != doc.get("objectId"):
                raise Conflict(
                    f"{res.name} : {key} {doc.get(key)} existe déjà.",
                    [{"field": key, "message": "duplicate", "objectId": other.get("objectId")}],
                )

    def add(self, firm: str, res: Resource, dossier: str, doc: Document) -> Document:
        """A new object: fresh objectId and revisionId, unique natural key; a new dossierClient
        with a code opens a new (empty) dossier of that code."""
        doc = self._complete(firm, res, dossier, doc)
        doc.pop("objectId", None)
        doc.pop("revisionId", None)
        with self.store.transaction():
            self._unique(firm, res, dossier, doc)
            new_dossier = str(doc.get("code") or "") if res.rule.creates_dossier else ""
            if new_dossier.lower() == CABINET or (new_dossier and self.store.has_dossier(firm, new_dossier)):
                raise Conflict(
                    f"Le dossier {new_dossier} existe déjà.", [{"field": "code", "message": "duplicate"}]
                )
            stored = self.store.insert(firm, dossier, res.collection, doc)
            if new_dossier:
                self.store.add_dossier(firm, new_dossier)
                self.store.insert(firm, new_dossier, "dossiercomplet", {"siren": "", "formeJuridique": ""})
        return stored

    def modify(self, firm: str, res: Resource, dossier: str, changes: Document) -> Document:
        """Optimistic concurrency: the revisionId sent must be the current one (Q-REVISION-CONFLICT-409)."""
        object_id = changes.get("objectId")
        if not isinstance(object_id, str) or not object_id:
            raise bad_field("objectId est obligatoire", "objectId", "required")
        revision = changes.get("revisionId")
        with self.store.transaction():
            current = self._existing(firm, res, dossier, object_id)
            if revision != current["revisionId"]:
                raise StaleRevision(object_id, revision, current["revisionId"])
            doc = {**current, **self._complete(firm, res, dossier, changes), "objectId": object_id}
            self._unique(firm, res, dossier, doc)
            stored = self.store.update(firm, dossier, res.collection, doc)
        assert stored is not None  # it exists: checked in this transaction
        return stored

    def modify_single(
        self, firm: str, res: Resource, dossier: str, items: list[Any]
    ) -> tuple[list[Document], list[Document]]:
        """PUT /DossierComplet: every item is applied or reported (Q-DOSSIERCOMPLET-ENVELOPE)."""
        success: list[Document] = []
        errors: list[Document] = []
        for item in items:
            with self.store.transaction():
                problem = self._single_problem(firm, res, dossier, item)
                if problem is not None:
                    errors.append(problem)
                    continue
                current = self.store.get(firm, dossier, res.collection, str(item["objectId"]))
                assert current is not None
                doc = {**current, **{k: v for k, v in item.items() if k != "revisionId"}}
                stored = self.store.update(firm, dossier, res.collection, doc)
            if stored is not None:
                success.append(stored)
        return success, errors

    def _single_problem(self, firm: str, res: Resource, dossier: str, item: Any) -> Document | None:
        if not isinstance(item, Mapping):
            return {"objectId": None, "message": "Chaque élément doit être un objet JSON."}
        object_id = str(item.get("objectId") or "")
        current = self.store.get(firm, dossier, res.collection, object_id)
        if current is None:
            return {"objectId": object_id or None, "message": f"Objet {object_id} introuvable."}
        if item.get("revisionId") != current["revisionId"]:
            return {
                "objectId": object_id,
                "message": "La révision n'est pas la révision courante.",
                "currentRevisionId": current["revisionId"],
            }
        siren = item.get("siren", current.get("siren"))
        if siren not in (None, "") and not (isinstance(siren, str) and len(siren) == 9 and luhn_ok(siren)):
            return {
                "objectId": object_id,
                "message": "Le SIREN doit comporter 9 chiffres et respecter l'algorithme de Luhn.",
            }
        forme = item.get("formeJuridique", current.get("formeJuridique"))
        if forme not in (None, "") and forme not in FORMES_JURIDIQUES:
            return {"objectId": object_id, "message": f"La forme juridique {forme} n'est pas supportée."}
        return None

    def delete(self, firm: str, res: Resource, dossier: str, object_id: str | None) -> Document:
        """Deleting a dossierClient removes the entity only: the dossier's data stays, as an archive would."""
        if not object_id:
            raise bad_field("objectId est obligatoire", "objectId", "required")
        with self.store.transaction():
            current = self._existing(firm, res, dossier, object_id)
            self.store.delete(firm, dossier, res.collection, object_id)
        return current

    def partial_init(self, firm: str, key: Any) -> Document:
        """partialInit names the dossier by its entity (DossierComplet objectId, Q-CODEDOSSIER-CODEIBS);
        numberOfDays may be left out (Q-PARTIALINIT-DEFAULT)."""
        for code in self.store.dossiers(firm):
            entity = next(iter(self.store.documents(firm, code, "dossiercomplet")), None)
            if entity is not None and entity.get("objectId") == key:
                return {
                    "message": f"L'initialisation partielle du dossier {code} - domaine LOOP - a débuté",
                    "domain": "LOOP",
                    "codeIbs": code,
                }
        raise NoSuchEntity(f"L'entité {key} n'existe pas sur le domaine.")

    # -- deposit area and imports -----------------------------------------------------------------

    def deposit(self, firm: str, filename: str | None, base_url: str) -> Document:
        return self.deposits.issue(firm, (filename or "").strip() or "fichier.txt", base_url)

    def import_status(self, firm: str, request_id: str | None) -> Document:
        if not request_id:
            raise bad_field(
                "accountingImportRequestId est obligatoire", "accountingImportRequestId", "required"
            )
        status = self.imports.status(firm, request_id)
        if status is None:
            raise NoSuchEntity(f"La demande d'import {request_id} n'existe pas.")
        return status

    def submit_file(self, firm: str, kind: str, body: Any) -> Document:
        return self.imports.submit_file(firm, kind, body)

    def submit_json(self, firm: str, body: Any) -> Document:
        return self.imports.submit_json(firm, body)

    def import_history(self, firm: str, dossier: str) -> list[Document]:
        return self.imports.history(firm, dossier)[:MAX_TAKE]
