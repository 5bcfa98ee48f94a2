"""Cegid TRA reader and validator (tra-format.md): header record, STD and ETE movement lines.

Fixed-width records, no separator. Positions are counted in characters of the decoded line; TRA is
"ANSI" (Windows-1252) in every writer seen, so a line decodes as UTF-8 only when it is valid UTF-8.
Rule ids are shared with the FEC rules where the meaning is the same (E1, S1-S3, F1-F5, B2-B3); T1 is
for TRA code lists, T2 for record kinds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from cegid_loop.fec import tra_layout as L
from cegid_loop.fec.amounts import SCALE_DIGITS, format_fr, to_decimal
from cegid_loop.fec.dates import TRA_EMPTY_DATES, parse_ddmmyyyy
from cegid_loop.fec.entries import Balances
from cegid_loop.fec.findings import FindingSink
from cegid_loop.fec.reader import MAX_LINE, LineTooLong, line_ending_name

_AMOUNT = re.compile(r"\d+(?:,(\d+))?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _records(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw bytes) for every record; CR, LF, CRLF and CR CR LF all end a record.

    Read in blocks (a CR-only file has no "line" for readline). Raises LineTooLong past MAX_LINE bytes
    without a terminator: the longest TRA record is 1 280 characters."""
    with path.open("rb") as fp:
        n = 0
        pending = b""
        while True:
            chunk = fp.read(1 << 16)
            data = pending + chunk
            if chunk:
                # A CR at the end may be the start of CR LF or CR CR LF: keep it for the next block.
                safe = data.rstrip(b"\r")
                last = max(safe.rfind(b"\n"), safe.rfind(b"\r"))
                complete, pending = data[: last + 1], data[last + 1 :]
                if len(pending) > MAX_LINE:
                    raise LineTooLong(f"no line terminator in {MAX_LINE} bytes from line {n + 1}", n + 1)
            else:
                complete, pending = data, b""
            if complete:
                text = complete.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
                for piece in text.removesuffix(b"\n").split(b"\n"):
                    n += 1
                    yield n, piece
            if not chunk:
                return


