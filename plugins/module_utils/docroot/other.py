# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Weighted evidence for ASP, ASP.NET and JSP shells (where such files are present at all).

Same idea as php.py: request input reaching code or process execution is the
strong evidence; dynamic class loading, command interpreters and decoding add up.
"""

from __future__ import annotations

import re

_REQ = r"request(?:\.(?:form|querystring|item|params|cookies|getparameter|getheader|getinputstream|getreader))?\s*[\(\[]"
SIGNALS = {
    # ASP classic / VBScript / JScript
    "asp_input_to_eval": (12, r"\b(?:eval|execute|executeglobal)\s*[\( ]\s*(?:\w+\s*\(\s*)*" + _REQ),
    "asp_execute_variable": (3, r"\b(?:execute|executeglobal)\s*\(?\s*\w+\s*\)?\s*(?:\r?\n|:|%>)"),
    "asp_shell_object": (6, r"wscript\.shell|shell\.application|scripting\.filesystemobject[\s\S]{0,2000}"
                            r"(?:\.run|\.exec|createtextfile)"),
    "aspx_process_start": (8, r"process\.start\s*\(|processstartinfo|new\s+process\s*\(\s*\)"),
    "aspx_input_to_process": (12, r"(?:filename|arguments)\s*=\s*[^;]{0,80}" + _REQ),
    "aspx_dynamic_assembly": (9, r"assembly\.load\s*\(|system\.reflection\.assembly|compileassemblyfromsource"
                                 r"|codedomprovider|jscript\.net|eval\s*\(\s*request"),
    "jsp_runtime_exec": (8, r"runtime\.getruntime\s*\(\s*\)\s*\.\s*exec\s*\(|new\s+processbuilder\s*\("),
    "jsp_input_to_exec": (12, r"\.exec\s*\(\s*(?:new\s+string\s*\[\]\s*\{[^}]{0,120})?[^;]{0,80}request\.getparameter"
                              r"|processbuilder\s*\([^;]{0,120}request\.getparameter"),
    "jsp_define_class": (9, r"defineclass\s*\(|classloader[\s\S]{0,400}(?:aes|cipher|base64)"
                            r"|(?:aes|cipher)[\s\S]{0,400}defineclass|scriptengine(?:manager)?[\s\S]{0,400}eval\s*\("),
    "jsp_file_write_input": (6, r"(?:fileoutputstream|filewriter)\s*\([^;]{0,120}request\.getparameter"),
    "cmd_interpreter": (4, r"cmd\.exe|/bin/sh|/bin/bash|\bcmd\s*/c\b"),
    "decode_input": (4, r"(?:frombase64string|base64decoder|decodebuffer|getdecoder\s*\(\s*\)\s*\.\s*decode)"
                        r"[\s\S]{0,200}" + _REQ),
    "asp_dynamic_execute": (8, r"(?:^|[\s:%>])(?:execute|executeglobal)\s*\(?\s*[a-z_]\w*"),
    "asp_request_input": (2, r"\brequest\s*(?:\(|\.(?:form|querystring|binaryread|totalbytes|item))"),
    "asp_file_access_with_input": (8, r"scripting\.filesystemobject[\s\S]{0,3000}\brequest\s*[\(.]"
                                      r"|\brequest\s*[\(.][\s\S]{0,3000}scripting\.filesystemobject"),
    "asp_xor_loader": (6, r"request\.binaryread[\s\S]{0,400}\bxor\b"),
    "jsp_request_input": (2, r"request\.getparameter\s*\(|request\.getinputstream\s*\(|request\.getreader\s*\("),
    "jsp_file_with_input": (8, r"(?:new\s+file|fileoutputstream|filewriter|fileinputstream|filereader)\s*\([^;]{0,80}"
                               r"request\.getparameter"),
    "jsp_socket_shell": (10, r"new\s+(?:java\.net\.)?socket\s*\([\s\S]{0,3000}(?:\.exec\s*\(|/bin/(?:ba)?sh|cmd\.exe)"
                             r"|(?:\.exec\s*\(|/bin/(?:ba)?sh|cmd\.exe)[\s\S]{0,3000}new\s+(?:java\.net\.)?socket\s*\("),
    "jsp_reflective_exec": (8, r"java\.lang\.(?:runtime|processbuilder|processimpl)\b|getmethod\s*\(\s*\"(?:exec|start|"
                               r"getruntime)\"|java\.beans\.expression|\"getruntime\"|scriptenginemanager"),
    "jsp_upload": (8, r"getinputstream\s*\([\s\S]{0,3000}fileoutputstream|fileoutputstream[\s\S]{0,3000}"
                      r"getinputstream\s*\("),
    "jsp_db_manager": (4, r"class\.forname\s*\([\s\S]{0,2000}drivermanager\.getconnection"),
    "asp_encoded_script": (8, r"#@~\^[a-z0-9+/]{6}==(?=[\s\S]{40})"),
    "jscript_eval_unsafe": (12, r"\beval\s*\([^;]{0,200},\s*['\"]unsafe['\"]"),
    "eval_of_variable": (6, r"\beval\s*\(\s*[a-z_]\w*\s*[,)]"),
    "eval_reference": (6, r"[:=,\[]\s*eval\s*[,}\]]"),
    "script_control_object": (8, r"msscriptcontrol|scriptcontrol"),
    "utf7_source": (8, r"codepage\s*=\s*65000"),
    "reversed_execute": (4, r"strreverse[\s\S]{0,300}\bexecute\b|\bexecute\b[\s\S]{0,300}strreverse"),
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
    "aspx_input_to_process": ("request",),
    "aspx_dynamic_assembly": ("assembly", "codedomprovider", "jscript.net", "eval"),
    "jsp_runtime_exec": ("runtime", "processbuilder"),
    "jsp_input_to_exec": ("request.getparameter",),
    "jsp_define_class": ("defineclass", "classloader", "scriptengine"),
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
    "jsp_reflective_exec": ("java.lang.", "getmethod", "java.beans.expression", '"getruntime"', "scriptenginemanager"),
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
_COMPILED = [(name, weight, NEEDS[name], re.compile(pattern)) for name, (weight, pattern) in SIGNALS.items()]


_COMMENT = re.compile(r"/\*.{0,200}?\*/", re.S)
_JOIN = re.compile(r"\"\s*[+&]\s*\"")
_HEX = re.compile(r"\\x([0-9a-f]{2})")
_CHR = re.compile(r"\"?\s*[+&]?\s*\bchrw?\s*\(\s*(\d{1,3})\s*\)\s*[+&]?\s*\"?")


def normalise(low: str) -> str:
    """Comments out, "e"+"v" and "a"&"b" joined, \\x escapes and Chr(n) turned into text."""
    if "/*" in low:
        low = _COMMENT.sub("", low)
    if "\\x" in low:
        low = _HEX.sub(lambda m: chr(int(m.group(1), 16)), low)
    if "chr" in low:
        low = _CHR.sub(lambda m: chr(int(m.group(1)) & 0xFF), low)
    return _JOIN.sub("", low)


def score_other(low: str, ev) -> None:
    """Add ASP/ASPX/JSP signals of lower-cased text to ``ev``."""
    low = normalise(low)
    for name, weight, needs, rx in _COMPILED:
        if not any(n in low for n in needs):
            continue
        match = rx.search(low)
        if match:
            ev.add(name, weight, match.start())
