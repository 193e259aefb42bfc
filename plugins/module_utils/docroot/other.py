# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Weighted evidence for ASP, ASP.NET and JSP shells (where such files are present at all).

Same idea as php.py: request input reaching code or process execution is the
strong evidence; dynamic class loading, command interpreters and decoding add up.
"""

from __future__ import annotations

import base64
import bisect
import itertools
import re

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import lazyre, php, screnc

# Script Encoder output (screnc.py): hidden source is only a hint, since commercial ASP applications shipped
# encoded too; what the decoded script does is the evidence.
ENCODED_SCRIPT_WEIGHT = 2
# A pattern whose first item is a literal is only tried where that literal stands; a leading \b is tried at every
# position. So a word's start is checked by a look-behind placed after its first letters: e(?<!\we)val is \beval.
_REQ = r"request(?:\.(?:form|querystring|item|params|cookies|getparameter|getheader|getinputstream|getreader))?\s*[\(\[]"
# The raw request body and a decryptor: each of its literals, and how far apart they may stand.
_BODY_READS = ("request.inputstream", "request.binaryread")
_DECRYPTORS = ("createdecryptor", "transformfinalblock")
_BODY_REACH = 3000


def _near(firsts, seconds, reach):
    """A pattern for one of ``firsts`` and one of ``seconds`` (literals) at most ``reach`` characters apart, in
    either order (_NearPair searches it from the literals' offsets)."""
    first, second = "|".join(map(re.escape, firsts)), "|".join(map(re.escape, seconds))
    return r"(?:%s)[\s\S]{0,%d}(?:%s)|(?:%s)[\s\S]{0,%d}(?:%s)" % (first, reach, second, second, reach, first)


SIGNALS = {
    # ASP classic / VBScript / JScript
    "asp_input_to_eval": (12, r"e(?<!\we)(?:val|xecute|xecuteglobal)\s*[\( ]\s*(?:\w+\s*\(\s*)*" + _REQ),
    "asp_execute_variable": (3, r"e(?<!\we)(?:xecute|xecuteglobal)\b\s*\(?\s*\w+\s*\)?\s*(?:\r?\n|:|%>)"),
    "asp_shell_object": (6, r"wscript\.shell|shell\.application|scripting\.filesystemobject[\s\S]{0,2000}"
                            r"(?:\.run|\.exec|createtextfile)"),
    "aspx_process_start": (8, r"process\.start\s*\(|processstartinfo|new\s+process\s*\(\s*\)"),
    "aspx_input_to_process": (12, r"\.(?:filename|arguments)\s*=\s*[^;]{0,80}" + _REQ),
    # Other documented ways .NET starts a command: a PowerShell pipeline, and the Win32 process functions
    # declared through P/Invoke (CreateProcess, WinExec, ShellExecute of kernel32/shell32). Each alone weighs less
    # than Process.Start (an admin page may run a fixed script); request input reaching them is input_to_command.
    "aspx_powershell": (6, r"management\.automation\.powershell|powershell\s*\.\s*create\s*\("
                           r"|runspacefactory\s*\.\s*createrunspace"),
    "aspx_native_process": (6, r"dllimport\s*\(\s*\"(?:kernel32|shell32)(?:\.dll)?\"[^;]{0,300}?"
                               r"\b(?:createprocess\w*|winexec|shellexecute\w*)\s*\("),
    # Memory made executable and run as a thread (P/Invoke VirtualAlloc or VirtualProtect, then CreateThread): how
    # shellcode is run in memory; a web page has no use for it.
    "aspx_shellcode_runner": (10, r"virtual(?:alloc|protect)(?:ex)?\s*\([\s\S]{0,3000}?create(?:remote)?thread\s*\("
                                  r"|create(?:remote)?thread\s*\([\s\S]{0,3000}?virtual(?:alloc|protect)(?:ex)?\s*\("),
    "aspx_dynamic_assembly": (9, r"assembly\.load\s*\(|currentdomain\s*\.\s*load\s*\(|system\.reflection\.assembly"
                                 r"|compileassemblyfromsource"
                                 r"|codedomprovider|jscript\.net|eval\s*\(\s*request"),
    # The raw request body decrypted with a key in the page: how in-memory loaders (Behinder, Godzilla) receive the
    # code they load; an application's encrypted API takes its key from configuration, and this alone stays below
    # the threshold.
    "aspx_body_decrypted": (4, _near(_BODY_READS, _DECRYPTORS, _BODY_REACH)),
    # A command made only of string literals ("/usr/bin/uptime") is an application's own tool, not a shell's.
    "jsp_runtime_exec": (8, r"(?:runtime\.getruntime\s*\(\s*\)\s*\.\s*exec|new\s+processbuilder)\s*\("
                            r"(?!\s*\"[^\"\n]*\"(?:\s*,\s*\"[^\"\n]*\")*\s*\))"),
    "fixed_command_exec": (2, r"(?:runtime\.getruntime\s*\(\s*\)\s*\.\s*exec|new\s+processbuilder)\s*\("),
    "jsp_input_to_exec": (12, r"\.exec\s*\(\s*(?:new\s+string\s*\[\]\s*\{[^}]{0,120})?[^;]{0,80}request\.getparameter"
                              r"|processbuilder\s*\([^;]{0,120}request\.getparameter"),
    # BCEL's class loader defines the class whose bytes a "$$BCEL$$" name carries.
    "jsp_define_class": (9, r"defineclass\s*\(|\$\$bcel\$\$|classloader[\s\S]{0,400}(?:aes|cipher|base64)"
                            r"|(?:aes|cipher)[\s\S]{0,400}defineclass|scriptengine(?:manager)?[\s\S]{0,400}eval\s*\("),
    # Classes loaded from an address on the network: code fetched and run, as eval() of a download is in PHP.
    "jsp_remote_class_load": (10, r"new\s+(?:java\.net\.)?url\s*\(\s*\"(?:https?|ftp)://[\s\S]{0,4000}?"
                                  r"new\s+(?:java\.net\.)?urlclassloader\s*\("),
    "jsp_file_write_input": (6, r"(?:fileoutputstream|filewriter)\s*\([^;]{0,120}request\.getparameter"),
    "cmd_interpreter": (4, r"cmd\.exe|/bin/sh|/bin/bash|cmd(?<!\wcmd)\s*/c\b"),
    "decode_input": (4, r"(?:frombase64string|base64decoder|decodebuffer|getdecoder\s*\(\s*\)\s*\.\s*decode)"
                        r"[\s\S]{0,200}" + _REQ),
    # VBScript's Execute starts a statement (line start, ':', '<%'), not a word in prose or a
    # longer name (executeSave, ExecuteSql).
    "asp_dynamic_execute": (8, r"(?:^|[\n:%>])[ \t]*(?:execute|executeglobal)\b[ \t]*\(?[ \t]*[a-z_]\w*"),
    "asp_request_input": (2, r"request(?<!\wrequest)\s*(?:\(|\.(?:form|querystring|binaryread|totalbytes|item))"),
    "asp_file_access_with_input": (4, r"scripting\.filesystemobject[\s\S]{0,3000}\brequest\s*[\(.]"
                                      r"|\brequest\s*[\(.][\s\S]{0,3000}scripting\.filesystemobject"),
    "asp_xor_loader": (6, r"request\.binaryread[\s\S]{0,400}\bxor\b"),
    "jsp_request_input": (2, r"request\.getparameter\s*\(|request\.getinputstream\s*\(|request\.getreader\s*\("),
    "jsp_file_with_input": (8, r"(?:new\s+file|fileoutputstream|filewriter|fileinputstream|filereader)\s*\([^;]{0,80}"
                               r"request\.getparameter"),
    "jsp_socket_shell": (10, r"new\s+(?:java\.net\.)?socket\s*\([\s\S]{0,3000}(?:\.exec\s*\(|/bin/(?:ba)?sh|cmd\.exe)"
                             r"|(?:\.exec\s*\(|/bin/(?:ba)?sh|cmd\.exe)[\s\S]{0,3000}new\s+(?:java\.net\.)?socket\s*\("),
    "jsp_reflective_exec": (8, r"java\.lang\.(?:runtime|processbuilder|processimpl)\b|getmethod\s*\(\s*\"(?:exec|start|"
                               r"getruntime)\"|java\.beans\.(?:expression|statement)|\"getruntime\"|scriptenginemanager"),
    "jsp_upload": (8, r"getinputstream\s*\([\s\S]{0,3000}fileoutputstream|fileoutputstream[\s\S]{0,3000}"
                      r"getinputstream\s*\("),
    "jsp_db_manager": (4, r"class\.forname\s*\([\s\S]{0,2000}drivermanager\.getconnection"),
    # A block left encoded (past the decoder's budget); decoded blocks are scored as the script they hold.
    "asp_encoded_script": (ENCODED_SCRIPT_WEIGHT, r"#@~\^[a-z0-9+/]{6}==(?=[\s\S]{40})"),
    "jscript_eval_unsafe": (12, r"eval(?<!\weval)\s*\([^;]{0,200},\s*['\"]unsafe['\"]"),
    "eval_of_variable": (6, r"eval(?<!\weval)\s*\(\s*[a-z_]\w*\s*[,)]"),
    "eval_reference": (6, r"[:=,\[]\s*eval\s*[,}\]]"),
    "script_control_object": (8, r"msscriptcontrol|scriptcontrol"),
    "utf7_source": (8, r"codepage\s*=\s*65000"),
    "reversed_execute": (4, r"strreverse[\s\S]{0,300}\bexecute\b|execute(?<!\wexecute)\b[\s\S]{0,300}strreverse"),
    "cfm_execute": (10, r"<cfexecute\b"),
    "cfm_file_upload": (6, r"<cffile\s[^>]*action\s*=\s*['\"]?(?:upload|write)"),
    "file_manager_ui": (4, r"(?:createfolder|deletefile|deletefolder|movefile|copyfile|createtextfile)[\s\S]{0,4000}"
                           r"(?:createfolder|deletefile|deletefolder|movefile|copyfile|createtextfile)"),
}
# Literals every match of a signal contains (at least one of them): a substring test is far cheaper than a
# search that fails, so a pattern only runs on text holding one of its literals.
NEEDS = {
    "asp_input_to_eval": ("eval", "execute"),
    "asp_execute_variable": ("execute",),
    "asp_shell_object": ("wscript.shell", "shell.application", "scripting.filesystemobject"),
    "aspx_process_start": ("process",),
    "aspx_input_to_process": ("processstartinfo", "new process", "process.start"),
    "aspx_powershell": ("powershell", "runspacefactory"),
    "aspx_native_process": ("dllimport",),
    "aspx_shellcode_runner": ("virtualalloc", "virtualprotect"),
    "aspx_dynamic_assembly": ("assembly", "currentdomain", "codedomprovider", "jscript.net", "eval"),
    "aspx_body_decrypted": _DECRYPTORS,
    "jsp_runtime_exec": ("runtime", "processbuilder"),
    "fixed_command_exec": ("runtime", "processbuilder"),
    "jsp_input_to_exec": ("request.getparameter",),
    "jsp_define_class": ("defineclass", "$$bcel$$", "classloader", "scriptengine"),
    "jsp_remote_class_load": ("urlclassloader",),
    "jsp_file_write_input": ("request.getparameter",),
    "cmd_interpreter": ("cmd", "/bin/"),
    "decode_input": ("frombase64string", "base64decoder", "decodebuffer", "getdecoder"),
    "asp_dynamic_execute": ("execute",),
    "asp_request_input": ("request",),
    "asp_file_access_with_input": ("scripting.filesystemobject",),
    "asp_xor_loader": ("request.binaryread",),
    "jsp_request_input": ("request.get",),
    "jsp_file_with_input": ("request.getparameter",),
    "jsp_socket_shell": ("socket",),
    "jsp_reflective_exec": ("java.lang.", "getmethod", "java.beans.expression", "java.beans.statement", '"getruntime"',
                            "scriptenginemanager"),
    "jsp_upload": ("fileoutputstream",),
    "jsp_db_manager": ("drivermanager.getconnection",),
    "asp_encoded_script": ("#@~^",),
    "jscript_eval_unsafe": ("unsafe",),
    "eval_of_variable": ("eval",),
    "eval_reference": ("eval",),
    "script_control_object": ("scriptcontrol",),
    "utf7_source": ("codepage",),
    "reversed_execute": ("strreverse",),
    "cfm_execute": ("<cfexecute",),
    "cfm_file_upload": ("<cffile",),
    "file_manager_ui": ("createfolder", "deletefile", "deletefolder", "movefile", "copyfile", "createtextfile"),
}


class _FirstOfBranches:
    """search() of an alternation as the leftmost first match of its branches (all that is used of it is where it
    starts). Each branch starts with a literal, so it is only tried where that literal stands; the alternation is
    tried wherever the first letter of any branch stands."""

    def __init__(self, branches):
        self.branches = tuple(lazyre.pattern(branch) for branch in branches)

    def search(self, text):
        best = None
        for rx in self.branches:
            match = rx.search(text)
            if match and (best is None or match.start() < best.start()):
                best = match
        return best


class _EvalReference:
    """search() of eval_reference's pattern, which starts with a character class (":", "=", "," or "[", all
    frequent): looked for from each "eval" followed by its closing character, then back over the blanks."""

    _AFTER = lazyre.pattern(r"eval\s*[,}\]]")

    def __init__(self, pattern):
        self.rx = lazyre.pattern(pattern)

    def search(self, text):
        for match in self._AFTER.finditer(text):
            start = match.start()
            while start > 0 and text[start - 1].isspace():
                start -= 1
            if start > 0 and text[start - 1] in ":=,[":
                return self.rx.match(text, start - 1)
        return None


class _NearPair:
    """search() of a pattern "A[\\s\\S]{0,N}B|B[\\s\\S]{0,N}A" (A, B: alternations of literals): tried only at an A
    with a B starting within reach after it, or the other way round, found from the literals' sorted offsets; the
    pattern itself tried everywhere costs N characters at every A or B (a megabyte of them, a second)."""

    def __init__(self, pattern, firsts, seconds, reach):
        self.rx = lazyre.pattern(pattern)
        self.firsts, self.seconds, self.reach = firsts, seconds, reach

    @staticmethod
    def _offsets(text, literals):
        found = []
        for literal in literals:
            pos = text.find(literal)
            while pos >= 0:
                found.append((pos, pos + len(literal)))
                pos = text.find(literal, pos + 1)
        found.sort()
        return found

    def search(self, text):
        firsts, seconds = self._offsets(text, self.firsts), self._offsets(text, self.seconds)
        if not firsts or not seconds:
            return None
        first_starts, second_starts = [span[0] for span in firsts], [span[0] for span in seconds]
        candidates = sorted({start for start, end in firsts if _starts_within(second_starts, end, self.reach)}
                            | {start for start, end in seconds if _starts_within(first_starts, end, self.reach)})
        for start in candidates:
            match = self.rx.match(text, start)
            if match:
                return match
        return None


def _starts_within(starts, pos, reach):
    """Whether one of the sorted ``starts`` lies in [pos, pos + reach]."""
    index = bisect.bisect_left(starts, pos)
    return index < len(starts) and starts[index] <= pos + reach


# The same signals searched faster (same first match); a test holds them equal to SIGNALS' patterns.
_FASTER = {
    "aspx_process_start": _FirstOfBranches((r"process(?:\.start\s*\(|startinfo)", r"new\s+process\s*\(\s*\)")),
    "aspx_dynamic_assembly": _FirstOfBranches((r"assembly\.load\s*\(", r"currentdomain\s*\.\s*load\s*\(",
                                               r"system\.reflection\.assembly",
                                               r"compileassemblyfromsource", r"codedomprovider", r"jscript\.net",
                                               r"eval\s*\(\s*request")),
    "eval_reference": _EvalReference(SIGNALS["eval_reference"][1]),
    "aspx_body_decrypted": _NearPair(SIGNALS["aspx_body_decrypted"][1], _BODY_READS, _DECRYPTORS, _BODY_REACH),
}
_COMPILED = [(name, weight, NEEDS[name], _FASTER.get(name) or lazyre.pattern(pattern))
             for name, (weight, pattern) in SIGNALS.items()]
# Each literal of NEEDS once per text, looked up among its names (php.words_of): some ninety substring tests of the
# whole text, many for the same literal, cost more than the patterns they gate.
_NEEDS_SPELLED = tuple(php.spelled(literal) for literal in sorted({n for needs in NEEDS.values() for n in needs}))


_COMMENT = lazyre.pattern(r"/\*.{0,200}?\*/", re.S)
_JOIN = lazyre.pattern(r"\"\s*[+&]\s*\"")
# An empty literal joined to a value ("" & path & "") is the value itself; a doubled quote inside a VBScript
# string ("<a href=""" & url) is not an empty literal. Each pattern starts with a literal, not with optional blanks
# (a run of blanks would cost quadratic time), and the look-behind follows the literal (a fast scan for it).
_EMPTY_JOIN_BEFORE = lazyre.pattern(r"\"\"(?<![\w\"]\"\")[ \t]*[+&][ \t]*")
_EMPTY_JOIN_AFTER = lazyre.pattern(r"[+&][ \t]*\"\"(?![\w\"])")
_EMPTY_LITERAL = lazyre.pattern(r"\"\"(?![\w\"])")


def _drop_empty_after(low: str) -> str:
    """_EMPTY_JOIN_AFTER.sub("", low), its matches found from their empty literal (far rarer than "&" in markup)."""
    out = []
    last = 0
    for match in _EMPTY_LITERAL.finditer(low):
        start = match.start()
        while start > 0 and low[start - 1] in " \t":
            start -= 1
        if start > last and low[start - 1] in "+&":
            out.append(low[last:start - 1])
            last = match.end()
    out.append(low[last:])
    return "".join(out)


_HEX = lazyre.pattern(r"\\x([0-9a-f]{2})")
# Each optional part starts with a literal ('"', '+', '&'): two optional whitespace runs side by side would make a
# long run of spaces cost cubic time.
# The code is a decimal, or VBScript's &H hex or &O octal literal.
# A call with what joins it to the literals around it: ' "a" & chr(65) & "b" ' is "aab" once folded. The pattern starts
# at the name (a search skips to each "chr"); the join before it ("\s*[+&]?\s*, or [+&]\s* alone) is taken by
# _chr_folded, looking back: a pattern starting with that optional join was tried at every position of the text and
# cost a third of the ASP/JSP scoring's time.
_CHR = lazyre.pattern(r"chrw?\s*\(\s*(\d{1,3}|&h[0-9a-f]{1,4}|&o?[0-7]{1,6})\s*\)(?:\s*[+&]\s*\"?|\s*\")?")


def _join_before(low: str, at: int, floor: int) -> int:
    """Where the join before the call at ``at`` starts (a quote, blanks, an optional + or &, blanks; or + or & and
    blanks), not before ``floor``; ``at`` when there is none."""
    blank = at
    while blank > floor and low[blank - 1].isspace():  # what \s matches in a str pattern
        blank -= 1
    if blank > floor and low[blank - 1] in "+&":
        quote = blank - 1
        while quote > floor and low[quote - 1].isspace():
            quote -= 1
        return quote - 1 if quote > floor and low[quote - 1] == '"' else blank - 1
    if blank > floor and low[blank - 1] == '"':
        return blank - 1
    return at


def _chr_folded(low: str) -> str:
    """Each chr()/chrw() call of a constant code replaced by its character, with the joins around it."""
    pieces, done = [], 0
    for match in _CHR.finditer(low):
        start = match.start()
        if start and (low[start - 1].isalnum() or low[start - 1] == "_"):  # a longer name (what \w matches)
            continue
        pieces += (low[done:_join_before(low, start, done)], _chr_code(match.group(1)))
        done = match.end()
    if not pieces:
        return low
    pieces.append(low[done:])
    return "".join(pieces)


def _chr_code(literal: str) -> str:
    """The lower-cased character of a chr() code (the text it lands in is lower-cased too)."""
    if literal.startswith("&h"):
        code = int(literal[2:], 16)
    elif literal.startswith("&"):
        code = int(literal.lstrip("&o"), 8)
    else:
        code = int(literal)
    return chr(code & 0xFF).lower()


# The documented class ids of the COM objects that run commands or reach files: a page may create one with
# <object runat=server classid="clsid:..."> instead of Server.CreateObject("WScript.Shell"). Named by the ProgID,
# the object is the same evidence either way.
_CLASS_IDS = {
    "72c24dd5-d70a-438b-8a42-98424b88afb8": "wscript.shell",
    "f935dc22-1cf0-11d0-adb9-00c04fd58a0b": "wscript.shell",
    "13709620-c279-11ce-a49e-444553540000": "shell.application",
    "0d43fe01-f093-11cf-8940-00a0c9054228": "scripting.filesystemobject",
}
# ... or GetObject("new:{...}"), the moniker that creates an object by its class id.
_CLASS_ID = lazyre.pattern(r"(?:clsid|new):\s*\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?")
# Java (and C#, JScript) read \uXXXX escapes anywhere in the source, names and keywords included, before anything
# else (\u0065\u0078\u0065\u0063 is exec): read here as the compiler reads them.
_UNICODE_ESCAPE = lazyre.pattern(r"\\u+([0-9a-f]{4})")


def _class_id_named(match) -> str:
    """The ProgID in place of a known class id, padded to its length (later offsets stay those of the page)."""
    name = _CLASS_IDS.get(match.group(1))
    return name.ljust(len(match.group(0))) if name else match.group(0)


def normalise(low: str) -> str:
    """Comments out, "e"+"v" and "a"&"b" joined, \\x and \\u escapes and Chr(n) turned into text, COM class ids named."""
    if "clsid:" in low or "new:" in low:
        low = _CLASS_ID.sub(_class_id_named, low)
    if "\\u" in low:
        low = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)).lower(), low)
    if "/*" in low:
        low = _COMMENT.sub("", low)
    if "\\x" in low:
        low = _HEX.sub(lambda m: chr(int(m.group(1), 16)), low)
    if "chr" in low:
        low = _chr_folded(low)
    if '""' in low:
        low = _drop_empty_after(_EMPTY_JOIN_BEFORE.sub("", low))
    return _JOIN.sub("", low)


