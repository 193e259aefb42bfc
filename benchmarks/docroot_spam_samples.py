"""Gambling/SEO-spam injections and hard benign look-alikes for the docroot corpora (synthetic-from-report).

Nobody publishes the files of a defaced government site, so these are written by us after what
public reports describe (each sample names its report in ``SOURCES``):

- CSIRT Kota Kediri, "Ramainya situs judi online yang susupi website pemerintah" (csirt.kedirikota.go.id):
  go.id / ac.id pages carrying "slot", "slot88", "situs slot", "gacor" for black-hat SEO.
- Tempo, 30 Aug 2023, Bareskrim on gambling *backlinks* planted in government sites
  (nasional.tempo.co/read/1766127): hidden link blocks pointing to gambling sites.
- Kumparan, 19 Jan 2023, "Link iklan judi slot kembali susupi situs resmi pemerintah": a sub-page of a
  ministry site served as a "slot gacor" page while the site looked normal (cloaking, doorway pages).
- Kompas/KompasTekno 15 Feb 2023 (cited by many outlets): some infected go.id pages show gambling only
  to visitors from Google search and the real page otherwise (referrer cloaking).
- Sucuri, "Why is your website a target? The SEO value of a website" (2019): spam directories of doorway
  PHP files among legitimate WordPress files, cloaking for search crawlers.

The gambling domains are made up (``.example``-style names under invented TLDs) so nothing here
advertises a real site. The hard negatives are what a court or government site legitimately holds:
a verdict summary about a gambling case, a collapsed menu, a bot check that only skips statistics.
"""

from __future__ import annotations

_LINKS_ID = "".join(
    '<a href="https://%s.gacor-example.xyz/">%s</a> ' % (slug, text) for slug, text in (
        ("slot88", "slot88"), ("slotgacor", "slot gacor hari ini"), ("judi", "situs judi online terpercaya"),
        ("maxwin", "slot gacor maxwin"), ("togel", "bandar togel online"), ("rtp", "rtp live slot"),
        ("demo", "slot demo pragmatic"), ("sbobet", "agen sbobet")))

_PAGE_HEAD = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Pengadilan Negeri Contoh Kelas IB</title>
<link rel="stylesheet" href="/assets/css/site.css">
</head>
<body>
<header><h1>Pengadilan Negeri Contoh</h1><nav><a href="/">Beranda</a> <a href="/profil">Profil</a>
<a href="/layanan">Layanan Hukum</a> <a href="/jadwal-sidang">Jadwal Sidang</a></nav></header>
<main><p>Selamat datang di laman resmi Pengadilan Negeri Contoh. Informasi jadwal sidang, e-Court,
dan layanan bantuan hukum tersedia pada menu di atas.</p></main>
"""
_PAGE_FOOT = "<footer><p>&copy; 2024 Pengadilan Negeri Contoh</p></footer>\n</body>\n</html>\n"

_WP_FOOTER = """<?php
/**
 * The template for displaying the footer
 *
 * @package Contoh
 */
?>
	</div><!-- #content -->
	<footer id="colophon" class="site-footer">
		<div class="site-info">
			<?php printf( esc_html__( 'Proudly powered by %s', 'contoh' ), 'WordPress' ); ?>
		</div>
"""

SPAM = {
    # Hidden backlink block in a theme footer (Tempo/Bareskrim backlinks, CSIRT Kediri vocabulary).
    "wp-content/themes/contoh/footer.php": _WP_FOOTER + '<div style="display:none">' + _LINKS_ID + "</div>\n"
    "\t</footer>\n</div>\n<?php wp_footer(); ?>\n</body>\n</html>\n",
    # Off-screen block in a static page.
    "index.html": _PAGE_HEAD + '<div style="position:absolute;left:-9999px;top:-9999px;">'
    "<h2>Situs Slot Gacor Hari Ini Gampang Menang</h2>" + _LINKS_ID + "</div>\n" + _PAGE_FOOT,
    # Server-side cloaking for crawlers prepended to index.php (Kumparan, Sucuri).
    "index.php": """<?php
$ua = strtolower($_SERVER['HTTP_USER_AGENT'] ?? '');
if (preg_match('/googlebot|bingbot|yandex|baiduspider|google-inspectiontool/', $ua)) {
    echo file_get_contents('https://cdn.gacor-example.xyz/lp/pn-contoh.html');
    exit;
}
?>
<?php
define('WP_USE_THEMES', true);
require __DIR__ . '/wp-blog-header.php';
""",
    # Referrer cloaking: visitors arriving from a search engine go to the casino (KompasTekno).
    "templates/protostar/index.php": """<?php
