"""What counts as PHP code in files that are not PHP scripts: a template's PHP islands, chance bytes in binary data,
ZIP archives.

Written for these tests after the shapes of public CMS code (a Chinese CMS's admin templates with their own JavaScript
helper ``$DE()``, an IP database shipped as ``.dat``, plugin archives kept as ``.zip``); nothing is executed.
"""

import io
import zipfile

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, php

TEMPLATE_JS = """<html><head><script>
function CheckVal(id) {
    var notename = $DE('notename' + id);
    var arcid = $DE('arcid' + id);
    if (arcid.value != '') { $Obj('form1').submit(); }
}
</script></head><body>
<form name="form1" action="spec_add.php" method="post">
<input type="text" name="title" value="<?php echo $row['title']; ?>">
</form></body></html>
"""


def test_code_only_keeps_the_php_islands_and_blanks_the_rest():
    text = ("<p>$x(1)</p>\n<?php echo \"?>\"; // note ?> out $y(2) <?= $a ?> mid\n"
            "<script language=\"php\">$q(); '</script>'; </script> end <? $open(")
    code = php.code_only(text)
    assert len(code) == len(text) and code.count("\n") == text.count("\n")
    assert "$x(1)" not in code and "$y(2)" not in code and "mid" not in code and "end" not in code
    # "?>" in a string does not close the island; in a line comment it does.
    assert '<?php echo "?>"; // note ?>' in code
    assert "<?= $a ?>" in code
    assert "<script language=\"php\">$q(); '</script>'; </script>" in code
    assert code.endswith("<? $open(")  # an island left open runs to the end
    upper = php.code_only('<SCRIPT LANGUAGE="php">$a = 1;</SCRIPT> $out(1) <?php ?>')
    assert "$a = 1;</SCRIPT>" in upper and "$out(1)" not in upper


def test_a_templates_javascript_is_not_read_as_php_calls():
    verdict = analyse.analyse("dede/templets/spec_add.htm", TEMPLATE_JS.encode(), 10, [])
    assert verdict["kind"] is None
    assert "variable_function" not in verdict["signals"]
    # The same calls inside the PHP island are PHP's.
    inside = TEMPLATE_JS.replace("<?php echo $row['title']; ?>", "<?php $DE('notename' . $id); ?>")
    assert "variable_function" in analyse.analyse("spec_add.htm", inside.encode(), 10, [])["signals"]


def test_a_shell_in_a_templates_php_island_is_still_found():
    shell = TEMPLATE_JS.replace("<?php echo $row['title']; ?>", "<?php @eval($_POST['pass']); ?>")
    verdict = analyse.analyse("templets/index.htm", shell.encode(), 10, [])
    assert verdict["kind"] == "webshell"
    assert verdict["severity"] == "critical"


def _binary_with_chance_tags():
    # Records of an IP table: offsets, NUL padding and, by chance, "<?" followed by a blank byte.
    records = b"".join(bytes([i % 256, 0, 0, (i * 7) % 256]) for i in range(4000))
    return b"\0\x0cID\0\0\0\0" + records[:6000] + b"\t<?\t\xc1 <?\n\xff" + records[6000:]


def test_chance_short_tags_in_binary_data_are_not_php():
    verdict = analyse.analyse("data/ipdata/tinyipdata.dat", _binary_with_chance_tags(), 10, [])
    assert verdict["kind"] is None
    assert "php_in_non_php_file" not in verdict["signals"]


def test_php_smuggled_into_binary_data_is_still_found():
    data = _binary_with_chance_tags() + b"<?php system($_GET['c']); ?>"
    verdict = analyse.analyse("data/ipdata/tinyipdata.dat", data, 10, [])
    assert verdict["kind"] == "suspicious_upload"
    assert "php_in_non_php_file" in verdict["signals"]


def _zip_of(name, source):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(name, source)
    return buffer.getvalue()


def test_a_zip_archive_is_not_read_as_a_smuggled_script():
    plugin = _zip_of("Plugin/Plugin.php", "<?php\nclass Plugin_Plugin { public static function activate() {} }\n")
    assert analyse.analyse("ZIP_CDN/Plugin.zip", plugin, 10, []) == {"binary": True}


def test_a_script_named_zip_is_still_a_smuggled_script():
    verdict = analyse.analyse("uploads/backup.zip", b"<?php system($_GET['c']); ?>", 10, [])
    assert verdict["kind"] == "suspicious_upload"
    assert "php_in_media_file" in verdict["signals"]
    # A ZIP's header is checked with the name: a picture that starts like an archive is still a picture.
    picture = _zip_of("a.txt", "x") + b"<?php system($_GET['c']); ?>"
    assert analyse.analyse("uploads/photo.jpg", picture, 10, [])["kind"] == "suspicious_upload"


# -- request input read only as a number ------------------------------------------------------------------------------