def score_other(low: str, ev, text: str | None = None, enough: int | None = None) -> None:
    """Add ASP/ASPX/JSP/CFML signals of lower-cased text to ``ev`` (``text``: the same, case kept, if known).

    With ``enough``, scoring stops once the score reaches it (every later step only adds: the flow's file signals
    stand in for ``asp_file_access_with_input`` with as much weight or more)."""
    if text is not None and "#@~^" in low:
        # Script Encoder blocks are case-sensitive: decoded from the original text, then scored in its place.
        decoded, found = screnc.decode_text(text)
        if found:
            ev.add("asp_encoded_script", ENCODED_SCRIPT_WEIGHT, found[0].start)
            text, low = decoded, decoded.lower()
    if text is not None and "<jsp:" in low:
        text, low = _jsp_document_code(text, low)
    low = normalise(low)
    low = low + _decoded_literals(low, text)
    words = php.words_of(low)
    present = {spelling[0] for spelling in _NEEDS_SPELLED if php.occurs(spelling, low, words)}
    for name, weight, needs, rx in _COMPILED:
        if present.isdisjoint(needs):
            continue
        match = rx.search(low)
        if match:
            ev.add(name, weight, match.start())
            if enough is not None and ev.score >= enough:
                return
    _score_flow(low, ev)
    if "input_to_file_access" in ev.found or "input_to_file_write" in ev.found:
        # The traced flow is the same evidence as the file object merely near request input: count it once.
        ev.found.pop("asp_file_access_with_input", None)
    _score_cfml(low, ev)
    _score_obfuscation(low, ev)
    _score_upload(low, ev)


