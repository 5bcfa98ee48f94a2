"""A small in-memory Loop behind ``httpx.MockTransport`` for the client's unit tests.

Faults are queued per ``(METHOD, last path segment)``: each request pops the next one, which is
an ``httpx.Response`` to answer with or an exception to raise (a transport failure).
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections import defaultdict
from typing import Any

import httpx

from .conftest import TEST_API_KEY, TEST_SUBSCRIPTION_KEY

BASE_URL = "https://loop.test/loop-api-publiques"
BLOB_HOST = "blob.test"
SAS_SIGNATURE = "SASsig-TEST-77aa"

Fault = httpx.Response | Exception


def apim(status: int, message: str, **headers: str) -> httpx.Response:
    return httpx.Response(status, json={"statusCode": status, "message": message}, headers=headers)


class FakeLoop:
    def __init__(self, n_comptes: int = 0) -> None:
        self.requests: list[httpx.Request] = []
        self.faults: dict[tuple[str, str], list[Fault]] = defaultdict(list)
        self.comptes: list[dict[str, Any]] = [
            {"objectId": str(uuid.UUID(int=i + 1)), "revisionId": f"0x{i:016X}", "numero": f"{6000000 + i}"}
            for i in range(n_comptes)
        ]
        self.blobs: dict[str, bytes] = {}
        self.imports_started: list[dict[str, Any]] = []
        self.status_script: list[dict[str, Any]] = [{"status": 1}, {"status": 2}, {"status": 3}]
        self.status_calls = 0

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def fault(self, method: str, segment: str, *faults: Fault) -> None:
        self.faults[(method.upper(), segment.lower())].extend(faults)

    def calls(self, method: str, segment: str) -> list[httpx.Request]:
        return [
            r
            for r in self.requests
            if r.method == method.upper() and r.url.path.rsplit("/", 1)[-1].lower() == segment.lower()
        ]

    # -- routing ------------------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        segment = request.url.path.rsplit("/", 1)[-1].lower()
        queue = self.faults.get((request.method, segment))
        if queue:
            fault = queue.pop(0)
            if isinstance(fault, Exception):
                raise fault
            return fault
        if request.url.host == BLOB_HOST:
            return self._blob(request)
        if request.headers.get("ocp-apim-subscription-key") != TEST_SUBSCRIPTION_KEY:
            return apim(401, "Access denied due to invalid subscription key.")
        if request.headers.get("x-apikey") != TEST_API_KEY:
            return apim(401, "Access denied due to invalid API key.")
        route = getattr(self, f"_{request.method.lower()}_{segment}", None)
        if route is None:
            return apim(404, "Resource not found")
        response: httpx.Response = route(request)
        response.headers.setdefault("x-request-id", f"req-{len(self.requests)}")
        return response

    @staticmethod
    def _json(request: httpx.Request) -> Any:
        return json.loads(request.content)

    def _get_compte(self, request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params.get("skip", 0))
        take = min(int(request.url.params.get("take", 100)), 100)
        return httpx.Response(200, json=self.comptes[skip : skip + take])

    def _post_compte(self, request: httpx.Request) -> httpx.Response:
        doc = {**self._json(request), "objectId": str(uuid.uuid4()), "revisionId": "0x0000000000000001"}
        self.comptes.append(doc)
        return httpx.Response(200, json=doc)

    def _put_compte(self, request: httpx.Request) -> httpx.Response:
        body = self._json(request)
        for i, doc in enumerate(self.comptes):
            if doc["objectId"] == body.get("objectId"):
                if doc["revisionId"] != body.get("revisionId"):
                    return httpx.Response(409, json={"message": "revisionId obsolète"})
                self.comptes[i] = {**doc, **body, "revisionId": "0x00000000000000FF"}
                return httpx.Response(200, json=self.comptes[i])
        return httpx.Response(404, json={"message": "objet inconnu"})

    def _delete_compte(self, request: httpx.Request) -> httpx.Response:
        object_id = request.url.params.get("objectId")
        before = len(self.comptes)
        self.comptes = [d for d in self.comptes if d["objectId"] != object_id]
        if len(self.comptes) == before:
            return httpx.Response(404, json={"message": "objet inconnu"})
        return httpx.Response(200)

    def _get_dossiercomplet(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"objectId": str(uuid.UUID(int=99)), "siren": "732829320"})

    def _get_getfileurldeposit(self, request: httpx.Request) -> httpx.Response:
        name = request.url.params["filename"]
        token = uuid.uuid4().hex
        return httpx.Response(
            200,
            json={
                "depositUrl": f"https://{BLOB_HOST}/deposit/{token}/{name}?sv=2020-08-04&sr=b&sp=w&sig={SAS_SIGNATURE}",
                "uri": f"{token}/{name}",
            },
        )

    def _blob(self, request: httpx.Request) -> httpx.Response:
        if request.method != "PUT" or request.headers.get("x-ms-blob-type") != "BlockBlob":
            return httpx.Response(
                400, text="<Error><Code>InvalidHeaderValue</Code><Message>blob type</Message></Error>"
            )
        expected = base64.b64encode(hashlib.md5(request.content).digest()).decode()
        if request.headers.get("content-md5") != expected:
            return httpx.Response(
                400, text="<Error><Code>Md5Mismatch</Code><Message>MD5 differs</Message></Error>"
            )
        _, _, token, _name = request.url.path.split("/", 3)
        self.blobs[token] = request.content
        return httpx.Response(201)

    def _start_import(self, request: httpx.Request, kind: str) -> httpx.Response:
        body = self._json(request)
        if kind != "json" and body.get("URI", "").split("/")[0] not in self.blobs:
            return httpx.Response(
                200, json={"error": {"instanceId": "inst-1", "message": "fichier introuvable"}}
            )
        request_id = str(uuid.uuid4())
        self.imports_started.append({"kind": kind, "id": request_id, **body})
        return httpx.Response(200, json={"accountingImportRequestId": request_id})

    def _post_importfec(self, request: httpx.Request) -> httpx.Response:
        return self._start_import(request, "fec")

    def _post_importtra(self, request: httpx.Request) -> httpx.Response:
        return self._start_import(request, "tra")

    def _post_importperso(self, request: httpx.Request) -> httpx.Response:
        return self._start_import(request, "custom")

    def _post_importjson(self, request: httpx.Request) -> httpx.Response:
        return self._start_import(request, "json")

    def _get_getimportstatus(self, request: httpx.Request) -> httpx.Response:
        request_id = request.url.params["accountingImportRequestId"]
        if request_id not in {i["id"] for i in self.imports_started}:
            return httpx.Response(404, json={"message": "demande inconnue"})
        step = self.status_script[min(self.status_calls, len(self.status_script) - 1)]
        self.status_calls += 1
        return httpx.Response(200, json={"accountingImportRequestId": request_id, **step})
