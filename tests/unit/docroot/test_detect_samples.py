"""Detection on real samples: web shells of the shared corpus are flagged, real application code is not.

Data: /work/shared/data/webshell-dev/ (tennc/webshell at 6b17eae, MIT; jvoisin/php-malware-finder samples at
87b6d7f, LGPL-3.0; roundcube 28b44419e, GPL-3.0-or-later; FreshRSS 6c58b9051, AGPL-3.0). Samples are read as
bytes and scored, never executed.
"""

import glob
import os

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse
from tests.unit.docroot.conftest import BENIGN, SHELLS, sample

# A spread of families and tricks: plain one-liners, callbacks, string building, XOR, decoding chains,
# full-featured shells, obfuscators.
SHELL_SAMPLES = [
    ("tennc", "php_2020.08.20.07.php"),  # call_user_func('assert', $_POST[...])
    ("tennc", "php_2023-04-08.php"),  # assert spelled by concatenation, payload by XOR of literals
    ("tennc", "php_webshell-cnseay02-1.php"),  # chr() through a variable, create_function
    ("tennc", "php_array_intersect_ukey.php"),  # callback assembled from explode()d pieces
    ("tennc", "php_php-sh_server.php"),  # eval of a request header
    ("tennc", "php_bypass-waf-2015-06-16-03.php"),  # str_replace-spelled names, base64 layers
    ("tennc", "php_zw.php"),  # weevely-style split strings
    ("tennc", "Behinder_shell.php"),  # php://input, AES, eval in __invoke
    ("tennc", "php_b374k_b374k-2.8.php"),
    ("tennc", "php_wso_wso-4.2.5.php"),
    ("tennc", "php_PHPshell_c99_c99.php"),
    ("tennc", "php_PHPshell_r57shell_r57shell.php"),
    ("tennc", "caidao-shell_w.php"),
    ("tennc", "fuzzdb-webshell_php_simple-backdoor.php"),
    ("php-malware-finder", "data_samples_obfuscators_phpencode.php"),
    ("php-malware-finder", "data_samples_real_sucuri_2014_04.php"),
    ("php-malware-finder", "data_samples_classic_ajaxshell.php"),
]


@pytest.mark.parametrize("family,name", SHELL_SAMPLES)
def test_real_shell_is_flagged(family, name):
    verdict = analyse.analyse(name, sample(SHELLS, family, name), 10, analyse.DEFAULT_UPLOAD_DIRS)
    assert verdict["kind"] == "webshell", (name, verdict)
    assert verdict["score"] >= 10 and verdict["signals"]
    assert verdict["excerpt"] and len(verdict["excerpt"]) <= analyse.EXCERPT_CHARS
    assert verdict["excerpt"].isprintable()


def _benign_files():
    files = sorted(glob.glob(os.path.join(BENIGN, "*", "*")))
    if len(files) < 900:
        pytest.fail("the shared benign corpus under %s is incomplete" % BENIGN)
    return files


def test_real_application_code_is_not_flagged():
    # Every second benign file (roundcube and FreshRSS; all of them in benchmarks/docroot_scan.py).
    flagged = []
    for path in _benign_files()[::2]:
        verdict = analyse.analyse(os.path.basename(path), sample(path), 10, analyse.DEFAULT_UPLOAD_DIRS)
        if verdict and verdict.get("kind"):
            flagged.append((os.path.basename(path), verdict["score"], verdict["signals"]))
    assert flagged == [], flagged


def test_most_of_the_shared_shells_are_flagged():
    files = sorted(glob.glob(os.path.join(SHELLS, "*", "*")))
    assert len(files) >= 360
    files = files[1::2]  # every second one keeps the test short; the benchmark scores them all
    hits = 0
    for path in files:
        verdict = analyse.analyse(os.path.basename(path), sample(path), 10, analyse.DEFAULT_UPLOAD_DIRS)
        hits += bool(verdict and verdict.get("kind"))
    assert hits / len(files) >= 0.80, hits


def test_a_shell_renamed_as_image_in_uploads_is_a_suspicious_upload():
    data = b"GIF89a\n" + sample(SHELLS, "tennc", "fuzzdb-webshell_php_simple-backdoor.php")
    verdict = analyse.analyse("wp-content/uploads/2026/11/logo.gif", data, 10, analyse.DEFAULT_UPLOAD_DIRS)
    assert verdict["kind"] == "suspicious_upload"
    assert "php_in_media_file" in verdict["signals"]


def test_plain_php_in_an_upload_folder_is_suspicious_but_an_empty_index_is_not():
    code = b"<?php $f = fopen('x.txt', 'w'); fwrite($f, 'hello'); fclose($f);\n"
    verdict = analyse.analyse("wp-content/uploads/cache.php", code, 10, analyse.DEFAULT_UPLOAD_DIRS)
    assert verdict["kind"] == "suspicious_upload" and "php_in_upload_dir" in verdict["signals"]
    silence = analyse.analyse("wp-content/uploads/index.php", b"<?php\n// Silence is golden.\n", 10,
                              analyse.DEFAULT_UPLOAD_DIRS)
    assert silence["kind"] is None
    outside = analyse.analyse("wp-content/plugins/x/cache.php", code, 10, analyse.DEFAULT_UPLOAD_DIRS)
    assert outside["kind"] is None


def test_an_index_that_only_redirects_away_from_an_upload_folder_is_not_suspicious():
    # Cacti's images/index.php: a licence comment and header('Location:../index.php'), against directory listings.
    redirect = b"<?php\n/*\n | Copyright (C) The Cacti Group\n */\n\nheader('Location:../index.php');\n"
    assert analyse.analyse("images/index.php", redirect, 10, analyse.DEFAULT_UPLOAD_DIRS)["kind"] is None
    assert analyse.analyse("images/index.php", b"<?php header(\"Location: /\"); exit; ?>", 10,
                           analyse.DEFAULT_UPLOAD_DIRS)["kind"] is None
    # Anything more runs the attacker's code or goes where the request says.
    for code in (b"<?php header('Location: /'); $f = fopen('x.txt', 'w');", b"<?php header('Location: ' . $_GET['u']);",
                 b"<?php header('Location: /'); ?><?php echo 1; ?>"):
        verdict = analyse.analyse("images/index.php", code, 10, analyse.DEFAULT_UPLOAD_DIRS)
        assert verdict["kind"] == "suspicious_upload", code


def test_cms_style_eval_and_base64_alone_do_not_flag():
    code = (b"<?php\nclass Tpl {\n  function render($compiled) {\n    return eval('?>' . $compiled);\n  }\n"
            b"  function img() { return base64_decode($this->data); }\n}\n")
    verdict = analyse.analyse("lib/Tpl.php", code, 10, analyse.DEFAULT_UPLOAD_DIRS)
    assert verdict["kind"] is None and verdict["score"] < 10


def test_asp_and_jsp_shells():
    asp = b'<%@ Language=VBScript %><% eval request("cmd") %>'
    jsp = (b'<%@ page import="java.io.*" %><% Process p = Runtime.getRuntime().exec(request.getParameter("c")); '
           b'%>')
    aspx = (b'<%@ Page Language="C#" %><% var psi = new System.Diagnostics.ProcessStartInfo("cmd.exe"); '
            b'psi.Arguments = "/c " + Request.Form["c"]; System.Diagnostics.Process.Start(psi); %>')
    for name, data in (("a.asp", asp), ("b.jsp", jsp), ("c.aspx", aspx)):
        verdict = analyse.analyse(name, data, 10, analyse.DEFAULT_UPLOAD_DIRS)
        assert verdict["kind"] == "webshell", (name, verdict)