# ---------------------------------------------------------------------------------------------------------------
# JSP documents (JSP in XML syntax, .jspx): the code of <jsp:scriptlet>, <jsp:declaration> and <jsp:expression> is
# XML character data, so the container hands the compiler its character references and predefined entities
# decoded and its CDATA sections unwrapped. "Run<![CDATA[time]]>" and "&#x52;untime" are "Runtime" to Java.

# (XML names and markers are case-sensitive: a container rejects <JSP:scriptlet> or <![cdata[.)
_JSP_CODE_ELEMENT = lazyre.pattern(r"(<jsp:(scriptlet|declaration|expression)\b[^>]{0,400}>)([\s\S]*?)(</jsp:\2\s*>)")
_CDATA = lazyre.pattern(r"<!\[CDATA\[([\s\S]*?)\]\]>")
_XML_REFERENCE = lazyre.pattern(r"&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));")
_XML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _xml_character(match) -> str:
    if match.group(3):
        return _XML_ENTITIES[match.group(3)]
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return chr(code) if code < 0x110000 else ""


def xml_character_data(body: str) -> str:
    """``body`` as an XML parser gives it: CDATA sections unwrapped (their text kept as it is), character references
    and the five predefined entities decoded outside them."""
    pieces, done = [], 0
    for match in _CDATA.finditer(body):
        pieces += (_XML_REFERENCE.sub(_xml_character, body[done:match.start()]), match.group(1))
        done = match.end()
    pieces.append(_XML_REFERENCE.sub(_xml_character, body[done:]))
    return "".join(pieces)


