"""`cegid-loop list`, `get` and `resources`: read any resource of the API from the command line.

Resource names are the client's attributes (`comptes`, `tiers_clients`...), from the API map; the
generated registry (``cegid_loop_api.facade.registry``) tells what each can do, so a resource added
to the definition is usable here with no change to this module, and nothing parses the spec.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.table import Table

from cegid_loop import pagination
from cegid_loop.cli import _reads
from cegid_loop.cli.failures import UsageProblem
from cegid_loop.cli.options import Connection, DossierOption, FormatOption, connection
from cegid_loop.cli.output import (
    OutputFormat,
    echo,
    output,
    output_one,
    plain,
    print_csv,
    print_json,
    stdout_console,
)
from cegid_loop.errors import LoopError
from cegid_loop.query import F, Sort

if TYPE_CHECKING:
    from cegid_loop._types import Operation, ResourceInfo

_CRUD_ORDER = ("list", "get", "create", "update", "delete")


def _specs() -> dict[str, ResourceInfo]:
    from cegid_loop_api.facade.registry import RESOURCES

    return {name: info for name, info in RESOURCES.items() if name != "imports"}


def _complete(incomplete: str) -> list[str]:
    return [name for name in _specs() if name.startswith(incomplete.replace("-", "_"))]


ResourceArgument = Annotated[
    str,
    typer.Argument(
        help="Resource name, as `cegid-loop resources` lists them (comptes, tiers-clients...).",
        autocompletion=_complete,
        show_default=False,
    ),
]
ActionOption = Annotated[
    str | None,
    typer.Option(
        "--action",
        help="A named GET operation of the resource instead of its list/get, e.g. `get pointage "
        "--action etat_releve_compte` (`cegid-loop resources -f json` lists them); a resource whose "
        "only read is one uses it without --action.",
        show_default=False,
    ),
]
FilterOption = Annotated[
    list[str] | None,
    typer.Option(
        "--filter",
        help='Loop filter, e.g. \'numero >= "6" && numero < "7"\' (repeat: joined with &&).',
        show_default=False,
    ),
]


def _segment(info: ResourceInfo) -> str:
    return next((part for part in info.path.split("/") if part and not part.startswith("{")), "")


def resolve(name: str) -> ResourceInfo:
    """The resource called ``name`` (``-`` or ``_``, any case; the API's path segment works too)."""
    specs = _specs()
    key = name.strip().lower().replace("-", "_")
    spec = specs.get(key)
    if spec is None:
        squashed = key.replace("_", "")
        spec = next((s for s in specs.values() if _segment(s).lower() == squashed), None)
    if spec is None:
        close = difflib.get_close_matches(key, list(specs), n=3)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        raise UsageProblem(f"unknown resource {name!r}{hint}; `cegid-loop resources` lists them")
    return spec


def _filter(values: list[str] | None) -> str | None:
    parts = [v.strip() for v in values or () if v.strip()]
    return " && ".join(parts) or None


def _sort(values: list[str] | None) -> str | Sort | None:
    """``--sort numero --sort -libelle`` (or ``numero,-libelle``), or Loop's own ``a&&b:desc``."""
    if not values:
        return None
    if any("&&" in v or ":" in v for v in values):
        return "&&".join(values)
    keys = [k.strip() for v in values for k in v.split(",") if k.strip()]
    try:
        return Sort(*keys)
    except ValueError as exc:
        raise UsageProblem(f"--sort: {exc}") from None


def _methods(spec: ResourceInfo) -> list[str]:
    return [slot for slot in _CRUD_ORDER if slot in spec.methods] + sorted(
        m for m in spec.methods if m not in _CRUD_ORDER
    )


def _check_required(spec: ResourceInfo, filter_: str | None) -> None:
    op = spec.operation("list")
    if op is not None and filter_ is None and "filter" in op.required:
        raise UsageProblem(f"{spec.name} needs --filter (the API requires one for {op.method} {op.path})")


def list_records(
    ctx: typer.Context,
    resource: ResourceArgument,
    dossier: DossierOption,
    filter_: FilterOption = None,
    sort: Annotated[
        list[str] | None,
        typer.Option(
            "--sort",
            help="Sort fields, '-' for descending: --sort numero --sort -libelle.",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        str | None,
        typer.Option(
            "--select", help="Fields to return, comma-separated (the API's select).", show_default=False
        ),
    ] = None,
    take: Annotated[
        int | None,
        typer.Option(
            "--take",
            min=1,
            help=f"At most N records (default {pagination.MAX_PAGE_SIZE}: one page).",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every record, page after page.")] = False,
    action: ActionOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the records of a resource in a dossier (one page by default, --all for everything)."""
    conn = connection(ctx)
    spec = resolve(resource)
    op = _reads.pick(spec, action, "list")
    if op is not None:
        if all_:
            raise UsageProblem(f"--all pages a list; {op.qualified_name} is one call")
        given = {"--filter": _filter(filter_), "--sort": _sort(sort), "--select": select, "--take": take}
        _run_action(conn, spec, op, dossier, given, fmt)
        return
    if "list" not in spec.methods:
        how = f"; try `cegid-loop get {spec.name} --dossier {dossier}`" if "get" in spec.methods else ""
        raise UsageProblem(f"{spec.name} cannot be listed{how}")
    if all_ and take is not None:
        raise UsageProblem("--take and --all exclude each other")
    filter_text, order = _filter(filter_), _sort(sort)
    _check_required(spec, filter_text)
    limit = take or pagination.MAX_PAGE_SIZE
    with conn.client() as loop:
        namespace: Any = getattr(loop, spec.name)
        query: dict[str, Any] = {"filter": filter_text, "sort": order, "select": select}
        if all_ or limit > pagination.MAX_PAGE_SIZE:
            rows = list(namespace.iter(dossier, limit=None if all_ else limit, **query))
        else:
            rows = namespace.list(dossier, take=limit, **query)
    output(rows, fmt, title=f"{spec.name} of {dossier}: {len(rows)}")
    if not all_ and len(rows) == limit:
        echo(f"(first {limit} records: --take N or --all for more)", err=True)


def get_record(
    ctx: typer.Context,
    resource: ResourceArgument,
    dossier: DossierOption,
    object_id: Annotated[
        str | None, typer.Option("--id", help="objectId of the record.", show_default=False)
    ] = None,
    filter_: FilterOption = None,
    action: ActionOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show one record, by --id or --filter (one-object resources such as dossiers: neither)."""
    conn = connection(ctx)
    spec = resolve(resource)
    filter_text = _filter(filter_)
    if object_id is not None and filter_text is not None:
        raise UsageProblem("--id and --filter exclude each other")
    op = _reads.pick(spec, action, "get")
    if op is not None:
        if object_id is not None:
            raise UsageProblem(f"--id reads a record of a list; {op.qualified_name} is one call")
        _run_action(conn, spec, op, dossier, {"--filter": filter_text}, fmt)
        return
    selector = filter_text if object_id is None else str(F["objectId"] == object_id)
    if selector is not None and "list" not in spec.methods:
        raise UsageProblem(f"{spec.name} is one object per dossier: drop --id/--filter")
    if selector is None and "get" not in spec.methods:
        if "list" in spec.methods:
            raise UsageProblem(f"get {spec.name} needs --id OBJECTID or --filter EXPR")
        raise UsageProblem(f"{spec.name} has no read operation ({', '.join(_methods(spec))})")
    with conn.client() as loop:
        namespace: Any = getattr(loop, spec.name)
        found = namespace.get(dossier) if selector is None else namespace.find_one(dossier, filter=selector)
    if object_id is not None:
        _same_object(spec, object_id, found)
    output_one(found, fmt)


def _same_object(spec: ResourceInfo, asked: str, found: Any) -> None:
    """`get --id X` shows X or nothing: an API that ignored the filter answers another record."""
    record = plain(found)
    got = record.get("objectId") if isinstance(record, dict) else None
    if str(got).strip().lower() != asked.strip().lower():
        raise LoopError(
            f"get {spec.name} --id {asked}: the API answered the record {got}, not the one asked "
            "(the filter on objectId was not applied?); nothing shown"
        )


def _run_action(
    conn: Connection,
    spec: ResourceInfo,
    op: Operation,
    dossier: str,
    given: dict[str, Any],
    fmt: OutputFormat,
) -> None:
    with conn.client() as loop:
        result = _reads.call(getattr(loop, spec.name), op, dossier, given)
    if isinstance(result, list):
        output(result, fmt, title=f"{op.qualified_name} of {dossier}: {len(result)}")
    else:
        output_one(result, fmt)
    if not _reads.takes_dossier(op):
        echo(f"({op.qualified_name} takes no dossier: --dossier {dossier} was not sent)", err=True)


def list_resources(fmt: FormatOption = OutputFormat.table) -> None:
    """List the API's resources (from its description) and what each one can do."""
    rows = []
    for name, spec in sorted(_specs().items()):
        rows.append(
            {
                "resource": name,
                "path": spec.path,
                "methods": _methods(spec),
                "operations": {op.name: op.operation_id for op in spec.operations},
                "provenance": {op.name: op.provenance for op in spec.operations},
            }
        )
    if fmt is OutputFormat.json:
        print_json(rows)
    elif fmt is OutputFormat.csv:
        print_csv(
            [{**r, "methods": " ".join(r["methods"]), "operations": None, "provenance": None} for r in rows],
            columns=["resource", "path", "methods"],
        )
    else:
        _resources_table(rows)


def _resources_table(rows: list[dict[str, Any]]) -> None:
    table = Table(
        title=f"{len(rows)} resources (`list` and `get` read them; imports: `import`)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("resource", no_wrap=True, style="bold")
    table.add_column("path", overflow="fold")
    table.add_column("methods")
    table.add_column("provenance")
    for row in rows:
        crud = [m for m in row["methods"] if m in _CRUD_ORDER]
        extras = len(row["methods"]) - len(crud)
        methods = " ".join(crud) + (f"{' + ' if crud else ''}{extras} action(s)" if extras else "")
        levels = row["provenance"]
        # One word when every operation agrees, else method=level (documented, partial, inferred).
        distinct = set(levels.values())
        provenance = distinct.pop() if len(distinct) == 1 else " ".join(f"{m}={v}" for m, v in levels.items())
        table.add_row(row["resource"], row["path"], methods, provenance)
    stdout_console().print(table)
