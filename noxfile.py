"""Every task of the project, driven by nox. `nox` alone runs what CI runs (see README)."""

from __future__ import annotations

import os

import nox

nox.options.sessions = ["check_generated", "lint", "docs", "tests", "contract", "build"]
nox.options.error_on_missing_interpreters = True

CONSTRAINTS = ("-c", "requirements/constraints.txt")
HAND_WRITTEN = ("src", "tests", "contract_tests", "bench", "examples", "docs/_scripts", "noxfile.py")


def install_project(session: nox.Session) -> None:
    """The project (editable) with its dev tools, at the exact versions of the constraints file."""
    session.install(*CONSTRAINTS, "-e", ".[dev]")


@nox.session
def generate(session: nox.Session) -> None:
    """Rebuild generated/ from spec/ + overrides/ (effective spec, then openapi-python-client)."""
    install_project(session)
    session.run("python", "-m", "cegid_loop_tools.codegen", "generate")


@nox.session
def check_generated(session: nox.Session) -> None:
    """Fail when generated/ differs by one byte from what `generate` would write."""
    install_project(session)
    session.run("python", "-m", "cegid_loop_tools.codegen", "check")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint + format check), mypy --strict on the hand-written code and on the generated facade."""
    install_project(session)
    session.run("ruff", "check", *HAND_WRITTEN)
    session.run("ruff", "format", "--check", *HAND_WRITTEN)
    session.run("mypy")
    session.run("mypy", "--config-file", "overrides/mypy-facade.ini", "-p", "cegid_loop_api.facade")


@nox.session
def tests(session: nox.Session) -> None:
    """Unit tests of the hand-written code, the spec, the overlay and the generated client."""
    install_project(session)
    session.run("pytest", "-q", "--junitxml=reports/junit-tests.xml", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """The documentation site into build/site, strictly: a warning (a link, an anchor, a reference of
    the API that does not resolve) fails it. `nox -s docs -- serve` runs the live preview instead."""
    session.install("-r", "requirements/docs.txt")  # exact pins; the reference reads src/ and generated/
    quiet = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # banners, not warnings
    if session.posargs[:1] == ["serve"]:
        session.run("mkdocs", "serve", *session.posargs[1:], env=quiet)
        return
    session.run("mkdocs", "build", "--strict", *session.posargs, env=quiet)


@nox.session
def build(session: nox.Session) -> None:
    """sdist + wheel into dist/; then two clean venvs install only the wheel, the core alone and with
    [all], and run the smoke test of each (`python -m cegid_loop.smoke core|all`) from outside the tree."""
    import shutil
    import tempfile
    from pathlib import Path

    session.install(*CONSTRAINTS, "build")
    shutil.rmtree("dist", ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", "dist")
    wheel = next(Path("dist").glob("cegid_loop-*.whl")).resolve()
    constraints = Path("requirements/constraints.txt").resolve()
    for mode, requirement in (("core", str(wheel)), ("all", f"{wheel}[all]")):
        with tempfile.TemporaryDirectory() as tmp:
            venv = Path(tmp) / "venv"
            session.run("python", "-m", "venv", str(venv))
            python = str(venv / "bin" / "python")
            pip = (python, "-m", "pip", "install", "--quiet", "-c", str(constraints), requirement)
            session.run(*pip, external=True)
            # Outside the repository, so nothing can be imported from the source tree; the venv's
            # bin first on PATH, so that the smoke test finds its `cegid-loop`.
            path = f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
            with session.chdir(tmp):
                session.run(python, "-m", "cegid_loop.smoke", mode, external=True, env={"PATH": path})


@nox.session
def regenerate(session: nox.Session) -> None:
    """Take a new upstream definition: `nox -s regenerate -- PATH_OR_URL [--label 2026.12]`."""
    if not session.posargs:
        session.error("usage: nox -s regenerate -- PATH_OR_URL [--label LABEL]")
    install_project(session)
    session.run("python", "-m", "cegid_loop_tools.regenerate", *session.posargs)
    session.run("pytest", "-q")


@nox.session
def demo(session: nox.Session) -> None:
    """The main job: the client against the embedded Loop sandbox, served on loopback."""
    install_project(session)
    session.run("python", "-m", "cegid_loop.sandbox.demo", *session.posargs)


@nox.session
def contract(session: nox.Session) -> None:
    """Schemathesis over every operation against the sandbox, drift tests; live suites if LOOP_* are set."""
    install_project(session)
    session.run("pytest", "-q", "contract_tests", "--junitxml=reports/junit-contract.xml", *session.posargs)


@nox.session
def drift(session: nox.Session) -> None:
    """`drift live` against LOOP_BASE_URL if set, else the in-process sandbox; `-- spec OLD NEW` compares."""
    install_project(session)
    if session.posargs:
        session.run("cegid-loop", "drift", *session.posargs)
        return
    base_url = os.environ.get("LOOP_BASE_URL")
    target = ["--base-url", base_url] if base_url else ["--sandbox", "normal"]
    session.run(
        "cegid-loop", "drift", "live", *target,
        "--json", "reports/drift-live.json",
        "--markdown", "reports/drift-live.md",
        "--junit", "reports/junit-drift-live.xml",
    )  # fmt: skip


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks P1-P5 (bench/README.md): prints the table, writes bench/RESULTS.md."""
    install_project(session)  # .[dev]: openapi-python-client builds P2's stock column
    session.run("python", "bench/run.py", *session.posargs)
