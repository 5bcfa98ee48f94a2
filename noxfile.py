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


@nox.session
def build(session: nox.Session) -> None:
    """sdist + wheel into dist/, then a clean venv installs only the wheel and runs the smoke test."""
    import shutil
    import tempfile
    from pathlib import Path

    session.install(*CONSTRAINTS, "build")
    shutil.rmtree("dist", ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", "dist")
    wheel = next(Path("dist").glob("cegid_loop-*.whl")).resolve()
    constraints = Path("requirements/constraints.txt").resolve()
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        session.run("python", "-m", "venv", str(venv))
        python = str(venv / "bin" / "python")
        session.run(
            python, "-m", "pip", "install", "--quiet", "-c", str(constraints), str(wheel), external=True
        )
        # Outside the repository, so nothing can be imported from the source tree.
        with session.chdir(tmp):
            session.run(python, "-m", "cegid_loop.smoke", external=True)
            session.run(str(venv / "bin" / "cegid-loop"), "--version", external=True)


@nox.session
def regenerate(session: nox.Session) -> None:
    """Take a new upstream definition: `nox -s regenerate -- PATH_OR_URL [--label 2026.12]`."""
    if not session.posargs:
        session.error("usage: nox -s regenerate -- PATH_OR_URL [--label LABEL]")
    install_project(session)
    session.run("python", "-m", "cegid_loop.regenerate", *session.posargs)
    session.run("pytest", "-q")


@nox.session
def demo(session: nox.Session) -> None:
    """The main job: the client against the embedded Loop sandbox, served on loopback."""
    install_project(session)
    session.run("python", "-m", "cegid_loop.demo", *session.posargs)
