"""FEC ingestion reads files the way the validator does (its reader, decoder and header layout):
encodings, line endings, separators and column variants the validator accepts become entries."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from cegid_loop.sandbox.harness import LoopSandbox

from .test_imports import FEC_NAME, HEADER, deposit, row, status

D1 = {"codeDossier": "CEGID001"}
LINES = [
    row("HA", "1", "20260310", "60650000", "Équipement réseau", "", "", "F-É1", "Câbles", "83,33", "0,00"),
    row("HA", "1", "20260310", "44566000", "TVA déductible", "", "", "F-É1", "Câbles", "16,67", "0,00"),
    row(
        "HA",
        "1",
        "20260310",
        "40100000",
        "Fournisseurs",
        "FCABLE",
        "Câbles & Cie",
        "F-É1",
        "Câbles",
        "0,00",
        "100,00",
    ),
]


def text_fec(header: str = HEADER, lines: list[str] = LINES, sep: str = "\t", eol: str = "\r\n") -> str:
    return eol.join([header.replace("\t", sep), *(line.replace("\t", sep) for line in lines)]) + eol


def montant_sens(line: str) -> str:
    fields = line.split("\t")
    debit, credit = fields[11], fields[12]
    fields[11:13] = [debit, "D"] if debit != "0,00" else [credit, "C"]
    return "\t".join(fields)


VARIANTS: dict[str, Callable[[], bytes]] = {
    "iso-8859-15": lambda: text_fec().encode("iso-8859-15"),
    "utf-8 with BOM": lambda: b"\xef\xbb\xbf" + text_fec().encode(),
    "pipe separator, LF": lambda: text_fec(sep="|", eol="\n").encode(),
    "CR only": lambda: text_fec(eol="\r").encode(),
    "Montant/Sens": lambda: text_fec(
        HEADER.replace("Debit\tCredit", "Montant\tSens"), [montant_sens(x) for x in LINES]
    ).encode(),
    "trailing separator": lambda: text_fec(HEADER + "\t", [x + "\t" for x in LINES]).encode(),
}


@pytest.mark.parametrize("make", VARIANTS.values(), ids=list(VARIANTS))
def test_every_form_the_validator_accepts_is_ingested_alike(
    loop_sandbox: LoopSandbox, make: Callable[[], bytes]
) -> None:
    client = loop_sandbox.client()
    request = client.post(
        "/importFEC", json={"codeIbs": "CEGID001", "URI": deposit(client, make(), FEC_NAME)}
    )
    done = status(client, request.json()["accountingImportRequestId"])
    assert (done["statusLabel"], done["message"]) == ("done", None)
    assert done["result"] == {"comptes": 1, "journaux": 1, "tiers": 1, "ecritures": 3}
    entries = client.get(
        "/EcritureComptable", params={**D1, "filter": 'refPiece == "F-É1"', "sort": "numeroLigne"}
    )
    assert [(e["compteNumero"], e["debit"], e["credit"]) for e in entries.json()] == [
        ("60650000", 83.33, 0),
        ("44566000", 16.67, 0),
        ("40100000", 0, 100),
    ]
    [tiers] = client.get("/tiers", params={**D1, "filter": 'code == "FCABLE"'}).json()
    assert tiers["raisonSociale"] == "Câbles & Cie"  # decoded as the validator decodes


def test_a_header_only_file_is_refused_as_empty(client: httpx.Client) -> None:
    uri = deposit(client, (HEADER + "\r\n").encode())
    request = client.post("/importFEC", json={"codeIbs": "CEGID001", "URI": uri}).json()
    failed = status(client, request["accountingImportRequestId"])
    assert failed["statusLabel"] == "failed" and failed["message"].startswith("Le fichier FEC est invalide")


def test_a_file_without_valid_date_column_is_refused(client: httpx.Client) -> None:
    """ValidDate is a mandatory column of the legal layout (the former parser did not know it)."""
    header = HEADER.replace("\tValidDate", "")
    lines = ["\t".join(x.split("\t")[:15] + x.split("\t")[16:]) for x in LINES]
    uri = deposit(client, text_fec(header, lines).encode())
    request = client.post("/importFEC", json={"codeIbs": "CEGID001", "URI": uri}).json()
    failed = status(client, request["accountingImportRequestId"])
    assert failed["statusLabel"] == "failed" and "ValidDate" in failed["message"]
