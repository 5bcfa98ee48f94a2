"""Stateful sequences through the OpenAPI links of contract_tests/links.py, against the in-process sandbox.

- ``test_chain``: a deterministic walk of every chain, each link followed with schemathesis' own link
  machinery and each answer validated with every check: add -> read -> modify -> read -> delete ->
  read (empty) -> modify again (404: a deleted object stays gone) for each collection; DossierComplet
  read -> modify -> read; deposit URL -> upload -> import -> status, for FEC, TRA and perso files.
- ``TestLinkExploration``: schemathesis' state machine (Hypothesis rule-based) over the same links with
  generated data, every check on every step, and the Loop-flavoured use-after-free check of TUNING.md T4.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
from schemathesis.core import NOT_SET
from schemathesis.core.result import Ok
from schemathesis.core.transport import Response
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput
from schemathesis.specs.openapi.stateful.links import OpenApiLink

from cegid_loop.definition import Definition
from cegid_loop.definition.schemas import flatten
from cegid_loop.sandbox.app import create_app, sandbox_state, sandbox_sync_transport
from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from contract_tests.links import DEFAULT_DOSSIER, Collection, collections, contract_config, contract_spec

CONFIG = contract_config(DEMO_SUBSCRIPTION_KEY, DEMO_API_KEY)
AUTH = {"Ocp-Apim-Subscription-Key": DEMO_SUBSCRIPTION_KEY, "X-ApiKey": DEMO_API_KEY}
CABINET_TAG = "parametres_cabinet"
SCENARIOS = 100  # state machine runs (each up to phases.stateful.max-steps steps): TUNING.md T6
FEC = "\n".join(
    (
        "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\t"
        "PieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise",
        *(
            "\t".join(
                (
                    "AC",
                    "Achats",
                    "1",
                    "20240131",
                    num,
                    lib,
                    aux,
                    auxlib,
                    "F001",
                    "20240131",
                    "Facture F001",
                    debit,
                    credit,
                    "",
                    "",
                    "20240131",
                    "",
                    "",
                )
            )
            for num, lib, aux, auxlib, debit, credit in (
                ("60100000", "Achats matieres", "", "", "100,00", "0,00"),
                ("44566000", "TVA deductible", "", "", "20,00", "0,00"),
                ("40100000", "Fournisseurs", "FOUR1", "Fournisseur Un", "0,00", "120,00"),
            )
        ),
    )
).encode("utf-8")

Case = schemathesis.Case[Any]
SPEC = contract_spec()
MODEL = Definition(SPEC, name="contract")
APP = create_app(import_step_seconds=0)
schema = schemathesis.openapi.from_dict(SPEC, config=CONFIG)
schema.app = APP
_unique = itertools.count(1)


def upload(deposit: Mapping[str, Any]) -> None:
    """The step between deposit URL and import: PUT the file to the signed URL (Azure Blob semantics)."""
    url = httpx.URL(str(deposit["depositUrl"]))
    with httpx.Client(transport=sandbox_sync_transport(APP), base_url="http://sandbox") as client:
        answer = client.put(url.raw_path.decode(), content=FEC, headers={"x-ms-blob-type": "BlockBlob"})
    assert answer.status_code == 201, answer.text


# -- the deterministic walk ---------------------------------------------------------------------------


def call(case: Case) -> Response:
    # Cases built by hand do not go through schemathesis' auth: the keys are sent explicitly.
    response = case.call(headers=AUTH)
    case.validate_response(response, headers=AUTH, transport_kwargs={"headers": AUTH})
    return response


def follow(name: str, case: Case, response: Response, body: Mapping[str, Any] | None = None) -> Case:
    """The case a link of ``case``'s 200 answer leads to (schemathesis evaluates the link)."""
    source = MODEL.operation(case.operation.method, case.operation.path)
    ok = source.response("200") if source is not None else None
    assert ok is not None, case.operation.label
    raw = ok.node["links"][name]
    link = OpenApiLink(name, "200", raw, case.operation)
    transition = link.extract(StepOutput(response, case))
    values: dict[str, dict[str, Any]] = {}
    for container, params in transition.parameters.items():
        for param, extracted in params.items():
            assert isinstance(extracted.value, Ok), f"{name}: {param} did not resolve"
            values.setdefault(container, {})[param] = extracted.value.ok()
    request_body: Any = dict(body or {})
    if transition.request_body is not None:
        assert isinstance(transition.request_body.value, Ok)
        request_body = {**request_body, **transition.request_body.value.ok()}
    return link.target.Case(
        query=values.get("query"),
        body=request_body if request_body else NOT_SET,
        media_type="application/json" if request_body else None,
    )


