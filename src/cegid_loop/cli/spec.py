"""`cegid-loop spec`: print a Loop API definition."""

from __future__ import annotations

import json
import sys

import typer

from cegid_loop import spec
from cegid_loop.cli.failures import UsageProblem


def print_spec(
    upstream: bool = typer.Option(
        False, "--upstream", help="The definition as the portal documents it (YAML; the default)."
    ),
    effective: bool = typer.Option(
        False, "--effective", help="With overrides/ applied: what the API really does (JSON)."
    ),
    sandbox: bool = typer.Option(
        False,
        "--sandbox",
        help="The definition the sandbox conforms to (JSON): the effective one plus its grammar, "
        "409/413 and error bodies. A running sandbox serves it at GET /__sandbox__/openapi.json.",
    ),
) -> None:
    """Print a Loop API definition: upstream (default), effective or the sandbox's."""
    chosen = [
        name
        for name, on in (("--upstream", upstream), ("--effective", effective), ("--sandbox", sandbox))
        if on
    ]
    if len(chosen) > 1:
        raise UsageProblem(f"{' and '.join(chosen)} exclude each other: choose one definition")
    if sandbox:
        from cegid_loop.sandbox.definition import sandbox_definition  # the sandbox only when asked

        sys.stdout.write(json.dumps(sandbox_definition(), indent=1, ensure_ascii=False) + "\n")
        return
    sys.stdout.write(spec.read_text(spec.EFFECTIVE_NAME if effective else spec.UPSTREAM_NAME))
