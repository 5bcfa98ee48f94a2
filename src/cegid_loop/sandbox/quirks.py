"""The one registry of quirk ids: every behaviour of the sandbox that departs from the portal's
documentation, named by the id the overlay and overrides/QUIRKS.md use, with the module that
reproduces it. The sandbox is the living evidence for QUIRKS.md (a test checks every id is there).
"""

from __future__ import annotations

from dataclasses import dataclass

# -- quirk ids (one place; overrides/ and tests use the same strings) -----------------------------
Q_REVISION_HEX = "Q-REVISION-HEX"
Q_DESCRIPTION_SHAPE = "Q-DESCRIPTION-SHAPE"
Q_EMPTY_REFERENCE = "Q-EMPTY-REFERENCE"
Q_INT_ENUMS = "Q-INT-ENUMS"
Q_GROUPE_DATA_WRAP = "Q-GROUPE-DATA-WRAP"
Q_IMPORT_ERROR_200 = "Q-IMPORT-ERROR-200"
Q_DOSSIERCOMPLET_SINGLE_OBJECT = "Q-DOSSIERCOMPLET-SINGLE-OBJECT"
Q_DOSSIERCOMPLET_ENVELOPE = "Q-DOSSIERCOMPLET-ENVELOPE"
Q_DOSSIERCOMPLET_ARRAY_BODY = "Q-DOSSIERCOMPLET-ARRAY-BODY"
Q_SUCCESS_200 = "Q-SUCCESS-200"
Q_TAKE_CAP = "Q-TAKE-CAP"
Q_QUOTED_NUMBERS = "Q-QUOTED-NUMBERS"
Q_SORT_PARAM_CASE = "Q-SORT-PARAM-CASE"
Q_IMPORT_URI_EMPTY = "Q-IMPORT-URI-EMPTY"
Q_IMPORT_STATUS_CODES = "Q-IMPORT-STATUS-CODES"
Q_CONTENT_TYPE_TYPO = "Q-CONTENT-TYPE-TYPO"
Q_PATH_CASE = "Q-PATH-CASE"
Q_APIM_401 = "Q-APIM-401"
Q_APIM_404 = "Q-APIM-404"
Q_APIM_429 = "Q-APIM-429"
Q_APIKEY_401 = "Q-APIKEY-401"
Q_REVISION_CONFLICT_409 = "Q-REVISION-CONFLICT-409"
Q_TIERS_FIXED_TYPE = "Q-TIERS-FIXED-TYPE"
Q_CABINET_DOSSIER = "Q-CABINET-DOSSIER"
Q_COMPTEBANQUE_REFERENCE = "Q-COMPTEBANQUE-REFERENCE"
Q_URL_OR_URI = "Q-URL-OR-URI"
Q_OBJECTID_NOT_UUID = "Q-OBJECTID-NOT-UUID"
Q_UNKNOWN_ENUM_VALUE = "Q-UNKNOWN-ENUM-VALUE"
Q_FIELD_NAMES = "Q-FIELD-NAMES"
Q_PARTIALINIT_DEFAULT = "Q-PARTIALINIT-DEFAULT"
Q_CODEDOSSIER_CODEIBS = "Q-CODEDOSSIER-CODEIBS"
Q_FILTER_GRAMMAR = "Q-FILTER-GRAMMAR"
Q_NULL_REFERENCE = "Q-NULL-REFERENCE"
Q_AMOUNT_DECIMAL = "Q-AMOUNT-DECIMAL"


@dataclass(frozen=True)
class Quirk:
    id: str
    summary: str
    evidence: str  # where the behaviour was observed (facts.md / apim.md), or "inferred"
    reproduced_by: str  # module.function of the sandbox that reproduces it
    inferred: bool = False


