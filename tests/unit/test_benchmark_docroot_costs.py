"""benchmarks/docroot_costs.py: each part is measured by replacing it, and put back afterwards."""

import json

from benchmarks import docroot_costs as costs


def test_each_part_is_measured_and_restored(tmp_path, capsys):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.php").write_bytes(b"<?php echo htmlspecialchars($_GET['q'] ?? '');\n" * 40)
    (tmp_path / "site" / "x.php").write_bytes(b"<?php $a = 'bas' . 'e64_decode'; eval($a($_POST['z']));")
    (tmp_path / "site" / "page.aspx").write_bytes(b'<%@ Page Language="C#" %><% Response.Write(Request["q"]); %>')
    originals = [getattr(module, attribute) for _name, module, attribute, _replacement in costs.PARTS]
    assert costs.main(["--dir", str(tmp_path / "site"), "--kind", "php"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["files"] == 2  # the .aspx page is not PHP
    assert result["base_cpu_s"] > 0
    assert set(result["parts"]) == {name for name, _module, _attribute, _replacement in costs.PARTS}
    assert [getattr(module, attribute) for _name, module, attribute, _replacement in costs.PARTS] == originals


def test_the_tokeniser_cuts_every_character_into_tokens():
    text = ("<?php /* a comment */ $x = 'it\\'s' . \"say \\\"hi\\\"\"; // line\n# hash\n"
            "echo strtoupper($x) + 42; ?>\n<p>caf\xe9</p> /* unclosed")
    tokens = [match.group() for match in costs.TOKEN.finditer(text)]
    assert "".join(tokens) == text
    assert "'it\\'s'" in tokens and "$x" in tokens and "/* unclosed" in tokens
    assert costs._tokens(text) == len(tokens)


def test_floor_sets_the_text_passes_beside_yara(tmp_path, capsys):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.php").write_bytes(b"<?php echo htmlspecialchars($_GET['q'] ?? '');\n" * 400)
    (tmp_path / "site" / "x.php").write_bytes(b"<?php $a = 'bas' . 'e64_decode'; eval($a($_POST['z']));")
    assert costs.main(["--dir", str(tmp_path / "site"), "--floor"]) == 0
    out = capsys.readouterr().out
    floor = json.loads(out.strip().splitlines()[-1])["floor"]
    assert floor["yara_cpu_s"] > 0
    assert set(floor["passes"]) == {name for name, _function in costs.TEXT_PASSES} | {costs.YARA_GATE_STEP}
    assert floor["analyse_to_yara"] > 0 and floor["target"] == 1.5
    assert "yara -r (php-malware-finder's rules) on the same files" in out


def test_one_yara_rule_finds_the_gate_literals_the_engine_finds():
    rule = costs.gate_rule()
    texts = [b"<?php EVAL($_GET['x']); system('ls'); ?> judi SLOT gacor",
             b"<?php\n" + b"$value = array_map('trim', $items); // \xc0\xe9 Googlebot\n" * 40,
             b"nothing to see", b"<%@ Page %> Request.Form(\"cmd\") shell_exec popen fopen",
             bytes(range(256)) * 8]
    for data in texts:
        found = costs.gates_in_python(data)
        assert found <= set(costs.GATE_LITERALS)
        assert costs.gates_in_yara(rule, data) == found
    assert {"eval", "system", "$_get"} <= costs.gates_in_python(texts[0])


def test_by_kind_sets_each_group_beside_yara(tmp_path, capsys):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.php").write_bytes(b"<?php echo htmlspecialchars($_GET['q'] ?? '');\n" * 40)
    (tmp_path / "site" / "page.aspx").write_bytes(b'<%@ Page Language="C#" %><% Response.Write(Request["q"]); %>')
    (tmp_path / "site" / "app.js").write_bytes(b"document.title = 'x';\n")
    assert costs.main(["--dir", str(tmp_path / "site"), "--by-kind"]) == 0
    out = capsys.readouterr().out
    groups = json.loads(out.strip().splitlines()[-1])["by_kind"]
    assert set(groups) == {"all/php", "all/other", "all/markup"}
    assert all(row["files"] == 1 and row["yara_cpu_s"] > 0 and row["analyse_cpu_s"] >= 0 for row in groups.values())
    assert out.splitlines()[-2].startswith("all ")
