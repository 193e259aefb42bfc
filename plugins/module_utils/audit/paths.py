# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Path detectors of the request classifier: sensitive files, web shells, known exploit paths.

Standard library only (this code runs on the web host).

They see the decoded, normalised, lower-case path (see decode.py) and return the same
``(rule, detection id, weight, position)`` tuples as rules.py. Lookups are by path
segment (sets and dicts), so their cost does not grow with the size of the lists.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.exploit_paths import EXPLOIT_PATHS

# Hidden files and folders that hold secrets, history or version control (".well-known" is public).
DOT_NAMES = frozenset((
    ".env .git .svn .hg .bzr .cvs .htaccess .htpasswd .htdigest .ds_store .aws .ssh .npmrc .yarnrc .docker "
    ".dockercfg .bash_history .sh_history .zsh_history .mysql_history .psql_history .history .idea .vscode "
    ".kube .config .pgpass .my.cnf .netrc .git-credentials .gitconfig .terraform .s3cfg .boto .user.ini "
    ".php_cs .composer .ftpconfig .remote-sync.json .sftp-config.json .listing .listings .passwd .pwd "
    ".profile .rhosts .subversion .perf .bashrc .vimrc .viminfo .lesshst .gnupg .azure .gcloud .circleci "
    ".travis.yml .gitlab-ci.yml .dockerenv .env.local .env.production .env.dev .env.prod .env.backup .env.save "
    ".env.old .env.bak .env.example .env.sample .DS_Store .htpasswd.bak .vault-token .wp-config.php.swp"
).lower().split())
# Files that hold credentials or server internals under their usual names.
SECRET_NAMES = frozenset((
    "wp-config.php configuration.php settings.php local.xml web.config database.yml secrets.yml credentials.json "
    "config.inc.php parameters.yml appsettings.json application.properties id_rsa id_dsa id_ecdsa id_ed25519 "
    "authorized_keys known_hosts htpasswd phpinfo.php info.php server-status server-info elmah.axd trace.axd "
    "docker-compose.yml docker-compose.yaml sftp-config.json ftpsync.settings filezilla.xml sitemanager.xml "
    "dump.sql backup.sql database.sql db.sql mysql.sql users.sql wallet.dat credentials .env composer.json "
    "composer.lock package.json package-lock.json yarn.lock config.yml config.yaml config.json secrets.json "
    "master.key storage.yml shadow passwd debug.log error_log error.log access.log laravel.log db.sqlite "
    "database.sqlite db.sqlite3 database.db dump.rdb service.pwd id_rsa.pub credentials.xml settings.local.php "
    "local.settings.json appsettings.development.json phpunit.xml .env.php dockerfile vagrantfile gemfile "
    "gemfile.lock pipfile pipfile.lock requirements.txt pom.xml build.gradle php.ini thumbs.db localsettings.php "
    "settings.py env.php wallet.json keystore.jks "
    # password files of Unix, BSD, web servers and FrontPage; Tomcat's users; FTP clients' saved sites
    "master.passwd spwd.db pwd.db gshadow passwd.txt password.txt passwords.txt pass.txt passwd.bak "
    "administrators.pwd authors.pwd users.pwd admin.pwd tomcat-users.xml ws_ftp.ini winscp.ini "
    "recentservers.xml filezilla.xml ftp.txt accounts.xml htusers "
    # logs that carry requests, stack traces and secrets
    "php_errors.log php_error.log npm-debug.log yarn-error.log production.log development.log catalina.out "
    "install.log access_log sql.log mysql.log errors.log "
    # server and database configuration under their usual names
    "my.cnf my.ini httpd.conf apache2.conf nginx.conf lighttpd.conf httpd.ini web.xml context.xml "
    "php_info.php php-info.php phpversion.php .my.cnf unattend.xml unattended.xml autounattend.xml sysprep.inf "
    "sysprep.xml applicationhost.config"
).split())
# Names only a probe asks for on a site without them (weak: counted when the site answers 4xx).
WEAK_NAMES = frozenset((
    "config.php config.inc config.old test.php test.html users.txt user.txt accounts.txt core nohup.out "
    "ws_ftp.log install.txt upgrade.txt setup.php install.php i.php pi.php dbconfig.php db.php "
    "database.php phpinfo test.cgi admin.php.bak dump backup.tgz web.config.txt server.xml settings.json id_rsa.bak"
).split())
# Version-control metadata folders without a leading dot (CVS) and Java's private folders.
_VCS = re.compile(r"(?:^|/)(?:cvs/(?:entries|root|repository)|_darcs/|\.?bzr/|web-inf/|meta-inf/)")
# Archive and dump names whose content is the whole site or database.
DUMP_STEMS = frozenset((
    "backup backups dump db database www site wwwroot htdocs public_html sql localhost web data html website root "
    "home archive old new src source files mysql sitebackup bak full db_backup www-data"
).split())
ARCHIVES = (".sql", ".sql.gz", ".sql.zip", ".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".gz", ".rar", ".7z",
            ".bak", ".bz2", ".xz", ".dump")
