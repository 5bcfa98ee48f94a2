"""FEC reading for the sandbox's import.

Checking is :func:`cegid_loop.fec.validate_file` (the project's validator: encoding, separators,
header, dates, amounts, balance...), minus the file-name rules N1/N2 — an API import names its file
freely, and Loop's own rule on names is unknown. Reading the lines for ingestion is the small parser
below, which keeps its own checks (a file it cannot read is refused even if the validator passed it).
A file with any error finding is refused as a whole.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from cegid_loop.fec.layout import LEGAL_18, MONTANT_SENS

MANDATORY = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
)
# Column names as the legal text spells them (the validator's layout): the header is matched on them.
KNOWN = (*LEGAL_18, *MONTANT_SENS)
MAX_FINDINGS = 50


@dataclass(frozen=True)
class FecLine:
    line_no: int
    journal_code: str
    journal_lib: str
    ecriture_num: str
    ecriture_date: date
    compte_num: str
    compte_lib: str
    comp_aux_num: str
    comp_aux_lib: str
    piece_ref: str
    piece_date: date | None
    ecriture_lib: str
    debit: Decimal
    credit: Decimal
    ecriture_let: str
    date_let: date | None
    idevise: str


@dataclass(frozen=True)
class FecResult:
    lines: list[FecLine]
    findings: list[str]

    @property
    def ok(self) -> bool:
        return not self.findings


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("iso-8859-15")


_DATE_RE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def _date(raw: str) -> date | None:
    text = raw.strip()
    if not text:
        return None
    m = _DATE_RE.fullmatch(text[:10] if "-" in text[:10] else text[:8])
    if not m:
        raise ValueError(f"date invalide {raw!r} (AAAAMMJJ attendu)")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _amount(raw: str) -> Decimal:
    text = raw.strip()
    if not text:
        return Decimal(0)
    sign = 1
    if text.endswith("-"):
        sign, text = -1, text[:-1]
    if not re.fullmatch(r"[+-]?\d+(?:[,.]\d+)?", text):
        raise ValueError(f"montant invalide {raw!r}")
    try:
        return sign * Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise ValueError(f"montant invalide {raw!r}") from exc


VALIDATOR_RULES = "all,-N1,-N2"


def validate_fec(data: bytes, filename: str) -> list[str]:
    """Error findings of the project's FEC validator, as French ``ligne N : message`` texts."""
    from cegid_loop.fec import validate_file

    name = Path(filename).name or "fichier.txt"
    with tempfile.TemporaryDirectory(prefix="loop-sandbox-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        result = validate_file(path, kind="fec", rules=VALIDATOR_RULES)
    if result.ok:
        return []
    return [
        f"ligne {f.line} : {f.message_fr}" if f.line else f.message_fr
        for f in result.findings
        if f.severity == "error"
    ] or ["fichier refusé par le validateur FEC"]


def check_and_parse(data: bytes, filename: str) -> FecResult:
    findings = validate_fec(data, filename)
    if findings:
        return FecResult([], findings)
    return parse_fec(data)


def parse_fec(data: bytes) -> FecResult:
    """Parse and check a flat FEC file (TAB or ``|``); every problem becomes a French finding."""
    text = _decode(data).replace("\x00", "")
    rows = [r for r in re.split(r"\r\n|\r|\n", text)]
    while rows and not rows[-1].strip():
        rows.pop()
    if len(rows) <= 1:
        return FecResult([], ["Le fichier est vide (aucune ligne d'écriture après l'en-tête)."])
    header_line = rows[0]
    sep = "\t" if "\t" in header_line else "|"
    header = [h.strip() for h in header_line.split(sep)]
    trailing = bool(header) and header[-1] == ""
    if trailing:
        header = header[:-1]
    canonical = {k.lower(): k for k in KNOWN}
    names = [canonical.get(h.lower(), h) for h in header]
    findings: list[str] = []
    missing = [m for m in MANDATORY if m not in names]
    has_dc = "Debit" in names and "Credit" in names
    has_ms = "Montant" in names and "Sens" in names
    if not has_dc and not has_ms:
        missing.append("Debit/Credit (ou Montant/Sens)")
    if missing:
        return FecResult([], [f"Le champ «{m}» n'est pas présent dans le fichier" for m in missing])
    index = {n: i for i, n in enumerate(names)}
    lines: list[FecLine] = []
    for no, row in enumerate(rows[1:], start=2):
        if len(findings) >= MAX_FINDINGS:
            break
        if not row.strip():
            continue
        fields = row.split(sep)
        if trailing and fields and fields[-1].strip() == "":
            fields = fields[:-1]
        if len(fields) != len(names):
            findings.append(
                f"ligne {no} : il y a {len(fields)} champs au lieu des {len(names)} champs attendus"
            )
            continue

        def get(name: str, fields: list[str] = fields) -> str:
            return fields[index[name]].strip() if name in index else ""

        try:
            for name in ("EcritureNum", "EcritureDate", "CompteNum", "EcritureLib", "JournalCode"):
                if not get(name):
                    raise ValueError(f"le champ {name} ne contient aucune valeur")
            ecriture_date = _date(get("EcritureDate"))
            assert ecriture_date is not None
            if has_dc:
                debit, credit = _amount(get("Debit")), _amount(get("Credit"))
            else:
                montant, sens = _amount(get("Montant")), get("Sens").upper()
                if sens not in ("D", "C", "+1", "-1"):
                    raise ValueError(f"code D/C mal renseigné {get('Sens')!r}")
                debit, credit = (montant, Decimal(0)) if sens in ("D", "+1") else (Decimal(0), montant)
            lines.append(
                FecLine(
                    line_no=no,
                    journal_code=get("JournalCode"),
                    journal_lib=get("JournalLib"),
                    ecriture_num=get("EcritureNum"),
                    ecriture_date=ecriture_date,
                    compte_num=get("CompteNum"),
                    compte_lib=get("CompteLib"),
                    comp_aux_num=get("CompAuxNum"),
                    comp_aux_lib=get("CompAuxLib"),
                    piece_ref=get("PieceRef"),
                    piece_date=_date(get("PieceDate")),
                    ecriture_lib=get("EcritureLib"),
                    debit=debit,
                    credit=credit,
                    ecriture_let=get("EcritureLet"),
                    date_let=_date(get("DateLet")),
                    idevise=get("Idevise"),
                )
            )
        except ValueError as exc:
            findings.append(f"ligne {no} : {exc}")
    if not findings:
        totals: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for line in lines:
            t = totals[(line.journal_code, line.ecriture_num)]
            t[0] += line.debit
            t[1] += line.credit
        for (journal, num), (d, c) in totals.items():
            if d != c:
                findings.append(f"écriture {num} du journal {journal} déséquilibrée (débit {d}, crédit {c})")
                if len(findings) >= MAX_FINDINGS:
                    break
    return FecResult(lines, findings)
