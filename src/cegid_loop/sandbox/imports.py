"""Deposit area and asynchronous imports (FEC, TRA, custom, JSON), as facts.md §3.9 describes them.

Workflow: ``getFileUrlDeposit`` issues a signed deposit URL served by the sandbox itself
(``PUT /__sandbox__/blob/{token}/{filename}``, header ``x-ms-blob-type: BlockBlob`` required like
Azure) and the matching URI ``{token}/{filename}``; an import call returns an
``accountingImportRequestId``; its status moves pending → running → done | failed.

The timeline is computed from the clock, not from a background task, so it is deterministic:
with ``step_seconds`` s the request is pending for one step, running for the next, then final;
0 makes it final at once. The work is done when a request becomes final ("settled"): every API
call of the firm settles the requests that are due first, so entries are there as soon as the
status says done, whether or not anyone polled. A failed import changes nothing (one transaction).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from cegid_loop.sandbox.fecparse import FecLine, check_and_parse
from cegid_loop.sandbox.models import Store
from cegid_loop.sandbox.seed import luhn_ok
from cegid_loop.sandbox.serializer import import_error, reference

Document = dict[str, Any]

PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
# [3P] integrators read 1/2/3/4; the DOC's UI scale is 10 (waiting), 20 (running), >=25 (final).
STATUS_CODES = {PENDING: 1, RUNNING: 2, DONE: 3, FAILED: 4}
DOC_STATUS_CODES = {PENDING: 10, RUNNING: 20, DONE: 30, FAILED: 40}

BLOB_PREFIX = "/__sandbox__/blob/"
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


class ImportFailure(Exception):
    """Raised while settling: the import ends ``failed`` with this message; nothing is written."""


@dataclass(frozen=True)
class BlobAnswer:
    status: int
    body: bytes
    content_type: str = "application/xml"


def _azure_error(code: str, message: str, extra: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code><Message>{message}</Message>'
        f"{extra}</Error>"
    ).encode()


def blank(value: Any) -> bool:
    """An empty string counts as absent (Q-IMPORT-URI-EMPTY: the doc's examples send ``"URI": ""``)."""
    return value is None or (isinstance(value, str) and not value.strip())


class ImportService:
    def __init__(
        self, store: Store, *, step_seconds: float = 0.2, clock: Callable[[], float] = time.time
    ) -> None:
        self.store = store
        self.step_seconds = step_seconds
        self.clock = clock
        secret = store.get_meta("blob-secret")
        if secret is None:  # persisted so that deposit URLs survive a restart with --db
            secret = secrets.token_hex(32)
            store.set_meta("blob-secret", secret)
        self._secret = bytes.fromhex(secret)

    # -- deposit area -----------------------------------------------------------------------------

    def _sign(self, token: str, filename: str) -> str:
        mac = hmac.new(self._secret, f"{token}/{filename}".encode(), hashlib.sha256).digest()
        return base64.b64encode(mac).decode()

    def deposit(self, firm: str, filename: str, base_url: str) -> Document:
        """Answer of getFileUrlDeposit: a signed PUT URL on the sandbox and the URI for imports."""
        name = filename.replace("/", "_").replace("\\", "_").strip() or "fichier.txt"
        token = str(uuid.uuid4())
        self.store.put_blob(firm, token, name, None)
        expiry = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.clock() + 48 * 3600))
        sig = self._sign(token, name)
        url = (
            f"{base_url.rstrip('/')}{BLOB_PREFIX}{token}/{quote(name)}"
            f"?sv=2020-08-04&se={quote(expiry)}&sr=b&sp=cw&sig={quote(sig, safe='')}"
        )
        return {"depositUrl": url, "uri": f"{token}/{name}"}

    def upload(
        self, token: str, filename: str, sig: str | None, headers: Mapping[str, str], data: bytes
    ) -> BlobAnswer:
        """HTTP PUT of a file to a deposit URL (Azure Blob 'Put Blob' semantics, simplified)."""
        firm = self.store.blob_owner(token)
        blob = self.store.get_blob(firm, token) if firm else None
        if firm is None or blob is None or blob.filename != filename:
            return BlobAnswer(404, _azure_error("BlobNotFound", "The specified blob does not exist."))
        if not sig or not hmac.compare_digest(sig, self._sign(token, filename)):
            return BlobAnswer(
                403,
                _azure_error(
                    "AuthenticationFailed",
                    "Server failed to authenticate the request. Make sure the value of Authorization header "
                    "is formed correctly including the signature.",
                ),
            )
        if headers.get("x-ms-blob-type") != "BlockBlob":
            return BlobAnswer(
                400,
                _azure_error(
                    "MissingRequiredHeader",
                    "An HTTP header that's mandatory for this request is not specified.",
                    "<HeaderName>x-ms-blob-type</HeaderName>",
                ),
            )
        self.store.put_blob(firm, token, filename, data)
        return BlobAnswer(201, b"", "text/plain")

    def _read_source(self, firm: str, record: Document) -> tuple[str, bytes]:
        uri, url = record.get("uri"), record.get("url")
        token = None
        if uri:
            token = str(uri).split("/", 1)[0]
        elif url:
            path = urlsplit(str(url)).path
            if BLOB_PREFIX in path:
                token = unquote(path.split(BLOB_PREFIX, 1)[1]).split("/", 1)[0]
            else:
                raise ImportFailure(
                    f"Le fichier n'a pas pu être téléchargé depuis l'URL {url} "
                    "(le bac à sable ne lit que ses propres URL de dépôt, issues de getFileUrlDeposit)."
                )
        blob = self.store.get_blob(firm, token) if token else None
        if blob is None:
            raise ImportFailure(f"Le fichier {uri or url} est introuvable dans l'espace de dépôt.")
        if blob.data is None:
            raise ImportFailure(
                f"Le fichier {blob.filename} n'a pas été déposé (PUT sur l'URL de dépôt manquant)."
            )
        return blob.filename, blob.data

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

    def precheck_file(self, firm: str, body: Any) -> Document | None:
        """importFEC / importTRA / importPerso: the documented refusals (an error body for HTTP 200,
        Q-IMPORT-ERROR-200), or None when the request can be queued."""
        if not isinstance(body, Mapping) or not body:
            return import_error(MSG_NO_PAYLOAD)
        dossier = body.get("codeIbs")
        if blank(dossier):
            return import_error(MSG_NO_CODEIBS)
        uri, url = body.get("URI", body.get("uri")), body.get("URL", body.get("url"))
        if blank(uri) and blank(url):
            return import_error(MSG_NO_PATH)
        if not blank(uri) and not blank(url):
            return import_error(MSG_AMBIGUOUS)
        code = str(dossier)
        if not self.store.has_dossier(firm, code) or code == "cabinet":
            return import_error(MSG_NO_DOSSIER.format(code=code))
        problem = self._check_siret(firm, code, body.get("SIRET"))
        return import_error(problem) if problem else None

    def create_file(self, firm: str, kind: str, body: Mapping[str, Any]) -> Document:
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

    def submit_file(self, firm: str, kind: str, body: Any) -> Document:
        return self.precheck_file(firm, body) or self.create_file(firm, kind, body)

    def precheck_json(self, firm: str, body: Any) -> Document | None:
        """importJson: the documented checks (facts.md §3.9), answered at once with HTTP 200 + error."""
        if not isinstance(body, Mapping) or not body:
            return import_error(MSG_NO_PAYLOAD)
        dossier = body.get("codeIbs")
        if blank(dossier):
            return import_error(MSG_NO_CODEIBS)
        code = str(dossier)
        if not self.store.has_dossier(firm, code) or code == "cabinet":
            return import_error(MSG_NO_DOSSIER.format(code=code))
        data = body.get("data")
        if not isinstance(data, Mapping):
            return import_error(MSG_EMPTY)
        raw_options = data.get("options")
        options: Mapping[str, Any] = raw_options if isinstance(raw_options, Mapping) else {}
        contexte = data.get("contexte")
        no_context = (
            not isinstance(contexte, Mapping) or blank(contexte.get("from")) or blank(contexte.get("to"))
        )
        if not options.get("multiPeriode") and no_context:
            return import_error(MSG_NO_CONTEXT)
        if isinstance(contexte, Mapping):
            for key in ("from", "to"):
                if not blank(contexte.get(key)) and not ISO_RE.fullmatch(str(contexte.get(key))):
                    return import_error(MSG_CONTEXT_ISO)
        ecritures = data.get("ecritures")
        if ecritures is None or ecritures == [] or ecritures == {}:
            return import_error(MSG_EMPTY)
        if not isinstance(ecritures, list):
            return import_error(MSG_NOT_ARRAY)
        if len(ecritures) < 2:
            return import_error(MSG_TWO_LINES)
        sirens: set[str] = set()
        sirets: list[str] = []
        for n, line in enumerate(ecritures, start=1):
            if not isinstance(line, Mapping):
                return import_error(MSG_NOT_ARRAY)
            if not blank(line.get("dateJustif")) and not ISO_RE.fullmatch(str(line["dateJustif"])):
                return import_error(MSG_JUSTIF_ISO)
            deb, fin = line.get("debCutOff"), line.get("finCutOff")
            if blank(deb) != blank(fin):
                return import_error(MSG_CUTOFF_BOTH)
            if not blank(deb) and not ISO_RE.fullmatch(str(deb)):
                return import_error(MSG_CUTOFF_START_ISO)
            if not blank(fin) and not ISO_RE.fullmatch(str(fin)):
                return import_error(MSG_CUTOFF_END_ISO)
            siret = line.get("SIRET")
            if not blank(siret):
                text = str(siret)
                if not (len(text) == 14 and luhn_ok(text)):
                    return import_error(MSG_LINE_SIRET.format(n=n))
                sirens.add(text[:9])
                sirets.append(text)
        if len(sirens) > 1:
            return import_error(MSG_SAME_SIREN)
        for siret in [*sirets, *([] if blank(body.get("SIRET")) else [str(body.get("SIRET"))])]:
            problem = self._check_siret(firm, code, siret)
            if problem:
                return import_error(problem)
        return None

    def create_json(self, firm: str, body: Mapping[str, Any]) -> Document:
        return self._new_request(firm, "json", str(body["codeIbs"]), payload=dict(body))

    def submit_json(self, firm: str, body: Any) -> Document:
        return self.precheck_json(firm, body) or self.create_json(firm, body)

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
            if self.phase(record, now) != "final":
                continue
            try:
                with self.store.transaction():
                    result = self._run(firm, record)
                record["status"], record["result"] = DONE, result
            except ImportFailure as exc:
                record["status"], record["message"] = FAILED, str(exc)
            except Exception as exc:  # a sandbox bug must end the import, not the HTTP call
                record["status"] = FAILED
                record["message"] = f"Erreur interne du service d'import ({type(exc).__name__})."
            record["finishedAt"] = now
            record.pop("payload", None)  # the data now lives in the dossier
            self.store.save_import(firm, record, settled=True)

    def status(self, firm: str, request_id: str) -> Document | None:
        record = self.store.get_import(firm, request_id)
        if record is None:
            return None
        phase = self.phase(record, self.clock())
        state = record["status"] if phase == "final" else phase
        return status_body(record, state)

    # -- the work ---------------------------------------------------------------------------------

    def _run(self, firm: str, record: Document) -> Document:
        kind, dossier = record["kind"], record["codeIbs"]
        if not self.store.has_dossier(firm, dossier):
            raise ImportFailure(MSG_NO_DOSSIER.format(code=dossier))
        if kind == "json":
            return _ingest_json(
                self.store, firm, dossier, record.get("payload") or {}, record["accountingImportRequestId"]
            )
        filename, data = self._read_source(firm, record)
        if kind == "fec":
            return _ingest_fec(self.store, firm, dossier, filename, data, record["accountingImportRequestId"])
        # TRA and custom formats: the file is accepted as is (their content is not interpreted).
        return {"ecritures": 0, "comptes": 0, "tiers": 0, "journaux": 0, "octets": len(data)}


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


