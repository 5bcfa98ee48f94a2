"""Loop references (foreign keys) and their "empty" form (quirk Q-EMPTY-REFERENCE).

An unset reference is not ``null`` on the wire but ``{"objectId": null, "description": [""]}``.
The generated model keeps that shape so that writing a record back sends exactly what was read;
this module only tells whether a reference points somewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cegid_loop_api.models import Reference
from cegid_loop_api.types import Unset


def is_empty_reference(reference: Reference | Mapping[str, Any] | Unset | None) -> bool:
    """True when the reference points nowhere: absent, ``null``, or an ``objectId`` of null/""."""
    if reference is None or isinstance(reference, Unset):
        return True
    object_id = reference.get("objectId") if isinstance(reference, Mapping) else reference.object_id
    return object_id is None or isinstance(object_id, Unset) or object_id == ""


def reference_id(reference: Reference | Mapping[str, Any] | Unset | None) -> str | None:
    """The referenced objectId as text, or None for an empty reference."""
    if is_empty_reference(reference):
        return None
    assert reference is not None and not isinstance(reference, Unset)
    object_id = reference.get("objectId") if isinstance(reference, Mapping) else reference.object_id
    return str(object_id)
