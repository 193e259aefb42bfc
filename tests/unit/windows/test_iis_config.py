"""applicationHost.config and appcmd's state XML, read as IIS writes them (tests/data/windows/)."""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.windows import iis_config

from .conftest import read


@pytest.fixture(scope="module")
def config():
    return iis_config.parse(read("applicationHost.config"))


def by_name(config):
    return {site["name"]: site for site in config["sites"]}


def test_every_site_with_its_id_path_and_pool(config):
    sites = by_name(config)
    assert list(sites) == ["Default Web Site", "PA Contoh", "SIPP", "Arsip Lama", "Mati"]
    assert sites["PA Contoh"]["id"] == 2
    # The root application's root virtual directory, not /unduhan nor the /api application.
    assert sites["PA Contoh"]["physical_path"] == "D:\\Web\\pa-contoh"
    assert sites["PA Contoh"]["app_pool"] == "PA Contoh"
    # %SystemDrive% expanded; no applicationPool attribute -> applicationDefaults' pool.
    assert sites["Default Web Site"]["physical_path"] == "C:\\inetpub\\wwwroot"
    assert sites["Default Web Site"]["app_pool"] == "DefaultAppPool"
    assert sites["Arsip Lama"]["server_auto_start"] is False


def test_bindings_https_with_certificate_ipv6_and_other_protocols(config):
    sites = by_name(config)
    pa = sites["PA Contoh"]["bindings"]
    assert [(b["protocol"], b["address"], b["port"], b["host_name"]) for b in pa] == [
        ("http", "*", 80, "pa-contoh.go.id"), ("https", "*", 443, "pa-contoh.go.id"), ("https", "192.0.2.12", 8443, "")]
    assert pa[1]["certificate_store"] == "WebHosting" and pa[1]["sni"] is True
    assert pa[1]["certificate_hash"] == pa[1]["certificate_hash"].upper() and len(pa[1]["certificate_hash"]) == 40
    sipp = sites["SIPP"]["bindings"]
    assert (sipp[0]["address"], sipp[0]["port"], sipp[0]["host_name"]) == ("[2001:db8::12]", 443, "sipp.pa-contoh.go.id")
    assert sipp[0]["certificate_hash"] is None
    assert sipp[1] == {"protocol": "net.tcp", "information": "808:*", "address": None, "port": None, "host_name": ""}


def test_log_settings_and_the_w3svc_folder(config):
    sites = by_name(config)
    # The site's own <logFile directory>, the rest from <siteDefaults>.
    assert sites["PA Contoh"]["log"]["folder"] == "D:\\Logs\\IIS\\W3SVC2"
    assert sites["PA Contoh"]["log"]["format"] == "W3C" and sites["PA Contoh"]["log"]["enabled"] is True
    assert sites["Default Web Site"]["log"]["folder"] == "C:\\inetpub\\logs\\LogFiles\\W3SVC1"
    assert sites["Arsip Lama"]["log"]["folder"] == "F:\\logs\\W3SVC1048576"
    assert sites["Arsip Lama"]["log"]["format"] == "IIS"
    assert sites["Mati"]["log"]["enabled"] is False


def test_the_hosts_own_variables_win_over_the_defaults():
    config = iis_config.parse(read("applicationHost.config"), {"SystemDrive": "E:"})
    sites = by_name(config)
    assert sites["SIPP"]["physical_path"] == "E:\\inetpub\\sipp"
    assert sites["SIPP"]["log"]["folder"] == "E:\\inetpub\\logs\\LogFiles\\W3SVC3"


def test_application_pools(config):
    pools = {p["name"]: p for p in config["app_pools"]}
    assert set(pools) == {"DefaultAppPool", "PA Contoh", "SIPP", "Arsip"}
    assert pools["Arsip"]["auto_start"] is False and pools["Arsip"]["pipeline_mode"] == "Classic"
    assert pools["SIPP"]["runtime_version"] == "v4.0"


def test_appcmd_state():
    sites = iis_config.parse_appcmd(read("appcmd_list_site.xml"), "SITE")
    pools = iis_config.parse_appcmd(read("appcmd_list_apppool.xml"), "APPPOOL")
    assert sites["SIPP"] == "Stopped" and sites["PA Contoh"] == "Started"
    assert pools == {"DefaultAppPool": "Started", "PA Contoh": "Started", "SIPP": "Stopped", "Arsip": "Stopped"}
    assert iis_config.parse_appcmd("", "SITE") == {}


@pytest.mark.parametrize("text", [
    "<configuration><system.applicationHost></system.applicationHost></configuration>",
    "not xml at all",
    '<!DOCTYPE x [<!ENTITY a "aaaa">]><configuration>&a;</configuration>',
])
def test_unreadable_configurations_are_refused_with_a_reason(text):
    with pytest.raises(iis_config.IisConfigError) as err:
        iis_config.parse(text)
    assert "applicationHost.config" in str(err.value)


def test_a_utf8_bom_is_accepted():
    assert len(iis_config.parse("\ufeff" + read("applicationHost.config"))["sites"]) == 5