# -- ingestion helpers ----------------------------------------------------------------------------


class _Dossier:
    """Lookups and creations inside one dossier during one import."""

    def __init__(self, store: Store, firm: str, dossier: str, import_id: str) -> None:
        self.store, self.firm, self.dossier, self.import_id = store, firm, dossier, import_id
        self.comptes = {c["numero"]: c for c in store.documents(firm, dossier, "compte")}
        self.journaux = {j["code"]: j for j in store.documents(firm, dossier, "journal")}
        self.tiers = {t["code"]: t for t in store.documents(firm, dossier, "tiers")}
        self.created = {"comptes": 0, "journaux": 0, "tiers": 0, "ecritures": 0}

    def compte(self, numero: str, libelle: str) -> Document:
        if numero not in self.comptes:
            doc = {
                "numero": numero,
                "libelle": (libelle or numero)[:35],
                "type": int(numero[0]) if numero[:1].isdigit() and 1 <= int(numero[0]) <= 7 else 4,
                "collectif": numero.startswith(("401", "411", "421")),
                "lettrable": numero.startswith("4"),
                "pointable": numero.startswith("5"),
                "centralisable": False,
                "analytique": numero.startswith(("6", "7")),
                "ferme": False,
                "compteContrepartie": reference(None),
                "compteBanque": reference(None),
                "tva": "",
            }
            self.comptes[numero] = self.store.insert(self.firm, self.dossier, "compte", doc)
            self.created["comptes"] += 1
        return self.comptes[numero]

    def journal(self, code: str, libelle: str) -> Document:
        if code not in self.journaux:
            jtype = {"ACH": 1, "AC": 1, "HA": 1, "VT": 8, "VTE": 8, "VE": 8, "BQ": 4, "AN": 3, "CA": 5}.get(
                code.upper(), 2
            )
            doc = {
                "code": code,
                "libelle": (libelle or code)[:35],
                "type": jtype,
                "compteContrepartie": reference(None),
                "typeContrepartie": 1,
                "repriseDateOp": False,
                "bordereau": False,
                "ferme": False,
                "accesClient": False,
                "saisieLibelle": 2,
            }
            self.journaux[code] = self.store.insert(self.firm, self.dossier, "journal", doc)
            self.created["journaux"] += 1
        return self.journaux[code]

    def tiers_for(self, code: str, libelle: str, compte: str) -> Document:
        if code not in self.tiers:
            ttype = (
                1
                if compte.startswith("40")
                else 0
                if compte.startswith("41")
                else 2
                if compte.startswith("42")
                else 4
            )
            target = self.comptes.get(compte)
            doc = {
                "code": code[:17],
                "type": ttype,
                "nature": "2",
                "prenom": "",
                "nom": "",
                "raisonSociale": (libelle or code)[:35],
                "nomUsuel": (libelle or code)[:35],
                "lettrable": True,
                "compteContrepartie": reference(target["objectId"], target["numero"])
                if target
                else reference(None),
                "SIRET": "",
                "telephone": "",
                "fax": "",
                "email": "",
                "siteWeb": "",
                "adr": {},
                "rib": [],
                "actif": True,
                "validation": "1",
                "soumisTva": ttype in (0, 1),
            }
            self.tiers[code] = self.store.insert(self.firm, self.dossier, "tiers", doc)
            self.created["tiers"] += 1
        return self.tiers[code]

    def entry(self, doc: Document) -> None:
        doc["importRequestId"] = self.import_id
        self.store.insert(self.firm, self.dossier, "ecriturecomptable", doc)
        self.created["ecritures"] += 1


