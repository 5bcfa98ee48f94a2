from __future__ import annotations

from cegid_loop.references import is_empty_reference, reference_id
from cegid_loop_api.models import Compte, Reference
from cegid_loop_api.types import UNSET

EMPTY = {"objectId": None, "description": [""]}
SET = {"objectId": "976aa4f3-f6e8-4164-a960-0990bd558682", "description": ["401000"]}


def test_the_wire_s_empty_reference_is_empty_and_a_real_one_is_not() -> None:
    assert is_empty_reference(Reference.from_dict(EMPTY)) and is_empty_reference(EMPTY)
    assert not is_empty_reference(Reference.from_dict(SET)) and not is_empty_reference(SET)
    assert is_empty_reference(None) and is_empty_reference(UNSET) and is_empty_reference({"objectId": ""})


def test_reference_id_gives_the_text_or_none() -> None:
    assert reference_id(Reference.from_dict(SET)) == SET["objectId"]
    assert reference_id(EMPTY) is None


def test_reading_and_writing_back_an_empty_reference_keeps_its_exact_shape() -> None:
    compte = Compte.from_dict({"numero": "401000", "compteContrepartie": EMPTY})
    assert is_empty_reference(compte.compte_contrepartie)
    assert compte.to_dict() == {"numero": "401000", "compteContrepartie": EMPTY}
