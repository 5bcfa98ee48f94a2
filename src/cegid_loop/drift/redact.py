"""Redaction of saved answers: no secret and no personal data leaves the machine in an evidence file,
and what is left is still a valid sample of the answer's *shape*.

What is scrubbed, in this order:

1. **Secrets**, everywhere (strings and field names): the keys this process knows, anything that
   looks like an auth header value, Azure SAS signatures (``sig=``): :func:`cegid_loop._redact.scrub`,
   which writes ``***``.
2. **Personal data by field name** (case-insensitive; every string under the field, so objects such
   as ``adr`` or ``rib`` are covered whole):
   - names: ``nom``, ``prenom``, ``nomUsuel``, ``nomUsage``, ``nomNaissance``, ``name``,
     ``firstName``, ``lastName``, ``fullName``, ``raisonSociale`` (a sole trader's company name is
     their own name), ``titulaire``, ``contact``, ``interlocuteur``, ``identifiant`` (a login);
   - contact details: ``email``, ``mail``, ``courriel``, ``telephone``, ``tel``, ``phone``,
     ``mobile``, ``portable``, ``fax``, ``gsm``, ``adr``, ``adresse``, ``adresse1``-``3``,
     ``address``, ``numvoie``, ``voie``, ``rue``, ``complementAdresse``;
   - bank and identity: ``iban``, ``bic``, ``swift``, ``rib``, ``siren``, ``siret``, ``nir``,
     ``numeroSecuriteSociale``;
   - on the operations about people (``/tiers*``, ``/collaborateur*``, ``/dossierCollaborateur``),
     also ``libelle``, ``abrege``, ``code`` and ``description``, which hold (or are made from) the
     customer's, supplier's or employee's name there (``SMARTINCLAIRE``).
3. **Personal data by pattern**, inside every other string: e-mail addresses, IBANs, phone
   numbers (French ``0X XX XX XX XX`` / ``+33 …``, and international ``+…``).

Placeholders keep the JSON type and the shape: a string is masked character by character
(letters -> ``x``/``X`` keeping case, digits -> ``0``, spaces and punctuation kept), so an
e-mail stays an e-mail, a phone number a phone number, a SIRET 14 digits; an integer in a contact,
bank or identity field becomes an integer with as many digits. ``objectId`` and ``revisionId``
(identities, not personal, and what the shape checks need), booleans, ``null`` and other numbers
are kept. The evidence file lists every place it masked, with the rule (never the value).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cegid_loop._redact import scrub
from cegid_loop.drift.validate import Path_, npath

NAME_FIELDS = frozenset(
    {
        "nom",
        "prenom",
        "nomusuel",
        "nomusage",
        "nomnaissance",
        "name",
        "firstname",
        "lastname",
        "fullname",
        "raisonsociale",
        "titulaire",
        "contact",
        "interlocuteur",
        "identifiant",
    }
)
CONTACT_FIELDS = frozenset(
    {
        "email",
        "mail",
        "courriel",
        "telephone",
        "tel",
        "phone",
        "mobile",
        "portable",
        "fax",
        "gsm",
        "adr",
        "adresse",
        "adresse1",
        "adresse2",
        "adresse3",
        "address",
        "numvoie",
        "voie",
        "rue",
        "complementadresse",
    }
)
BANK_FIELDS = frozenset({"iban", "bic", "swift", "rib", "siren", "siret", "nir", "numerosecuritesociale"})
PERSON_OPERATION_FIELDS = frozenset({"libelle", "abrege", "code", "description"})
PERSON_PATHS = ("/tiers", "/collaborateur", "/dossiercollaborateur")
KEPT = frozenset({"objectId", "revisionId"})

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_IBAN = re.compile(r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\b")
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)33 ?(?:\(0\) ?)?|0)[1-9](?:[ .-]?[0-9]{2}){4}(?!\w)"
    r"|(?<![\w+])\+[1-9][0-9]{0,2}(?:[ .-]?[0-9]){6,13}(?!\w)"
)
PATTERNS = (("email", _EMAIL), ("iban", _IBAN), ("phone", _PHONE))


def mask_text(text: str) -> str:
    """Letters -> x/X (case kept), digits -> 0, the rest kept: same length, same shape."""
    out = []
    for ch in text:
        if ch.isdigit():
            out.append("0")
        elif ch.isalpha():
            out.append("X" if ch.isupper() else "x")
        else:
            out.append(ch)
    return "".join(out)


def _mask_int(value: int) -> int:
    masked = int("1" + "0" * (len(str(abs(value))) - 1))
    return masked if value >= 0 else -masked


@dataclass
class Redactions:
    """Where masking happened: folded JSON path -> rules -> count (values are never kept)."""

    places: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, path: Path_, rule: str) -> None:
        key = (npath(path), rule)
        self.places[key] = self.places.get(key, 0) + 1

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {"path": path, "rule": rule, **({"count": n} if n > 1 else {})}
            for (path, rule), n in sorted(self.places.items())
        ]


def _field_rule(name: str, person_operation: bool) -> str | None:
    key = name.lower()
    if key in NAME_FIELDS:
        return "name"
    if key in CONTACT_FIELDS:
        return "contact"
    if key in BANK_FIELDS:
        return "bank-or-identity"
    if person_operation and key in PERSON_OPERATION_FIELDS:
        return "name"
    return None


class _Redactor:
    def __init__(self, person_operation: bool) -> None:
        self.person_operation = person_operation
        self.done = Redactions()

    def value(self, value: Any, path: Path_, rule: str | None) -> Any:
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, child in value.items():
                name = self.text(key, (*path, "<key>"))
                child_rule = None if key in KEPT else (rule or _field_rule(key, self.person_operation))
                out[name] = child if key in KEPT else self.value(child, (*path, key), child_rule)
            return out
        if isinstance(value, list):
            return [self.value(child, (*path, i), rule) for i, child in enumerate(value)]
        if isinstance(value, str):
            text = self.text(value, path)
            if rule is not None and text:
                self.done.add(path, rule)
                return mask_text(text)
            return self.patterns(text, path)
        if isinstance(value, int) and not isinstance(value, bool) and rule in ("contact", "bank-or-identity"):
            self.done.add(path, rule)
            return _mask_int(value)
        return value

    def text(self, text: str, path: Path_) -> str:
        scrubbed = scrub(text)
        if scrubbed != text:
            self.done.add(path, "secret")
        return scrubbed

    def patterns(self, text: str, path: Path_) -> str:
        for rule, pattern in PATTERNS:
            if pattern.search(text):
                self.done.add(path, rule)
                text = pattern.sub(lambda m: mask_text(m.group(0)), text)
        return text


def is_person_operation(path: str) -> bool:
    return path.lower().startswith(PERSON_PATHS)


def redact_body(body: Any, operation_path: str) -> tuple[Any, Redactions]:
    """``body`` with secrets and personal data masked (see the module docstring), and where."""
    redactor = _Redactor(is_person_operation(operation_path))
    return redactor.value(body, (), None), redactor.done


def redact_text(text: str) -> tuple[str, Redactions]:
    """A body that is not JSON: secrets, then the patterns."""
    redactor = _Redactor(False)
    return redactor.patterns(redactor.text(text, ()), ()), redactor.done


def redact_headers(headers: Iterable[tuple[str, str]], keep: frozenset[str]) -> dict[str, str]:
    """Only the headers named in ``keep`` (lower-case), their values scrubbed of secrets."""
    return {name.lower(): scrub(value) for name, value in headers if name.lower() in keep}


__all__ = ["Redactions", "is_person_operation", "mask_text", "redact_body", "redact_headers", "redact_text"]
