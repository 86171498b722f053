"""Normalisation vectors: parameter values of every kind, what they must become, and the signatures
over the result, computed with Python's json, datetime, hashlib and hmac (independent of open1688's
code). Values JSON cannot hold are tagged: {"$date": ISO}, {"$bigint": digits}, {"$number": text},
{"$undefined": true}, {"$function": name}, {"$symbol": description}, {"$map": []}, {"$set": []}.
A case either has `normalized` (+ canonical and signs) or `refused`: the path the error must name.

Run: python3 tests/vectors/make_normalize_vectors.py > tests/vectors/normalize-cases.json
"""
import json
from datetime import datetime, timedelta, timezone

from make_edge_vectors import AOP_PATH, SECRET, aop, top

# China has kept UTC+8 without daylight saving since 1991: a fixed offset is Asia/Shanghai here.
BEIJING = timezone(timedelta(hours=8))
DROP = object()


def beijing(iso):
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")


def nested(value):
    """The JSON-ready form of a nested value (dates as Beijing text); DROP for undefined."""
    if isinstance(value, dict) and len(value) == 1:
        tag, arg = next(iter(value.items()))
        if tag == "$date":
            return beijing(arg)
        if tag == "$undefined":
            return DROP
    if isinstance(value, list):
        return [None if (v := nested(item)) is DROP else v for item in value]
    if isinstance(value, dict):
        return {k: v for k, item in value.items() if (v := nested(item)) is not DROP}
    return value


def normalize(value):
    """A top-level value as the string sent, or DROP."""
    if value is None or value == "":
        return DROP
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1:
        tag, arg = next(iter(value.items()))
        if tag == "$date":
            return beijing(arg)
        if tag == "$bigint":
            return arg
        if tag == "$undefined":
            return DROP
    return json.dumps(nested(value), ensure_ascii=False, separators=(",", ":"))


ACCEPTED = {
    "scalars": {"s": "纯棉 T恤👕", "i": 42, "f": 1.5, "neg": -7, "t": True, "no": False},
    "dropped": {"keep": "1", "none": None, "empty": "", "undef": {"$undefined": True}, "space": " "},
    "largest-safe-integers": {"max": 9007199254740991, "min": -9007199254740991},
    "bigint-ids": {"item_id": {"$bigint": "610947572360123456"}, "huge": {"$bigint": "18446744073709551616"}},
    "dates-top-and-nested": {
        "start": {"$date": "2026-01-01T00:30:00Z"},
        "range": [{"$date": "2025-12-31T16:00:00Z"}, {"$date": "2026-06-30T15:59:59Z"}],
        "filter": {"since": {"$date": "2026-03-08T10:30:00Z"}, "tags": ["a", "b"]},
    },
    "json-undefined": {"o": {"a": {"$undefined": True}, "b": 1}, "l": [{"$undefined": True}, 2]},
    "sku-list": {"sku": [{"id": "1", "price": 12.5, "qty": 3}, {"id": "2", "price": 9, "qty": 10}]},
}

REFUSED = {
    "unsafe-integer": ({"item_id": {"$number": "610947572360123456"}}, "params.item_id"),
    "nan": ({"price": {"$number": "NaN"}}, "params.price"),
    "infinity": ({"price": {"$number": "-Infinity"}}, "params.price"),
    "nested-nan": ({"sku": [{}, {}, {"price": {"$number": "NaN"}}]}, "params.sku[2].price"),
    "nested-unsafe-integer": ({"sku": [{"id": {"$number": "9007199254740993"}}]}, "params.sku[0].id"),
    "nested-bigint": ({"sku": [{"id": {"$bigint": "12"}}]}, "params.sku[0].id"),
    "function": ({"cb": {"$function": "cb"}}, "params.cb"),
    "nested-function": ({"o": {"cb": {"$function": "cb"}}}, "params.o.cb"),
    "symbol": ({"s": {"$symbol": "x"}}, "params.s"),
    "nested-symbol-in-array": ({"l": [1, {"$symbol": "x"}]}, "params.l[1]"),
    "map": ({"m": {"$map": []}}, "params.m"),
    "nested-set": ({"o": {"s": {"$set": []}}}, "params.o.s"),
    "invalid-date": ({"d": {"$date": "not a date"}}, "params.d"),
}


def main():
    cases = []
    for name, params in ACCEPTED.items():
        normalized = {k: v for k, item in params.items() if (v := normalize(item)) is not DROP}
        canonical, sign = top(normalized, SECRET, "top-md5")
        aop_canonical, aop_sign = aop(AOP_PATH, normalized, SECRET)
        cases.append({"name": name, "secret": SECRET, "urlPath": AOP_PATH, "params": params,
                      "normalized": normalized, "canonical": canonical, "sign": sign,
                      "aopCanonical": aop_canonical, "aopSign": aop_sign})
    for name, (params, path) in REFUSED.items():
        cases.append({"name": name, "params": params, "refused": path})
    print(json.dumps(cases, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
