"""Overlay fixes, checked on the effective spec and on the generated models."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from cegid_loop import spec
from cegid_loop_api.models import Compte, ImportFecRequest, PartialInitRequest

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = spec.load_effective()["components"]["schemas"]


def test_comptebanque_is_a_reference() -> None:
    assert SCHEMAS["Compte"]["properties"]["compteBanque"]["$ref"] == "#/components/schemas/Reference"
    compte = Compte.from_dict({"compteBanque": {"objectId": None, "description": [""]}})
    assert compte.compte_banque.object_id is None


def test_url_is_not_required_on_file_imports() -> None:
    for name in ("ImportFecRequest", "ImportPersoRequest"):
        assert "URL" not in SCHEMAS[name].get("required", [])
    assert ImportFecRequest.from_dict({"codeIbs": "CEGID001", "URI": "x/f.txt"}).to_dict() == {
        "codeIbs": "CEGID001",
        "URI": "x/f.txt",
    }


def test_partialinit_numberofdays_is_optional() -> None:
    assert "numberOfDays" not in SCHEMAS["PartialInitRequest"]["required"]
    assert PartialInitRequest.from_dict({"key": "k", "subscriptionId": "1"}).to_dict() == {
        "key": "k",
        "subscriptionId": "1",
    }


def test_take_is_capped_at_100() -> None:
    assert spec.load_effective()["components"]["parameters"]["take"]["schema"]["maximum"] == 100


def test_every_overlay_action_names_a_quirk_of_quirks_md() -> None:
    overlay = yaml.safe_load((ROOT / "overrides" / "overlay.yaml").read_text(encoding="utf-8"))
    documented = set(
        re.findall(
            r"^\| (Q-[A-Z0-9-]+) \|", (ROOT / "overrides" / "QUIRKS.md").read_text(encoding="utf-8"), re.M
        )
    )
    assert {action["x-quirk"] for action in overlay["actions"]} <= documented
    assert len(documented) >= 12


def test_every_quirk_the_sandbox_reproduces_is_in_quirks_md() -> None:
    from cegid_loop.sandbox.quirks import QUIRKS

    text = (ROOT / "overrides" / "QUIRKS.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (Q-[A-Z0-9-]+) \|", text, re.M))
    assert set(QUIRKS) <= documented, set(QUIRKS) - documented
