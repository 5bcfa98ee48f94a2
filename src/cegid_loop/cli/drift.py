"""`cegid-loop drift spec OLD NEW`, `drift live --base-url URL [--save-bodies DIR]`,
`drift check FILE... [--operation ID]` and `drift propose DIR... [--output FILE]`.

Exit codes: 0 nothing breaking / no unexplained drift (propose: the proposal was written), 1 breaking
change or unexplained drift, 2 the check could not run (unreadable file, refused credentials,
unreachable target, a file that is not evidence...). Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import httpx
import typer

from cegid_loop._redact import scrub
from cegid_loop.config import ENV_API_KEY, ENV_BASE_URL, ENV_SUBSCRIPTION_KEY, Secret
from cegid_loop.drift.report import Report, write_reports

ENV_CODE_DOSSIER = "LOOP_CODE_DOSSIER"
SPEC_ALIASES = ("upstream", "effective")
_SHOWN = 25

JsonOpt = Annotated[
    Path | None, typer.Option("--json", help="Write the JSON report here.", show_default=False)
]
MarkdownOpt = Annotated[
    Path | None, typer.Option("--markdown", help="Write the Markdown report here.", show_default=False)
]
JunitOpt = Annotated[
    Path | None, typer.Option("--junit", help="Write the JUnit XML report here.", show_default=False)
]


def _fail(command: str, message: str) -> typer.Exit:
    typer.echo(f"cegid-loop drift {command}: {scrub(message)}", err=True)
    return typer.Exit(2)


T = TypeVar("T")


def _run(command: str, body: Callable[[], T]) -> T:
    """Run ``body``; any failure becomes one line on stderr and exit 2."""
    from cegid_loop.drift.errors import DriftError
    from cegid_loop.errors import LoopError

    try:
        return body()
    except typer.Exit:
        raise
    except (DriftError, LoopError, OSError, ValueError) as exc:
        raise _fail(command, str(exc) or type(exc).__name__) from None
    except Exception as exc:  # never a traceback: the reason, on one line
        raise _fail(command, f"unexpected error: {type(exc).__name__}: {exc}") from None


def _finish(
    command: str, report: Report, json_path: Path | None, markdown: Path | None, junit: Path | None
) -> None:
    try:
        written = write_reports(report, json_path=json_path, markdown_path=markdown, junit_path=junit)
    except OSError as exc:
        raise _fail(command, f"cannot write the report: {exc}") from None
    typer.echo(scrub(f"{report.title}: {'FAIL' if report.failing else 'PASS'} — {report.headline()}"))
    failing = report.failing
    for finding in failing[:_SHOWN]:
        where = f" at {finding.path}" if finding.path else ""
        claimed = f" [{', '.join(finding.quirks)}: the client failed on the answer]" if finding.quirks else ""
        typer.echo(
            scrub(
                f"  {finding.verdict}: {finding.operation}: {finding.kind}{where} "
                f"({_text(finding.old)} -> {_text(finding.new)}){claimed}"
            )
        )
    if len(failing) > _SHOWN:
        typer.echo(f"  ... and {len(failing) - _SHOWN} more (see the reports)")
    for path in written:
        typer.echo(f"report: {path}")
    raise typer.Exit(report.exit_code)


def _text(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _definition(name: str) -> tuple[dict[str, Any], str]:
    from cegid_loop import spec as spec_module
    from cegid_loop.drift.spec_diff import load_definition

    if name in SPEC_ALIASES:
        data = spec_module.load_upstream() if name == "upstream" else spec_module.load_effective()
        return dict(data), f"{name} (vendored)"
    return load_definition(Path(name)), name


def spec(
    old: Annotated[str, typer.Argument(help="Old definition (YAML/JSON file, or 'upstream' / 'effective').")],
    new: Annotated[str, typer.Argument(help="New definition (YAML/JSON file, or 'upstream' / 'effective').")],
    json_path: JsonOpt = None,
    markdown: MarkdownOpt = None,
    junit: JunitOpt = None,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="Compare the files as they are, without bringing both to the project's conventions first.",
        ),
    ] = False,
) -> None:
    """Compare two definitions; classify every change as breaking or not. Exit 1 if anything breaks.

    Both are first normalized by the API map (names, OpenAPI 3.0 vs 3.1, how security is written:
    Azure APIM's export compares with the vendored definition as is); what that absorbed is listed
    apart, as notes, never as a change."""
    from cegid_loop.drift.spec_diff import diff_report

    def body() -> Report:
        old_doc, old_name = _definition(old)
        new_doc, new_name = _definition(new)
        notes: list[str] = []
        if not raw:
            from cegid_loop.definition.apimap import default_map
            from cegid_loop.definition.normalize import normalize

            api_map = default_map()
            for label, doc in (("old", old_doc), ("new", new_doc)):
                result = normalize(doc, api_map)
                notes += [f"normalized ({label}): {line}" for line in result.summary()]
                notes += [f"not in the API map ({label}): {e.key} -> loop.{e.qualified}" for e in result.new]
                if label == "old":
                    old_doc = result.document
                else:
                    new_doc = result.document
        report = diff_report(old_doc, new_doc, old_name=old_name, new_name=new_name)
        report.notes.extend(notes)
        return report

    _finish("spec", _run("spec", body), json_path, markdown, junit)


def live(
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            envvar=ENV_BASE_URL,
            show_default=False,
            help="Loop API base URL, e.g. https://api.cegid.com/loop-api-publiques "
            f"(default: ${ENV_BASE_URL}).",
        ),
    ] = None,
    subscription_key: Annotated[
        str | None,
        typer.Option(
            "--subscription-key",
            show_default=False,
            help=f"Ocp-Apim-Subscription-Key (default: ${ENV_SUBSCRIPTION_KEY}).",
        ),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key", show_default=False, help=f"X-ApiKey, KEY:SECRET (default: ${ENV_API_KEY})."
        ),
    ] = None,
    dossier: Annotated[
        str | None,
        typer.Option(
            "--dossier",
            show_default=False,
            help=f"Dossier code the reads use (default: ${ENV_CODE_DOSSIER}, else CEGID001).",
        ),
    ] = None,
    json_path: JsonOpt = None,
    markdown: MarkdownOpt = None,
    junit: JunitOpt = None,
    probe_operations: Annotated[
        bool,
        typer.Option(
            "--probe-operations",
            help="Also send each write operation once with no parameter and no body (a "
            "request Loop must refuse) to tell an operation that exists from APIM's 404.",
        ),
    ] = False,
    take: Annotated[int, typer.Option("--take", min=1, max=100, help="Page size asked on lists.")] = 25,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds per request.")] = 30.0,
    sandbox: Annotated[
        str | None,
        typer.Option(
            "--sandbox",
            show_default=False,
            help="Check an in-process Loop sandbox ('normal', 'drifted' or 'variants') instead of "
            "--base-url.",
        ),
    ] = None,
    save_bodies: Annotated[
        Path | None,
        typer.Option(
            "--save-bodies",
            show_default=False,
            help="Save every answer in this folder, one JSON file per operation, with secrets and personal "
            "data masked (for `drift check`, `drift propose`, or an issue).",
        ),
    ] = None,
) -> None:
    """Check what a Loop server really answers (read-only) against the upstream definition.

    A deviation is explained when a quirk of overrides/QUIRKS.md covers it *and* the client's own
    parser reads that answer losslessly; anything else is unexplained drift (exit 1).
    """
    from cegid_loop._redact import install
    from cegid_loop.drift.live import DEFAULT_DOSSIER, LiveOptions, LiveTarget, check_live

    install()  # httpx / httpcore log lines go through the redaction filter too

    def body() -> Report:
        sub = subscription_key or os.environ.get(ENV_SUBSCRIPTION_KEY)
        key = api_key or os.environ.get(ENV_API_KEY)
        code = dossier or os.environ.get(ENV_CODE_DOSSIER) or DEFAULT_DOSSIER
        options = LiveOptions(
            take=take, probe_operations=probe_operations, timeout=timeout, save_bodies=save_bodies
        )
        transport: httpx.BaseTransport | None = None
        url = base_url
        if sandbox is not None:
            transport, url, sub, key = _sandbox(sandbox, sub, key)
        if not url:
            raise _fail("live", f"missing --base-url (or {ENV_BASE_URL})")
        if not url.startswith(("http://", "https://")):
            raise _fail("live", f"--base-url must be an http(s) URL, not {url!r}")
        if not sub:
            raise _fail("live", f"missing subscription key: --subscription-key or {ENV_SUBSCRIPTION_KEY}")
        if not key:
            raise _fail("live", f"missing API key: --api-key or {ENV_API_KEY} (KEY:SECRET)")
        target = LiveTarget(url, Secret(sub), Secret(key), code)
        return check_live(target, options, transport=transport)

    _finish("live", _run("live", body), json_path, markdown, junit)


def _sandbox(profile: str, sub: str | None, key: str | None) -> tuple[httpx.BaseTransport, str, str, str]:
    from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
    from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY, Firm
    from cegid_loop.sandbox.profiles import PROFILES

    if profile not in PROFILES:
        raise _fail("live", f"--sandbox must be one of {', '.join(PROFILES)}, not {profile!r}")
    sub, key = sub or DEMO_SUBSCRIPTION_KEY, key or DEMO_API_KEY
    application = create_app(firms=[Firm(sub, key)], profile=profile, import_step_seconds=0)
    return sandbox_sync_transport(application), "http://loop-sandbox.test", sub, key


def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Evidence files saved by `drift live --save-bodies` (or folders of them), or bare "
            "JSON bodies.",
            show_default=False,
        ),
    ],
    operation: Annotated[
        str | None,
        typer.Option(
            "--operation",
            show_default=False,
            help="The operation of bare JSON bodies: an operationId (listComptes) or 'GET /compte'.",
        ),
    ] = None,
    json_path: JsonOpt = None,
    markdown: MarkdownOpt = None,
    junit: JunitOpt = None,
) -> None:
    """Give the verdicts of `drift live` offline, on saved or hand-captured answers (exit 1 on
    unexplained drift). No network, no keys."""
    from cegid_loop.drift.evidence import check_files

    _finish("check", _run("check", lambda: check_files(files, operation)), json_path, markdown, junit)


def propose(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Folders (or files) of evidence saved by `drift live --save-bodies`.", show_default=False
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            show_default=False,
            help="Where to write the proposal (YAML; default: proposal.yaml in the folder given, "
            "else drift-proposal.yaml).",
        ),
    ] = None,
) -> None:
    """Write a proposal to review (YAML): Overlay actions with Q-NEW-<n> ids for documented parts,
    definition patches for inferred ones, reader issues. Nothing is applied."""
    from cegid_loop.drift.proposal import write_proposal
    from cegid_loop.drift.propose import propose as make_proposal

    target = output or (
        paths[0] / "proposal.yaml" if len(paths) == 1 and paths[0].is_dir() else Path("drift-proposal.yaml")
    )
    proposal = _run("propose", lambda: make_proposal(paths))
    try:
        write_proposal(proposal, target)
    except OSError as exc:
        raise _fail("propose", f"cannot write the proposal: {exc}") from None
    typer.echo(scrub(f"Drift proposal: {proposal.summary()}"))
    typer.echo(f"proposal: {target}")