def _properties(operation_id: str) -> set[str]:
    op = MODEL.find_operation(operation_id)
    assert op is not None and op.body is not None, operation_id
    merged, _ = flatten(MODEL, op.body.schema)  # a $ref, or allOf [$ref] with constraints
    return set(merged.get("properties") or {})


def _items(body: Any) -> list[Any]:
    items = body["data"] if isinstance(body, dict) and "data" in body else body
    return list(items) if isinstance(items, list) else []


def walk_collection(c: Collection) -> None:
    add = schema.find_operation_by_id(c.add)
    cabinet = CABINET_TAG in (add.definition.raw.get("tags") or [])
    props = _properties(c.add)
    token = f"CT{next(_unique):03d}"
    body: dict[str, Any] = {key: token for key in ("code", "numero", "identifiant") if key in props}
    body |= {"libelle": f"Contract {token}"} if "libelle" in props else {}
    added_case = add.Case(
        query={"codeDossier": "cabinet" if cabinet else DEFAULT_DOSSIER},
        body=body,
        media_type="application/json",
    )
    added = call(added_case)
    assert added.status_code == 200, added.text
    created = added.json()
    read = call(follow("ReadAdded", added_case, added))
    assert [o["objectId"] for o in _items(read.json())] == [created["objectId"]]
    change = {"libelle": f"Modified {token}"} if "libelle" in props else {}
    modify_case = follow("ModifyAdded", added_case, added, change)
    modified = call(modify_case)
    assert modified.status_code == 200, modified.text
    assert modified.json()["revisionId"] != created["revisionId"]
    reread = call(follow("ReadModified", modify_case, modified))
    assert [o.get("libelle") for o in _items(reread.json())] == [
        change.get("libelle", created.get("libelle"))
    ]
    if c.delete is None:
        return
    delete_case = follow("DeleteModified", modify_case, modified)
    deleted = call(delete_case)
    assert deleted.status_code == 200, deleted.text
    assert _items(call(follow("ReadDeleted", delete_case, deleted)).json()) == []
    again = call(follow("ModifyModified", modify_case, modified, change))
    assert again.status_code == 404, f"a deleted object was modified: {again.status_code} {again.text}"


def walk_dossier_complet() -> None:
    read_case = schema.find_operation_by_id("getDossierComplet").Case(query={"codeDossier": DEFAULT_DOSSIER})
    read = call(read_case)
    modify_case = follow("ModifyRead", read_case, read, {"formeJuridique": "SAS"})
    modified = call(modify_case)
    assert modified.json()["errors"] == [] and modified.json()["success"][0]["formeJuridique"] == "SAS"
    assert call(follow("ReadModified", modify_case, modified)).json()["formeJuridique"] == "SAS"


def walk_import(link: str, expected_kind: str) -> None:
    deposit_case = schema.find_operation_by_id("getFileUrlDeposit").Case(query={"filename": "ecritures.txt"})
    deposit = call(deposit_case)
    upload(deposit.json())
    extra = {"MODELE": "IMPORTPERSO"} if link == "ImportPerso" else {}
    import_case = follow(link, deposit_case, deposit, extra)
    accepted = call(import_case)
    assert "accountingImportRequestId" in accepted.json(), accepted.text
    status = call(follow("Status", import_case, accepted)).json()
    assert status["type"] == expected_kind and status["status"] == 3, status  # 3: done


def _collection_chain(c: Collection) -> Callable[[], None]:
    return lambda: walk_collection(c)


