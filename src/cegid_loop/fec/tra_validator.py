"""Cegid TRA validator (tra-format.md): the header record, STD and ETE movement lines, other records.

Records are read and decoded by :mod:`.tra_reading` (positions are counted in characters of the
decoded line) and laid out as :mod:`.tra_layout` says; the header record is checked by
:mod:`.tra_header` and each field's value by :mod:`.tra_fields`. This module runs them over a file
and checks what spans fields and lines: movements, record kinds, piece and file balances.
Rule ids are shared with the FEC rules where the meaning is the same (E1, S1-S3, F1-F5, B2-B3); T1 is
for TRA code lists, T2 for record kinds.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from cegid_loop.fec import tra_layout as L
from cegid_loop.fec import tra_reading
from cegid_loop.fec.amounts import format_fr, to_decimal
from cegid_loop.fec.entries import Balances
from cegid_loop.fec.findings import FindingSink
from cegid_loop.fec.reader import MAX_LINE, LineTooLong, line_ending_name
from cegid_loop.fec.tra_fields import TraFieldChecks
from cegid_loop.fec.tra_header import check_header


class TraValidator:
    def __init__(self, sink: FindingSink) -> None:
        self.sink = sink
        self.decoder = tra_reading.RecordDecoder(sink)
        self.fields = TraFieldChecks(sink)
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
            for n, raw in tra_reading.records(path):
                self.lines = n
                text = self.decoder.decode(n, raw)
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

    def _note(self, key: str, line: int, fr: str, en: str, rule: str = "T2") -> None:
        """An informative finding given once per file (what the public sources do not tell)."""
        if key not in self.noted:
            self.noted.add(key)
            self.sink.add(rule, line, "", key, fr, en, severity="info")

    # ------------------------------------------------------------------ header

    def _header(self, text: str) -> None:
        header = check_header(text, self.sink, self.fields, self._note)
        if header is None:
            if not text.startswith("***"):
                self._line(1, text)
            return
        self.header = header
        self.format = header["format"]
        self.version = header["version"]
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
                self.fields.date(n, f.name, text[f.slice])

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
            self.fields.date(n, L.DATE.name, date, allow_empty=False)
        due = get(L.DUE_DATE)
        if due.strip():
            self.fields.date(n, L.DUE_DATE.name, due)
        if general and not (general[:3].isascii() and general[:3].isdigit()):
            sink.add(
                "F4",
                n,
                L.GENERAL.name,
                general,
                "Les trois premiers caractères du compte général doivent être des chiffres.",
                "The first three characters of the general account must be digits.",
            )
        self.fields.code(n, L.NATURE, nature, L.NATURES)
        self.fields.code(n, L.ACCOUNT_TYPE, acc_type, L.ACCOUNT_TYPES)
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
            self.fields.code(n, L.ENTRY_TYPE, entry_type, L.ENTRY_TYPES)
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
        amount = self.fields.amount(n, L.AMOUNT1, get(L.AMOUNT1), mandatory=True)
        readable = readable and amount is not None
        self.fields.amount(n, L.AMOUNT2, get(L.AMOUNT2))
        self.fields.amount(n, L.AMOUNT3, get(L.AMOUNT3))
        if self.format == "ETE" and size > L.STD_LENGTH:
            for f in L.ETE_CHECKED:
                if f.start + f.length - 1 > size:
                    break
                value = text[f.slice]
                if f.kind == "date" and value.strip():
                    self.fields.date(n, f.name, value)
                elif f.kind == "amount":
                    self.fields.amount(n, f, value)
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

    # ------------------------------------------------------------------ end

    def _finish(self) -> None:
        sink = self.sink
        if self.decoder.utf8:
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
            "encoding": self.decoder.encoding,
            "line_ending": self.line_ending,
            "header": {k: v.strip() for k, v in self.header.items()},
            "format": self.format,
            "version": self.version,
        }
