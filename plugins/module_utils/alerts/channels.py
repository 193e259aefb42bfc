# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Delivering a message to one recipient: through Apprise, or into the outbox folder.

One URL per recipient. Apprise (a maintained library: e-mail ``mailto://``, Telegram
``tgram://``, Slack, Microsoft Teams, Discord, Matrix, generic ``json://``/``form://``
webhooks, and a WhatsApp gateway through a webhook) sends it; ``outbox://`` (or
``outbox:///folder``) writes the message as an e-mail file into the outbox folder
instead, which is what the demo and air-gapped courts read.

A recipient may carry ``api_url``: the base URL of its service's API, for a self-hosted
Telegram Bot API server (``http://host:8081/bot``). A failed delivery is retried
(``retries`` attempts, backoff doubling) and then reported; it never raises. Secrets in
URLs never leave this file: what is shown is Apprise's privacy form of the URL, and
error texts are masked with core.mask plus the URL's own parts.
"""

from __future__ import annotations

import email.message
import email.policy
import email.utils
import hashlib
import logging
import mimetypes
import os
import time
import urllib.parse

from ansible_collections.sitekeeper.website.plugins.module_utils.core import files as cfiles
from ansible_collections.sitekeeper.website.plugins.module_utils.core import mask

OUTBOX = "outbox"


class ChannelError(RuntimeError):
    """A recipient's URL cannot be used at all (retrying would not help)."""


def url_secrets(url: str) -> list:
    """Parts of a URL that may be secret (user, password, path segments, query values), for masking."""
    try:
        parts = urllib.parse.urlsplit(url)
        found = [url, parts.username or "", parts.password or ""]
        found += [urllib.parse.unquote(s) for s in parts.path.split("/")]
        found += [v for _k, v in urllib.parse.parse_qsl(parts.query)]
        if parts.scheme not in ("json", "jsons", "form", "forms", "xml", "xmls", "mailto", "mailtos", OUTBOX):
            found.append(parts.netloc)  # a token in the host part (tgram://TOKEN/CHAT, discord://ID/TOKEN)
    except ValueError:
        return [url]
    return [s for s in found if len(s) >= 6]


def shown(recipient: dict) -> str:
    """The recipient as it may be shown and logged: name and the URL without its secrets."""
    url = recipient["url"]
    if url.startswith(OUTBOX + "://"):
        return "%s (%s)" % (recipient["name"], url)
    try:
        import apprise

        plugin = apprise.Apprise.instantiate(url, suppress_exceptions=True)
        safe = plugin.url(privacy=True) if plugin else None
    except ImportError:
        safe = None
    if not safe:
        safe = urllib.parse.urlsplit(url).scheme + "://" + mask.MASK
    # The privacy form is already safe but for parts Apprise does not know as secret (a token in a path).
    parts = [p for p in url_secrets(url) if p != url]
    return "%s (%s)" % (recipient["name"], mask.mask_text(safe.split("?", 1)[0], parts)[0])


def masked(text: str, recipient: dict) -> str:
    return mask.mask_text(str(text or ""), url_secrets(recipient["url"]))[0][:500]


def write_outbox(folder: str, title: str, body: str, recipient: str, attachments=()) -> str:
    """The message as an e-mail file in the outbox folder; returns its path."""
    # Long subjects stay on one line (RFC 5322 allows 998 characters): folded, some readers
    # show the title with a leading blank.
    msg = email.message.EmailMessage(policy=email.policy.SMTP.clone(max_line_length=998))
    msg["Subject"] = title
    msg["From"] = "sitekeeper-alerts@localhost"
    msg["To"] = recipient
    msg["Date"] = email.utils.formatdate(localtime=True)
    msg["Message-ID"] = email.utils.make_msgid("sitekeeper-alert")
    msg.set_content(body)
    for path in attachments:
        kind = (mimetypes.guess_type(path)[0] or "application/octet-stream").split("/", 1)
        with open(path, "rb") as handle:
            msg.add_attachment(handle.read(), maintype=kind[0], subtype=kind[1], filename=os.path.basename(path))
    data = msg.as_bytes()
    os.makedirs(folder, mode=0o700, exist_ok=True)
    name = "%d.alert-%s.eml" % (int(time.time() * 1000), hashlib.sha256(data).hexdigest()[:12])
    path = os.path.join(folder, name)
    cfiles.write_atomic(path, data, mode=0o600)
    return path


def _outbox_folder(url: str, default: str) -> str:
    folder = urllib.parse.unquote(urllib.parse.urlsplit(url).path) or default
    if not folder:
        raise ChannelError("outbox:// needs a folder (outbox:///path) or the outbox_dir setting")
    return os.path.expanduser(folder)


def _apprise_send(recipient: dict, title: str, body: str, attachments, timeout: float, critical: bool) -> tuple:
    """(ok, log text) of one Apprise delivery attempt."""
    import apprise

    with apprise.LogCapture(level=logging.WARNING) as logs:
        plugin = apprise.Apprise.instantiate(recipient["url"], suppress_exceptions=True)
        if plugin is None:
            raise ChannelError("Apprise does not understand this URL: %s" % logs.getvalue().strip()[-300:])
        if recipient.get("api_url"):
            # A self-hosted API endpoint (Telegram's Bot API server runs on-premises too).
            plugin.notify_url = recipient["api_url"]
        plugin.socket_connect_timeout = plugin.socket_read_timeout = timeout
        attach = apprise.AppriseAttachment(list(attachments)) if attachments else None
        kind = apprise.NotifyType.FAILURE if critical else apprise.NotifyType.INFO
        ok = bool(plugin.notify(body=body, title=title, notify_type=kind, attach=attach))
        return ok, logs.getvalue()


def deliver(recipient: dict, title: str, body: str, attachments=(), outbox_dir: str = "", retries: int = 3,
            backoff: float = 2.0, timeout: float = 15.0, critical: bool = False, sleep=time.sleep) -> dict:
    """Deliver one message to one recipient; never raises. Returns {recipient, channel,
    delivered, attempts, error, path (outbox only)}."""
    result = {"recipient": recipient["name"], "channel": shown(recipient), "delivered": False, "attempts": 0,
              "error": ""}
    missing = [a for a in attachments if not os.path.isfile(a)]
    attachments = [a for a in attachments if os.path.isfile(a)]
    for attempt in range(retries):
        if attempt:
            sleep(backoff * (2 ** (attempt - 1)))
        result["attempts"] = attempt + 1
        try:
            if recipient["url"].startswith(OUTBOX + "://"):
                result["path"] = write_outbox(_outbox_folder(recipient["url"], outbox_dir), title, body,
                                              recipient["name"], attachments)
                result.update(delivered=True, error="")
                break
            ok, log = _apprise_send(recipient, title, body, attachments, timeout, critical)
        except ChannelError as exc:
            result["error"] = masked(exc, recipient)
            break
        except Exception as exc:  # noqa: BLE001 - a channel's failure must never end the run
            result["error"] = masked("%s: %s" % (type(exc).__name__, exc), recipient)
            continue
        if ok:
            result.update(delivered=True, error="")
            break
        last = log.strip().splitlines()[-1] if log.strip() else "the service refused it"
        result["error"] = masked(last.split(" - ", 2)[-1], recipient)  # without Apprise's time and level
    if missing:
        result["missing_attachments"] = missing
    return result
