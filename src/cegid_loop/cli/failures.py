"""The command line's error policy: one line on stderr, an exit code that says what happened, never a
traceback, never a key (everything printed goes through :func:`cegid_loop._redact.scrub`).

Exit codes: 0 done, 1 refused or failed (by Loop or the validator), 2 a command line or settings that
cannot run (a missing extra included), 3 an import whose outcome is not known (a final status that
does not say, or one this client cannot read: check it in Loop), 4 an import still running when the
wait ended.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

from cegid_loop._redact import scrub
from cegid_loop.errors import ConfigurationError, ImportTimeout, LoopError

PROG = "cegid-loop"
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_OUTCOME_UNKNOWN = 3
EXIT_STILL_RUNNING = 4

# A module of an optional dependency -> the extra that brings it (pyproject.toml).
EXTRA_OF_MODULE = {
    "starlette": "sandbox",
    "uvicorn": "sandbox",
    "jsonschema": "sandbox",
    "jsonpath": "drift",
    "yaml": "cli",
}


class UsageProblem(Exception):
    """A command line that cannot be run as written: exit 2, one line."""


class InputProblem(Exception):
    """An input file the command cannot use (not JSON, wrong shape): exit 1, one line, like an
    invalid FEC file."""


def one_line(exc: BaseException) -> str:
    """The error as a single line (some messages list details on further lines)."""
    from cegid_loop.fec import InvalidImportFile

    if isinstance(exc, InvalidImportFile):
        head, *details = str(exc).splitlines()
        first = f" First: {details[0].strip()}" if details else ""
        return f"{head}{first} (run `{PROG} validate {exc.result.path}` for every finding)"
    text = " ".join(part.strip() for part in str(exc).splitlines() if part.strip())
    return text or type(exc).__name__


def fail(message: str, code: int) -> NoReturn:
    typer.echo(scrub(f"{PROG}: error: {message}"), err=True)
    raise typer.Exit(code)


def missing_extra(exc: ModuleNotFoundError) -> str | None:
    """The line to print for an optional dependency that is not installed, or None for another one."""
    top = (exc.name or "").split(".")[0]
    extra = EXTRA_OF_MODULE.get(top)
    if extra is None:
        return None
    return f"this command needs the {extra} extra ({top} is not installed): pip install 'cegid-loop[{extra}]'"


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn what a command raises into one line on stderr and an exit code, never a traceback."""
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise  # Typer's own (its vendored Click's usage errors included): they carry their exit code
    except UsageProblem as exc:
        fail(str(exc), EXIT_USAGE)
    except InputProblem as exc:
        fail(str(exc), EXIT_FAILED)
    except ConfigurationError as exc:  # missing keys, a bad LOOP_* value: the command cannot run
        fail(one_line(exc), EXIT_USAGE)
    except ImportTimeout as exc:
        fail(one_line(exc), EXIT_STILL_RUNNING)
    except LoopError as exc:
        fail(one_line(exc), EXIT_FAILED)
    except ModuleNotFoundError as exc:
        extra = missing_extra(exc)
        fail(extra or f"unexpected ModuleNotFoundError: {one_line(exc)}", EXIT_USAGE if extra else 1)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        fail(f"{where}{exc.strerror or exc}", EXIT_FAILED)
    except Exception as exc:  # a bug or an unforeseen answer: still one line, with the type to report
        fail(f"unexpected {type(exc).__name__}: {one_line(exc)}", EXIT_FAILED)
