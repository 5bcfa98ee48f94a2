"""Human report of a ValidationResult: findings grouped by rule, counted, first examples of each."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from cegid_loop.fec.display import printable
from cegid_loop.fec.findings import Finding
from cegid_loop.fec.result import ValidationResult
from cegid_loop.fec.rules import RULES

if TYPE_CHECKING:
    from rich.console import Console

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _message(f: Finding, lang: str) -> str:
    return printable(f.message_fr if lang == "fr" else f.message_en)


def _where(f: Finding, multi_part: bool) -> str:
    where = f"line {f.line}" if f.line else "file"
    if multi_part and f.file:
        where = f"{f.file}:{f.line}" if f.line else f.file
    return printable(where + (f" [{f.column}]" if f.column else ""))


def grouped(result: ValidationResult) -> list[tuple[str, str, int, list[Finding]]]:
    """(rule, worst severity, count, examples) sorted by severity then rule id."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_rule[f.rule].append(f)
    rows = []
    for rule, count in result.counts.items():
        examples = by_rule.get(rule, [])
        worst = min((f.severity for f in examples), key=_SEVERITY_ORDER.__getitem__, default="info")
        rows.append((rule, worst, count, examples))
    rows.sort(key=lambda r: (_SEVERITY_ORDER[r[1]], r[0]))
    return rows


def verdict(result: ValidationResult) -> str:
    if result.unreadable:
        return "UNREADABLE"
    if result.errors:
        return f"INVALID: {result.errors} error(s), {result.warnings} warning(s)"
    return f"VALID: {result.warnings} warning(s), {result.infos} info(s)"


def summary(result: ValidationResult) -> str:
    s = result.stats
    if not s:
        return ""
    bits = [
        f"{s.get('lines', 0)} lines",
        f"{s.get('entries', 0)} entries",
        f"{s.get('journals', 0)} journals",
    ]
    bits.append(f"debit {s.get('total_debit')} / credit {s.get('total_credit')}")
    for key in ("encoding", "separator", "line_ending", "variant", "format", "version"):
        if s.get(key):
            bits.append(f"{key} {s[key]}")
    return ", ".join(bits)


def format_text(result: ValidationResult, *, examples: int = 5, lang: str = "en") -> str:
    """Plain-text report (what `render` prints, without colours)."""
    multi = len(result.parts) > 1
    out = [f"{printable(result.path)} ({(result.kind or '?').upper()})"]
    if multi:
        out.append("parts: " + printable(", ".join(result.parts)))
    if summary(result):
        out.append(printable(summary(result)))
    for rule, worst, count, shown in grouped(result):
        title = RULES[rule].title_fr if lang == "fr" else RULES[rule].title_en
        out.append(f"{rule} {worst:<7} {count:>8}  {title}")
        for f in shown[:examples]:
            value = f" «{printable(f.value)}»" if f.value else ""
            out.append(f"    {_where(f, multi)}: {_message(f, lang)}{value}")
        if count > min(examples, len(shown)):
            out.append(f"    … {count - min(examples, len(shown))} more")
    out.append(verdict(result))
    return "\n".join(out)


def render(result: ValidationResult, console: Console, *, examples: int = 5, lang: str = "en") -> None:
    """Print the report with rich: a table of rules then the first examples of each."""
    from rich.markup import escape
    from rich.table import Table

    multi = len(result.parts) > 1
    console.print(f"[bold]{escape(printable(result.path))}[/bold] ({(result.kind or '?').upper()})")
    if multi:
        console.print("parts: " + escape(printable(", ".join(result.parts))))
    if summary(result):
        console.print(escape(printable(summary(result))))
    rows = grouped(result)
    if rows:
        table = Table(show_header=True, header_style="bold")
        for name, justify in (("rule", "left"), ("severity", "left"), ("count", "right"), ("title", "left")):
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        for rule, worst, count, _ in rows:
            title = RULES[rule].title_fr if lang == "fr" else RULES[rule].title_en
            table.add_row(rule, f"[{_STYLE[worst]}]{worst}[/]", str(count), title)
        console.print(table)
        for rule, worst, count, shown in rows:
            console.print(f"[{_STYLE[worst]}]{rule}[/] ({count})")
            for f in shown[:examples]:
                value = f" «{escape(printable(f.value))}»" if f.value else ""
                console.print(
                    f"  {escape(_where(f, multi))}: {escape(_message(f, lang))}{value}", soft_wrap=True
                )
            hidden = count - min(examples, len(shown))
            if hidden > 0:
                console.print(f"  … {hidden} more")
    style = "bold red" if not result.ok else "bold green"
    console.print(f"[{style}]{verdict(result)}[/]")
