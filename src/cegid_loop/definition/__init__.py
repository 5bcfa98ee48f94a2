"""The API definition as the project models it. One model, for the sandbox, drift, the contract
tests and the generator:

- :mod:`.document` — :class:`Definition`: one OpenAPI document, nodes by JSON pointer
  (:mod:`.pointers`), ``$ref`` s followed with the pointer they lead to (:class:`Resolved`),
  loaded once for the project's own definitions (:meth:`Definition.effective`);
- :mod:`.operations` — :class:`DefinedOperation`: method, path, operationId, the API map's names,
  parameters, request body, responses, security, and whether it answers a list;
- :mod:`.schemas` — reading schemas: types, the list decision (:func:`list_shape`), ``allOf``;
- :mod:`.validator` — :class:`SchemaValidator`, the one jsonschema wrapper (imported lazily);
- :mod:`.apimap` — the API map (our names, keyed by ``METHOD /path``), :mod:`.normalize` — any
  upstream definition brought to the project's conventions (:mod:`.openapi31`: 3.0 to 3.1),
  :mod:`.overlay` — the OpenAPI Overlay applier (the quirk overlay at build time, drift at run
  time; it needs python-jsonpath, the ``drift`` extra).

Errors here are :class:`DefinitionError` s, never :class:`cegid_loop.errors.LoopError` s.
"""

from __future__ import annotations

from cegid_loop.definition.document import Definition, Resolved, resolve
from cegid_loop.definition.errors import DefinitionError
from cegid_loop.definition.operations import Content, DefinedOperation, Parameter, Response
from cegid_loop.definition.schemas import ARRAY, ENVELOPE, list_shape

__all__ = [
    "ARRAY",
    "ENVELOPE",
    "Content",
    "DefinedOperation",
    "Definition",
    "DefinitionError",
    "Parameter",
    "Resolved",
    "Response",
    "list_shape",
    "resolve",
]
