"""The API map (``overrides/api-map.yaml``): the names users write, keyed by ``METHOD /path``.

Loaded and checked here; applied to a definition by :mod:`cegid_loop.definition.normalize`.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cegid_loop.definition.errors import DefinitionError

CRUD_METHODS = ("list", "get", "create", "update", "delete")
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*\Z")
_OPERATION_ID = re.compile(r"[A-Za-z][A-Za-z0-9]*\Z")
_KEY = re.compile(r"(GET|PUT|POST|DELETE|PATCH) (/\S*)\Z")


class ApiMapError(DefinitionError):
    """The API map itself is wrong (a bad name, a duplicate): fix overrides/api-map.yaml."""


@dataclass(frozen=True)
class MapEntry:
    """The names of one operation."""

    method: str  # HTTP method, upper case
    path: str
    resource: str
    name: str  # the facade method: list, get, create, update, delete or an action
    operation_id: str
    tag: str
    derived: bool = False  # True: not in the map, named by rule (see normalize.derive_entry)

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def qualified(self) -> str:
        return f"{self.resource}.{self.name}"


@dataclass(frozen=True)
class Workflow:
    """A hand-written class that extends a resource's generated class (``module:Class``)."""

    sync: str
    async_: str


@dataclass(frozen=True)
class ApiMap:
    tags: dict[str, str]  # stable ASCII tag -> display name
    security: dict[str, dict[str, Any]]  # our two security schemes, by name
    entries: dict[str, MapEntry]  # "METHOD /path" -> entry
    workflows: dict[str, Workflow] = field(default_factory=dict)
    enums: dict[str, dict[str, str]] = field(default_factory=dict)  # JSON pointer -> value text -> name

    def tag_for_display(self, display: str) -> str | None:
        """The stable tag whose display name is ``display`` (accents and case kept as given)."""
        return next((tag for tag, shown in self.tags.items() if shown == display), None)

    def lookup(self, method: str, path: str) -> tuple[MapEntry | None, bool]:
        """The entry of ``METHOD path``: exact first, then case-insensitive (second item True)."""
        entry = self.entries.get(f"{method.upper()} {path}")
        if entry is not None:
            return entry, False
        wanted = f"{method.upper()} {path.lower()}"
        matches = [e for e in self.entries.values() if f"{e.method} {e.path.lower()}" == wanted]
        return (matches[0], True) if len(matches) == 1 else (None, False)


def _check_identifier(value: Any, what: str, where: str) -> str:
    if not isinstance(value, str) or not _IDENTIFIER.match(value) or keyword.iskeyword(value):
        raise ApiMapError(f"{where}: {what} {value!r} is not a lower-case ASCII identifier")
    return value


def parse_map(data: Any, source: str = "api-map") -> ApiMap:
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ApiMapError(f"{source}: not an API map (version: 1 expected)")
    tags = data.get("tags") or {}
    for tag in tags:
        _check_identifier(tag, "tag", f"{source}: tags")
    entries: dict[str, MapEntry] = {}
    seen_ids: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for key, raw in (data.get("operations") or {}).items():
        where = f"{source}: operations[{key!r}]"
        match = _KEY.match(str(key))
        if not match or not isinstance(raw, dict):
            raise ApiMapError(f"{where}: expected 'METHOD /path: {{resource, method, operationId, tag}}'")
        entry = MapEntry(
            method=match.group(1),
            path=match.group(2),
            resource=_check_identifier(raw.get("resource"), "resource", where),
            name=_check_identifier(raw.get("method"), "method", where),
            operation_id=str(raw.get("operationId") or ""),
            tag=_check_identifier(raw.get("tag"), "tag", where),
        )
        if not _OPERATION_ID.match(entry.operation_id):
            raise ApiMapError(f"{where}: operationId {entry.operation_id!r} is not ASCII camelCase")
        if entry.tag not in tags:
            raise ApiMapError(f"{where}: tag {entry.tag!r} is not declared under tags:")
        for seen, value in ((seen_ids, entry.operation_id), (seen_names, entry.qualified)):
            if value in seen:
                raise ApiMapError(f"{where}: {value} is already used by {seen[value]}")
            seen[value] = entry.key
        entries[entry.key] = entry
    workflows = {
        _check_identifier(name, "resource", f"{source}: workflows"): Workflow(str(w["sync"]), str(w["async"]))
        for name, w in (data.get("workflows") or {}).items()
    }
    enums: dict[str, dict[str, str]] = {}
    for pointer, names in (data.get("enums") or {}).items():
        if not str(pointer).startswith("#/") or not isinstance(names, dict):
            raise ApiMapError(f"{source}: enums[{pointer!r}]: expected '#/pointer: {{value: NAME}}'")
        for value, name in names.items():
            if not isinstance(name, str) or not re.fullmatch(r"[A-Z_][A-Z0-9_]*", name):
                raise ApiMapError(
                    f"{source}: enums[{pointer!r}][{value!r}]: {name!r} is not an UPPER_CASE name"
                )
        enums[str(pointer)] = {str(value): str(name) for value, name in names.items()}
    security = dict(data.get("security") or {})
    if len(security) != 2:
        raise ApiMapError(f"{source}: security: the two schemes (subscription key, API key) expected")
    return ApiMap(tags=dict(tags), security=security, entries=entries, workflows=workflows, enums=enums)


def default_map() -> ApiMap:
    """The project's API map: the copy shipped in the wheel, else the checkout's overrides/."""
    from cegid_loop import spec

    packaged = spec.spec_path("api-map.yaml")
    return load_map(packaged)


def load_map(path: Path) -> ApiMap:
    import yaml  # PyYAML comes with the cli and drift extras; reading the definition needs none

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ApiMapError(f"{path}: cannot be read: {exc}") from None
    return parse_map(data, str(path))


__all__ = [
    "CRUD_METHODS",
    "ApiMap",
    "ApiMapError",
    "MapEntry",
    "Workflow",
    "load_map",
    "parse_map",
]
