"""Errors of the definition layer (the API map, the overlay, the model of a document).

Build-time and definition errors, not answers of the Loop API: none of them is a
:class:`cegid_loop.errors.LoopError`, so that an application catching the client's errors does not
catch a broken definition or a stale overlay too.
"""

from __future__ import annotations


class DefinitionError(Exception):
    """A definition or the API map cannot be used as it is; the message says which and where."""


__all__ = ["DefinitionError"]