# Editor and admin leftovers; a copy of source or configuration under such a name is served as text.
_BACKUP = re.compile(r"^(?:#(.+)#|\.?(.+?)\.(?:swp|swo|swn|un~|kate-swp)|(?:copy of |copy_of_|backup_of_)(.+)|"
                     r"(.+?)(?:~\d?|\.(?:bak|backup|old|orig|original|ori|save|sav|tmp|temp|copy|dist|prev|previous|"
                     r"back|bk|bkp|bck|bac|bakup|\$\$\$|\d{1,3})\d?|[._-](?:bak|old|backup|orig|copy|save)\d?|"
                     r"\s?\(copy\)|\s?-\s?copy(?: \(\d+\))?(?=\.)\S*))$")
# Source or configuration served as text (a copy renamed so the server no longer runs it): weak.
_AS_TEXT = re.compile(r"^(.+\.(?:php\d?|asp|aspx|jsp|config|conf|cfg|ini|inc|py|rb|yml|yaml|env))\.(?:txt|src|source|"
                      r"inc|text|html)$")
_SOURCE_EXT = re.compile(r"\.(?:php\d?|phtml|asp|aspx|jsp|config|conf|cfg|ini|env|ya?ml|json|xml|py|rb|inc|sql|"
                         r"properties|htaccess|sh|pl|cgi|js)$|^\.env|^wp-config|^config|^settings|^database")
# Key and credential stores by extension (certificates' private keys, password databases, VPN profiles).
_KEY_EXT = re.compile(r"\.(?:pem|key|p12|pfx|jks|keystore|kdbx|ppk|ovpn|mdb|accdb)$")
# Extensions a web site does not publish: server-side source and project files of .NET, databases,
# password and system files (the usual restricted-extension list of web servers and WAFs); weak.
_WEAK_EXT = re.compile(r"\.(?:sql|bak|old|orig|save|swp|backup|tar|tgz|tar\.gz|zip|rar|7z|dump|log|ini|conf|cfg|"
                       r"asa|asax|ascx|cs|csproj|vb|vbs|vbproj|resx|resources|licx|pdb|dbf|db|sqlite3?|pwd|pass|lnk|"
                       r"sys|webinfo|vsdisco|pol|cdx|config|inc|bkp|bk|tmp|temp|history)$")

WEBSHELL_NAMES = re.compile(r"^(?:c99|r57|wso\d*|b374k|webshell|alfa\w*|priv8|indoxploit|mini|shell\d*|cmd|up|uploader|"
                            r"x|sh3ll|0x|leaf|symlink|adminer\d*|bypass|wp-\w*shell|cmd\d*|1|xx|ws|sym|lol|fm|"
                            r"filemanager\d*|tinyfilemanager|marijuana|bala|zeroshell|gel4y|ava)\.php\d?$")
_SHELL_PARAM = re.compile(r"\.php\d?\?(?:cmd|exec|command|shell|c|e|ev|pass|action=(?:cmd|exec|shell))=")


def _anchor(fragment):
    words = re.findall(r"[a-z0-9_+%]{3,}", fragment)
    return max(words, key=len) if words else fragment


_INDEX = {}
for _frag, _product, _ref, _weight in EXPLOIT_PATHS:
    _frag = _frag.lower()  # the text it is compared with is lower-case
    _start = _frag[:1] == "^"  # only at the start of the path
    _frag = _frag.lstrip("^")
    _INDEX.setdefault(_anchor(_frag), []).append((_frag, _product, _ref, _weight, _start))
_WORDS = re.compile(r"[a-z0-9_+%]{3,}")


def exploit(text):
    """Known vulnerable-application paths in the decoded path?query (segment-bounded)."""
    best = None
    for word in set(_WORDS.findall(text[:2048])):
        for frag, product, ref, weight, start in _INDEX.get(word, ()):
            at = text.find(frag) if not start else (0 if text.startswith(frag) else -1)
            if at < 0:
                continue
            end = at + len(frag)
            if frag[-1].isalnum() and end < len(text) and text[end] not in "/?;.#&":
                continue
            if best is None or weight > best[0]:
                best = (weight, at, product, ref)
    if best is None:
        return []
    ident = "exploit_probe" if best[0] >= 5 else "exploit_probe_weak"
    return [("exploit_path:%s (%s)" % (best[2], best[3]), ident, best[0], best[1])]


