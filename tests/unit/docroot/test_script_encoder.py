"""The Microsoft Script Encoder decoder (screnc.py) and how other.py scores the decoded script.

The real sample is the 97-byte page vbencode-bypass.asp of the development corpus, kept here as inert bytes: it
is only decoded, never run. The other pages are written for this test and encoded with the module's own encoder.
"""

import base64
import random

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, other, php, screnc

UPLOADS = analyse.DEFAULT_UPLOAD_DIRS
# vbencode-bypass.asp as found in the corpus (a one-line Execute of a request parameter, encoded).
REAL_SAMPLE = (b'<%@ LANGUAGE = "VBScript.Encode"%>\r\n'
               b'<%#@~^IQAAAA==3X+^!Y\x7fMVK4msPM+5E\x7f/OcrSl\t[MM+Xrb+AsAAA==^#~@%>')


def verdict(name: str, data: bytes) -> dict:
    return analyse.analyse(name, data, 10, UPLOADS) or {}


def field(value: int) -> str:
    """A ``XXXXXX==`` header or trailer field: base64 of a 32-bit little-endian number."""
    return base64.b64encode(value.to_bytes(4, "little")).decode("ascii")


def test_tables_are_permutations_and_every_character_round_trips_at_every_position():
    for row in screnc.ENCODED:
        assert sorted(row) == sorted(screnc.PLAIN)
    script = "".join(screnc.PLAIN[(start * 7) % len(screnc.PLAIN):] for start in range(70)) + "<a href='@'>\r\n"
    plain, checksum, _length = screnc.decode_payload(screnc.encode_payload(script))
    assert plain == script
    assert checksum == sum(map(ord, script))


def test_real_encoded_sample_decodes_to_its_statement_with_a_matching_checksum():
    text = REAL_SAMPLE.decode("latin-1")
    assert screnc.number("IQAAAA==") == 33  # the stated length: 33 source characters
    decoded, found = screnc.decode_text(text)
    assert len(found) == 1 and found[0].valid
    assert 'ExecuteGlobal request("LandGrey")' in decoded
    assert decoded.startswith('<%@ LANGUAGE = "VBScript.Encode"%>\r\n<%') and decoded.endswith("%>")
    # One character changed: still decoded, but the checksum no longer matches.
    broken, found = screnc.decode_text(text.replace("Xrb+", "Xrc+"))
    assert not found[0].valid and "ExecuteGlobal" in broken


def test_double_byte_character_is_copied_whole_and_chosen_by_length_and_checksum():
    # A GBK character whose second byte is ASCII ("\\"): it is copied, not decoded, and does not advance the position.
    before, after = 'msg = "', '"\r\nResponse.Write msg'
    payload = screnc.encode_payload(before + after)
    cut = len(screnc.encode_payload(before))
    payload = payload[:cut] + "\xd5\\" + payload[cut:]
    checksum = sum(map(ord, before + after))
    block = "#@~^" + field(len(payload) - 1) + payload + field(checksum) + "^#~@"
    decoded, found = screnc.decode_text("<%" + block + "%>")
    assert found[0].valid
    assert decoded == "<%" + before + "\xd5\\" + after + "%>"
    # Read as single-byte text, the trail byte would be decoded and shift every later table choice.
    single, total, _length = screnc.decode_payload(payload, None)
    assert total != checksum and "Response.Write" not in single


def test_truncated_and_hostile_blocks_do_not_raise_and_stay_within_the_budget():
    hostile = [
        "#@~^", "#@~^IQAAAA==", "#@~^IQAAAA==3X+^!Y", "#@~^IQAAAA==@", "#@~^!!!!!!==abc^#~@", "#@~^/////w==" + "x" * 5000,
        "#@~^IQAAAA==3X+@~@^#~@", "#@~^AAAAAA==AAAAAA==^#~@", "#@~^IQAAAA==\xff\xfe\x81" * 50, "^#~@#@~^",
        "#@~^IQAAAA==" + "@@@@" * 1000 + "AsAAAA==^#~@",
    ]
    for text in hostile:
        decoded, found = screnc.decode_text(text)
        assert isinstance(decoded, str)
        ev = php.Evidence()
        other.score_other(text.lower(), ev, text)
    many = "#@~^AQAAAA==d\x00AAAAAA==^#~@" * 5000
    found = screnc.blocks(many, max_blocks=100)
    assert len(found) == 100
    big = "#@~^/////w==" + "abcdef" * 100000
    found = screnc.blocks(big + big, max_work=3000)
    assert sum(len(block.plain) for block in found) <= 3000
    assert not any(block.valid for block in found)


