"""The entities the simulated ABN Lookup knows: the recorded ones, and one made up for every ABN
that passes the check digit, named "SIMULATED ENTITY <ABN>" so that it cannot pass for a real one.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any, Final

from providers.sample.draws import SeededDraws
from simulator.identifiers import abn_for_acn, abn_is_valid, acn_is_valid
from simulator.recordings import recorded_json

NOT_VALID: Final = "Search text is not a valid ABN or ACN"
SIMULATED_PREFIX: Final = "SIMULATED ENTITY"
_POSTCODES: Final = (
    ("NSW", 2000, 2999),
    ("VIC", 3000, 3999),
    ("QLD", 4000, 4999),
    ("SA", 5000, 5799),
    ("WA", 6000, 6797),
    ("TAS", 7000, 7799),
    ("ACT", 2600, 2618),
    ("NT", 800, 899),
)
_COMPANY_TYPES: Final = (
    ("PRV", "Australian Private Company"),
    ("PRV", "Australian Private Company"),
    ("PUB", "Australian Public Company"),
)
_OTHER_TYPES: Final = (
    ("OIE", "Other Incorporated Entity"),
    ("DTT", "Discretionary Trading Trust"),
)
_FIRST_DAY: Final = date(2000, 7, 1)  # the ABN system started on 1 July 2000


@cache
def _recorded_by_abn() -> dict[str, dict[str, Any]]:
    records = (
        recorded_json("abr/AbnDetails_74172177893.jsonp"),
        recorded_json("abr/AbnDetails_41687119230_csiro.jsonp"),
    )
    return {r["Abn"]: r for r in records}


@cache
def _recorded_by_acn() -> dict[str, dict[str, Any]]:
    record = recorded_json("abr/AcnDetails_172177893.jsonp")
    return {record["Acn"]: record}


def by_abn(abn: str) -> dict[str, Any]:
    """The AbnDetails body for `abn` (digits only)."""
    recorded = _recorded_by_abn().get(abn)
    if recorded is not None:
        return dict(recorded)
    if not abn_is_valid(abn):
        return not_found(NOT_VALID)
    return simulated_entity(abn)


def by_acn(acn: str) -> dict[str, Any]:
    """The AcnDetails body for `acn` (digits only)."""
    recorded = _recorded_by_acn().get(acn)
    if recorded is not None:
        return dict(recorded)
    if not acn_is_valid(acn):
        return not_found(NOT_VALID)
    entity = simulated_entity(abn_for_acn(acn))
    entity["BusinessName"] = []  # AcnDetails lists no business names
    return entity


def not_found(message: str) -> dict[str, Any]:
    return {
        "Abn": "",
        "AbnStatus": "",
        "AbnStatusEffectiveFrom": "",
        "Acn": "",
        "AddressDate": None,
        "AddressPostcode": "",
        "AddressState": "",
        "BusinessName": [],
        "EntityName": "",
        "EntityTypeCode": "",
        "EntityTypeName": "",
        "Gst": None,
        "Message": message,
    }


def simulated_entity(abn: str) -> dict[str, Any]:
    d = SeededDraws(abn, "simulator:abr-entity")
    acn = abn[2:] if acn_is_valid(abn[2:]) else ""
    type_code, type_name = d.choice(_COMPANY_TYPES if acn else _OTHER_TYPES)
    registered = _FIRST_DAY + timedelta(days=d.integer(0, 8900))
    cancelled = d.chance(0.1)
    status_from = registered + timedelta(days=d.integer(400, 3000)) if cancelled else registered
    gst = None if cancelled or d.chance(0.3) else registered + timedelta(days=d.integer(0, 700))
    state, low, high = d.choice(_POSTCODES)
    return {
        "Abn": abn,
        "AbnStatus": "Cancelled" if cancelled else "Active",
        "AbnStatusEffectiveFrom": status_from.isoformat(),
        "Acn": acn,
        "AddressDate": (registered + timedelta(days=d.integer(0, 2000))).isoformat(),
        "AddressPostcode": f"{d.integer(low, high):04d}",
        "AddressState": state,
        "BusinessName": [],
        "EntityName": f"{SIMULATED_PREFIX} {abn}",
        "EntityTypeCode": type_code,
        "EntityTypeName": type_name,
        "Gst": gst.isoformat() if gst else None,
        "Message": "",
    }


def matching_names(query: str, max_results: int) -> list[dict[str, Any]]:
    """Entities whose names hold the query's words, best first (a score out of 100)."""
    words = set(query.upper().split())
    if not words:
        return []
    candidates = list(_recorded_by_abn().values())
    candidates += [simulated_entity(w) for w in words if abn_is_valid(w)]
    best: dict[str, dict[str, Any]] = {}
    for entity in candidates:
        names = [(entity["EntityName"], "Entity Name")]
        names += [(name, "Business Name") for name in entity["BusinessName"]]
        for name, name_type in names:
            score = round(100 * len(words & set(name.upper().split())) / len(words))
            if score and score > best.get(entity["Abn"], {}).get("Score", 0):
                best[entity["Abn"]] = _name_row(entity, name, name_type, score)
    ranked = sorted(best.values(), key=lambda row: (-row["Score"], row["Name"]))
    return ranked[:max_results]


def _name_row(entity: dict[str, Any], name: str, name_type: str, score: int) -> dict[str, Any]:
    return {
        "Abn": entity["Abn"],
        "AbnStatus": entity["AbnStatus"],
        "IsCurrent": True,
        "Name": name,
        "NameType": name_type,
        "Score": score,
        "State": entity["AddressState"],
        "Postcode": entity["AddressPostcode"],
    }
