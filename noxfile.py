"""Every task of the project, driven by nox. `nox` alone runs what CI runs (see README)."""

from __future__ import annotations

import nox

nox.options.sessions = ["check_generated", "lint", "tests"]
nox.options.error_on_missing_interpreters = True

CONSTRAINTS = ("-c", "requirements/constraints.txt")
HAND_WRITTEN = ("src", "tests", "noxfile.py")


def install_project(session: nox.Session) -> None:
    """The project (editable) with its dev tools, at the exact versions of the constraints file."""
    session.install(*CONSTRAINTS, "-e", ".[dev]")


@nox.session
def generate(session: nox.Session) -> None:
    """Rebuild generated/ from spec/ + overrides/ (effective spec, then openapi-python-client)."""
    install_project(session)
    session.run("python", "-m", "cegid_loop.codegen", "generate")


@nox.session
def check_generated(session: nox.Session) -> None:
    """Fail when generated/ differs by one byte from what `generate` would write."""
    install_project(session)
    session.run("python", "-m", "cegid_loop.codegen", "check")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint + format check) and mypy --strict on the hand-written code."""
    install_project(session)
    session.run("ruff", "check", *HAND_WRITTEN)
    session.run("ruff", "format", "--check", *HAND_WRITTEN)
    session.run("mypy")


@nox.session
def tests(session: nox.Session) -> None:
    """Unit tests of the hand-written code, the spec, the overlay and the generated client."""
    install_project(session)
    session.run("pytest", "-q", "--junitxml=reports/junit-tests.xml", *session.posargs)
