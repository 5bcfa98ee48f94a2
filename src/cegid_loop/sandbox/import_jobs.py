"""Asynchronous imports (FEC, TRA, custom, JSON), as facts.md §3.9 describes them.

Workflow: a file is put in the deposit area (``deposit``), an import call returns an
``accountingImportRequestId``; its status moves pending → running → done | failed.

The timeline is computed from the clock, not from a background task, so it is deterministic:
with ``step_seconds`` s the request is pending for one step, running for the next, then final;
0 makes it final at once. The work is done when a request becomes final ("settled"): every API
call of the firm settles the requests that are due first, so entries are there as soon as the
status says done, whether or not anyone polled. One transaction per settlement: entries and the
final status are written together, so an import is applied exactly once, even across a crash.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from cegid_loop.sandbox.deposit import DepositArea
from cegid_loop.sandbox.exceptions import ImportFailure, ImportRefused
from cegid_loop.sandbox.ingest import ingest_fec, ingest_json
from cegid_loop.sandbox.luhn import luhn_ok
from cegid_loop.sandbox.store import Store

Document = dict[str, Any]

PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
# [3P] integrators read 1/2/3/4; the DOC's UI scale is 10 (waiting), 20 (running), >=25 (final).
STATUS_CODES = {PENDING: 1, RUNNING: 2, DONE: 3, FAILED: 4}
DOC_STATUS_CODES = {PENDING: 10, RUNNING: 20, DONE: 30, FAILED: 40}

_LOG = logging.getLogger("cegid_loop.sandbox")
ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")

# Error texts of the documentation (facts.md §3.9), verbatim.
MSG_NO_PAYLOAD = "Il n'y a pas de payload : la méthode est-elle bien en POST dans la requête ?"
MSG_NO_CODEIBS = "Le codeIbs n'est pas spécifié."
MSG_NO_PATH = "Le chemin d'accès URI ou l'URL du fichier n'est pas spécifié."
MSG_AMBIGUOUS = "Ambiguité sur le chemin d'accès, seul un des deux champs doit être renseigné."
MSG_NO_DOSSIER = "Le dossier {code} n'existe pas sur le domaine."
MSG_BAD_SIRET = (
    "Le numéro SIRET est invalide : il doit comporter 14 chiffres et respecter l'algorithme de Luhn"
)
MSG_UNKNOWN_SIRET = "L'établissement correspondant au SIRET {siret} n'est pas reconnu pour le dossier {code}"
MSG_NO_CONTEXT = "Le contexte est obligatoire sans l'option multiPeriode"
MSG_EMPTY = "Il n'y a pas d'écritures à importer (l'objet écritures est vide)"
MSG_NOT_ARRAY = "Les écritures doivent être présentées sous formes de tableau"
MSG_TWO_LINES = "Le tableau d'écritures doit comporter au moins deux lignes"
MSG_CONTEXT_ISO = "Les dates du contexte doivent être au format ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'"
MSG_JUSTIF_ISO = "La date du justificatif doit être au format ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'"
MSG_CUTOFF_BOTH = "Les dates de début et fin de cut-off doivent être renseignées ensemble"
MSG_CUTOFF_START_ISO = "La date de début de cut-off doit être au format ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'"
MSG_CUTOFF_END_ISO = "La date de fin de cut-off doit être au format ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'"
MSG_LINE_SIRET = MSG_BAD_SIRET + " sur l'écriture numéro {n}"
MSG_SAME_SIREN = "Les SIRET des écritures doivent appartenir à la même entreprise (SIREN identique)"


def blank(value: Any) -> bool:
    """An empty string counts as absent (Q-IMPORT-URI-EMPTY: the doc's examples send ``"URI": ""``)."""
    return value is None or (isinstance(value, str) and not value.strip())


class ImportService:
    """Import requests of every firm: the documented refusals, the queue, the timeline, the work."""

    def __init__(
        self,
        store: Store,
        deposits: DepositArea,
        *,
        step_seconds: float = 0.2,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.deposits = deposits
        self.step_seconds = step_seconds
        self.clock = clock

    # -- submitting -------------------------------------------------------------------------------

    def _new_request(self, firm: str, kind: str, dossier: str, **extra: Any) -> Document:
        record: Document = {
            "accountingImportRequestId": str(uuid.uuid4()),
            "kind": kind,
            "codeIbs": dossier,
            "createdAt": self.clock(),
            "stepSeconds": self.step_seconds,
            "status": PENDING,
            "message": None,
            "result": None,
            **extra,
        }
        self.store.save_import(firm, record)
        if self.step_seconds <= 0:
            self.settle(firm)
        return {"accountingImportRequestId": record["accountingImportRequestId"]}

    def _check_siret(self, firm: str, dossier: str, siret: Any) -> str | None:
        if blank(siret):
            return None
        text = str(siret)
        if not (len(text) == 14 and luhn_ok(text)):
            return MSG_BAD_SIRET
        sirets = {str(e.get("siret")) for e in self.store.documents(firm, dossier, "etablissementcomplet")}
        if text not in sirets:
            return MSG_UNKNOWN_SIRET.format(siret=text, code=dossier)
        return None

    def _check_file(self, firm: str, body: Any) -> None:
        """importFEC / importTRA / importPerso: the documented refusals (:class:`ImportRefused`,
        answered with HTTP 200, Q-IMPORT-ERROR-200)."""
        if not isinstance(body, Mapping) or not body:
            raise ImportRefused(MSG_NO_PAYLOAD)
        dossier = body.get("codeIbs")
        if blank(dossier):
            raise ImportRefused(MSG_NO_CODEIBS)
        uri, url = body.get("URI", body.get("uri")), body.get("URL", body.get("url"))
        if blank(uri) and blank(url):
            raise ImportRefused(MSG_NO_PATH)
        if not blank(uri) and not blank(url):
            raise ImportRefused(MSG_AMBIGUOUS)
        code = str(dossier)
        if not self.store.has_dossier(firm, code) or code == "cabinet":
            raise ImportRefused(MSG_NO_DOSSIER.format(code=code))
        problem = self._check_siret(firm, code, body.get("SIRET"))
        if problem:
            raise ImportRefused(problem)

    def submit_file(self, firm: str, kind: str, body: Any) -> Document:
        """Queue a file import, or raise :class:`ImportRefused`."""
        self._check_file(firm, body)
        uri, url = body.get("URI", body.get("uri")), body.get("URL", body.get("url"))
        modele = body.get("MODELE", body.get("modele"))
        return self._new_request(
            firm,
            kind,
            str(body["codeIbs"]),
            uri=None if blank(uri) else str(uri),
            url=None if blank(url) else str(url),
            modele=modele,
        )

    def _check_json(self, firm: str, body: Any) -> None:
        """importJson: the documented checks (facts.md §3.9), answered at once with HTTP 200 + error."""
        if not isinstance(body, Mapping) or not body:
            raise ImportRefused(MSG_NO_PAYLOAD)
        dossier = body.get("codeIbs")
        if blank(dossier):
            raise ImportRefused(MSG_NO_CODEIBS)
        code = str(dossier)
        if not self.store.has_dossier(firm, code) or code == "cabinet":
            raise ImportRefused(MSG_NO_DOSSIER.format(code=code))
        data = body.get("data")
        if not isinstance(data, Mapping):
            raise ImportRefused(MSG_EMPTY)
        raw_options = data.get("options")
        options: Mapping[str, Any] = raw_options if isinstance(raw_options, Mapping) else {}
        contexte = data.get("contexte")
        no_context = (
            not isinstance(contexte, Mapping) or blank(contexte.get("from")) or blank(contexte.get("to"))
        )
        if not options.get("multiPeriode") and no_context:
            raise ImportRefused(MSG_NO_CONTEXT)
        if isinstance(contexte, Mapping):
            for key in ("from", "to"):
                if not blank(contexte.get(key)) and not ISO_RE.fullmatch(str(contexte.get(key))):
                    raise ImportRefused(MSG_CONTEXT_ISO)
        ecritures = data.get("ecritures")
        if ecritures is None or ecritures == [] or ecritures == {}:
            raise ImportRefused(MSG_EMPTY)
        if not isinstance(ecritures, list):
            raise ImportRefused(MSG_NOT_ARRAY)
        if len(ecritures) < 2:
            raise ImportRefused(MSG_TWO_LINES)
        sirens: set[str] = set()
        sirets: list[str] = []
        for n, line in enumerate(ecritures, start=1):
            if not isinstance(line, Mapping):
                raise ImportRefused(MSG_NOT_ARRAY)
            if not blank(line.get("dateJustif")) and not ISO_RE.fullmatch(str(line["dateJustif"])):
                raise ImportRefused(MSG_JUSTIF_ISO)
            deb, fin = line.get("debCutOff"), line.get("finCutOff")
            if blank(deb) != blank(fin):
                raise ImportRefused(MSG_CUTOFF_BOTH)
            if not blank(deb) and not ISO_RE.fullmatch(str(deb)):
                raise ImportRefused(MSG_CUTOFF_START_ISO)
            if not blank(fin) and not ISO_RE.fullmatch(str(fin)):
                raise ImportRefused(MSG_CUTOFF_END_ISO)
            siret = line.get("SIRET")
            if not blank(siret):
                text = str(siret)
                if not (len(text) == 14 and luhn_ok(text)):
                    raise ImportRefused(MSG_LINE_SIRET.format(n=n))
                sirens.add(text[:9])
                sirets.append(text)
        if len(sirens) > 1:
            raise ImportRefused(MSG_SAME_SIREN)
        for siret in [*sirets, *([] if blank(body.get("SIRET")) else [str(body.get("SIRET"))])]:
            problem = self._check_siret(firm, code, siret)
            if problem:
                raise ImportRefused(problem)

    def submit_json(self, firm: str, body: Any) -> Document:
        """Queue a JSON import, or raise :class:`ImportRefused`."""
        self._check_json(firm, body)
        return self._new_request(firm, "json", str(body["codeIbs"]), payload=dict(body))

    # -- status and settling ----------------------------------------------------------------------

    def phase(self, record: Document, now: float) -> str:
        if record["status"] in (DONE, FAILED):
            return str(record["status"])
        step = float(record.get("stepSeconds", 0))
        elapsed = now - float(record["createdAt"])
        if step > 0 and elapsed < step:
            return PENDING
        if step > 0 and elapsed < 2 * step:
            return RUNNING
        return "final"

    def settle(self, firm: str) -> None:
        """Finish every request of the firm whose time has come (called before each API call)."""
        now = self.clock()
        for record in self.store.unsettled_imports(firm):
            if self.phase(record, now) == "final":
                self._settle(firm, record, now)

    def _settle(self, firm: str, record: Document, now: float) -> None:
        """One transaction holds the import's writes *and* its final status, so that a crash at any
        point leaves it applied once (and marked done) or not at all (and still due)."""
        request_id = record["accountingImportRequestId"]
        try:
            with self.store.transaction():
                if self.store.import_settled(firm, request_id):
                    return  # settled meanwhile by another caller: never apply twice
                result = self._run(firm, record)
                self._finish(firm, record, now, status=DONE, result=result)
            return
        except ImportFailure as exc:
            message = str(exc)
        except Exception as exc:  # a sandbox bug must end the import, not the HTTP call
            _LOG.exception("import %s could not be settled", request_id)
            message = f"Erreur interne du service d'import ({type(exc).__name__})."
        with self.store.transaction():  # the import's writes were rolled back: only its end is kept
            if not self.store.import_settled(firm, request_id):
                self._finish(firm, record, now, status=FAILED, message=message)

    def _finish(self, firm: str, record: Document, now: float, **outcome: Any) -> None:
        final = {**record, **outcome, "finishedAt": now}
        final.pop("payload", None)  # the data now lives in the dossier
        self.store.save_import(firm, final, settled=True)

    def status(self, firm: str, request_id: str) -> Document | None:
        record = self.store.get_import(firm, request_id)
        if record is None:
            return None
        phase = self.phase(record, self.clock())
        state = record["status"] if phase == "final" else phase
        return status_body(record, state)

    # -- the work ---------------------------------------------------------------------------------

    def _run(self, firm: str, record: Document) -> Document:
        kind, dossier, request_id = record["kind"], record["codeIbs"], record["accountingImportRequestId"]
        if not self.store.has_dossier(firm, dossier):
            raise ImportFailure(MSG_NO_DOSSIER.format(code=dossier))
        if kind == "json":
            return ingest_json(self.store, firm, dossier, record.get("payload") or {}, request_id)
        source = self.deposits.source(firm, record.get("uri"), record.get("url"))
        if kind == "fec":
            return ingest_fec(self.store, firm, dossier, source.path, request_id)
        # TRA and custom formats: the file is accepted as is (their content is not interpreted).
        return {"ecritures": 0, "comptes": 0, "tiers": 0, "journaux": 0, "octets": source.size or 0}

    def history(self, firm: str, dossier: str) -> list[Document]:
        """The dossier's import requests, most recent first, each as its status answer."""
        now = self.clock()
        records = [r for r in self.store.list_imports(firm) if r.get("codeIbs") == dossier]
        bodies = []
        for record in reversed(records):
            phase = self.phase(record, now)
            bodies.append(status_body(record, record["status"] if phase == "final" else phase))
        return bodies


def status_body(record: Mapping[str, Any], state: str) -> Document:
    """The getImportStatus answer (its real schema is undocumented, facts.md §5; Q-IMPORT-STATUS-CODES)."""
    return {
        "accountingImportRequestId": record["accountingImportRequestId"],
        "codeIbs": record["codeIbs"],
        "type": str(record["kind"]).upper(),
        "status": STATUS_CODES[state],
        "statusLabel": state,
        "statusCode": DOC_STATUS_CODES[state],
        "message": record.get("message") if state == FAILED else None,
        "result": record.get("result") if state == DONE else None,
    }
