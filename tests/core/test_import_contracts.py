"""The layer contracts (pyproject.toml, [tool.importlinter]) hold and see every import."""

import subprocess
import sys
from pathlib import Path

import grimp

BASE_DIR = Path(__file__).resolve().parents[2]


def test_import_graph_counts_imports_inside_functions(tmp_path, monkeypatch):
    package = tmp_path / "layered"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "low.py").write_text("def rule():\n    from layered import high\n    return high\n")
    (package / "high.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    graph = grimp.build_graph("layered", cache_dir=None)

    assert graph.direct_import_exists(importer="layered.low", imported="layered.high")


def test_layer_contracts_are_kept():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
