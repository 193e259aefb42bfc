#!/usr/bin/python
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scan a web host's docroots for web shells, injected spam and unexpected changes (SOP activities 1 and 3).

Written by hand (standard library only) so it runs on any web host without
installing a scanner; the logic lives in module_utils/docroot/.
"""

from __future__ import annotations

DOCUMENTATION = r"""
---
module: docroot_scan
short_description: Find web shells, injected gambling/SEO spam and unexpected changes in website files
version_added: "0.1.0"
description:
  - Walks the given folders (docroots, upload folders) on the host it runs on, with Python's standard library only,
    reads each file once while hashing it, and scores the evidence that a file is a web shell or backdoor, carries
    injected gambling/SEO spam, hides a script in an upload folder or a non-script file, or changed since the
    baseline. Returns the flagged files, counts and Sitekeeper findings (activity 3; activity 1 for the integrity
    check).
  - "Web shells (PHP; ASP, ASP.NET and JSP where present): weighted signals, no single keyword decides. Strong:
    request input reaching code or command execution (C(eval), C(assert), C(create_function), C(preg_replace) with
    C(/e), variable functions, callbacks such as C(call_user_func) or C(array_map), backticks, C(system),
    C(passthru), C(shell_exec), C(proc_open)), reverse shells, C(eval) of a decoder or of a function result.
    Adding up: decoding chains (C(base64_decode), C(gzinflate), C(str_rot13), C(strrev), C(hex2bin)),
    obfuscation (entropy of the longest line, escaped bytes, C(chr) concatenations, identifiers like
    C($OOO0O0O), long encoded literals), sink names in strings, shell user-interface features (system
    information, file manager, command fall-backs). The text is normalised first (comments out, concatenations
    joined, escapes, C(chr) codes and XOR of literals evaluated, variables holding one literal substituted) and
    base64/hex/gzip/rot13/strrev layers are decoded up to three levels deep and scored too; nothing is ever
    executed. Near the threshold, a learned score of which names a PHP file uses (a logistic regression
    trained on public shells and CMS/framework code) adds up to 8 points for a shell-like vocabulary or takes
    4 off a weak verdict on code whose vocabulary is strongly a framework's; it never flags a file alone."
  - "Spam: gambling vocabulary (Indonesian and English: slot gacor, judi online, togel, maxwin, rtp live,
    sbobet, ...; Chinese, Simplified and Traditional, in UTF-8, GBK, Big5 or character references) inside hidden
    blocks (C(display:none), C(visibility:hidden), off-screen positions, C(font-size:0), tiny boxes with hidden
    overflow, an element a script hides) with links; user-agent or referrer checks for search crawlers in server code
    (cloaking); doorway pages dominated by gambling words and outbound links. C(.htaccess)/C(.user.ini): other
    extensions made executable as PHP, C(auto_prepend_file), crawler redirects."
  - "Uploads: PHP code inside an upload folder (O(upload_dirs)) or a PHP tag in an image, C(.ico) or other media
    file is C(suspicious_upload); PHP in a C(.txt) or other text file adds evidence to what its code shows."
  - "Integrity: with O(baseline_archive) (a tar of the docroot from the last verified backup) its member hashes
    are the baseline of the first path; otherwise, with O(state_path), the first scan's hashes are kept as the
    baseline. New, changed and deleted files are counted and listed (C(changes)); a new or changed script that
    shows some evidence below the threshold is flagged as C(unexpected_change)."
  - "Incremental: with O(state_path), a file whose size, mtime, ctime and inode did not change since the last
    scan is not read again (its hash and verdict are reused; counted as C(unchanged))."
  - "Bad input never stops the scan: links are never followed (a link out of the tree counts as
    C(symlink_outside), a looping one as C(loop), one inside the tree as C(symlink_inside), its target being
    scanned where it lives); unreadable files, files that vanish while scanned, FIFOs and devices, binary files
    named like scripts, files above O(max_file_size) (still hashed) and undecodable names are counted in
    C(counts.skipped) by reason. No path outside the given trees is read or reported."