def _jsp_document_code(text: str, low: str):
    """(text, lower-cased text) with the code elements of a JSP document decoded as the container reads them."""
    if "jsp:scriptlet" not in low and "jsp:declaration" not in low and "jsp:expression" not in low:
        return text, low
    if "&" not in text and "<![" not in text:
        return text, low
    decoded = _JSP_CODE_ELEMENT.sub(lambda m: m.group(1) + xml_character_data(m.group(3)) + m.group(4), text)
    return decoded, decoded.lower()


# ---------------------------------------------------------------------------------------------------------------
# Decoding of literals: what a script builds at run time from constants is appended as text to be scored too.

_BYTE_ARRAY = lazyre.pattern(r"new\s+byte\s*\[\s*\]\s*\{([\d\s,]{1,2000})\}")
_UNESCAPE = lazyre.pattern(r"unescape\s*\(\s*\"([^\"\n]{1,4000})\"")
_PERCENT = lazyre.pattern(r"%(?:u([0-9a-f]{4})|([0-9a-f]{2}))")
_LITERAL = lazyre.pattern(r"\"([^\"\n]{8,4000})\"")
_BASE64_ARG = lazyre.pattern(r"(?:decodebuffer|frombase64string|decode|base64decode)\s*\(\s*\"([A-Za-z0-9+/]{8,4000}={0,2})\"",
                             re.I)
# A literal handed to any call, for a page that decodes base64 in a function of its own (d("U3lzdGVt...")): the
# names it hides (a type, a method) are only revealed decoded. Whole quads only, and kept only when the bytes are
# printable text (a random word is seldom valid base64 of text).
_ANY_CALL_BASE64_ARG = lazyre.pattern(r"\(\s*\"((?:[A-Za-z0-9+/]{4}){2,1000}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)\"")
_PRINTABLE_TEXT = lazyre.pattern(r"[\x20-\x7e\t\r\n]+")


def _percent_decode(value: str) -> str:
    return _PERCENT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), value)


# A function of the page's own whose body returns what FromBase64String gives (C#: string d(string s) { return
# ...FromBase64String(s)...; }): the pattern starts with a literal, so a search skips to each ")".
_OWN_DECODER = lazyre.pattern(r"\)\s*\{\s*return\b[^;{}]{0,200}frombase64string")


def _printable_base64(literal: str) -> str:
    """The text ``literal`` encodes in base64, or "" when it is not printable text."""
    try:
        decoded = base64.b64decode(literal, validate=True).decode("latin-1")
    except ValueError:
        return ""
    return decoded if _PRINTABLE_TEXT.fullmatch(decoded) else ""


