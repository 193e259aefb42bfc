"""Pathological requests against the decoders and lexers: never a crash, and the work is bounded
by construction (capped part length, capped decoding rounds, capped parameters), which is what
these tests check (no timing assertions)."""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import decode, sqli, waf
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import Classifier, split_request

MB = 1024 * 1024

PATHOLOGICAL = {
    "1 MB query of one value": b"GET /?q=" + b"a" * MB + b" HTTP/1.1",
    "1 MB of percent signs": b"GET /?q=" + b"%25" * (MB // 3) + b" HTTP/1.1",
    "deeply nested encoding": b"GET /?q=" + b"%25" * 40 + b"27 HTTP/1.1",
    "100,000 parameters": b"GET /?" + b"&".join(b"a%d=%%27x" % i for i in range(100000)) + b" HTTP/1.1",
    "unclosed quotes": b"GET /?q=" + b"'" * MB + b" HTTP/1.1",
    "tag bait": b"GET /?q=" + b"<a " * (MB // 3) + b" HTTP/1.1",
    "lookup bait": b"GET /?q=" + b"${" * (MB // 2) + b" HTTP/1.1",
    "separator bait": b"GET /?q=" + b";|" * (MB // 2) + b" HTTP/1.1",
    "1 MB of ../": b"GET /" + b"../" * (MB // 3) + b" HTTP/1.1",
    "escape soup": b"GET /?q=" + b"\\x3c\\u0027&#x27;\\777" * 50000 + b" HTTP/1.1",
    "invalid UTF-8 and surrogates": b"GET /?q=" + b"\xff\xfe\xed\xa0\x80%c0%ae%ed%b2%80%uD800" * 100000 + b" HTTP/1.1",
    "SQL token flood": b"GET /?q=1" + b" or 1=1" * 100000 + b" HTTP/1.1",
    "comment bait": b"GET /?q=" + b"/*" * (MB // 2) + b" HTTP/1.1",
    "entity bait": b"GET /?q=" + b"&amp;" * 200000 + b" HTTP/1.1",
    "spaces in the target": b"GET " + b"/a b " * 100000 + b"HTTP/1.1",
    "no method, binary": bytes(range(256)) * 100,
    "empty": b"",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_requests_never_crash(name):
    ids, login = Classifier().classify(PATHOLOGICAL[name])
    assert isinstance(ids, tuple) and login is False


def test_long_parts_are_cut_before_inspection():
    text, _evasion = decode.normalise(b"%41" * MB)
    assert len(text) == decode.MAX_PART
    text, _evasion = decode.normalise(b"a" * MB)
    assert len(text) <= decode.MAX_PART * 3
    assert len(waf._split_query(b"&".join([b"a=1"] * 1000))) == waf.MAX_PARAMS


def test_decoding_rounds_are_capped():
    nested = b"%27"
    for _ in range(10):
        nested = nested.replace(b"%", b"%25")
    out, rounds = decode.url_decode(nested)
    assert rounds == decode.MAX_ROUNDS and out.startswith(b"%")  # what is left stays encoded
    assert decode.url_decode(b"%2527")[0] == b"'"


def test_plus_is_a_space_but_an_encoded_plus_stays():
    assert decode.normalise(b"a+b%2Bc")[0] == "a b+c"
    assert decode.normalise(b"a+b", plus=False)[0] == "a+b"


def test_lexer_token_count_is_capped():
    assert len(sqli.lex("1 or " * 10000)) == 200


def test_invalid_utf8_overlong_and_surrogates_decode_to_text():
    text, _evasion = decode.normalise(b"%c0%ae%c0%ae%c0%af\xff%ed%a0%80%uD800x")
    assert text.startswith("../") and text.endswith("x")
    assert "\ufffd" in text


def test_fullwidth_and_best_fit_forms_fold_to_ascii():
    assert decode.normalise("\uff1cscript\uff1e".encode())[0] == "<script>"
    assert decode.normalise(b"..%u2216..%u2216win.ini")[0] == "..\\..\\win.ini"


def test_request_line_with_spaces_keeps_the_whole_target():
    assert split_request(b"GET /a b c HTTP/1.1") == (b"GET", b"/a b c")
    assert split_request(b"GET /x") == (b"GET", b"/x")
    assert split_request(b"garbage") == (b"", b"garbage")