QUIRKS: dict[str, Quirk] = {
    q.id: q
    for q in (
        Quirk(
            Q_REVISION_HEX,
            "revisionId is a rowversion-like hex string 0x + 16 upper-case hex digits, "
            "not the documented uuid",
            "facts.md §2.8, §4.1",
            "store.format_revision",
        ),
        Quirk(
            Q_DESCRIPTION_SHAPE,
            "undocumented `description`: an array of strings on compte (numero), journal "
            "(code) and references; a plain string on section (its label) and on its `axe` reference",
            "facts.md §2.8, §3.1, §4.3",
            "serializer.to_wire",
        ),
        Quirk(
            Q_NULL_REFERENCE,
            "a reference that points nowhere may be null rather than the empty-reference form "
            "(variants profile, kind null-reference)",
            "facts.md §6 (shapes real answers take)",
            "variants.vary_record",
        ),
        Quirk(
            Q_AMOUNT_DECIMAL,
            "amounts are exact decimals: the JSON import is read with Decimal (0.10 + 0.20 balances "
            "0.30, 20 digits keep their cents), stored and answered with the digits it was sent with",
            "facts.md §3.9 (separatorDecimal), fec/format.md §1.2",
            "exactjson.loads / exactjson.dumps / ingest.ingest_json",
        ),
        Quirk(
            Q_EMPTY_REFERENCE,
            'an unset reference is {"objectId": null, "description": [""]}, never null',
            "facts.md §2.8, §4.4",
            "serializer.reference",
        ),
        Quirk(
            Q_INT_ENUMS,
            "enums documented as string/boolean are integers on the wire: compte.type, "
            "journal.type, journal.typeContrepartie, journal.saisieLibelle",
            "facts.md §4.5",
            "serializer.to_wire",
        ),
        Quirk(
            Q_GROUPE_DATA_WRAP,
            'GET /groupe wraps its list in {"data": [...]}; other lists are bare arrays',
            "facts.md §2.7, §4.22",
            "serializer.wrap_list",
        ),
        Quirk(
            Q_IMPORT_ERROR_200,
            'import errors come back with HTTP 200 and {"error": {"instanceId", "message"}}',
            "facts.md §2.7, §4.18",
            "serializer.import_error",
        ),
        Quirk(
            Q_DOSSIERCOMPLET_SINGLE_OBJECT,
            "GET /DossierComplet returns one object, not an array",
            "facts.md §3.4",
            "backend.Backend.single",
        ),
        Quirk(
            Q_DOSSIERCOMPLET_ENVELOPE,
            'PUT /DossierComplet answers {"success": [...], "errors": [...]} '
            "with HTTP 200, business errors included",
            "facts.md §3.4, §4.16",
            "backend.Backend.modify_single",
        ),
        Quirk(
            Q_DOSSIERCOMPLET_ARRAY_BODY,
            "PUT /DossierComplet accepts the body as one object or as an array "
            "of objects (the doc shows both)",
            "facts.md §3.4, §4.16",
            "backend.Backend.modify_single",
        ),
        Quirk(
            Q_SUCCESS_200,
            "every success is HTTP 200, POST included (no 201/204)",
            "facts.md §2.7",
            "responses.Answer",
        ),
        Quirk(
            Q_TAKE_CAP,
            "a list answer never holds more than 100 items (take > 100: 400 when the spec "
            "says maximum 100, else capped)",
            "facts.md §2.6",
            "list_query.Query.apply",
        ),
        Quirk(
            Q_QUOTED_NUMBERS,
            'skip/take accepted quoted (?skip="10"), as the English pages show',
            "facts.md §2.4, §4.11",
            "list_query.parse_int",
        ),
        Quirk(
            Q_SORT_PARAM_CASE,
            "query parameter names matched case-insensitively (`Sort` in English tables)",
            "facts.md §2.4",
            "list_query.parse_query",
            inferred=True,
        ),
        Quirk(
            Q_IMPORT_URI_EMPTY,
            'an empty string URI/URL counts as absent (the doc\'s examples send "URI": "" with a URL)',
            "facts.md §3.9, §4.13",
            "import_jobs.blank",
        ),
        Quirk(
            Q_IMPORT_STATUS_CODES,
            "import status moves pending → running → done|failed; numeric codes "
            "1/2/3/4 as integrators read them (the DOC's 10/20/25+ scale is also reported, as `statusCode`)",
            "facts.md §3.9, §4.19",
            "import_jobs.status_body",
            inferred=True,
        ),
        Quirk(
            Q_CONTENT_TYPE_TYPO,
            "bodies are read as JSON whatever the Content-Type (the doc asks for `application-json`)",
            "facts.md §2.3, §4.8",
            "limits.parse_json",
        ),
        Quirk(
            Q_PATH_CASE,
            "paths matched case-insensitively (/tiersclient = /tiersClient)",
            "facts.md §4.7",
            "urls.Router",
            inferred=True,
        ),
        Quirk(
            Q_APIM_401,
            "missing/invalid subscription key: APIM's 401 bodies, verbatim",
            "apim.md",
            "auth.Authenticator",
        ),
        Quirk(
            Q_APIM_404,
            "unknown method+path (undocumented method on a known path included): 404 "
            '{"statusCode": 404, "message": "Resource not found"}, never 405',
            "apim.md",
            "urls.Router",
        ),
        Quirk(Q_APIM_429, "rate limit: 429 with Retry-After and APIM's body", "apim.md", "faults"),
        Quirk(
            Q_APIKEY_401,
            "missing/invalid X-ApiKey: 401 {statusCode, message} (Loop's real body unknown)",
            "inferred",
            "auth.Authenticator",
            inferred=True,
        ),
        Quirk(
            Q_REVISION_CONFLICT_409,
            "PUT with a stale revisionId, or POST of a duplicate natural key (compte numero, "
            "journal/tiers/section code...): 409 {message, errors}, nothing written "
            "(status undocumented)",
            "inferred",
            "backend.Backend.modify",
            inferred=True,
        ),
        Quirk(
            Q_TIERS_FIXED_TYPE,
            "the four tiers paths share one collection; `type` is fixed per path "
            "(client 0, fournisseur 1, salarié 2, divers 4)",
            "facts.md §3.3",
            "resource_rules.RULES",
        ),
        Quirk(
            Q_COMPTEBANQUE_REFERENCE,
            "compte.compteBanque is a reference object like compteContrepartie, not the documented string",
            "catalogue.md (sample response shape)",
            "serializer.to_wire",
        ),
        Quirk(
            Q_URL_OR_URI,
            "FEC/perso imports take the file by URI *or* URL (exactly one non-empty), "
            "although the tables mark URL mandatory",
            "facts.md §3.9, §4.13",
            "import_jobs.ImportService.submit_file",
        ),
        Quirk(
            Q_OBJECTID_NOT_UUID,
            "reference objectIds are null when unset (never a uuid then)",
            "facts.md §2.8",
            "serializer.reference",
        ),
        Quirk(
            Q_UNKNOWN_ENUM_VALUE,
            "a code the client does not know yet: journal type 9 (drifted profile only)",
            "drift scenario",
            "profiles.DRIFTED_JOURNAL",
        ),
        Quirk(
            Q_FIELD_NAMES,
            "wire spellings: compteContrepartie (a reference), bordereau, accesClient, saisieLibelle, MODELE",
            "facts.md §4.6",
            "seed / serializer.to_wire",
        ),
        Quirk(
            Q_PARTIALINIT_DEFAULT,
            "partialInit accepts a body without numberOfDays (default 1)",
            "facts.md §3.10, §4.17",
            "backend.Backend.partial_init",
        ),
        Quirk(
            Q_CODEDOSSIER_CODEIBS,
            "the dossier is codeDossier (query) on resources, codeIbs (body) on imports, "
            "key (entity uuid = DossierComplet objectId) on partialInit",
            "facts.md §4.9",
            "backend / import_jobs",
        ),
        Quirk(
            Q_FILTER_GRAMMAR,
            "filter/sort/select follow the JavaScript-like grammar of list_query.py (FILTER_PATTERN, "
            "SORT_PATTERN, SELECT_PATTERN); a malformed one is a 400 "
            "{message, errors: [{field, position, message}]}",
            "facts.md §2.5 (grammar); the 400 body is inferred",
            "list_query.parse_query",
            inferred=True,
        ),
        Quirk(
            Q_CABINET_DOSSIER,
            "cabinet resources are read with codeDossier=cabinet",
            "facts.md §2.4, §3.6",
            "resource_rules.RULES",
        ),
    )
}