def _decoded_literals(low: str, text: str | None) -> str:
    """Text a script builds from constants: byte arrays, unescape(), reversed strings, base64, UTF-7 source."""
    found = []
    if "new byte" in low:
        for match in _BYTE_ARRAY.finditer(low):
            codes = [int(c) & 0xFF for c in match.group(1).replace(" ", "").split(",") if c.strip().isdigit()]
            found.append("".join(map(chr, codes)))
    if "unescape" in low:
        found.extend(_percent_decode(m.group(1)) for m in _UNESCAPE.finditer(low))
    if "strreverse" in low or ".reverse(" in low:
        # A keyword spelt backwards ("tseuqer lave") only means something once the string is turned round.
        found.extend(m.group(1)[::-1] for m in _LITERAL.finditer(low))
    if text is not None:
        if "base64" in low or "decodebuffer" in low:
            for match in _BASE64_ARG.finditer(text):
                try:
                    found.append(base64.b64decode(match.group(1)).decode("latin-1"))
                except ValueError:
                    pass
        if "frombase64string" in low and _OWN_DECODER.search(low):
            found.extend(_printable_base64(match.group(1)) for match in _ANY_CALL_BASE64_ARG.finditer(text))
        if "65000" in low and "codepage" in low:
            try:
                found.append(text.encode("latin-1").decode("utf-7", "replace"))
            except ValueError:
                pass
    if not found:
        return ""
    return "\n" + normalise("\n".join(found).lower())


# ---------------------------------------------------------------------------------------------------------------
# Data flow: request input reaching a sink directly, through variables or through a local function's parameters.

# Request input of JSP (request.getParameter ...), ASP.NET (Request.Form[...], Request["x"] ...) and
# classic ASP (Request("x"), Request.Form("x") ...). Server variables are left out: pages read paths from them.
# Patterns here start with a literal, not with \b: a leading \b keeps the regex engine from skipping ahead to the
# literal and makes a search many times slower. _search checks the word boundary instead.
# The request body as a whole (BinaryRead, InputStream, Files) is left out: upload classes parse it into every
# name they use, and an upload is not a shell by itself (the body's other uses are signals of their own).
_SOURCE = (r"request\s*(?:(?:\.\s*(?:form|querystring|params|item|cookies|headers)\s*(?:\.\s*get\s*)?)?[\(\[]"
           r"|\.\s*get(?:parameter(?:values|map)?|header|querystring)\s*\()")
_SOURCE_RX = lazyre.pattern(_SOURCE)
# ASP.NET form controls: what the visitor typed is their .Text / .Value.
_INPUT_CONTROL = lazyre.pattern(r"<(?:asp:textbox|asp:hiddenfield|input|textarea)\b[^>]{0,400}>")
_CONTROL_ID = lazyre.pattern(r"\bid\s*=\s*[\"']?([a-z_]\w*)")
_FUNC_DEF = lazyre.pattern(r"(?:\b(?:function|sub)\s+([a-z_]\w*)\s*\(([^)\n]{0,200})\)"
                           r"|\b([a-z_]\w*)\s*\(([^()\n]{0,200})\)\s*(?:throws\s[^{;]{0,120})?\{)")
_CONCAT_LITERAL = lazyre.pattern(r"[\"']\s*[+&]|[+&]\s*[\"']")
_NOT_NAMES = frozenset(("if", "while", "for", "switch", "catch", "return", "new", "function", "sub", "dim", "set",
                        "var", "string", "int", "value", "name", "id", "type", "class", "style", "action", "method"))
_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_WORD_OR_DOT = _WORD | {"."}
MAX_TAINTED = 60
MAX_USES = 400  # statements looked at per round: a shell's input flows are near its first uses

# Sinks: (signal, weight when the argument is the input itself, weight when input is mixed with other text,
# literals the text must hold, pattern ending where the argument starts).
# A match starting with a letter must start a word; the code sinks (VBScript Execute, eval) must not be a method
# of another object either (JDBC's statement.execute is a query).
_SINKS = (
    ("input_to_command", 12, 12, ("runtime", "processbuilder"), r"\.exec\s*\(|processbuilder\s*\(|\.command\s*\("),
    ("input_to_command", 12, 12, ("processstartinfo", "process.start", "new process"),
     r"process\.start\s*\(|processstartinfo\s*\(|\.(?:arguments|filename)\s*="),
    ("input_to_command", 12, 12, ("wscript.shell", "shell.application"), r"\.(?:run|exec|shellexecute)\b\s*\(?"),
    ("input_to_command", 12, 12, ("powershell", "runspace"), r"\.add(?:script|command)\s*\("),
    ("input_to_command", 12, 12, ("createprocess", "winexec", "shellexecute"),
     r"(?:createprocess\w*|winexec|shellexecute\w*)\s*\("),
    ("input_to_code", 12, 12, ("execute", "eval"), r"(?:execute|executeglobal)\b\s*\(?|eval\s*[\( ]"),
    ("input_to_code", 12, 12, ("scriptengine", "defineclass", "assembly.load", "compileassembly"),
     r"\.eval\s*\(|defineclass\s*\(|assembly\.load\w*\s*\(|compileassemblyfrom\w+\s*\("),
    # java.beans.XMLDecoder makes the objects and calls the methods its XML names (Runtime.exec included).
    ("input_to_code", 12, 12, ("xmldecoder",), r"new\s+(?:java\.beans\.)?xmldecoder\s*\("),
    ("input_to_class_load", 8, 4, ("forname", "loadclass", "createinstance"),
     r"class\.forname\s*\(|\.loadclass\s*\(|activator\.createinstance\s*\("),
    # A path the client chose whole (raw) is a file manager's; a name joined to the application's folder (mixed)
    # is what every upload form does, so it adds nothing.
    ("input_to_file_write", 8, 0, ("file", "stream", "writer", "saveas"),
     r"new\s+(?:java\.io\.)?(?:fileoutputstream|filewriter|printwriter|printstream|randomaccessfile|filehandler)\s*\("
     r"|file\.(?:writeall\w+|appendall\w+|create|createtext|appendtext)\s*\("
     r"|new\s+(?:system\.io\.)?(?:streamwriter|filestream)\s*\(|\.saveas\s*\("
     r"|\.(?:createtextfile|savetofile)\b\s*\(?"),
    # Reading, listing, moving or deleting a client's path: asset managers do it too, so it only adds up.
    ("input_to_file_access", 4, 2, ("file", "directory", "folder"),
     r"new\s+(?:java\.io\.)?(?:file|fileinputstream|filereader)\s*\(|directory\.\w+\s*\("
     r"|new\s+(?:system\.io\.)?(?:directoryinfo|fileinfo)\s*\(|file\.(?:readall\w+|openread|opentext)\s*\("
     r"|response\.(?:writefile|transmitfile)\s*\(|\.(?:getfolder|getfile|opentextfile)\b\s*\(?"
     r"|file\.(?:move|copy|delete|setattributes)\s*\("
     r"|\.(?:deletefile|copyfile|movefile|deletefolder|createfolder|copyfolder|movefolder)\b\s*\(?"),
    ("input_to_db_connection", 6, 4, ("connection",),
     r"drivermanager\.getconnection\s*\(|new\s+(?:[\w.]+\.)?(?:sql|oledb|odbc|mysql|oracle)connection\s*\("
     r"|\.connectionstring\s*=|connection\.open\b\s*\(?"),
    ("input_to_sql", 6, 0, ("sql", "command", "execute", "statement"),
     r"new\s+(?:[\w.]+\.)?(?:sql|oledb|odbc|mysql|oracle)(?:command|dataadapter)\s*\("
     r"|\.(?:executequery|executeupdate|execute|preparestatement|addbatch)\s*\(|\.commandtext\s*="),
    ("input_to_network", 6, 4, ("socket", "url", "tcpclient", "webrequest", "connect", "endpoint"),
     r"new\s+(?:java\.net\.)?(?:socket|url|inetsocketaddress)\s*\(|new\s+(?:[\w.]+\.)?(?:tcpclient|ipendpoint)\s*\("
     r"|\.connect\s*\(|webrequest\.create\w*\s*\("),
    # The URL of a server-side HTTP request (Microsoft.XMLHTTP, ServerXMLHTTP, WinHttpRequest: .Open method, url).
    ("input_to_network", 6, 4, ("xmlhttp", "winhttp"), r"\.open\b\s*\(?\s*\"(?:get|post|head)\"\s*,\s*"),
)
# Kinds of file operation, for a file manager: the request choosing the whole path of two or more kinds.
_FILE_KINDS = (
    ("read", ("opentextfile", "file.", "response.", "reader", "inputstream", "loadfromfile"),
     r"\.opentextfile\b\s*\(?|file\.(?:readall\w*|openread|opentext)\s*\(|response\.(?:writefile|transmitfile)\s*\("
     r"|new\s+(?:[\w.]+\.)?(?:streamreader|fileinputstream|filereader)\s*\(|\.loadfromfile\b\s*\(?"),
    ("list", ("getfolder", "directory", "listfiles"),
     r"\.getfolder\b\s*\(?|directory\.get(?:files|directories|filesystementries)\s*\(|new\s+(?:[\w.]+\.)?directoryinfo\s*\("),
    ("write", ("createtextfile", "savetofile", "file.", "writer", "stream", "saveas"),
     r"\.(?:createtextfile|savetofile)\b\s*\(?|file\.(?:writeall\w*|appendall\w*|create|createtext|appendtext)\s*\("
     r"|new\s+(?:[\w.]+\.)?(?:streamwriter|filestream|fileoutputstream|filewriter)\s*\(|\.saveas\s*\("),
    ("delete", ("delete",), r"\.(?:deletefile|deletefolder)\b\s*\(?|(?:file|directory)\.delete\s*\("),
    ("move", ("move", "copy"), r"\.(?:movefile|copyfile|movefolder|copyfolder)\b\s*\(?|(?:file|directory)\.(?:move|copy)\s*\("),
    ("mkdir", ("createfolder", "createdirectory"), r"\.createfolder\b\s*\(?|directory\.createdirectory\s*\("),
)
_FILE_KINDS_COMPILED = [(kind, needs, lazyre.pattern(pattern)) for kind, needs, pattern in _FILE_KINDS]
_SINKS_COMPILED = [(name, raw, mixed, needs, lazyre.pattern(pattern), _WORD_OR_DOT if name == "input_to_code" else _WORD)
                   for name, raw, mixed, needs, pattern in _SINKS]