defined('_JEXEC') or die;
$ref = isset($_SERVER['HTTP_REFERER']) ? $_SERVER['HTTP_REFERER'] : '';
if (stripos($ref, 'google.') !== false || stripos($ref, 'bing.com') !== false) {
    header('Location: https://masuk.slot88-example.top/?ref=' . urlencode($_SERVER['HTTP_HOST']), true, 302);
    exit;
}
$app = JFactory::getApplication();
$doc = JFactory::getDocument();
?>
<!DOCTYPE html>
<html><head><jdoc:include type="head" /></head><body><jdoc:include type="component" /></body></html>
""",
    # A doorway page dropped into an uploads folder (Kumparan: a sub-page serving "slot gacor").
    "wp-content/uploads/2023/02/slot-gacor/index.html": """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>SLOT GACOR &#8211; Situs Slot Gacor Hari Ini Gampang Maxwin Terpercaya 2024</title>
<meta name="description" content="Slot gacor hari ini, link slot88 resmi, rtp live tertinggi, daftar judi slot online deposit pulsa tanpa potongan.">
<link rel="canonical" href="https://pn-contoh.go.id/wp-content/uploads/2023/02/slot-gacor/">
<link rel="amphtml" href="https://amp.gacor-example.xyz/pn-contoh/">
</head><body>
<h1>SLOT GACOR : Daftar Situs Judi Slot Online Gacor Terbaru Hari Ini</h1>
<p>Slot gacor adalah situs judi online terpercaya dengan RTP live tertinggi. Bermain slot88 dan togel online
dengan deposit pulsa, bonus new member 100%, dijamin maxwin. Agen slot gacor resmi, bandar togel terpercaya.</p>
<p><a href="https://daftar.gacor-example.xyz/">DAFTAR SLOT GACOR</a> <a href="https://login.gacor-example.xyz/">LOGIN</a></p>
</body></html>
""",
    # Crawler-only rewrite to a doorway script.
    "public_html/.htaccess": """<IfModule mod_rewrite.c>
RewriteEngine On
RewriteCond %{HTTP_USER_AGENT} (google|bing|yahoo|slurp) [NC]
RewriteRule ^(.*)$ /wp-includes/css/dist/slot.php?q=$1 [L]
RewriteBase /
RewriteRule ^index\\.php$ - [L]
RewriteCond %{REQUEST_FILENAME} !-f
RewriteCond %{REQUEST_FILENAME} !-d
RewriteRule . /index.php [L]
</IfModule>
""",
    # Doorway generator: one gambling page per keyword, sitemap for crawlers (Sucuri's spam directories).
    "wp-includes/css/dist/slot.php": """<?php
$kw = isset($_GET['q']) ? preg_replace('/[^a-z0-9-]/', '', strtolower($_GET['q'])) : 'slot-gacor';
$title = ucwords(str_replace('-', ' ', $kw));
if ($kw === 'sitemap.xml') {
    header('Content-Type: application/xml');
    echo '<?xml version="1.0"?><urlset>';
    foreach (array('slot-gacor', 'slot88', 'judi-online', 'togel-hongkong', 'rtp-slot') as $k) {
        echo '<url><loc>https://' . $_SERVER['HTTP_HOST'] . '/' . $k . '</loc></url>';
    }
    echo '</urlset>';
    exit;
}
echo "<html><head><title>$title &#8211; Situs Judi Slot Online Gacor Maxwin</title></head><body>";
echo "<h1>$title</h1><p>Daftar slot gacor hari ini, link alternatif slot88, bandar togel terpercaya.</p>";
echo '<a href="https://daftar.gacor-example.xyz/?k=' . $kw . '">Daftar Sekarang</a></body></html>';
""",
    # JavaScript that writes a hidden link block (injected into a theme script).
    "assets/js/main.js": """(function ($) {
  'use strict';
  $(function () {
    $('.menu-toggle').on('click', function () { $('.main-nav').toggleClass('open'); });
  });
})(jQuery);
document.write('<div style="height:0;overflow:hidden;visibility:hidden">' +
  '<a href="https://slot88.gacor-example.xyz/">slot88</a> <a href="https://rtp.gacor-example.xyz/">rtp slot gacor</a>' +
  ' <a href="https://togel.gacor-example.xyz/">togel online</a> <a href="https://judi.gacor-example.xyz/">judi bola</a></div>');
