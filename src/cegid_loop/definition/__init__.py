"""The API definition as the project models it: the API map (our names, keyed by ``METHOD /path``)
and the normalization that brings any upstream definition to the project's conventions.

Used by the generation pipeline (``cegid_loop_tools``) and by ``cegid-loop drift spec``.
"""

from __future__ import annotations


class DefinitionError(Exception):
    """A definition or the API map cannot be used as it is; the message says which and where."""


__all__ = ["DefinitionError"]