def _search(rx, text: str, before=_WORD):
    """The first match of ``rx`` in ``text`` that, starting with a letter, is not preceded by one of ``before``."""
    for match in rx.finditer(text):
        start = match.start()
        if start == 0 or text[start] not in _WORD or text[start - 1] not in before:
            return match
    return None


# Calls on an object made from input: a FileInfo/File of a visitor's path written, listed or deleted.
_OBJECT_WRITE = r"\.\s*(?:createtext|appendtext|openwrite|create|createnewfile|renameto|moveto|copyto|mkdirs?)\s*\("
_OBJECT_PUT = r"\s*\.\s*(?:write|writeline|println|print)\b\s*\(?"
_OBJECT_ACCESS = r"\.\s*(?:delete|listfiles|list|getfiles|getdirectories|opentext|openread)\s*\("


def _controls(low: str):
    """Ids of the page's ASP.NET input controls."""
    if "runat" not in low:
        return []
    ids = set()
    for match in _INPUT_CONTROL.finditer(low):
        tag = match.group(0)
        if "runat" in tag or tag.startswith("<asp:"):
            found = _CONTROL_ID.search(tag)
            if found:
                ids.add(found.group(1))
    return sorted(ids)


def _argument(low: str, start: int) -> str:
    """The text of a call's argument or an assigned value from ``start``.

    It ends at ';', '%>', the bracket closing the call, or a line end outside brackets (VBScript has no ';').
    """
    seg = low[start:start + 300]
    index = seg.find("%>")
    if index >= 0:
        seg = seg[:index]
    index = seg.find(";")
    while index >= 0:
        # A ';' inside a string ("server=" + host + ";uid=") does not end the statement.
        if seg.count('"', 0, index) % 2 == 0:
            seg = seg[:index]
            break
        index = seg.find(";", index + 1)
    index = seg.find(")")
    while index >= 0:
        head = seg[:index]
        if head.count("(") < head.count(")") + 1:
            seg = head
            break
        index = seg.find(")", index + 1)
    index = seg.find("\n")
    while index >= 0:
        head = seg[:index]
        if head.count("(") + head.count("[") + head.count("{") <= head.count(")") + head.count("]") + head.count("}"):
            return head
        index = seg.find("\n", index + 1)
    return seg


MAX_STARTS = 50000


def matches_at(rx, text: str, literals):
    """What ``rx.finditer(text)`` yields, for a pattern each of whose matches starts with one of ``literals``.

    The pattern is tried only where one of them stands (found by str.find, far faster than a search that
    tries an alternation of names at every position), in text order, never inside the last match. A text
    holding a literal at very many places (a one-letter name in a hostile file) is searched as it is instead:
    the same matches, without a set of millions of positions.
    """
    starts = set()
    for literal in literals:
        pos = text.find(literal)
        while pos != -1:
            starts.add(pos)
            if len(starts) > MAX_STARTS:
                yield from rx.finditer(text)
                return
            pos = text.find(literal, pos + 1)
    end = 0
    for pos in sorted(starts):
        if pos < end:
            continue
        match = rx.match(text, pos)
        if match:
            end = max(match.end(), pos + 1)
            yield match


_ASSIGN_HEAD = lazyre.pattern(r"\b([a-z_]\w*)\s*(?:\[[^\]\n]{0,40}\]\s*)?[+&]?=(?!=)[ \t]*")
_CALL = lazyre.pattern(r"\b([a-z_]\w*)\s*\(")
# VBScript also calls a Sub or Function as a statement, without brackets ("name arg"): at a line start, after ":"
# or "<%". Only names of the page's own functions are looked up.
_STATEMENT_CALL = lazyre.pattern(r"(?:^|(?<=[\n:%]))[ \t]*([a-z_]\w*)[ \t]+(?=[^\s=(])")
_STATEMENT_ENDS = ("\n", "{", "}", "%>", "<%")