def _num(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def _ingest_fec(
    store: Store, firm: str, dossier: str, filename: str, data: bytes, import_id: str
) -> Document:
    parsed = check_and_parse(data, filename)
    if not parsed.ok:
        shown = "; ".join(parsed.findings[:3])
        more = f" (et {len(parsed.findings) - 3} autre(s) anomalie(s))" if len(parsed.findings) > 3 else ""
        raise ImportFailure(f"Le fichier FEC est invalide : {shown}{more}")
    target = _Dossier(store, firm, dossier, import_id)
    for n, line in enumerate(parsed.lines, start=1):
        target.journal(line.journal_code, line.journal_lib)
        target.compte(line.compte_num, line.compte_lib)
        if line.comp_aux_num:
            target.tiers_for(line.comp_aux_num, line.comp_aux_lib, line.compte_num)
        target.entry(_fec_entry(line, n))
    return dict(target.created)


def _fec_entry(line: FecLine, n: int) -> Document:
    return {
        "journalCode": line.journal_code,
        "numeroEcriture": line.ecriture_num,
        "numeroLigne": n,
        "dateEcriture": line.ecriture_date.isoformat(),
        "datePiece": (line.piece_date or line.ecriture_date).isoformat(),
        "refPiece": line.piece_ref,
        "compteNumero": line.compte_num,
        "tiersCode": line.comp_aux_num or None,
        "libelle": line.ecriture_lib,
        "debit": _num(line.debit),
        "credit": _num(line.credit),
        "devise": line.idevise or "EUR",
        "codeLettrage": line.ecriture_let or None,
        "dateLettrage": line.date_let.isoformat() if line.date_let else None,
        "ecritureOrigine": None,
        "typeEcriture": 5 if line.journal_code.upper() in ("AN", "ANO", "AD") else 1,
    }


def _amount(side: Any) -> Decimal:
    if isinstance(side, Mapping):
        side = side.get("amount")
    try:
        return Decimal(str(side)) if side not in (None, "") else Decimal(0)
    except ArithmeticError as exc:
        raise ImportFailure(f"Montant invalide : {side!r}") from exc


def _ingest_json(store: Store, firm: str, dossier: str, body: Mapping[str, Any], import_id: str) -> Document:
    data = body.get("data") or {}
    options = data.get("options") or {}
    lines = list(data.get("ecritures") or [])
    target = _Dossier(store, firm, dossier, import_id)
    groups: dict[tuple[str, str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    prepared = []
    for n, line in enumerate(lines, start=1):
        journal, compte = str(line.get("journal") or ""), str(line.get("compte") or "")
        if not journal or not compte:
            raise ImportFailure(f"L'écriture numéro {n} doit indiquer un journal et un compte.")
        debit, credit = _amount(line.get("debit")), _amount(line.get("credit"))
        date_text = str(line.get("date") or "")[:10]
        key = (journal, date_text, str(line.get("refPiece") or line.get("reference") or ""))
        groups[key][0] += debit
        groups[key][1] += credit
        prepared.append((n, line, journal, compte, debit, credit, date_text))
    if options.get("failOnUnbalanced"):
        for (journal, day, ref), (d, c) in groups.items():
            if d != c:
                raise ImportFailure(
                    f"L'écriture du journal {journal} du {day} (référence {ref or '-'}) est "
                    f"déséquilibrée : débit {d}, crédit {c}."
                )
    for n, line, journal, compte, debit, credit, date_text in prepared:
        if journal not in target.journaux and options.get("createNewJournaux") is False:
            raise ImportFailure(
                f"Le journal {journal} n'existe pas dans le dossier {dossier} "
                "(option createNewJournaux à false)."
            )
        target.journal(journal, str(line.get("journalLib") or journal))
        if compte not in target.comptes and options.get("createNewComptes") is False:
            default = options.get("defaultCompte")
            match = [c for c in target.comptes.values() if c["objectId"] == default]
            if not match:
                raise ImportFailure(
                    f"Le compte {compte} n'existe pas dans le dossier {dossier} "
                    "(option createNewComptes à false, pas de defaultCompte)."
                )
            compte = match[0]["numero"]
        target.compte(compte, str(line.get("compteLib") or compte))
        tiers = str(line.get("tiers") or "")
        if tiers and options.get("createNewTiers", True) is not False:
            target.tiers_for(tiers, tiers, compte)
        target.entry(
            {
                "journalCode": journal,
                "numeroEcriture": str(n),
                "numeroLigne": n,
                "dateEcriture": date_text,
                "datePiece": str(line.get("dateJustif") or line.get("date") or "")[:10],
                "refPiece": str(line.get("refPiece") or line.get("reference") or ""),
                "compteNumero": compte,
                "tiersCode": tiers or None,
                "libelle": str(line.get("libelle") or "")[:35],
                "debit": _num(debit),
                "credit": _num(credit),
                "devise": (line.get("debit") or {}).get("currency", "EUR")
                if isinstance(line.get("debit"), Mapping)
                else "EUR",
                "codeLettrage": line.get("codeLettrage") or None,
                "dateLettrage": line.get("dateLettrage") or None,
                "ecritureOrigine": line.get("ecritureOrigine") or None,
                "typeEcriture": int(line["type"]) if str(line.get("type") or "").isdigit() else 1,
            }
        )
    return dict(target.created)
