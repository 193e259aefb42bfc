# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SQL injection by grammar: a small SQL lexer and rules over its token sequence.

Standard library only (this code runs on the web host).

The idea is libinjection's: an injected value is one that, pasted into a query, leaves
its string or number context and continues as SQL. So a value is tokenised three
times: as it is, as if it followed an opening ``'`` and as if it followed an opening
``"`` (then only the text after the first such quote is SQL). The rules look at the
token kinds, not at spellings of known payloads:

- ``union`` [``all``|``distinct``] ``select``; ``select`` ... ``from`` with SQL around it;
- a boolean expression joined by ``and``/``or`` right after the break-out (tautologies
  such as ``' or 'a'='a``, ``1 and 1=2``);
- stacked queries: ``;`` then a statement keyword and more SQL;
- time and error functions (sleep, benchmark, pg_sleep, waitfor delay, extractvalue ...);
- a comment terminator right after the break-out (``admin'--``);
- system tables and variables (information_schema, @@version, into outfile).

Each rule has a weight (see ``scoring`` in waf.py); words like "select" or "order by" in
a search box weigh little on their own. The lexer is one linear regular expression.
"""

from __future__ import annotations

import re

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.decode import sql_form

_TOKEN = re.compile(r"""
  (?P<s>'[^']*'?|"[^"]*"?|`[^`]*`?)
| (?P<c>--|\#|/\*)
| (?P<v>@@?[a-z_][a-z0-9_.$]*)
| (?P<num>0x[0-9a-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?)
| (?P<w>[a-z_][a-z0-9_$]*(?:\.[a-z_][a-z0-9_$]*)*)
| (?P<o>:=|<=>|<>|!=|>=|<=|\|\||&&|[=<>!+\-*/%^|&~])
| (?P<p>[(),;])
| (?P<x>[^\s])
""", re.X)

KEYWORDS = frozenset((
    "select from where union all distinct insert into update delete drop exec execute declare waitfor delay "
    "order group by having limit offset values table database case when then else end null not like rlike "
    "regexp between is in as join shutdown create alter truncate procedure exists true false outfile dumpfile "
    "sounds escape collate top procedure_analyse set"
).split())
CLAUSES = frozenset(("having", "group", "order", "limit", "procedure", "into", "where", "union"))
LOGIC = frozenset(("and", "or", "xor", "div", "&&", "||"))
STATEMENTS = frozenset("select insert update delete drop exec execute declare shutdown waitfor create alter truncate "
                       "set".split())
COMPARE = frozenset(("=", "<", ">", "<=", ">=", "<>", "!=", "<=>", "like", "rlike", "regexp", "between", "is", "in",
                     "sounds"))
# Functions whose only use in a request is to time or break a query.
ATTACK_FUNCTIONS = frozenset((
    "sleep benchmark pg_sleep extractvalue updatexml load_file randomblob dbms_pipe.receive_message "
    "utl_inaddr.get_host_address utl_http.request dbms_lock.sleep gtid_subset name_const geometrycollection "
    "multipoint multilinestring polygon json_keys exp xp_cmdshell sys_eval sys_exec group_concat "
    "ctxsys.drithsx.sn dbms_xmlgen.getxml"
).split())
# Functions common in injections, but also ordinary words.
SQL_FUNCTIONS = frozenset((
    "char chr concat concat_ws substring substr mid ascii ord hex unhex version database user current_user "
    "system_user schema if ifnull nullif cast convert count length md5 sha1 rand floor upper lower elt make_set "
    "distinct instr locate char_length coalesce iif isnull row_count last_insert_id bin conv"
).split())
SYSTEM_NAMES = re.compile(r"information_schema|sysobjects|syscolumns|mysql\.user|pg_catalog|pg_shadow|sqlite_master|"
                          r"all_tables|user_tables|msysobjects|xp_cmdshell|sp_executesql|@@version|@@datadir|"
                          r"@@hostname|into\s+(?:out|dump)file|sys\.schema|table_name\s+from")


def lex(text: str):
    """[(kind, value, position)] with kinds s(tring) c(omment) v(ariable) 1 (number) k(eyword) &(logic)
    f(unction: a word before '(') n (other word) o(perator) ( ) , ; and x (anything else)."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "w":
            if value in LOGIC:
                kind = "&"
            elif text[m.end():m.end() + 1] == "(" or text[m.end():m.end() + 2] == " (":
                kind = "f"
            elif value in KEYWORDS:
                kind = "k"
            else:
                kind = "n"
        elif kind == "num":
            kind = "1"
        elif kind == "o" and value in LOGIC:
            kind = "&"
        elif kind == "p":
            kind = value
        out.append((kind, value, m.start()))
        if len(out) >= 200:
            break
    return out


_AFTER_BREAKOUT = frozenset(("&", ";", "c", "k", "o", "f"))
_OPERAND = frozenset(("s", "1", "n", "v", "f", "k"))


_ARITHMETIC = frozenset("+-*/%^|&")


def _arithmetic(tokens, j):
    """Index after ``+ operand`` repeats at j (2+576-576-1 is one operand)."""
    n = len(tokens)
    while j + 1 < n and tokens[j][0] == "o" and tokens[j][1] in _ARITHMETIC and tokens[j + 1][0] in ("1", "s", "v", "n"):
        j += 2
    return j


def _comparison(tokens, i, lone):
    """Index after an ``operand compare operand`` or a function call at i, or -1. With ``lone``
    also a single literal operand before the end or a comment (``' or 1--``, ``' or 'x``)."""
    n = len(tokens)
    while i < n and tokens[i][0] == "(":
        i += 1
    if i < n and (tokens[i][0] == "f" or tokens[i][1] == "select"):
        return i + 1  # a function call or a subquery
    if i >= n or tokens[i][0] not in _OPERAND:
        return -1
    if tokens[i][0] == "k" and tokens[i][1] not in ("true", "false", "null", "not"):
        return -1
    j = _arithmetic(tokens, i + 1)
    if j < n and tokens[j][1] in COMPARE:
        j += 1
        if j < n and tokens[j][1] == "not":
            j += 1
        while j < n and tokens[j][0] == "(":
            j += 1
        if j < n and (tokens[j][0] in _OPERAND or tokens[j][1] == "select"):
            return _arithmetic(tokens, j + 1)
        return j if j >= n else -1
    if (j >= n or tokens[j][0] == "c") and (lone or j < n) and tokens[i][0] != "n":
        return j
    return -1


def _statement(tokens, i):
    """Whether the statement keyword at i goes on as SQL (``; drop table``, ``; select * from``), not prose."""
    word = tokens[i][1]
    if word == "shutdown" or (i + 1 >= len(tokens) and word != "select"):
        return word not in ("set", "select", "create", "update", "delete")
    nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    if nxt in ("k", "1", "v", "f", "o", "c"):
        return True
    if nxt == "n":
        return word in ("exec", "execute", "declare") or (
            word == "select" and "from" in [t[1] for t in tokens[i + 2:i + 8]])
    return False


def _clause(tokens, i):
    """Whether the clause keyword at i goes on as that clause (``order by``, ``where a=b``), not as a title
    in quotes ("Where the ... sing")."""
    word = tokens[i][1]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ("", "", 0)
    if word in ("order", "group"):
        # by a column number, or by anything and then a comment that cuts the rest of the query
        rest = tokens[i + 2:]
        return nxt[1] == "by" and bool(rest) and (rest[0][0] == "1" or any(t[0] == "c" for t in rest))
    if word == "limit":
        return nxt[0] == "1"
    if word in ("where", "having"):
        return _comparison(tokens, i + 1, False) > 0
    if word == "into":
        return nxt[1] in ("outfile", "dumpfile") or nxt[0] == "v"
    if word == "union":
        return nxt[1] in ("select", "all", "distinct")
    return nxt[0] == "f" or nxt[1] == "analyse"


def _rules(tokens, breakout, quoted=False):
    """(rule, weight, position) found in one token sequence; ``breakout``: it follows a closed quote
    (``quoted``) or a number."""
    found = []
    n = len(tokens)
    kinds = [t[0] for t in tokens]
    values = [t[1] for t in tokens]
    for i, (kind, value, pos) in enumerate(tokens):
        if kind == "k" and value == "union":
            j = i + 1
            while j < n and (values[j] in ("all", "distinct") or kinds[j] == "("):
                j += 1
            if j < n and values[j] == "select":
                # what follows must read as a select list (or nothing: a probe), not as prose
                nxt = kinds[j + 1] if j + 1 < n else ""
                listed = nxt != "n" or (j + 2 < n and (kinds[j + 2] == "," or values[j + 2] == "from"))
                found.append(("sql_union_select", 7 if listed or breakout else 4, pos))
        elif kind == "k" and value == "select":
            rest = values[i + 1:i + 12]
            if "from" in rest or any(k in ("f", "v") for k in kinds[i + 1:i + 4]) or (i + 1 < n and kinds[i + 1] == "1"):
                found.append(("sql_select", 3, pos))
        elif kind == "f":
            if value in ATTACK_FUNCTIONS:
                # sleep() with nothing inside is prose about a function, sleep(5) is a call
                empty = i + 2 < n and kinds[i + 1] == "(" and kinds[i + 2] == ")"
                found.append(("sql_attack_function", 2 if empty else 6, pos))
            elif value in SQL_FUNCTIONS:
                found.append(("sql_function", 2, pos))
        elif kind == ";" and i + 1 < n and values[i + 1] in STATEMENTS and _statement(tokens, i + 1):
            found.append(("sql_stacked_query", 6, pos))
        elif kind == "," and values[i + 1:i + 4] == ["null", ",", "null"]:
            found.append(("sql_null_columns", 5, pos))
        elif kind == "k" and value == "waitfor" and i + 1 < n and values[i + 1] in ("delay", "time"):
            found.append(("sql_waitfor_delay", 7, pos))
        elif kind == "k" and value in ("order", "group") and i + 2 < n and values[i + 1] == "by" and kinds[i + 2] == "1":
            ended = i + 3 >= n or kinds[i + 3] in ("c", ";")
            found.append(("sql_order_by_number", (5 if ended else 3) if breakout else 2, pos))
        elif kind == "&" and (breakout or i == 0 or kinds[i - 1] in ("1", "s", ")")):
            end = _comparison(tokens, i + 1, quoted)
            if end > 0:
                # a complete boolean expression: is it a constant one (1=1, 'a'='a')?
                seg = tokens[i + 1:end]
                lits = [t for t in seg if t[0] in ("1", "s")]
                constant = len(lits) == 2 and lits[0][1].strip("'\"") == lits[1][1].strip("'\"")
                weight = 6 if breakout else (5 if constant else 3)
                found.append(("sql_boolean_injection", weight, pos))
    if breakout and n:
        i = 0
        while i < n and kinds[i] == ")":
            i += 1
        if not quoted and i + 1 < n and values[i] in COMPARE and kinds[i] == "k" and (
                kinds[i + 1] == "f" or (kinds[i + 1] == "(" and i + 2 < n and values[i + 2] == "select")):
            # 1 rlike (select ...), 1 in (select ...), 1 regexp sleep(5): a number compared with a query
            found.append(("sql_expression_after_number", 5, tokens[i][2]))
        elif not quoted and i < n and kinds[i] == "k" and values[i] in CLAUSES and values[i] not in ("order", "group") \
                and _clause(tokens, i):
            found.append(("sql_clause_after_number", 5, tokens[i][2]))
        if i < n and kinds[i] == "c":
            found.append(("sql_comment_terminator", 5, tokens[i][2]))
        elif quoted and i < n and kinds[i] == "k" and values[i] in CLAUSES and _clause(tokens, i):
            found.append(("sql_clause_after_quote", 5, tokens[i][2]))
        elif quoted and i + 1 < n and (kinds[i] == "o" or values[i] in ("||", "&&")) and kinds[i + 1] in ("s", "1"):
            # '=0, '-', '||' : the closed string goes on as an expression
            found.append(("sql_expression_after_quote", 5, tokens[i][2]))
        elif i < n and kinds[i] == ";" and i + 1 < n and values[i + 1] in STATEMENTS and _statement(tokens, i + 1):
            found.append(("sql_stacked_query", 6, tokens[i][2]))
    return found


def inspect(text: str):
    """[(rule, weight, position)] for one decoded, lower-case part (best context wins per rule)."""
    text = sql_form(text)
    best = {}
    contexts = [(text, 0, False)]
    if text[:1].isdigit() or (text[:1] == "-" and text[1:2].isdigit()):
        contexts[0] = (text, 0, True)  # a number that goes on as SQL
    for quote in ("'", '"'):
        at = text.find(quote)
        if at >= 0:
            contexts.append((text[at + 1:], at + 1, True))
    for body, offset, breakout in contexts:
        tokens = lex(body)
        if breakout and offset == 0:
            # a leading number: the injection starts after it
            tokens = tokens[1:] if tokens and tokens[0][0] == "1" else tokens
        if breakout:
            # SQL goes on right after the quote or number, or this is only an apostrophe in text
            first = next((t[0] for t in tokens if t[0] != ")"), "")
            breakout = first in _AFTER_BREAKOUT
        for rule, weight, pos in _rules(tokens, breakout, breakout and offset > 0):
            if weight > best.get(rule, (0, 0))[0]:
                best[rule] = (weight, pos + offset)
    m = SYSTEM_NAMES.search(text)
    if m:
        best["sql_system_object"] = (6, m.start())
    return [(rule, w, pos) for rule, (w, pos) in best.items()]