# A shop's catalogue page encoded before shipping, as commercial ASP applications did: it reads the requested
# product number into a parameterised query. The page's plain part also reads the request.
CATALOGUE = """
Dim conn, cmd, rs, productId
productId = CLng("0" & Request.QueryString("id"))
Set conn = Server.CreateObject("ADODB.Connection")
conn.Open Application("ConnectionString")
Set cmd = Server.CreateObject("ADODB.Command")
Set cmd.ActiveConnection = conn
cmd.CommandText = "SELECT name, price FROM products WHERE id = ?"
cmd.Parameters.Append cmd.CreateParameter("id", 3, 1, , productId)
Set rs = cmd.Execute
If Not rs.EOF Then Response.Write Server.HTMLEncode(rs("name"))
"""
# A file manager's core encoded the same way: the request names the file and its content.
FILE_WRITER = """
Set fso = Server.CreateObject("Scripting.FileSystemObject")
Set out = fso.CreateTextFile(Request.Form("path"), True)
out.Write Request.Form("body")
out.Close
"""


def encoded_page(script: str) -> bytes:
    page = '<%@ LANGUAGE = "VBScript.Encode" %>\r\n<% If Request.QueryString("print") = "1" Then %><p>Print</p><% End If %>'
    return (page + "\r\n<%" + screnc.encode_block(script) + "%>\r\n").encode("latin-1")


def test_encoded_benign_page_stays_under_the_threshold():
    found = verdict("catalogue.asp", encoded_page(CATALOGUE))
    assert found.get("kind") is None
    assert "asp_encoded_script" in found["signals"]
    assert found["score"] < 10


def test_encoded_shells_reach_the_threshold_through_the_decoded_script():
    found = verdict("vbencode-bypass.asp", REAL_SAMPLE)
    assert found.get("kind") == "webshell"
    assert "asp_input_to_eval" in found["signals"]  # only the decoded script shows it
    found = verdict("fm.asp", encoded_page(FILE_WRITER))
    assert found.get("kind") == "webshell"
    assert "asp_file_access_with_input" in found["signals"]  # the decoded script's
    # The encoding alone is only a hint: far under the threshold.
    assert other.ENCODED_SCRIPT_WEIGHT < 10 // 2



def one_at_a_time(payload, lead_bytes):
    """decode_payload() as the format describes it, one character at a time (the reference)."""
    out, position, checksum, length, index = [], 0, 0, 0, 0
    while index < len(payload):
        char = payload[index]
        index += 1
        length += 1
        if char > "\x7f":
            out.append(char)
            if lead_bytes is not None and char in lead_bytes and index < len(payload):
                out.append(payload[index])
                index += 1
            continue
        if char == "@" and index < len(payload):
            char = screnc.ESCAPES.get(payload[index], "?")
            index += 1
            length += 1
        else:
            char = screnc._TABLE_AT[position % 64][ord(char)]
        out.append(char)
        checksum += ord(char)
        position += 1
    return "".join(out), checksum & 0xFFFFFFFF, length


def test_a_payload_is_decoded_by_translation_exactly_as_one_character_at_a_time():
    rnd = random.Random(14)
    ascii_chars = [chr(code) for code in range(128)] + ["@"] * 24 + ["@#", "@&", "@!", "@*", "@$"] * 4
    national = ["\x80", "\x81", "\x9f", "\xa1", "\xe0", "\xfe", "\xff", "\u4e2d", "@\xb0"]
    for lead_bytes in screnc.CODE_PAGES + (frozenset("]^-\\@\x81\xe0"),):  # and a set no code page has
        for _ in range(3000):
            pieces = ascii_chars + national * rnd.randint(0, 6)
            payload = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 300)))
            assert screnc.decode_payload(payload, lead_bytes) == one_at_a_time(payload, lead_bytes), repr(payload)
    script = "If Request(\"c\") <> \"\" Then\r\n  Response.Write(\"<b>\" & x & \"@</b>\")\r\nEnd If\r\n" * 9
    assert screnc.decode_payload(screnc.encode_payload(script))[0] == script
