"""Unit tests of secret masking and pseudonymisation (plugins/module_utils/core/mask.py)."""

from ansible_collections.sitekeeper.website.plugins.module_utils.core import mask

PLANTED = {
    "php": "define('DB_PASSWORD', 'wp-Secret-7781');",
    "nginx": "fastcgi_param DB_PASSWORD pw-nginx-4412;",
    "apache": "SetEnv DB_PASS apache-pw-9921",
    "yaml": "db_password: yaml-pw-3310",
    "json": '{"api_key": "json-key-5521", "user": "admin"}',
    "auth": "Authorization: Bearer tok-abcdef123456",
    "basic": "authorization: Basic dXNlcjpwYXNzd29yZA==",
    "cookie": "Cookie: PHPSESSID=cookie-val-8812; lang=id",
    "setcookie": "Set-Cookie: session=setc-val-9913; HttpOnly",
    "query": 'GET /admin/login.php?user=a&token=query-tok-2231 HTTP/1.1',
    "url": "mysql://app:url-pw-7731@db.internal/app",
    "mysql_p": "mysqldump -uroot -pcli-pw-6631 app",
    "jwt": "X-Header: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    "github": "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
}
SECRETS = ["wp-Secret-7781", "pw-nginx-4412", "apache-pw-9921", "yaml-pw-3310", "json-key-5521",
           "tok-abcdef123456", "dXNlcjpwYXNzd29yZA==", "cookie-val-8812", "setc-val-9913", "query-tok-2231",
           "url-pw-7731", "cli-pw-6631", "sflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
           "ghp_abcdefghijklmnopqrstuvwxyz0123456789"]


def test_every_planted_secret_is_masked():
    text = "\n".join(PLANTED.values())
    masked, count = mask.mask_text(text)
    for secret in SECRETS:
        assert secret not in masked, secret
    assert count >= len(SECRETS)
    # What is not secret stays readable.
    assert "DB_PASSWORD" in masked and "user=a" in masked and "SetEnv DB_PASS" in masked
    assert "/admin/login.php" in masked


def test_private_key_block_is_removed_whole():
    text = "before\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nabc\n-----END PRIVATE KEY-----\nafter"
    masked, _ = mask.mask_text(text)
    assert "MIIEvQ" not in masked and "before" in masked and "after" in masked
    assert "-----BEGIN PRIVATE KEY-----" in masked


def test_literal_secrets_are_masked_anywhere():
    masked, count = mask.mask_text("the value zz-Literal-42 appears in prose", ["zz-Literal-42"])
    assert "zz-Literal-42" not in masked and count == 1


def test_prose_is_not_mangled():
    text = "Secrets (passwords, tokens, keys) are replaced."
    assert mask.mask_text(text)[0] == text


def test_mask_value_masks_secret_keys_and_nested_text():
    value = {"password": "p-77", "nested": ["Cookie: a=b-c-d-e"], "ok": 3}
    masked, count = mask.mask_value(value)
    assert masked["password"] == mask.MASK and "a=b-c-d-e" not in masked["nested"][0] and masked["ok"] == 3
    assert count >= 2


def test_safe_environment_keeps_only_harmless_values():
    env = mask.safe_environment({"PATH": "/bin", "MY_SECRET_TOKEN": "env-secret-1", "OTHER": "x"})
    assert env == {"MY_SECRET_TOKEN": mask.MASK, "OTHER": mask.MASK, "PATH": "/bin"}


def test_pseudonymiser_is_consistent_and_reversible():
    pseudo = mask.Pseudonymiser(["www.pn-contoh.go.id", "web1"])
    text = "10.1.2.3 -> www.pn-contoh.go.id; again 10.1.2.3 and 2001:db8::1 on web1 (127.0.0.1)"
    out = pseudo.text(text)
    assert "10.1.2.3" not in out and "pn-contoh" not in out and "2001:db8::1" not in out and "web1" not in out
    assert out.count("ip-0001") == 2 and "127.0.0.1" in out
    reverse = pseudo.reverse_mapping()
    assert reverse["ip-0001"] == "10.1.2.3" and reverse["host-0001"] == "www.pn-contoh.go.id"


def test_pseudonymiser_leaves_version_numbers_alone():
    pseudo = mask.Pseudonymiser([])
    assert pseudo.text("nginx/1.22.1 and 1.2.3.4.5") == "nginx/1.22.1 and 1.2.3.4.5"
