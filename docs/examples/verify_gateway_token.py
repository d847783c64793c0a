#!/usr/bin/env python3
"""Verifies a govgraph gateway token, as a department written in Python does.

Standard library and the `cryptography` package only. The contract it checks is
docs/department-token.md; a department answers any token this refuses with HTTP 401.

    python3 verify_gateway_token.py --jwks-url https://gateway.example/.well-known/jwks.json \
        --audience population TOKEN

prints {"valid": true, "claims": {...}} and exits 0, or {"valid": false, "reason": "..."} and
exits 1. The reason is one of the gateway's own (`not-a-gateway-token`, `bad-signature`, ...);
the token itself is never printed.
"""

import argparse
import base64
import binascii
import json
import re
import sys
import threading
import time
import urllib.request

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

ISSUER = "govgraph-gateway"
TOKEN_TYPE = "govgraph-gateway+jwt"
ALGORITHM = "EdDSA"
# A JWKS is kept this long, so a key the gateway publishes before it signs with it is learnt.
CACHE_MAX_AGE_SECONDS = 600
# At most one JWKS fetch per interval for an unknown kid: made-up kids cannot flood the gateway.
REFETCH_INTERVAL_SECONDS = 30
FETCH_TIMEOUT_SECONDS = 5
BASE64URL = re.compile(r"^[A-Za-z0-9_-]*$")


class Rejected(Exception):
    """The token is refused; `reason` is safe to log and return (it says nothing of the token)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def b64url_decode(part):
    if not BASE64URL.match(part):
        raise Rejected("malformed")
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        raise Rejected("malformed")


def json_object(part):
    try:
        value = json.loads(b64url_decode(part))
    except ValueError:
        raise Rejected("malformed")
    if not isinstance(value, dict):
        raise Rejected("malformed")
    return value


class GatewayKeys:
    """The gateway's JWKS: fetched on first use, every 10 minutes, and when a token names an unknown kid."""

    def __init__(self, url):
        self.url = url
        self.keys = {}
        self.fetched_at = None
        self.lock = threading.Lock()

    def fetch(self):
        try:
            with urllib.request.urlopen(self.url, timeout=FETCH_TIMEOUT_SECONDS) as response:
                jwks = json.load(response)
        except (OSError, ValueError):
            raise Rejected("keys-unavailable")
        keys = {}
        for jwk in jwks.get("keys", []) if isinstance(jwks, dict) else []:
            if not isinstance(jwk, dict) or not isinstance(jwk.get("kid"), str) or not isinstance(jwk.get("x"), str):
                continue
            if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or "d" in jwk:
                continue
            if jwk.get("use", "sig") != "sig" or jwk.get("alg", ALGORITHM) != ALGORITHM:
                continue
            try:
                keys[jwk["kid"]] = Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
            except (Rejected, ValueError):
                continue
        self.keys = keys
        self.fetched_at = time.monotonic()

    def key_for(self, kid):
        with self.lock:
            age = None if self.fetched_at is None else time.monotonic() - self.fetched_at
            if age is None or age >= CACHE_MAX_AGE_SECONDS or (kid not in self.keys and age >= REFETCH_INTERVAL_SECONDS):
                self.fetch()
            key = self.keys.get(kid)
        if key is None:
            raise Rejected("unknown-key")
        return key


def verify_gateway_token(token, audience, keys):
    """The token's claims when the gateway signed it for `audience` and it has not expired; else Rejected."""
    parts = token.split(".")
    if len(parts) != 3:
        raise Rejected("malformed")
    encoded_header, encoded_payload, encoded_signature = parts
    header = json_object(encoded_header)
    if header.get("typ") != TOKEN_TYPE:
        raise Rejected("not-a-gateway-token")
    if header.get("alg") != ALGORITHM:
        raise Rejected("algorithm-not-allowed")
    if "crit" in header or "b64" in header or not isinstance(header.get("kid"), str):
        raise Rejected("malformed")
    key = keys.key_for(header["kid"])
    try:
        key.verify(b64url_decode(encoded_signature), f"{encoded_header}.{encoded_payload}".encode("ascii"))
    except InvalidSignature:
        raise Rejected("bad-signature")
    claims = json_object(encoded_payload)
    if claims.get("iss") != ISSUER:
        raise Rejected("wrong-issuer")
    audiences = claims.get("aud") if isinstance(claims.get("aud"), list) else [claims.get("aud")]
    if audience not in audiences:
        raise Rejected("wrong-audience")
    exp = claims.get("exp")
    if not isinstance(exp, (int, float)) or isinstance(exp, bool):
        raise Rejected("invalid-claims")
    if exp <= time.time():
        raise Rejected("expired")
    if claims.get("anon") is not True and not isinstance(claims.get("sub"), str):
        raise Rejected("invalid-claims")
    if "replay" in claims:
        # A disclosure-replay token copies disclosures (POST /disclosures/replay) and reads nothing.
        raise Rejected("replay-token")
    return claims


def main():
    parser = argparse.ArgumentParser(description="Verify a govgraph gateway token.")
    parser.add_argument("--jwks-url", required=True, help="the gateway's /.well-known/jwks.json")
    parser.add_argument("--audience", required=True, help="this department's name")
    parser.add_argument("token", nargs="?", help="the token (else read from standard input)")
    args = parser.parse_args()
    token = (args.token if args.token is not None else sys.stdin.read()).strip()
    try:
        claims = verify_gateway_token(token, args.audience, GatewayKeys(args.jwks_url))
    except Rejected as rejected:
        print(json.dumps({"valid": False, "reason": rejected.reason}))
        return 1
    print(json.dumps({"valid": True, "claims": claims}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
