"""What the facade is made of, as :mod:`.facade` builds it and the templates render it: a resource
(:class:`FacadeResource`), its methods (:class:`Method`), their parameters (:class:`Param`) and body
(:class:`Body`). Each knows the code it stands for: its annotation, or the expression passed to the
generated ``_get_kwargs``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cegid_loop.definition.apimap import MapEntry

_CONVERT = {"filter": "filter_value", "sort": "sort_value", "select": "select_value"}
_FACADE_TYPES = {"filter": "FilterArg", "sort": "SortArg", "select": "Select"}


@dataclass
class Param:
    wire: str  # the API's spelling
    python: str  # keyword of the generated _get_kwargs
    arg: str  # the facade's argument name
    type: str  # annotation in the facade
    required: bool
    common: bool  # one of filter/sort/select/skip/take
    record: str | None = None  # delete's objectId: the record model accepted in place of the id

    @property
    def value(self) -> str:
        """The expression passed to _get_kwargs."""
        if self.record is not None:
            return f"object_id_of({self.arg})"
        if self.wire in _CONVERT:
            return f"{_CONVERT[self.wire]}({self.arg})"
        if self.type == "UUID":  # ids are often at hand as text: the generated layer sends both as is
            return f"any_id({self.arg})" if self.required else f"given({self.arg})"
        return self.arg if self.required else f"given({self.arg})"

    @property
    def annotation(self) -> str:
        shown = "str | UUID" if self.type == "UUID" else self.type
        if self.record is not None:
            return f"{shown} | {self.record} | Mapping[str, Any]"
        if self.wire in _FACADE_TYPES:
            return _FACADE_TYPES[self.wire]
        return shown if self.required else f"{shown} | None"


@dataclass
class Body:
    type: str  # annotation
    model: str | None  # model class when the body is one
    required: bool

    @property
    def value(self) -> str:
        value = f"as_body({self.model}, body)" if self.model else "body"
        return value if self.required else f"given({value} if body is not None else None)"


@dataclass
class Method:
    entry: MapEntry
    const: str  # registry constant
    module: str  # alias of the endpoint module in the resource module
    kind: str  # list | get | create | update | delete | action
    params: list[Param]
    body: Body | None
    returns: str  # annotation of the result
    helper: str  # _list | _get | _json | _write
    raw: str = "JSON"  # what the generated parser returns for a 200 (with_raw_response's parsed)
    item: str | None = None  # list item type, for list-shaped answers
    model: str | None = None  # for _write: the model the stored object is read into
    doc: str = ""

    @property
    def positional(self) -> list[Param]:
        return [p for p in self.params if p.required]

    @property
    def keyword(self) -> list[Param]:
        return [p for p in self.params if not p.required]

    @property
    def paginates(self) -> bool:
        wires = {p.wire for p in self.params}
        return self.item is not None and {"skip", "take"} <= wires and self.kind == "list"

    @property
    def filterable(self) -> bool:
        return self.kind == "list" and any(p.wire == "filter" for p in self.params)

    def call(self, *, skip: str | None = None, take: str | None = None, filter: str | None = None) -> str:
        """``_m._get_kwargs(...)``, optionally with skip/take/filter replaced."""
        replaced = {"skip": skip, "take": take, "filter": filter}
        args = []
        for p in self.params:
            value = replaced.get(p.wire) or p.value
            args.append(f"{p.python}={value}")
        if self.body is not None:
            args.append(f"body={self.body.value}")
        return f"{self.module}._get_kwargs({', '.join(args)})"

    def page_call(self) -> str:
        return self.call(skip="skip", take="take")


@dataclass
class FacadeResource:
    """One resource of the facade (``loop.<name>``) to render: its class and methods, or the
    hand-written classes that stand in for them (``workflow``, e.g. ``loop.imports``)."""

    name: str
    class_name: str
    workflow: tuple[str, str] | None  # (module, class) of the sync and async classes
    async_workflow: tuple[str, str] | None
    methods: list[Method] = field(default_factory=list)
    imports: set[str] = field(default_factory=set)

    @property
    def paths(self) -> list[str]:
        return sorted({m.entry.path for m in self.methods})


__all__ = ["Body", "FacadeResource", "Method", "Param"]