class TraValidator:
    def __init__(self, sink: FindingSink) -> None:
        self.sink = sink
        self.balances = Balances()
        self.lines = 0
        self.movements = 0
        self.pieces = 0
        self.journals: Counter[str] = Counter()
        self.records: Counter[str] = Counter()
        self.total_debit = 0
        self.total_credit = 0
        self.header: dict[str, str] = {}
        self.format = ""
        self.version = ""
        self.utf8 = False
        self.cp1252 = False
        self.line_ending = "none"
        self.prev_key: tuple[str, str] | None = None
        # Pieces with an unreadable amount or Sens get no balance verdict (nor the file total).
        self.unknown: set[tuple[str, str]] = set()
        self.noted: set[str] = set()

    # ------------------------------------------------------------------ driver

    def run(self, path: Path) -> None:
        self.sink.file = path.name
        try:
            with path.open("rb") as fp:
                self.line_ending = line_ending_name(fp.read(1 << 16))
            for n, raw in _records(path):
                self.lines = n
                text = self._decode(n, raw)
                if n == 1:
                    self._header(text)
                    continue
                self._line(n, text)
        except LineTooLong as exc:
            self.sink.add(
                "IO",
                exc.line,
                "",
                "",
                f"Fichier illisible : ligne {exc.line} sans fin de ligne sur plus de {MAX_LINE} octets, "
                "pas un fichier texte.",
                f"Unreadable file: line {exc.line} runs over {MAX_LINE} bytes without a line end, "
                "not a text file.",
            )
            return
        except OSError as exc:
            why = exc.strerror or "input/output error"
            self.sink.add("IO", 0, "", str(path), f"Fichier illisible : {why}.", f"Unreadable file: {why}.")
            return
        if self.lines == 0:
            self.sink.add(
                "IO", 0, "", "", "Fichier illisible : fichier vide.", "Unreadable file: empty file."
            )
            return
        self._finish()

    def _decode(self, n: int, raw: bytes) -> str:
        if raw.isascii():
            text = raw.decode("ascii")
        else:
            try:
                text = raw.decode("utf-8")
                self.utf8 = True
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")
                self.cp1252 = True
                if "\ufffd" in text:
                    bad = next(b for b in raw if bytes([b]).decode("cp1252", "replace") == "\ufffd")
                    self.sink.add(
                        "E1",
                        n,
                        "",
                        f"0x{bad:02X}",
                        f"Octet 0x{bad:02X} non défini en Windows-1252.",
                        f"Byte 0x{bad:02X} is undefined in Windows-1252.",
                    )
        if "\t" in text:
            self.sink.add(
                "S1",
                n,
                "",
                text,
                "Tabulation dans un enregistrement TRA à positions fixes (aucun séparateur attendu).",
                "TAB in a fixed-width TRA record (no separator expected).",
            )
        if _CONTROL.search(text.replace("\t", " ")):
            self.sink.add(
                "E1", n, "", text, "Caractère de contrôle dans le texte.", "Control character in the text."
            )
        return text.lstrip("\ufeff") if n == 1 else text

    def _note(self, key: str, line: int, fr: str, en: str, rule: str = "T2") -> None:
        """An informative finding given once per file (what the public sources do not tell)."""
        if key not in self.noted:
            self.noted.add(key)
            self.sink.add(rule, line, "", key, fr, en, severity="info")

    # ------------------------------------------------------------------ header

    def _header(self, text: str) -> None:
        sink = self.sink
        if not text.startswith("***") or text[3:5] not in L.PRODUCTS:
            sink.add(
                "S2",
                1,
                "en-tête",
                text[:20],
                "Première ligne : en-tête « ***S5… » attendu (tra-format.md §2).",
                "First line: a '***S5…' header record is expected (tra-format.md §2).",
            )
            if not text.startswith("***"):
                self._line(1, text)
            return
        for f in L.HEADER:
            self.header[f.name] = text[f.slice]
        if len(text) < L.HEADER_LENGTH_V9:
            sink.add(
                "S3",
                1,
                "en-tête",
                str(len(text)),
                f"En-tête de {len(text)} caractères, plus court que les {L.HEADER_LENGTH_V9} du format V9 "
                "(zones manquantes lues à blanc).",
                f"Header of {len(text)} characters, shorter than the {L.HEADER_LENGTH_V9} of the V9 layout "
                "(missing fields read as blank).",
                severity="warning",
            )
        h = self.header
        checks = (
            ("origine", L.ORIGINS),
            ("contenu", L.CONTENTS),
            ("format", L.FORMATS),
        )
        for name, allowed in checks:
            if h[name] not in allowed:
                sink.add(
                    "S2",
                    1,
                    name,
                    h[name],
                    f"En-tête : {name} « {h[name]} » hors de {sorted(allowed)}.",
                    f"Header: {name} '{h[name]}' not in {sorted(allowed)}.",
                )
        self.format = h["format"]
        self.version = h["version"]
        if h["contenu"] == "BAL" and h["format"] != "STD":
            sink.add(
                "S2",
                1,
                "format",
                h["format"],
                "En-tête : un contenu BAL impose le format STD.",
                "Header: content BAL requires format STD.",
            )
        if self.version.strip() and self.version not in L.KNOWN_VERSIONS:
            self._note(
                "version",
                1,
                f"Version de fichier « {self.version} » non documentée (connues : 006, 007, 008, 011).",
                f"File version '{self.version}' is not documented (known: 006, 007, 008, 011).",
            )
        for f in L.HEADER:
            value = h[f.name]
            if f.kind == "date" and value.strip():
                self._date(1, f.name, value)
            elif f.kind == "datetime" and value.strip():
                self._datetime(1, f.name, value)
            elif f.kind == "flag" and value and value not in L.FLAG_VALUES:
                sink.add(
                    "S2",
                    1,
                    f.name,
                    value,
                    f"En-tête : {f.name} doit valoir X ou -.",
                    f"Header: {f.name} must be X or -.",
                )
        if self.line_ending != "CRLF":
            self._note(
                "line ending",
                0,
                f"Fins de ligne {self.line_ending} : les écrivains TRA connus utilisent CR LF ; "
                "l'acceptation par Loop n'est pas documentée.",
                f"{self.line_ending} line ends: known TRA writers use CR LF; whether Loop accepts others "
                "is not documented.",
            )

    # ------------------------------------------------------------------ records

    def _line(self, n: int, text: str) -> None:
        if text.startswith("***"):
            self._record(n, text)
            return
        if not text.strip():
            self.sink.add("S3", n, "", "", "Ligne vide.", "Empty line.")
            return
        self._movement(n, text)

    def _record(self, n: int, text: str) -> None:
        kind = text[3:6]
        self.records[kind] += 1
        if text[3:5] in L.PRODUCTS and text[5:8] in L.ORIGINS:
            self.sink.add("T2", n, "", text[:14], "Second en-tête dans le fichier.", "Second header record.")
            return
        if kind not in L.KNOWN_RECORDS:
            self.sink.add(
                "T2",
                n,
                "",
                kind,
                f"Type d'enregistrement « ***{kind} » inconnu : non contrôlé.",
                f"Unknown record type '***{kind}': not checked.",
            )
            return
        need = L.RECORD_LENGTHS.get(kind)
        if need is None:
            self._note(
                kind,
                n,
                f"Enregistrement ***{kind} reconnu ; sa disposition n'est pas publiée : non contrôlé.",
                f"Record ***{kind} recognised; its layout is not public: not checked.",
            )
            return
        if len(text) < need:
            self.sink.add(
                "S3",
                n,
                kind,
                str(len(text)),
                f"Enregistrement ***{kind} de {len(text)} caractères au lieu de {need}.",
                f"Record ***{kind} has {len(text)} characters instead of {need}.",
            )
        if kind == "EXO":
            for f in L.EXO_DATES:
                self._date(n, f.name, text[f.slice])

    def _movement(self, n: int, text: str) -> None:
        sink = self.sink
        self.movements += 1
        size = len(text)
        if size < L.STD_LENGTH:
            sink.add(
                "S3",
                n,
                "",
                str(size),
                f"Ligne d'écriture de {size} caractères, moins que les {L.STD_LENGTH} du format standard.",
                f"Movement line of {size} characters, fewer than the {L.STD_LENGTH} of the standard layout.",
            )
            text = text.ljust(L.STD_LENGTH)
        elif self.format == "ETE":
            if self.version == "008" and size != L.ETE_LENGTH_008:
                sink.add(
                    "S3",
                    n,
                    "",
                    str(size),
                    f"Ligne étendue de {size} caractères au lieu de {L.ETE_LENGTH_008} (version 008).",
                    f"Extended line of {size} characters instead of {L.ETE_LENGTH_008} (version 008).",
                    severity="warning",
                )
            elif self.version != "008":
                self._note(
                    "ETE layout",
                    n,
                    "Format étendu : seule la disposition de la version 008 est connue ; les zones "
                    "au-delà de la position 222 sont contrôlées selon celle-ci.",
                    "Extended layout: only version 008 is known; fields beyond position 222 are checked "
                    "against it.",
                )

        def get(f: L.TraField) -> str:
            return text[f.slice]

        journal, nature, general = get(L.JOURNAL).strip(), get(L.NATURE), get(L.GENERAL).strip()
        acc_type, aux, sens = get(L.ACCOUNT_TYPE), get(L.AUX).strip(), get(L.SENS)
        for f, value in ((L.JOURNAL, journal), (L.GENERAL, general)):
            if not value:
                sink.add("F5", n, f.name, "", f"Zone « {f.name} » vide.", f"Field '{f.name}' is empty.")
        date = get(L.DATE)
        if not date.strip():
            sink.add("F5", n, L.DATE.name, "", "Date comptable vide.", "Accounting date is empty.")
        else:
            self._date(n, L.DATE.name, date, allow_empty=False)
        due = get(L.DUE_DATE)
        if due.strip():
            self._date(n, L.DUE_DATE.name, due)
        if general and not (general[:3].isascii() and general[:3].isdigit()):
            sink.add(
                "F4",
                n,
                L.GENERAL.name,
                general,
                "Les trois premiers caractères du compte général doivent être des chiffres.",
                "The first three characters of the general account must be digits.",
            )
        self._code(n, L.NATURE, nature, L.NATURES)
        self._code(n, L.ACCOUNT_TYPE, acc_type, L.ACCOUNT_TYPES)
        if acc_type in ("X", "A") and not aux:
            sink.add(
                "F5",
                n,
                L.AUX.name,
                "",
                f"Type de compte {acc_type} sans compte auxiliaire / section.",
                f"Account type {acc_type} without auxiliary account / section.",
            )
        if acc_type == "A" and not get(L.AXIS).strip():
            sink.add("F5", n, L.AXIS.name, "", "Ligne analytique sans axe.", "Analytic line without axis.")
        readable = sens in ("D", "C")
        if not readable:
            sink.add("F3", n, L.SENS.name, sens, "Sens : D ou C attendu.", "Sens: D or C expected.")
        entry_type = get(L.ENTRY_TYPE)
        if entry_type.strip():
            self._code(n, L.ENTRY_TYPE, entry_type, L.ENTRY_TYPES)
        code = get(L.AMOUNT_CODE)
        if code.strip() and not set(code) <= L.AMOUNT_CODE_LETTERS:
            sink.add(
                "T1",
                n,
                L.AMOUNT_CODE.name,
                code,
                "Code montant : trois lettres parmi E, F, D, -.",
                "Amount code: three of E, F, D, -.",
            )
        piece = get(L.PIECE).strip()
        if piece and not (piece.isascii() and piece.isdigit()):
            sink.add(
                "T1", n, L.PIECE.name, piece, "Numéro de pièce non entier.", "Piece number is not an integer."
            )
        due_number = get(L.DUE_NUMBER).strip()
        if due_number and not (due_number.isascii() and due_number.isdigit()):
            sink.add(
                "T1",
                n,
                L.DUE_NUMBER.name,
                due_number,
                "Numéro d'échéance non entier.",
                "Due number is not an integer.",
            )
        amount = self._amount(n, L.AMOUNT1, get(L.AMOUNT1), mandatory=True)
        readable = readable and amount is not None
        self._amount(n, L.AMOUNT2, get(L.AMOUNT2))
        self._amount(n, L.AMOUNT3, get(L.AMOUNT3))
        if self.format == "ETE" and size > L.STD_LENGTH:
            for f in L.ETE_CHECKED:
                if f.start + f.length - 1 > size:
                    break
                value = text[f.slice]
                if f.kind == "date" and value.strip():
                    self._date(n, f.name, value)
                elif f.kind == "amount":
                    self._amount(n, f, value)
                elif f.kind == "flag" and value not in L.FLAG_VALUES:
                    sink.add(
                        "T1", n, f.name, value, f"{f.name} : X ou - attendu.", f"{f.name}: X or - expected."
                    )
        # Analytic (A), GED (G) and BAP (P) lines repeat or annotate amounts: only general lines balance.
        key = (journal, date + "|" + (piece or get(L.REFERENCE).strip()))
        if key != self.prev_key:
            self.pieces += 1
            self.prev_key = key
        self.journals[journal] += 1
        if acc_type in ("A", "G", "P"):
            return
        if not readable or amount is None:
            self.unknown.add(key)
            return
        debit = amount if sens == "D" else 0
        credit = amount if sens == "C" else 0
        self.total_debit += debit
        self.total_credit += credit
        self.balances.add(key, debit, credit, n, self.sink.file)

    # ------------------------------------------------------------------ values

    def _code(self, n: int, f: L.TraField, value: str, allowed: frozenset[str]) -> None:
        if value not in allowed:
            self.sink.add(
                "T1",
                n,
                f.name,
                value,
                f"{f.name} « {value} » hors des valeurs connues {sorted(allowed)}.",
                f"{f.name} '{value}' not among the known values {sorted(allowed)}.",
            )

    def _date(self, n: int, name: str, value: str, *, allow_empty: bool = True) -> None:
        if value in TRA_EMPTY_DATES:
            if not allow_empty:
                self.sink.add(
                    "F5", n, name, value, f"{name} : date vide ({value}).", f"{name}: empty date ({value})."
                )
            return
        if parse_ddmmyyyy(value) is None:
            self.sink.add(
                "F1",
                n,
                name,
                value,
                f"{name} « {value} » : date JJMMAAAA invalide.",
                f"{name} '{value}': invalid JJMMAAAA (DDMMYYYY) date.",
            )

    def _datetime(self, n: int, name: str, value: str) -> None:
        hh, mm = value[8:10], value[10:12]
        digits = (hh + mm).isascii() and hh.isdigit() and mm.isdigit()  # "²".isdigit() is True
        ok = digits and int(hh) < 24 and int(mm) < 60
        if (value[:8] not in TRA_EMPTY_DATES and parse_ddmmyyyy(value[:8]) is None) or not ok:
            self.sink.add(
                "F1",
                n,
                name,
                value,
                f"{name} « {value} » : JJMMAAAAHHMM attendu.",
                f"{name} '{value}': JJMMAAAAHHMM expected.",
            )

    def _amount(self, n: int, f: L.TraField, value: str, *, mandatory: bool = False) -> int | None:
        """The amount in millionths; 0 when blank; None when unreadable."""
        s = value.strip()
        if not s:
            if mandatory:
                self.sink.add("F5", n, f.name, "", f"{f.name} vide.", f"{f.name} is empty.")
                return None
            return 0
        m = _AMOUNT.fullmatch(s) if s.isascii() else None
        if m is None:
            if s.startswith("-") or s.endswith("-"):
                fr, en = (
                    "montant signé (le signe est porté par le sens)",
                    "signed amount (the sign is the Sens)",
                )
            elif "." in s and "," not in s:
                fr, en = "séparateur décimal « . » au lieu de la virgule", "decimal point instead of comma"
            else:
                fr, en = "nombre attendu (virgule décimale)", "number expected (decimal comma)"
            self.sink.add("F2", n, f.name, s, f"{f.name} « {s} » : {fr}.", f"{f.name} '{s}': {en}.")
            return None
        whole, _, frac = s.partition(",")
        if len(frac) > SCALE_DIGITS:
            frac = frac[:SCALE_DIGITS]
        return int(whole + frac.ljust(SCALE_DIGITS, "0"))

    # ------------------------------------------------------------------ end

    def _finish(self) -> None:
        sink = self.sink
        if self.utf8:
            self._note(
                "UTF-8",
                0,
                "Texte UTF-8 : les fichiers TRA sont « ANSI » (Windows-1252) ; l'acceptation de l'UTF-8 par "
                "Loop n'est pas documentée (positions comptées en caractères).",
                "UTF-8 text: TRA files are 'ANSI' (Windows-1252); whether Loop accepts UTF-8 is not "
                "documented (positions counted in characters).",
                rule="E1",
            )
        if sink.wants("B2"):
            for (journal, piece), e in sorted(self.balances.open.items(), key=lambda kv: kv[1].line):
                if (journal, piece) in self.unknown:
                    continue
                date, _, ref = piece.partition("|")
                sink.add(
                    "B2",
                    e.line,
                    "pièce",
                    f"{journal}/{date}/{ref}",
                    f"Pièce {journal} du {date} n° {ref} déséquilibrée : débit {format_fr(e.debit)}, "
                    f"crédit {format_fr(e.credit)}.",
                    f"Piece {journal} of {date} no. {ref} is not balanced: debit {format_fr(e.debit)}, "
                    f"credit {format_fr(e.credit)}.",
                )
        if self.total_debit != self.total_credit and not self.unknown:
            debit, credit = format_fr(self.total_debit), format_fr(self.total_credit)
            sink.add(
                "B3",
                0,
                "",
                format_fr(self.total_debit - self.total_credit),
                f"Fichier déséquilibré : débit {debit}, crédit {credit}.",
                f"File not balanced: debit {debit}, credit {credit}.",
            )

    def stats(self) -> dict[str, object]:
        return {
            "lines": self.lines,
            "movements": self.movements,
            "entries": self.pieces,
            "journals": len(self.journals),
            "journal_lines": dict(sorted(self.journals.items())),
            "records": dict(sorted(self.records.items())),
            "total_debit": str(to_decimal(self.total_debit)),
            "total_credit": str(to_decimal(self.total_credit)),
            "encoding": "utf-8" if self.utf8 else ("windows-1252" if self.cp1252 else "ascii"),
            "line_ending": self.line_ending,
            "header": {k: v.strip() for k, v in self.header.items()},
            "format": self.format,
            "version": self.version,
        }