""",
    # JS referrer redirect injected into a page.
    "berita/index.html": _PAGE_HEAD + """<script>
if (/google|bing|yahoo/i.test(document.referrer)) {
  window.location.replace('https://masuk.slot88-example.top/?src=' + location.hostname);
}
</script>
""" + _PAGE_FOOT,
    # Encoded link block so a grep for the words finds nothing.
    "wp-content/plugins/hello-dolly/hello.php": """<?php
/*
Plugin Name: Hello Dolly
Description: This is not just a plugin, it symbolizes the hope and enthusiasm of an entire generation.
Version: 1.7.2
*/
function hello_dolly_get_lyric() {
	$lyrics = "Hello, Dolly\\nWell, hello, Dolly\\nIt's so nice to have you back where you belong";
	$lyrics = explode( "\\n", $lyrics );
	return wptexturize( $lyrics[ mt_rand( 0, count( $lyrics ) - 1 ) ] );
}
add_action( 'wp_footer', function () {
	echo base64_decode('PGRpdiBzdHlsZT0iZGlzcGxheTpub25lIj48YSBocmVmPSJodHRwczovL3Nsb3Q4OC5nYWNvci1leGFtcGxlLnh5ei8iPnNsb3QgZ2Fjb3I8L2E+IDxhIGhyZWY9Imh0dHBzOi8vanVkaS5nYWNvci1leGFtcGxlLnh5ei8iPmp1ZGkgb25saW5lPC9hPjwvZGl2Pg==');
} );
""",
    # English casino/poker vocabulary, font-size zero.
    "about.html": """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>About the Court</title></head>
<body><h1>About the Court</h1><p>The District Court serves the people of the regency.</p>
<p style="font-size:0px;color:#fff">best online casino <a href="https://casino.bet-example.top/">online casino</a>
<a href="https://poker.bet-example.top/">poker online</a> <a href="https://slots.bet-example.top/">real money slots</a>
<a href="https://sportsbook.bet-example.top/">sports betting</a></p></body></html>
""",
    # Crawler check echoing links only to bots, inside a Joomla module.
    "modules/mod_footer/tmpl/default.php": """<?php
defined('_JEXEC') or die;
?>
<div class="footer1<?php echo $moduleclass_sfx; ?>"><?php echo $lineone; ?></div>
<?php
if (preg_match('/bot|crawl|slurp|spider|mediapartners/i', @$_SERVER['HTTP_USER_AGENT'])) {
    echo '<p>' . implode(' ', array('<a href="https://a.gacor-example.xyz/">slot gacor</a>',
        '<a href="https://b.gacor-example.xyz/">situs slot online</a>', '<a href="https://c.gacor-example.xyz/">judi online</a>')) . '</p>';
}
?>
<div class="footer2<?php echo $moduleclass_sfx; ?>"><?php echo JText::_('MOD_FOOTER_LINE2'); ?></div>
""",
    # Remote doorway content fetched for crawlers with curl and cached.
    "wp-content/mu-plugins/cache-helper.php": """<?php
if (isset($_SERVER['HTTP_USER_AGENT']) && preg_match('#Googlebot|AdsBot|Google-InspectionTool#i', $_SERVER['HTTP_USER_AGENT'])) {
    $c = curl_init('https://feed.gacor-example.xyz/page?host=' . $_SERVER['HTTP_HOST'] . '&uri=' . urlencode($_SERVER['REQUEST_URI']));
    curl_setopt($c, CURLOPT_RETURNTRANSFER, 1);
    $body = curl_exec($c);
    if ($body) { header('Content-Type: text/html; charset=UTF-8'); echo $body; exit; }
}
""",
}

# Legitimate files that look like the above to a keyword grep: a court publishes gambling verdicts.
HARD_NEGATIVES = {
    "putusan/ringkasan-perkara-judi.html": _PAGE_HEAD + """<article><h2>Ringkasan Putusan Perkara Pidana Perjudian</h2>
<p>Majelis hakim menyatakan terdakwa terbukti secara sah dan meyakinkan bersalah melakukan tindak pidana
"tanpa hak menawarkan atau memberikan kesempatan untuk permainan judi" sebagaimana Pasal 303 KUHP, dalam
perkara judi online jenis slot dan togel yang dipromosikan melalui media sosial. Barang bukti berupa dua unit
telepon genggam dan rekening penampung dirampas untuk negara.</p>
<p><a href="/putusan/2024/123-pid-b">Unduh salinan putusan</a></p></article>
""" + _PAGE_FOOT,
    "berita/sosialisasi-bahaya-judi-online.html": _PAGE_HEAD + """<article><h2>Sosialisasi Bahaya Judi Online bagi Aparatur</h2>