class _SourceOrControls:
    """The matches of _SOURCE and of a page's control ids followed by .Text or .Value, as one alternation of both
    would give them, without compiling that alternation for each page (compiling _SOURCE again per page was most
    of the cost of a page's data flow): where both parts match at one position, _SOURCE's match is taken, as the
    regex engine takes an alternation's first branch.
    """

    def __init__(self, controls):
        self.controls = re.compile(r"(?:%s)\s*\.\s*(?:text|value)\b" % "|".join(map(re.escape, controls)))

    def match(self, text, pos=0):
        return _SOURCE_RX.match(text, pos) or self.controls.match(text, pos)

    def finditer(self, text):
        # The next match of each part at or after ``pos``, kept until passed: each part's search runs forward only.
        parts = (_SOURCE_RX, self.controls)
        ahead = [rx.search(text) for rx in parts]
        pos = 0
        while True:
            for i, rx in enumerate(parts):
                if ahead[i] is not None and ahead[i].start() < pos:
                    ahead[i] = rx.search(text, pos)
            first, second = ahead
            match = first if second is None or (first is not None and first.start() <= second.start()) else second
            if match is None:
                return
            yield match
            pos = match.end()  # no part matches the empty string

    def search(self, text):
        return next(self.finditer(text), None)


class _Taint:
    """Which names carry request input, and whether as the input itself (raw) or mixed with other text.

    Only statements around a source or a tainted name are looked at, so the cost follows the input's uses,
    not the size of the file.
    """

    def __init__(self, low: str, page: str):
        self.raw, self.mixed = set(), set()
        controls = _controls(page)
        self.source = _SourceOrControls(controls) if controls else _SOURCE_RX
        self.names_rx = None
        self.compiled_names = []
        self.functions = None
        # Each match starts with "request" or a control's id.
        found = matches_at(self.source, low, ["request"] + controls) if controls else self.source.finditer(low)
        hits = [m.start() for m in found if m.start() == 0 or low[m.start()] not in _WORD or low[m.start() - 1] not in _WORD]
        for _round in range(3):
            # Names found in this round are followed in the next one: one pattern per round, not per statement.
            self._compile()
            known = self.raw | self.mixed
            for pos in hits[:MAX_USES]:
                self._statement(low, pos)
            fresh = sorted((self.raw | self.mixed) - known)
            if not fresh or len(self.raw | self.mixed) > MAX_TAINTED:
                break
            rx = re.compile(r"(?:%s)\b(?!\s*\()" % "|".join(fresh))
            hits = [m.start() for m in rx.finditer(low) if m.start() == 0 or low[m.start() - 1] not in _WORD]
        self._compile()

    def _compile(self):
        names = sorted(self.raw | self.mixed, key=lambda n: (-len(n), n))[:MAX_TAINTED]
        if names != self.compiled_names:
            self.compiled_names = names
            self.names_rx = re.compile(r"(?:%s)\b(?!\s*\()" % "|".join(names)) if names else None

    def _statement(self, low: str, pos: int):
        """Taint the name the statement holding ``pos`` assigns, or a local function's parameters it calls."""
        floor = max(0, pos - 400)
        start = max(low.rfind(end, floor, pos) for end in _STATEMENT_ENDS) + 1
        if start == 0:
            start = floor
        semicolon = low.find(";", start, pos)
        while semicolon >= 0:
            if low.count('"', start, semicolon) % 2 == 0:
                start = semicolon + 1
            semicolon = low.find(";", semicolon + 1, pos)
        # An "=" inside a string literal ("server=" + host, markup a script writes: align="left") assigns nothing.
        heads = [h for h in _ASSIGN_HEAD.finditer(low, start, pos) if low.count('"', start, h.start()) % 2 == 0]
        if heads:
            head = heads[-1]
            hit = self.first(_argument(low, head.end()))
            if hit is not None:
                self._taint(head.group(1), hit[1])
        self._parameters(low, start, pos)

    def _parameters(self, low: str, start: int, pos: int):
        """A local function called with input: its parameters carry it too."""
        if self.functions is None:
            self.functions = {}
            for match in _FUNC_DEF.finditer(low):
                name = match.group(1) or match.group(3)
                params = match.group(2) if match.group(1) else match.group(4)
                if params and name not in _NOT_NAMES and name not in self.functions:
                    self.functions[name] = [w[-1] for w in (re.findall(r"[a-z_]\w*", p.split("=")[0])
                                                            for p in params.split(",")) if w]
        if not self.functions:
            return
        calls = itertools.chain(_CALL.finditer(low, start, pos), _STATEMENT_CALL.finditer(low, start, pos + 1))
        for call in calls:
            params = self.functions.get(call.group(1))
            if params and pos < call.end() + len(_argument(low, call.end())):
                prefix = low[call.end():pos]
                raw = not any(c in prefix for c in "\"'+&,")
                for param in params:
                    self._taint(param, raw)

    def first(self, arg: str):
        """(position, raw) of the first input in ``arg``, or None."""
        best = None
        match = _search(self.source, arg)
        if match:
            best = (match.start(), True)
        if self.names_rx is not None:
            found = _search(self.names_rx, arg)
            if found and (best is None or found.start() < best[0]):
                best = (found.start(), found.group(0) in self.raw)
        if best is None:
            return None
        prefix = arg[:best[0]]
        clean = not any(c in prefix for c in "\"'+&,") and not _CONCAT_LITERAL.search(arg)
        return best[0], best[1] and clean

    def _taint(self, name: str, raw: bool):
        if name in _NOT_NAMES:
            return
        if raw:
            self.mixed.discard(name)
            self.raw.add(name)
        elif name not in self.raw:
            self.mixed.add(name)


_SERVER_BLOCK = lazyre.pattern(r"<%|<script\b[^>]{0,200}\brunat\s*=\s*[\"']?server[^>]{0,200}>|<jsp:(?:scriptlet|declaration)>")
_BLOCK_END = {"<%": "%>", "<s": "</script", "<j": "</jsp:"}


def _server_code(low: str) -> str:
    """The code a page runs on the server, other text blanked to line ends (offsets kept).

    Blocks are <% %>, <script runat=server> and <jsp:scriptlet>; a handler or web service (.ashx, .asmx) is
    code after its directive. Markup and client-side script would only add names and noise.
    """
    if "<%" not in low and "runat" not in low and "<jsp:" not in low or re.search(r"<%@\s*web(?:handler|service)", low):
        return low
    pieces, done = [], 0
    for match in _SERVER_BLOCK.finditer(low):
        if match.start() < done:
            continue
        end = low.find(_BLOCK_END[match.group(0)[:2]], match.end())
        end = len(low) if end < 0 else end
        pieces.append("\n" * (match.end() - done))
        pieces.append(low[match.end():end])
        done = end
    pieces.append("\n" * (len(low) - done))
    return "".join(pieces)


