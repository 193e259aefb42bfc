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