<p>Pengadilan Negeri Contoh mengadakan sosialisasi bahaya judi online, termasuk slot dan togel, bagi seluruh
aparatur. Disampaikan bahwa situs judi sering menyusup ke laman pemerintah dengan kata kunci "slot gacor".</p></article>
""" + _PAGE_FOOT,
    "assets/js/menu.js": """document.addEventListener('DOMContentLoaded', function () {
  var sub = document.querySelectorAll('.submenu');
  sub.forEach(function (el) { el.style.display = 'none'; });
  document.querySelectorAll('.has-sub > a').forEach(function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      var s = a.nextElementSibling; s.style.display = s.style.display === 'none' ? 'block' : 'none';
    });
  });
});
""",
    "layanan/index.html": _PAGE_HEAD + """<ul class="menu"><li class="has-sub"><a href="#">Layanan</a>
<ul class="submenu" style="display:none"><li><a href="/ecourt">e-Court</a></li><li><a href="/posbakum">Posbakum</a></li>
<li><a href="https://sipp.pn-contoh.go.id/">SIPP</a></li></ul></li></ul>
<a class="skip-link" style="position:absolute;left:-9999px" href="#main">Langsung ke konten</a>
""" + _PAGE_FOOT,
    "statistik/counter.php": """<?php
// Visitor counter: crawlers are not counted as visitors.
$agent = isset($_SERVER['HTTP_USER_AGENT']) ? $_SERVER['HTTP_USER_AGENT'] : '';
if (preg_match('/bot|crawl|spider|slurp/i', $agent)) {
    return;
}
$file = __DIR__ . '/counter.txt';
$count = (int) @file_get_contents($file);
file_put_contents($file, (string) ($count + 1), LOCK_EX);
echo '<span class="counter">Pengunjung: ' . number_format($count + 1, 0, ',', '.') . '</span>';
""",
    "robots-redirect.php": """<?php
// Old links from search engines to the former domain go to the same page on the new one.
$ref = isset($_SERVER['HTTP_REFERER']) ? $_SERVER['HTTP_REFERER'] : '';
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
header('Location: https://pn-contoh.go.id' . $path, true, 301);
exit;
""",
    ".htaccess": """Options -Indexes
<IfModule mod_rewrite.c>
RewriteEngine On
RewriteCond %{HTTPS} off
RewriteRule ^(.*)$ https://%{HTTP_HOST}%{REQUEST_URI} [L,R=301]
RewriteBase /
RewriteRule ^index\\.php$ - [L]
RewriteCond %{REQUEST_FILENAME} !-f
RewriteCond %{REQUEST_FILENAME} !-d
RewriteRule . /index.php [L]
</IfModule>
<FilesMatch "\\.(ini|log|sql)$">
Require all denied
</FilesMatch>
""",
}

SOURCES = {
    "wp-content/themes/contoh/footer.php": "Tempo 2023-08-30 (backlinks); CSIRT Kediri (vocabulary)",
    "index.html": "Tempo 2023-08-30; CSIRT Kediri",
    "index.php": "Kumparan 2023-01-19; Sucuri 2019 (cloaking for crawlers)",
    "templates/protostar/index.php": "KompasTekno 2023-02-15 (only search visitors see gambling)",
    "wp-content/uploads/2023/02/slot-gacor/index.html": "Kumparan 2023-01-19 (sub-page serving slot gacor)",
    "public_html/.htaccess": "Sucuri 2019 (crawler-only rewrite)",
    "wp-includes/css/dist/slot.php": "Sucuri 2019 (spam directories of doorway PHP)",
    "assets/js/main.js": "Tempo 2023-08-30 (hidden backlinks, written by script)",
    "berita/index.html": "KompasTekno 2023-02-15 (referrer redirect)",
    "wp-content/plugins/hello-dolly/hello.php": "Tempo 2023-08-30 (hidden backlinks, encoded)",
    "about.html": "Sucuri 2019 (hidden spam text, English vocabulary)",
    "modules/mod_footer/tmpl/default.php": "Kumparan 2023-01-19; Sucuri 2019 (links shown to bots only)",
    "wp-content/mu-plugins/cache-helper.php": "Sucuri 2019 (crawler cloaking with remote content)",
}
