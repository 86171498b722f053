"""Edge-case signing vectors, computed with Python's hashlib/hmac (independent of open1688's code).

Run: python3 tests/vectors/make_edge_vectors.py > tests/vectors/edge-cases.json
TOP sorts keys by UTF-16 code unit; AOP sorts the key+value strings by UTF-16 code unit.
"""
import hashlib
import hmac
import json

def utf16(s):
    return s.encode("utf-16-be")

def top(params, secret, algorithm):
    base = "".join(k + params[k] for k in sorted(params, key=utf16) if k != "sign")
    if algorithm == "top-md5":
        canonical = secret + base + secret
        sign = hashlib.md5(canonical.encode()).hexdigest()
    elif algorithm == "top-hmac":
        canonical = base
        sign = hmac.new(secret.encode(), canonical.encode(), hashlib.md5).hexdigest()
    else:
        canonical = base
        sign = hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()
    return canonical, sign.upper()

def aop(url_path, params, secret):
    pairs = sorted((k + v for k, v in params.items() if k != "_aop_signature"), key=utf16)
    canonical = url_path + "".join(pairs)
    return canonical, hmac.new(secret.encode(), canonical.encode(), hashlib.sha1).hexdigest().upper()

COMMON = {"method": "alibaba.item.get", "app_key": "12345678", "timestamp": "2026-01-01 08:30:00",
          "format": "json", "v": "2.0"}
CASES = {
    "chinese": {**COMMON, "q": "纯棉短袖 批发定制", "seller_nick": "qin多亲科技"},
    "emoji": {**COMMON, "q": "T恤👕🔥", "note": "🇨🇳 flag"},
    "url-special-characters": {**COMMON, "q": "a&b=c+d%20e#f?g", "fields": "x&y"},
    "keys-differing-in-case": {**COMMON, "Alpha": "1", "alpha": "2", "aB": "3", "ab": "4"},
    "keys-differing-by-underscore": {**COMMON, "a_b": "1", "ab": "2", "_under": "3", "a": "4", "a1": "5"},
    "long-values": {**COMMON, "q": "长" * 1000, "fields": "x" * 1000},
    "empty-params": {},
    "sign-is-ignored": {**COMMON, "sign": "SHOULD-NOT-BE-SIGNED"},
}
SECRET = "edge-secret-值🔑"
AOP_PATH = "param2/1/com.alibaba.product/alibaba.product.get/12345678"

def main():
    vectors = []
    for name, params in CASES.items():
        for algorithm in ("top-md5", "top-hmac", "top-hmac-sha256"):
            canonical, sign = top(params, SECRET, algorithm)
            vectors.append({"name": f"edge-{name}-{algorithm}", "algorithm": algorithm, "secret": SECRET,
                            "params": params, "canonical": canonical, "sign": sign})
        aop_params = {k: v for k, v in params.items() if k not in ("method", "format", "v", "sign")}
        if name == "sign-is-ignored":
            aop_params["_aop_signature"] = "SHOULD-NOT-BE-SIGNED"
        canonical, sign = aop(AOP_PATH, aop_params, SECRET)
        vectors.append({"name": f"edge-{name}-aop-hmac-sha1", "algorithm": "aop-hmac-sha1", "secret": SECRET,
                        "urlPath": AOP_PATH, "params": aop_params, "canonical": canonical, "sign": sign})

    print(json.dumps(vectors, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