options:
  paths:
    description: Folders to scan (a site's docroot and its other folders).
    type: list
    elements: path
    required: true
  site:
    description: The site's name, used as the subject of the findings. Defaults to the paths joined.
    type: str
  host:
    description: Inventory host name put in the findings. Defaults to the machine's host name.
    type: str
  upload_dirs:
    description:
      - Upload folders, where any PHP code is suspicious, as paths relative to each scanned folder
        (C(wp-content/uploads) means C(<path>/wp-content/uploads/)); C(uploads) and C(userfiles) also match as
        folder names at any depth (lower case, exactly).
    type: list
    elements: str
    default: [uploads, upload, wp-content/uploads, sites/default/files, images, img, media, files, userfiles,
              storage/app/public]
  allowed:
    description:
      - Files the admin allows (never flagged) as absolute paths, paths relative to their root, or sha256 hashes.
    type: list
    elements: str
    default: []
  state_path:
    description:
      - JSON file holding the incremental cache and the kept baseline (format in the collection's
        plugins/module_utils/docroot/baseline.py). Absent means every file is read and there is no kept baseline.
        Written atomically; not written in check mode.
      - Cached verdicts are computed again, once, when the detection code or its data changed (a new release),
        when the YARA rules in use changed (yara-python installed or upgraded, the admin's rule files edited) or
        an option that decides verdicts changed; the kept baseline stays.
    type: path
  baseline_archive:
    description:
      - A tar archive (C(.tar), C(.tar.gz), C(.tar.bz2), C(.tar.xz), or C(.tar.zst) when C(zstd) is installed) of
        the first path from the last verified backup (site_backup's C(files-<site>-docroot.tar.*)). Its member
        hashes are the baseline of the first path.
    type: path
  update_baseline:
    description: Make this scan's hashes the kept baseline (after the admin reviewed the changes).
    type: bool
    default: false
  max_file_size:
    description: Files larger than this many bytes are hashed but not analysed (counted as C(too_large)).
    type: int
    default: 8388608
  max_files:
    description: Stop after this many files (counted as C(max_files), with a problem); 0 means no limit.
    type: int
    default: 500000
  threshold:
    description: The score at which a file is flagged (the signals' weights add up; 10 is one strong signal).
    type: int
    default: 10
  workers:
    description:
      - Processes that read and analyse files (the walk and the verdicts stay in one). 0 means one per CPU core
        the module may run on (its CPU affinity, which a container or C(taskset) limits), at most 4 (each adds
        15-20 MB); 1 keeps everything in the module's process. Used only when more than 200 files must be read.
    type: int
    default: 0
  yara_rules:
    description:
      - A YARA rule file or a folder of C(.yar)/C(.yara) files. Used only when the C(yara) Python module imports;
        each matching rule adds a C(yara:<rule>) signal of weight 6. Never required.
    type: path
  generic_rules:
    description:
      - "Also run the bundled web-shell YARA rules of Neo23x0/signature-base (Detection Rule License 1.1) where the
        C(yara) Python module imports on the host: the generic rules (C(gen_webshells.yar) by Arnim Rupp) on files up
        to 64 KiB, and the rules naming known shells and their families (C(thor-webshells.yar) and the other
        web-shell rule files, by Florian Roth and contributors) on every file read. Each matching rule adds a
        C(yara:<rule>) signal of weight 8. One rule alone does not flag a file at the default threshold; two rules,
        or one rule and other evidence, do. The rules read each file first: a file two rules agree on is a certain
        web shell without the scan's own (slower) analysis, and its signals are then the rules' names. Without
        C(yara-python) the scan runs on its own signals and C(counts.generic_rules) is 0."
    type: bool
    default: true
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
    details: Scanning only reads files; in check mode the state file (cache and baseline) is not written.
  diff_mode:
    support: none
  idempotent:
    support: full
    details: Never changes a website file; the state file is bookkeeping and not reported as a change.
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Scan a site's docroot, keeping a baseline and cache between runs
  sitekeeper.website.docroot_scan:
    paths: [/var/www/example.go.id]
    site: example.go.id
    state_path: /var/lib/sitekeeper/docroot/example.go.id.json
    allowed: [/var/www/example.go.id/wp-content/plugins/known-tool/admin.php]
  register: scan

- name: Compare against the docroot archive of the last verified backup
  sitekeeper.website.docroot_scan:
    paths: [/var/www/example.go.id]
    baseline_archive: /backup/web1-20261203T010000Z/files-example.go.id-docroot.tar.zst

# Ad hoc, from the checkout:
#   ansible localhost -m sitekeeper.website.docroot_scan -a '{"paths": ["/var/www/html"]}'
"""

RETURN = r"""
flagged:
  description: The suspicious files, most severe first.
  returned: always
  type: list
  elements: dict
  contains:
    path: {description: Absolute path (undecodable bytes shown as U+FFFD)., type: str}
    root: {description: The scanned folder it is in., type: str}
    relative_path: {description: Path relative to O(paths) element it was found under., type: str}
    sha256: {description: Hash of the whole file., type: str}
    kind: {description: "C(webshell), C(spam_injection), C(suspicious_upload) or C(unexpected_change).", type: str}
    score: {description: "Sum of the weights of the signals found; scoring stops once the verdict is certain.", type: int}
    signals: {description: Names of the signals found (see the description)., type: list, elements: str}
    severity:
      description:
        - "C(critical), C(high) or C(medium). A web shell or spam file is C(critical) from O(threshold) + 4 (scoring
          stops there: nothing found later could undo the verdict), else C(high); a script in an upload folder or a
          picture is C(critical) from twice O(threshold), else C(medium); an unexpected change is C(medium)."
      type: str
    excerpt: {description: "At most 160 printable characters around the strongest evidence (normalised), or where the
                YARA rules that settled the file matched.",
              type: str}
    baseline: {description: "C(new), C(changed) or C(unchanged) against the baseline; null without one.",
               type: str}
    baseline_sha256: {description: Hash of the file in the baseline (null when absent)., type: str}
  sample:
    - path: /var/www/html/wp-content/uploads/2026/11/x.php
      sha256: 5f2b...
      kind: suspicious_upload
      score: 22
      signals: [input_to_code, php_in_upload_dir]
      severity: critical
      excerpt: "eval($_POST['x']);"
counts:
  description:
    - "C(files) seen, C(read), C(unchanged) (not read: the cache), C(analysed), C(flagged), C(bytes_read),
      C(new)/C(changed)/C(deleted) against the baseline, C(allowed) (files the allowed list kept from being flagged),
      C(generic_rules) (1 when the bundled YARA rules ran), and C(skipped) by reason (C(too_large), C(unreadable),
      C(unreadable_dir), C(binary), C(symlink_outside), C(symlink_inside), C(loop), C(vanished), C(not_regular),
      C(bad_name), C(missing_root), C(max_files))."
  returned: always
  type: dict
changes:
  description: Per root, the baseline's source and the new, changed and deleted relative paths (200 each at most).
  returned: always
  type: dict
problems:
  description: Sentences about what limited the scan (a missing folder, an unreadable state file or archive).
  returned: always
  type: list
  elements: str
findings:
  description:
    - "Findings: C(docroot.webshell), C(docroot.spam_injection), C(docroot.suspicious_upload), C(docroot.scan)
      (activity 3) and C(docroot.integrity) (activity 1, when there is a baseline)."
  returned: always
  type: list
  elements: dict
"""

import platform

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot.analyse import DEFAULT_UPLOAD_DIRS
from ansible_collections.sitekeeper.website.plugins.module_utils.docroot.scan import run


def main():
    module = AnsibleModule(
        argument_spec=dict(
            paths=dict(type="list", elements="path", required=True),
            site=dict(type="str"),
            host=dict(type="str"),
            upload_dirs=dict(type="list", elements="str", default=list(DEFAULT_UPLOAD_DIRS)),
            allowed=dict(type="list", elements="str", default=[]),
            state_path=dict(type="path"),
            baseline_archive=dict(type="path"),
            update_baseline=dict(type="bool", default=False),
            max_file_size=dict(type="int", default=8 << 20),
            max_files=dict(type="int", default=500000),
            threshold=dict(type="int", default=10),
            yara_rules=dict(type="path"),
            generic_rules=dict(type="bool", default=True),
            workers=dict(type="int", default=0),
        ),
        supports_check_mode=True,
    )
    result = run(module.params, module.params["host"] or platform.node(), check_mode=module.check_mode)
    result["changed"] = False
    module.exit_json(**result)


if __name__ == "__main__":
    main()
