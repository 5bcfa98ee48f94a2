"""FEC content validation, block by block: reading, header, the rules of each block, statistics.

Each block of a few thousand lines becomes columns with one split (`fec_structure.fast_columns`), and the
rules run as C-level operations on whole columns (`fec_fields`, `fec_consistency`, and `fec_entries` for
the entries: B2, B3, C2); Python-level loops run only over entry boundaries and over the lines already
known to be wrong.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from pathlib import Path

from cegid_loop.fec.amounts import to_decimal
from cegid_loop.fec.encoding import describe, wide_encoding
from cegid_loop.fec.fec_consistency import Consistency
from cegid_loop.fec.fec_entries import EntryChecks, Line
from cegid_loop.fec.fec_fields import FieldChecks
from cegid_loop.fec.fec_structure import diagnose, entry_key, fast_columns
from cegid_loop.fec.findings import FindingSink
from cegid_loop.fec.layout import Layout, analyze_header
from cegid_loop.fec.reader import MAX_LINE, BlockReader, LineTooLong, TextBlock

# Bound on state that grows with distinct values, for files whose columns are garbage.
MAX_JOURNALS = 100_000


class FecValidator:
    def __init__(self, sink: FindingSink, *, closing: dt.date | None) -> None:
        self.sink = sink
        self.wants = sink.wants
        self.closing = closing
        self.entries = EntryChecks(sink)
        self.layout: Layout | None = None
        self.fields: FieldChecks | None = None
        self.consistency = Consistency(sink, closing)
        self.first_header: list[str] | None = None
        self.sep = ""
        self.file = ""
        self.used: list[int] = []
        self.padded = False
        self.lines = 0
        self.journal_lines: Counter[str] = Counter()
        self.encodings: list[str] = []
        self.line_endings: list[str] = []
        self.min_date = ""
        self.max_date = ""
        # C2: whether EcritureDate varies (a constant EcritureNum is then no identifier)
        self.first_edate: str | None = None
        self.edate_varies = False

    # ------------------------------------------------------------------ parts and header

    def run_part(self, path: Path, label: str) -> bool:
        """Validate one physical file; False when it could not be read at all."""
        self.file = label
        self.sink.file = label
        # The hot path allocates millions of short-lived containers and creates no reference cycles: the
        # cyclic GC would only rescan them (about a third of the run time).
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._run_part(path)
        finally:
            if gc_was_enabled:
                gc.enable()

    def _run_part(self, path: Path) -> bool:
        try:
            with path.open("rb") as fp:
                wide = wide_encoding(fp.read(4096))
                if wide is not None:
                    self.sink.add(
                        "E1",
                        1,
                        "",
                        wide,
                        f"Fichier en {wide} : seuls ASCII, ISO-8859-15 et UTF-8 sont admis (XII 1°).",
                        f"File encoded in {wide}: only ASCII, ISO-8859-15 and UTF-8 are allowed (XII 1°).",
                    )
                    self._fatal("encodage illisible", "unreadable encoding", wide)
                    return False
                fp.seek(0)
                reader = BlockReader(fp)
                first = True
                for block in reader:
                    if first:
                        first = False
                        self.line_endings.append(reader.line_ending)
                        if not self._header(block):
                            return False
                    else:
                        if block.issues:
                            self._encoding_issues(block)
                        self._block(block.first_line, block.text)
                if first:
                    self._fatal("fichier vide", "empty file", "")
                    return False
                self.encodings.append("utf-8-bom" if reader.decoder.bom else reader.decoder.encoding)
        except LineTooLong as exc:
            self._fatal(
                f"ligne {exc.line} démesurée (plus de {MAX_LINE} octets sans fin de ligne), "
                "pas un fichier texte",
                f"line too long: line {exc.line} runs over {MAX_LINE} bytes without a line end, "
                "not a text file",
                "",
                exc.line,
            )
            return False
        except OSError as exc:
            why = exc.strerror or "input/output error"
            self._fatal(f"lecture impossible ({why})", f"cannot be read ({why})", str(path))
            return False
        return True

    def _fatal(self, why_fr: str, why_en: str, value: str, line: int = 0) -> None:
        self.sink.add("IO", line, "", value, f"Fichier illisible : {why_fr}.", f"Unreadable file: {why_en}.")

    def _header(self, block: TextBlock) -> bool:
        header = block.text.split("\n", 1)[0]
        tabs, pipes = header.count("\t"), header.count("|")
        if tabs or pipes:
            self.sep = "\t" if tabs >= pipes else "|"
        else:
            other = max((";", ","), key=header.count)
            if header.count(other) == 0:
                self._fatal(
                    "pas de séparateur de zones (tabulation ou « | ») sur la première ligne",
                    "no field separator (TAB or '|') on the first line",
                    header,
                    1,
                )
                return False
            self.sep = other
            self.sink.add(
                "S1",
                1,
                "",
                other,
                f"Séparateur « {other} » interdit : tabulation ou « | » obligatoire (VI 1° c).",
                f"Separator '{other}' not allowed: TAB or '|' required (VI 1° c).",
            )
        fields = header.split(self.sep)
        if self.first_header is not None and fields != self.first_header:
            self.sink.add(
                "S2",
                1,
                "",
                header,
                "L'en-tête de cette partie diffère de celui de la première partie (XIII).",
                "This part's header differs from the first part's header (XIII).",
            )
        layout = analyze_header(fields, self.sink)
        if layout is None:
            self._fatal(
                "la première ligne n'est pas un en-tête FEC (aucun nom de zone connu)",
                "the first line is not a FEC header (no known field name)",
                header,
                1,
            )
            return False
        if self.first_header is None:
            self.first_header = fields
        self.layout = layout
        if self.fields is None:
            self.fields = FieldChecks(self.sink, layout)
        self.fields.layout = layout
        self.used = sorted(set(layout.index.values()))
        if block.issues:
            self._encoding_issues(block)
        text = block.text if layout.headerless else block.text[len(header) + 1 :]
        sep = self.sep
        # Fixed-width files pad every zone with spaces; decided once, on the first block.
        self.padded = (
            f" {sep}" in text or f"{sep} " in text or text[:1] == " " or " \n" in text or "\n " in text
        )
        if layout.headerless:
            self._block(block.first_line, text)
        elif len(header) < len(block.text):
            self._block(block.first_line + 1, text)
        return True

    # ------------------------------------------------------------------ block

    def _encoding_issues(self, block: TextBlock) -> None:
        if not self.wants("E1"):
            return
        lines = block.lines
        for issue in block.issues:
            text = lines[issue.line_index] if issue.line_index < len(lines) else ""
            column = ""
            if self.layout is not None and self.sep:
                column = self.layout.column_name(text[: issue.offset].count(self.sep))
            field = text[: issue.offset].rsplit(self.sep, 1)[-1] + text[issue.offset :].split(self.sep, 1)[0]
            fr, en = describe(issue)
            self.sink.add("E1", block.first_line + issue.line_index, column, field, fr, en)

    def _columns(self, first: int, text: str) -> tuple[list[list[str]], list[int] | None, int]:
        """Columns of the block's well-formed lines, their line numbers (None: consecutive from `first`),
        and the number of lines. Lines with a wrong field count are reported here and left out."""
        layout = self.layout
        assert layout is not None
        sep, n = self.sep, layout.ncols
        count = text.count("\n") + 1
        cols = fast_columns(text, sep, n, count)
        if cols is not None:
            return cols, None, count
        keep: list[list[str]] = []
        linenos: list[int] = []
        for i, raw in enumerate(text.split("\n")):
            fields = raw.split(sep)
            if len(fields) == n:
                keep.append(fields)
                linenos.append(first + i)
                continue
            self.entries.malformed_line(entry_key(layout, sep, raw, fields))
            rule, fr, en = diagnose(layout, sep, raw, fields)
            self.sink.add(rule, first + i, "", raw, fr, en)
        return [list(c) for c in zip(*keep, strict=True)], linenos, count

    def _block(self, first: int, text: str) -> None:
        layout, checks, cons = self.layout, self.fields, self.consistency
        assert layout is not None and checks is not None
        cols, linenos, count = self._columns(first, text)
        self.lines += count
        if not cols:
            return
        size = len(cols[0])
        ln: Line = (lambda i: first + i) if linenos is None else linenos.__getitem__
        other = "|" if self.sep == "\t" else "\t"
        if other in text and self.wants("S1"):
            checks.separator_inside(cols, ln, other)
        if self.padded:
            for i in self.used:
                cols[i] = list(map(str.strip, cols[i]))
        idx = layout.index

        def col(name: str) -> list[str] | None:
            i = idx.get(name)
            return cols[i] if i is not None else None

        checks.mandatory(col, ln)
        edate = col("EcritureDate")
        edate_set = set(edate) if edate is not None else set()
        edate_set.discard("")
        bad_dates, date_sets = checks.dates(col, ln, edate_set)
        debit, credit, amount_errors, factor = checks.amounts(col, ln, size)
        if self.wants("B1") and layout.amounts_readable:
            checks.b1(debit, credit, amount_errors, factor, ln)
        if self.wants("F4") and (acc := col("CompteNum")) is not None:
            checks.f4(acc, ln)
        self.entries.totals(sum(debit) * factor, sum(credit) * factor)
        jc = col("JournalCode") or [""] * size
        one_journal = jc.count(jc[0]) == size
        if one_journal:
            self.journal_lines[jc[0]] += size
        elif len(self.journal_lines) < MAX_JOURNALS:  # a shifted column must not fill memory
            self.journal_lines.update(jc)
        num = col("EcritureNum")
        if num is not None:
            if checks.unknown_lines:
                self.entries.unknown((jc[i], num[i]) for i in checks.unknown_lines)
            first_line = first if linenos is None else None
            self.entries.runs(jc, one_journal, num, debit, credit, factor, ln, first_line, self.file)
        valid_edates = edate_set - bad_dates
        if edate is not None:
            self._edate_stats(valid_edates)
            if self.wants("C4"):
                cons.c4(edate, valid_edates, bad_dates, ln)
        if self.wants("C1") and (vd := col("ValidDate")) is not None:
            cons.c1_block(vd, date_sets.get("ValidDate", set()), bad_dates, ln)
        if self.wants("C3") and not cons.c3_reported:
            cons.c3(jc, one_journal, col("JournalLib"), ln)
        if self.wants("C5"):
            cons.c5(col("EcritureLet"), col("DateLet"), edate, ln)
        if self.wants("C6"):
            cons.c6(col("Montantdevise"), col("Idevise"), ln)

    def _edate_stats(self, values: set[str]) -> None:
        if not values:
            return
        lo, hi = min(values), max(values)
        if not self.min_date or lo < self.min_date:
            self.min_date = lo
        if hi > self.max_date:
            self.max_date = hi
        if self.first_edate is None:
            self.first_edate = lo
        if not self.edate_varies and (lo != hi or lo != self.first_edate):
            self.edate_varies = True

    # ------------------------------------------------------------------ end of file

    def finish(self) -> None:
        sink = self.sink
        sink.file = ""
        self.entries.report_open(self.file)
        sink.file = ""
        if self.layout is not None and self.lines == 0 and not sink.fatal:
            sink.add(
                "S3",
                1,
                "",
                "",
                "Aucune ligne d'écriture après l'en-tête : fichier vide.",
                "No entry line after the header: empty file.",
            )
        self.entries.file_balance()
        if sink.wants("C2"):
            self.entries.numbering_gaps(self.lines, len(self.journal_lines), self.edate_varies)

    def stats(self) -> dict[str, object]:
        layout = self.layout
        journals = dict(sorted(self.journal_lines.items()))
        return {
            "lines": self.lines,
            "entries": self.entries.numbering.entries,
            "journals": len(journals),
            "journal_lines": journals,
            "total_debit": str(to_decimal(self.entries.total_debit)),
            "total_credit": str(to_decimal(self.entries.total_credit)),
            "first_date": self.min_date,
            "last_date": self.max_date,
            "encoding": self.encodings[0] if len(set(self.encodings)) == 1 else ",".join(self.encodings),
            "line_ending": self.line_endings[0]
            if len(set(self.line_endings)) == 1
            else ",".join(self.line_endings),
            "separator": {"\t": "TAB"}.get(self.sep, self.sep),
            "columns": layout.ncols if layout else 0,
            "variant": (layout.variant + ("-montant-sens" if layout.montant_sens else "")) if layout else "",
            "trailing_separator": bool(layout and layout.trailing),
        }