def files(path):
    """Sensitive files, backups and web shells in a decoded, normalised path."""
    found = []
    segments = [s for s in path.split("/") if s]
    if not segments:
        return found
    last = segments[-1]
    for seg in segments:
        if seg[:1] == "." and seg not in (".well-known", ".", ".."):
            if seg in DOT_NAMES or seg.startswith((".env", ".git", ".svn", ".hg", ".ssh", ".aws", ".docker")):
                found.append(("sensitive_dotfile", "sensitive_file", 5, path.find(seg)))
            elif not seg.startswith(".well-known"):
                # any other hidden file or folder: a site does not publish them, so a 4xx is a probe
                found.append(("sensitive_hidden_file", "sensitive_file_weak", 3, path.find(seg)))
            break
    if _VCS.search(path):
        found.append(("sensitive_vcs_or_private_folder", "sensitive_file", 5, _VCS.search(path).start()))
    if last in SECRET_NAMES:
        found.append(("sensitive_secret_file", "sensitive_file", 5, len(path) - len(last)))
    elif last in WEAK_NAMES or _AS_TEXT.match(last):
        found.append(("sensitive_probe_name", "sensitive_file_weak", 3, len(path) - len(last)))
    else:
        m = _BACKUP.match(last)
        if m:
            base = next(g for g in m.groups() if g)
            if _SOURCE_EXT.search(base) or base in SECRET_NAMES:
                found.append(("sensitive_backup_copy", "sensitive_file", 5, len(path) - len(last)))
        stem = last.split(".", 1)[0]
        if _KEY_EXT.search(last):
            found.append(("sensitive_key_file", "sensitive_file", 5, len(path) - len(last)))
        elif stem in DUMP_STEMS and last.endswith(ARCHIVES):
            found.append(("sensitive_site_dump", "sensitive_file", 5, len(path) - len(last)))
        elif _WEAK_EXT.search(last):
            found.append(("sensitive_extension", "sensitive_file_weak", 3, len(path) - len(last)))
    if ".php" in last or ".php" in path:
        if WEBSHELL_NAMES.match(last):
            found.append(("webshell_name", "webshell", 5, len(path) - len(last)))
        elif "/uploads/" in path and re.search(r"\.ph(?:p\d?|tml|ar)$", last):
            found.append(("webshell_in_uploads", "webshell", 5, path.find("/uploads/")))
    return found


def shell_query(path_query):
    """A PHP script asked with the parameters web shells take (x.php?cmd=)."""
    m = _SHELL_PARAM.search(path_query)
    return [("webshell_parameter", "webshell", 5, m.start())] if m else []


# Server-side technologies named by a file extension. A site that never answers a page of one of
# them with 2xx does not run it, so a client asking for one and getting 4xx is looking for
# software that is not there (a probe), while the same request on a site that runs it is a
# broken link. Static and ambiguous extensions (.html, .js, .json, .xml, .txt) say nothing.
TECHNOLOGIES = {
    "php": "PHP", "php3": "PHP", "php4": "PHP", "php5": "PHP", "php7": "PHP", "phtml": "PHP",
    "asp": "ASP", "aspx": "ASP.NET", "asmx": "ASP.NET", "ashx": "ASP.NET", "axd": "ASP.NET", "asa": "ASP",
    "svc": "ASP.NET", "jsp": "Java", "jspx": "Java", "jspa": "Java", "jsf": "Java", "faces": "Java",
    "do": "Java", "action": "Java", "jhtml": "Java", "cfm": "ColdFusion", "cfml": "ColdFusion",
    "cfc": "ColdFusion", "nsf": "Domino", "ntf": "Domino", "cgi": "CGI", "pl": "CGI", "exe": "CGI",
    "dll": "ISAPI", "htr": "IIS", "idq": "IIS", "ida": "IIS", "idc": "IIS", "htw": "IIS", "shtml": "SSI",
    "stm": "SSI", "esp": "ESP", "py": "CGI", "rb": "Ruby", "lasso": "Lasso", "nsp": "Netscape",
    "jws": "Java", "rem": "ASP.NET", "soap": "ASP.NET", "htx": "IIS", "shtm": "SSI", "bat": "CGI", "cmd": "CGI",
    "sh": "CGI", "dbm": "ColdFusion", "bsp": "SAP", "xsql": "Oracle",
}
# Statuses that say "not here" (a login wall, a proxy's authentication or a rate limit do not).
_MISSING = frozenset((b"400", b"403", b"404", b"405", b"406", b"410", b"414", b"501"))


def technology(raw_path: bytes):
    """The server-side technology a request path names by its extension, or None (bytes in, str out)."""
    if b"%" in raw_path:
        raw_path = unquote_to_bytes(raw_path)
    last = raw_path.rsplit(b"/", 1)[-1].split(b";", 1)[0]  # a path parameter (;jsessionid=) is not the name
    dot = last.rfind(b".")
    if dot < 0 or len(last) - dot > 8:
        return None
    ext = last[dot + 1:].lower()
    return TECHNOLOGIES.get(ext.decode("latin-1"))


def answered_missing(status: bytes) -> bool:
    """The site said the resource is not there (or refused the request as such)."""
    return status in _MISSING