CHAINS: dict[str, Callable[[], None]] = {
    **{f"{c.path} add-read-modify-delete": _collection_chain(c) for c in collections(SPEC)},
    "/DossierComplet read-modify-read": walk_dossier_complet,
    "FEC deposit-upload-import-status": lambda: walk_import("ImportFec", "FEC"),
    "TRA deposit-upload-import-status": lambda: walk_import("ImportTra", "TRA"),
    "perso deposit-upload-import-status": lambda: walk_import("ImportPerso", "PERSO"),
}


@pytest.mark.parametrize("chain", list(CHAINS))
def test_chain(chain: str) -> None:
    CHAINS[chain]()


def test_every_collection_has_its_chain() -> None:
    assert len(collections(SPEC)) == 20  # 16 with DELETE, the 4 tiers paths without


# -- schemathesis' state machine ---------------------------------------------------------------------

FOLLOWED: set[str] = set()


def _linked_operation_ids() -> list[str]:
    """Operations that are the source or the target of a link: the state machine's universe."""
    ids = set()
    for op in MODEL.operations:
        ok = op.response("200")
        links = ok.node.get("links") if ok is not None else None
        if links:
            ids.add(op.operation_id)
            ids.update(link["operationId"] for link in links.values())
    return sorted(ids)


class LoopStateMachine(schema.include(operation_id=_linked_operation_ids()).as_state_machine()):  # type: ignore[misc]
    def setup(self) -> None:
        # Each scenario starts from the demo data: Hypothesis replays scenarios and needs the same
        # answers to the same steps (a sandbox that kept the last scenario's objects would not give them).
        state = sandbox_state(APP)
        state.reset(state.auth.firms[0])
        self.deleted: set[tuple[str, str, str]] = set()

    def step(self, input: StepInput) -> StepOutput:
        if input.transition is not None:  # id: "SOURCE -> [200] LinkName -> TARGET"
            FOLLOWED.add(input.transition.id.split("] ", 1)[-1].split(" -> ", 1)[0])
        output: StepOutput = super().step(input)
        return output

    def after_call(self, response: Response, case: Case) -> None:
        super().after_call(response, case)
        if case.operation.label == "GET /getFileUrlDeposit" and response.status_code == 200:
            upload(response.json())
        self._stays_gone(response, case)

    def _stays_gone(self, response: Response, case: Case) -> None:
        """TUNING.md T4: use_after_free needs path parameters; Loop names objects in query and body."""
        query = case.query or {}
        where = (str(query.get("codeDossier")), case.operation.path.lower())
        method = case.operation.method.upper()
        if method == "DELETE" and response.status_code == 200:
            self.deleted.add((*where, str(query.get("objectId"))))
        elif (
            method == "PUT"
            and isinstance(case.body, dict)
            and (*where, str(case.body.get("objectId"))) in self.deleted
        ):
            assert response.status_code == 404, (
                f"use after free: {case.operation.label} on a deleted object answered {response.status_code}"
            )
        elif method == "GET" and response.status_code == 200:
            items = _items(response.json())
            ids = (
                {str(o.get("objectId")) for o in items if isinstance(o, dict)}
                if isinstance(items, list)
                else set()
            )
            assert not {(*where, i) for i in ids} & self.deleted, (
                f"use after free: {case.operation.label} lists a deleted object"
            )


TestLinkExploration = LoopStateMachine.TestCase
TestLinkExploration.settings = hypothesis.settings(
    max_examples=SCENARIOS,
    stateful_step_count=CONFIG.projects.default.phases.stateful.max_steps,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)


def test_the_exploration_followed_every_kind_of_link() -> None:
    # Runs after TestLinkExploration (file order); the exploration is derandomized, so this is stable.
    kinds = {
        next((k for k in ("Read", "Modify", "Delete", "Import", "Status") if name.startswith(k)), name)
        for name in FOLLOWED
    }
    assert {"Read", "Modify", "Delete", "Import", "Status"} <= kinds, sorted(FOLLOWED)
    print(sorted(FOLLOWED))
