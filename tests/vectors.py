"""Fixed sign vectors from the platform's documents, shared by the tests of every layer.

Each value is independent of our code: quoted from a document, or computed once with coreutils' ``md5sum``
(``printf %s "<appId><timestamp><appKey>" | md5sum``) and written down here.
"""

from __future__ import annotations

# The platform's FAQ page ("12-FAQ"): a login sign over a 10-digit seconds timestamp.
FAQ_APP_ID = "c103af9ac77646ca9fb0122e75f30811"
FAQ_APP_KEY = "89f81a207e5e4a1297ed1255879191ee"
FAQ_TIMESTAMP_S = "1686730537"
FAQ_SIGN = "f6ffecf33d2073d9b3b93ba157665cfc"
# The same account with the access doc's unit, a 13-digit millisecond timestamp (md5sum).
FAQ_TIMESTAMP_MS = "1686730537000"
FAQ_SIGN_MS = "0a7b9fe9c0b1eb6193b4a3c80d5c9fe1"
LOGIN_VECTORS = [(FAQ_TIMESTAMP_S, FAQ_SIGN), (FAQ_TIMESTAMP_MS, FAQ_SIGN_MS)]
LOGIN_VECTOR_IDS = ["faq-seconds", "milliseconds"]

# The access doc's callback example.
DOC_CALLBACK_URL = "https://www.example.com/your/callback"
DOC_CALLBACK_TIMESTAMP = 1693206851
DOC_AUTH_KEY = "abc123"
DOC_SIGNATURE = "863151b586912152aacee3124f81e301"


def one_off(sign: str, index: int) -> str:
    """``sign`` with the hex digit at ``index`` replaced by another lowercase hex digit."""
    replacement = "0" if sign[index] != "0" else "1"
    return sign[:index] + replacement + sign[index + 1 :]