FAVOURITE = """<?php
$type = empty($_GET['type']) ? '' : $_GET['type'];
$id = empty($_GET['id']) ? 0 : intval($_GET['id']);
switch ($type) {
    case 'space':
        $member = getuserbyuid($id);
        $title = $member['username'];
        $unset($member);
        break;
}
"""


def test_a_number_read_from_the_request_does_not_taint_a_variable_function():
    signals = analyse.analyse("spacecp_favorite.php", FAVOURITE.encode(), 10, [])["signals"]
    assert "tainted_to_variable_function" not in signals
    assert "variable_function" in signals  # the call itself is still seen


def test_the_request_as_it_came_still_taints_a_variable_function():
    raw = FAVOURITE.replace("intval($_GET['id'])", "$_GET['id']")
    assert "tainted_to_variable_function" in analyse.analyse("spacecp_favorite.php", raw.encode(), 10, [])["signals"]
    cast = FAVOURITE.replace("intval($_GET['id'])", "(int) $_GET['id'] . $_GET['x']")
    assert "tainted_to_variable_function" in analyse.analyse("spacecp_favorite.php", cast.encode(), 10, [])["signals"]


def test_a_number_from_the_request_still_picks_the_rows_a_query_reads():
    dump = ("<?php\n$start = intval($_GET['sn']);\n$sql = 'select * from users limit ' . $start . ',5000';\n"
            "$res = mysql_query($sql);\n")
    assert "input_is_query" in analyse.analyse("dump.php", dump.encode(), 10, [])["signals"]


def test_parse_str_into_an_array_sets_no_variables():
    page = "<?php\nparse_str($_GET['extra'], $extra);\n$page = max(1, intval($_GET['page']));\n"
    assert "input_extracted" not in analyse.analyse("viewthread.php", page.encode(), 10, [])["signals"]
    into_scope = page.replace("$_GET['extra'], $extra", "$_SERVER['QUERY_STRING']")
    assert "input_extracted" in analyse.analyse("viewthread.php", into_scope.encode(), 10, [])["signals"]


def test_an_applications_own_invoke_is_not_a_reflected_call():
    dispatch = ("<?php\nfunction ws_images_add($params, $service) {\n    $image_id = $_POST['image_id'];\n"
                "    return $service->invoke('pwg.images.getInfo', array('image_id' => $image_id));\n}\n")
    assert "tainted_to_reflection_call" not in analyse.analyse("pwg.images.php", dispatch.encode(), 10, [])["signals"]
    reflected = dispatch.replace("return $service->invoke(", "$m = new ReflectionMethod('Ws', 'run');\n"
                                                            "    return $m->invoke(")
    assert "tainted_to_reflection_call" in analyse.analyse("pwg.images.php", reflected.encode(), 10, [])["signals"]


def test_a_not_found_index_page_in_an_upload_folder_is_not_a_dropped_script():
    for page in (b"<?php\nheader('HTTP/1.0 404 Not Found');\n", b"<?php http_response_code(404); exit; ?>\n"):
        assert analyse.analyse("uploads/avatars/index.php", page, 10, ["uploads"])["kind"] is None, page
    dropped = b"<?php header('HTTP/1.1 404 Not Found'); echo shell_exec($_GET['c']);"
    assert analyse.analyse("uploads/avatars/index.php", dropped, 10, ["uploads"])["kind"] == "suspicious_upload"


def test_a_password_checkers_word_list_is_not_a_doorway_page():
    # A frequency list as password-strength libraries ship it: thousands of common passwords, comma-separated, a few
    # dozen of them gambling's words.
    common = ",".join("password%d,qwerty%d,dragon%d,monkey%d" % (i, i, i, i) for i in range(1000))
    gambling = ",".join(["slot gacor", "judi slot online", "togel online", "sbobet", "rtp live slot", "maxwin",
                         "pragmatic play", "scatter hitam", "bocoran slot gacor", "daftar slot"] * 3)
    js = "var frequency_lists = {passwords: '" + common + "," + gambling + "," + common + "'.split(',')};\n"
    assert "doorway_page" not in analyse.analyse("install/assets/js/zxcvbn.js", js.encode(), 10, [])["signals"]
    # The same words in a page of text still make one.
    page = "<html><body><p>" + " ".join(gambling.split(",")) + "</p></body></html>"
    assert "doorway_page" in analyse.analyse("index.html", page.encode(), 10, [])["signals"]


def test_an_assertion_about_request_data_is_not_request_data_run_as_code():
    env = ("<?php\nfunction env(string $key) {\n    $val = $_SERVER[$key] ?? $_ENV[$key] ?? null;\n"
           "    assert($val === null || is_scalar($val));\n    return $val;\n}\n")
    assert "tainted_to_code" not in analyse.analyse("src/Core/functions.php", env.encode(), 10, [])["signals"]
    backdoor = env.replace("assert($val === null || is_scalar($val));", "assert($val);")
    assert "tainted_to_code" in analyse.analyse("src/Core/functions.php", backdoor.encode(), 10, [])["signals"]
