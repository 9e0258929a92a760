"""environment.yml (conda) and pyproject.toml (pip) describe one environment."""

import re
import tomllib

import yaml

from autograder.cells import REPO


def pip_requirements() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    found = {}
    for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
        name = re.split(r"[<>=!~ ]", requirement, maxsplit=1)[0].lower()
        found[name] = requirement[len(name) :].replace(" ", "")
    return found


def conda_requirements() -> dict[str, str]:
    spec = yaml.safe_load((REPO / "environment.yml").read_text())
    found = {}
    for entry in spec["dependencies"]:
        items = entry["pip"] if isinstance(entry, dict) else [entry]
        for item in items:
            if item.startswith("-e") or item in ("pip",) or item.startswith("python="):
                continue
            name = re.split(r"[<>=!~ ]", item, maxsplit=1)[0].lower()
            found[name] = item[len(name) :].replace(" ", "")
    return found


def test_conda_and_pip_agree_on_every_package_and_version():
    assert conda_requirements() == pip_requirements()


def test_python_versions_agree():
    spec = yaml.safe_load((REPO / "environment.yml").read_text())
    assert "python=3.11" in spec["dependencies"]
    assert 'requires-python = ">=3.11,<3.12"' in (REPO / "pyproject.toml").read_text()


def test_ci_runs_exactly_the_readme_test_command():
    assert "make test" in (REPO / "README.md").read_text()
    lines = [l for l in (REPO / ".ci" / "run").read_text().splitlines() if l.strip() and not l.startswith("#")]
    assert lines[-1].strip() == "make test"