def _score_flow(low: str, ev) -> None:
    """Request input (direct, through variables or parameters) reaching a command, code, file, DB or socket."""
    if ("request" not in low and "runat" not in low) or "<?php" in low:
        return
    controls = low
    low = _server_code(low)
    taint = _Taint(low, controls)
    if taint.names_rx is None and not taint.source.search(low):
        return
    for name, raw, mixed, needs, rx, before in _SINKS_COMPILED:
        if not any(n in low for n in needs):
            continue
        best = 0
        for match in rx.finditer(low):
            start = match.start()
            if start and low[start] in _WORD and low[start - 1] in before:
                continue
            window = low[match.end():match.end() + 300]
            if not taint.source.search(window) and (taint.names_rx is None or not taint.names_rx.search(window)):
                continue
            hit = taint.first(_argument(low, match.end()))
            if hit is not None:
                weight = raw if hit[1] else mixed
                if weight > best:
                    best = weight
                    ev.add(name, weight, match.start())
                if best == raw:
                    break
    kinds = _file_manager_kinds(low, taint)
    if kinds >= 2:
        ev.add("request_driven_file_manager", min(12, 3 * kinds - 2))
    names = sorted(taint.raw)
    if names:
        receivers = r"(?:%s)" % "|".join(map(re.escape, names[:MAX_TAINTED]))
        for name, weight, tail in (("input_to_file_write", 8, _OBJECT_WRITE), ("input_to_file_access", 4, _OBJECT_ACCESS)):
            match = _search(re.compile(receivers + tail), low)
            if match:
                ev.add(name, weight, match.start())
        # The visitor's text written into a file object the visitor's path opened: an uploader's whole job.
        for match in re.compile(receivers + _OBJECT_PUT).finditer(low):
            start = match.start()
            if (start == 0 or low[start - 1] not in _WORD) and taint.first(_argument(low, match.end())) is not None:
                ev.add("input_written_to_input_file", 6, start)
                break


def _file_manager_kinds(low: str, taint) -> int:
    """How many kinds of file operation (read, list, write, delete, move, mkdir) take a path the request chose whole.

    A path joined to the application's folder (an upload form, an asset manager) does not count.
    """
    kinds = 0
    for _kind, needs, rx in _FILE_KINDS_COMPILED:
        if not any(n in low for n in needs):
            continue
        for match in rx.finditer(low):
            start = match.start()
            if start and low[start] in _WORD and low[start - 1] in _WORD:
                continue
            window = low[match.end():match.end() + 300]
            if not taint.source.search(window) and (taint.names_rx is None or not taint.names_rx.search(window)):
                continue
            hit = taint.first(_argument(low, match.end()))
            if hit is not None and hit[1]:
                kinds += 1
                break
    return kinds


# ASP.NET uploads (HttpPostedFile): a file saved under the name the client sent, with no look at its type, is an
# uploader for any script (the same rule as PHP's move_uploaded_file). Classic ASP has no Request.Files.
_POSTED_FILE = ("postedfile", "request.files")
_UPLOAD_SAVE = lazyre.pattern(r"\.saveas\s*\(|new\s+(?:system\.io\.)?filestream\s*\(")
_UPLOAD_CHECKS = ("getextension", ".extension", "endswith", "allowed", "mimetype", ".contenttype", "image/", ".jpg",
                  ".gif", ".png", "lastindexof", "split(")


def _score_upload(low: str, ev) -> None:
    if ".filename" not in low or not any(p in low for p in _POSTED_FILE) or any(c in low for c in _UPLOAD_CHECKS):
        return
    for match in _UPLOAD_SAVE.finditer(low):
        if ".filename" in _argument(low, match.end()):
            ev.add("unchecked_upload_to_client_name", 10, match.start())
            return


# ---------------------------------------------------------------------------------------------------------------
# ColdFusion: form/url variables (#form.x#) in the attributes of file, directory, query and HTTP tags.

_CF_INPUT = r"#\s*(?:form|url)\.\w+\s*#"
_CF_SIGNALS = (
    ("cfm_input_to_file", 8, re.compile(r"<cf(?:file|directory)\b[^>]{0,300}" + _CF_INPUT)),
    ("cfm_input_to_command", 12, re.compile(r"<cfexecute\b[^>]{0,300}" + _CF_INPUT)),
    ("cfm_input_to_datasource", 6, re.compile(r"<cfquery\b[^>]{0,300}datasource\s*=\s*[\"']?" + _CF_INPUT)),
    ("cfm_input_is_query", 8, re.compile(r"<cfquery\b[^>]{0,300}>\s*" + _CF_INPUT + r"\s*</cfquery")),
    ("cfm_input_to_network", 6, re.compile(r"<cfhttp\b[^>]{0,300}url\s*=\s*[\"']?" + _CF_INPUT)),
)


def _score_cfml(low: str, ev) -> None:
    if "<cf" not in low or ("form." not in low and "url." not in low):
        return
    for name, weight, rx in _CF_SIGNALS:
        match = rx.search(low)
        if match:
            ev.add(name, weight, match.start())


# ---------------------------------------------------------------------------------------------------------------
# Obfuscation: code run from the output of a local character-arithmetic decoder; reflection on decoded names.

_EXECUTE_CALL = lazyre.pattern(r"(?:execute|executeglobal|eval)\s*\(?\s*([a-z_]\w*)\s*\(")
_WORD_OR_DOT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_.")
# The pattern starts with its name, the word start checked after it: a search then skips to where the name
# stands instead of trying a leading \b at every position.
_VB_FUNCTION = lazyre.pattern(r"function(?<!\wfunction)\s+([a-z_]\w*)\b([\s\S]{0,2000}?)\bend\s+function")
# chr() of a computed value (chr(asc(c) - 3), chr("&h" & pair)): a decoder, not chr(34) for a quote.
_COMPUTED_CHR = lazyre.pattern(r"\bchrw?\s*\(\s*(?!\d+\s*\))")
_REFLECT_COMPUTED = lazyre.pattern(r"(?:forname|getmethod|getdeclaredmethod|loadclass)\s*\(\s*(?:new\s+string\s*\(|[\w.]*decode)")
_TUNNEL = lazyre.pattern(r"getinputstream\s*\(|request\.inputstream|request\.binaryread")
_RAW_SOCKET = lazyre.pattern(r"socketchannel|new\s+(?:java\.net\.)?socket\s*\(|new\s+(?:[\w.]+\.)?(?:socket|tcpclient)\s*\(")


def _score_obfuscation(low: str, ev) -> None:
    if ("execute" in low or "eval" in low) and "function" in low:
        calls = {}
        for match in _EXECUTE_CALL.finditer(low):
            if match.start() == 0 or low[match.start() - 1] not in _WORD_OR_DOT:
                calls.setdefault(match.group(1), match.start())
        if calls:
            for body in _VB_FUNCTION.finditer(low):
                if body.group(1) in calls and _COMPUTED_CHR.search(body.group(2)):
                    ev.add("execute_of_decoder_output", 6, calls[body.group(1)])
                    break
    if ("forname" in low or "getmethod" in low or "loadclass" in low) and ".invoke" in low:
        match = _REFLECT_COMPUTED.search(low)
        if match:
            ev.add("reflection_on_decoded_name", 6, match.start())
    if "socket" in low or "tcpclient" in low:
        body = _TUNNEL.search(low)
        if body and _RAW_SOCKET.search(low):
            ev.add("request_body_to_socket", 4, body.start())
