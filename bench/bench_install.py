"""P9: what `pip install cegid-loop` costs, the core alone and with [all] (issue 15: a lean core).

    python bench/bench_install.py [--json]

The wheel is built from this checkout (``pip wheel --no-deps``), then installed into two fresh
virtual environments with the project's constraints (the exact versions our own runs use): one with
the wheel alone, one with ``[all]``. For each: the packages installed besides pip itself (cegid-loop
included) and the megabytes their files take in site-packages. The ratio core / all, in the same
run, is the figure; the goal is the issue's: the core is the client (httpx, attrs, stamina and what
they need), which the row checks by name.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import _common
from _common import Row, row

CORE_EXPECTED = {"cegid-loop", "httpx", "httpcore", "h11", "anyio", "idna", "certifi", "sniffio"}
CORE_EXPECTED |= {"attrs", "stamina", "tenacity", "typing-extensions", "typing_extensions"}
NOT_COUNTED = {"pip", "setuptools", "wheel"}


def _installed(venv: Path) -> tuple[list[str], float]:
    python = venv / "bin" / "python"
    listing = subprocess.run(
        [str(python), "-m", "pip", "list", "--format", "json"], capture_output=True, text=True, check=True
    )
    names = sorted(
        p["name"].lower() for p in json.loads(listing.stdout) if p["name"].lower() not in NOT_COUNTED
    )
    code = (
        "import json, sys, importlib.metadata as m\n"
        "skip = set(sys.argv[1:])\n"
        "total = 0\n"
        "for d in m.distributions():\n"
        "    if d.metadata['Name'].lower() in skip: continue\n"
        "    for f in d.files or []:\n"
        "        p = d.locate_file(f)\n"
        "        total += p.stat().st_size if p.is_file() else 0\n"
        "print(total)\n"
    )
    size = subprocess.run([str(python), "-c", code, *NOT_COUNTED], capture_output=True, text=True, check=True)
    return names, int(size.stdout.strip()) / 1e6


def run() -> list[Row]:
    constraints = _common.ROOT / "requirements" / "constraints.txt"
    with tempfile.TemporaryDirectory() as tmp:
        wheels = Path(tmp) / "wheels"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                "-w",
                str(wheels),
                str(_common.ROOT),
            ],
            check=True,
        )
        wheel = next(wheels.glob("cegid_loop-*.whl"))
        figures: dict[str, tuple[list[str], float]] = {}
        for name, requirement in (("core", str(wheel)), ("all", f"{wheel}[all]")):
            venv = Path(tmp) / name
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run(
                [
                    str(venv / "bin" / "python"),
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "-c",
                    str(constraints),
                    requirement,
                ],
                check=True,
            )
            figures[name] = _installed(venv)
    (core, core_mb), (full, full_mb) = figures["core"], figures["all"]
    unexpected = sorted(set(core) - CORE_EXPECTED)
    return [
        row("P9", "install", "core: packages installed", len(core), "pkgs", detail=", ".join(core)),
        row(
            "P9",
            "install",
            "core: size installed",
            core_mb,
            "MB",
            detail="files of those packages in site-packages",
        ),
        row(
            "P9",
            "install",
            "[all]: packages installed",
            len(full),
            "pkgs",
            detail="cli, sandbox, drift extras",
        ),
        row("P9", "install", "[all]: size installed", full_mb, "MB"),
        row(
            "P9",
            "install",
            "core / [all] size",
            core_mb / full_mb,
            "x",
            "client only",
            not unexpected,
            "the core is the client: "
            + (f"unexpected {', '.join(unexpected)}" if unexpected else "nothing else"),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON on the last line")
    args = parser.parse_args()
    _common.report(run(), as_json=args.json)


if __name__ == "__main__":
    main()
