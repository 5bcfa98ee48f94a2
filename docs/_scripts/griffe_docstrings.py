"""A griffe extension for the API reference: docstrings as the code writes them, read as Markdown.

- Sphinx roles (``:class:`~cegid_loop.errors.NotFound```), which mkdocstrings does not read, become
  cross-references when they name an object of the public reference (``LINKED``), and code otherwise
  (relative names such as ``:meth:`iter```, private modules).
- Doctest lines (``>>> ...``) outside an ``Examples:`` section, which Markdown would read as
  nested quotes, become a ``pycon`` code block (``# doctest:`` directives dropped); a reST literal
  marker (``text::``) becomes a plain colon, its indented block staying a code block.
- ``__slots__`` is not shown.
- The generated models' ``Attributes:`` / ``Example:`` sections are indented one level too deep by
  the generator's template, which makes them a code block; they are moved back to the margin.

Nothing here changes what a docstring says; the sources stay as they are.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|attr|data|exc|obj):`(~?)([^`<>]+)`")
# The pages of the reference render these objects (and everything public under the dotted ones).
LINKED = (
    "cegid_loop.LoopClient",
    "cegid_loop.AsyncLoopClient",
    "cegid_loop.LoopResponse",
    "cegid_loop.errors.",
    "cegid_loop.imports.",
    "cegid_loop.config.",
    "cegid_loop_api.models.",
)
SECTION = re.compile(r"^    (Attributes|Example|Examples):$")


def _role(match: re.Match[str]) -> str:
    short, target = match.group(1) == "~", match.group(2).strip()
    shown = target.rsplit(".", 1)[-1] if short else target
    public = not any(part.startswith("_") for part in target.split("."))
    if (public and target.startswith(LINKED)) or target in LINKED:
        return f"[`{shown}`][{target}]"
    return f"`{shown}`"


DOCTEST = re.compile(r"^(\s*)>>>( |$)")
DIRECTIVE = re.compile(r"\s*# doctest:.*$")


def _fence_doctests(text: str) -> str:
    """``>>>`` lines and their output (up to a blank line) as a fenced block at the margin
    (indented, a fence would be read as code)."""
    out: list[str] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        match = DOCTEST.match(lines[index])
        if not match:
            out.append(lines[index])
            index += 1
            continue
        indent, block = match.group(1), []
        while index < len(lines) and lines[index].strip() and lines[index].startswith(indent):
            block.append(DIRECTIVE.sub("", lines[index][len(indent) :]))
            index += 1
        if out and out[-1].strip():
            out.append("")
        out.extend(["```pycon", *block, "```", ""])
    return "\n".join(out)


def _literal_markers(text: str) -> str:
    """reST ``text::`` before an indented block: a colon (the block stays a code block)."""
    return "\n".join(
        line[:-1] if line.endswith("::") and line.strip() != "::" else line for line in text.splitlines()
    )


def _dedent_sections(text: str) -> str:
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if SECTION.match(line):
            rest = lines[index:]
            if all(not item.strip() or item.startswith("    ") for item in rest):
                return "\n".join([*lines[:index], *(item[4:] for item in rest)])
    return text


class Docstrings(Extension):
    def on_instance(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.name == "__slots__":  # an implementation detail, even under the "public" filter
            obj.public = False
        if obj.docstring is None:
            return
        value = obj.docstring.value
        if obj.path.startswith("cegid_loop_api.models."):
            value = _dedent_sections(value)
        if ">>>" in value and "Examples:" not in value:
            value = _fence_doctests(value)
        value = _literal_markers(value)
        obj.docstring.value = ROLE.sub(_role, value)
