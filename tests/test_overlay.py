"""The Overlay applier: merge semantics, removal, and loud failure on stale actions."""

from __future__ import annotations

from typing import Any

import pytest

from cegid_loop.definition.overlay import OverlayError, StaleOverlayAction, apply_overlay, stale_actions


def _doc() -> dict[str, Any]:
    return {
        "components": {
            "schemas": {
                "Compte": {
                    "type": "object",
                    "required": ["numero"],
                    "properties": {
                        "type": {"type": "string"},
                        "revisionId": {"type": "string", "format": "uuid"},
                    },
                },
                "Journal": {"properties": {"beaurdereau": {"type": "boolean"}}},
            }
        },
        "tags": [{"name": "a"}],
    }


def _overlay(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": list(actions)}


def test_update_merges_objects_recursively_and_replaces_primitives() -> None:
    out, reports = apply_overlay(
        _doc(),
        _overlay(
            {
                "target": "$.components.schemas.Compte.properties.type",
                "x-quirk": "Q-INT-ENUMS",
                "update": {"type": "integer", "enum": [1, 2]},
            }
        ),
    )
    assert out["components"]["schemas"]["Compte"]["properties"]["type"] == {"type": "integer", "enum": [1, 2]}
    assert reports[0].quirk == "Q-INT-ENUMS" and reports[0].matches == 1


def test_update_appends_to_arrays() -> None:
    out, _ = apply_overlay(
        _doc(),
        _overlay(
            {"target": "$.tags", "x-quirk": "Q-X", "update": {"name": "b"}},
            {"target": "$.components.schemas.Compte", "x-quirk": "Q-Y", "update": {"required": ["libelle"]}},
        ),
    )
    assert out["tags"] == [{"name": "a"}, {"name": "b"}]
    assert out["components"]["schemas"]["Compte"]["required"] == ["numero", "libelle"]


def test_remove_deletes_every_match_and_does_not_touch_the_input() -> None:
    doc = _doc()
    out, reports = apply_overlay(
        doc,
        _overlay(
            {
                "target": "$..properties[?@.format == 'uuid'].format",
                "x-quirk": "Q-REVISION-HEX",
                "remove": True,
            }
        ),
    )
    assert "format" not in out["components"]["schemas"]["Compte"]["properties"]["revisionId"]
    assert doc["components"]["schemas"]["Compte"]["properties"]["revisionId"]["format"] == "uuid"
    assert reports[0].matches == 1


def test_rename_a_property_with_remove_then_update() -> None:
    out, _ = apply_overlay(
        _doc(),
        _overlay(
            {
                "target": "$.components.schemas.Journal.properties.beaurdereau",
                "x-quirk": "Q-F",
                "remove": True,
            },
            {
                "target": "$.components.schemas.Journal.properties",
                "x-quirk": "Q-F",
                "update": {"bordereau": {"type": "boolean"}},
            },
        ),
    )
    assert out["components"]["schemas"]["Journal"]["properties"] == {"bordereau": {"type": "boolean"}}


def test_an_action_that_matches_nothing_fails_loudly_naming_its_quirk() -> None:
    with pytest.raises(StaleOverlayAction) as info:
        apply_overlay(
            _doc(),
            _overlay({"target": "$.components.schemas.Tiers", "x-quirk": "Q-GONE", "update": {"x": 1}}),
        )
    assert info.value.quirk == "Q-GONE"
    assert "Q-GONE" in str(info.value) and "$.components.schemas.Tiers" in str(info.value)


def test_stale_actions_lists_all_of_them() -> None:
    overlay = _overlay(
        {"target": "$.nope", "x-quirk": "Q-1", "update": {"x": 1}},
        {"target": "$.tags", "x-quirk": "Q-2", "update": {"name": "c"}},
        {"target": "$.nada", "x-quirk": "Q-3", "remove": True},
    )
    assert [s.quirk for s in stale_actions(_doc(), overlay)] == ["Q-1", "Q-3"]


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ({"target": "$.tags", "update": {}}, "x-quirk"),
        ({"x-quirk": "Q", "update": {}}, "no target"),
        ({"target": "$.tags", "x-quirk": "Q"}, "neither update nor remove"),
        ({"target": "$[?", "x-quirk": "Q", "remove": True}, "bad target"),
    ],
)
def test_malformed_actions_are_refused(action: dict[str, Any], message: str) -> None:
    with pytest.raises(OverlayError, match=message):
        apply_overlay(_doc(), _overlay(action))


def test_unsupported_overlay_version_is_refused() -> None:
    with pytest.raises(OverlayError, match="version"):
        apply_overlay(
            _doc(), {"overlay": "2.0.0", "actions": [{"target": "$", "x-quirk": "Q", "remove": True}]}
        )
