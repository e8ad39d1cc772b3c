"""What CI tested is what a user installs: every dependency bounded above, every installed one pinned."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, distribution

from packaging.requirements import Requirement

from conftest import PROJECT

# The installer's own tools: pip freeze leaves them out, and pinning them would fight `pip install --upgrade pip`.
INSTALLERS = {"pip", "setuptools", "wheel"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    lines = (PROJECT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    found = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            found[canonical(name)] = version.strip()
    return found


def test_every_dependency_has_an_upper_bound() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["dependencies"]:
        requirement = Requirement(spec)
        operators = {s.operator for s in requirement.specifier}
        assert operators & {"<", "<=", "==", "~="}, f"{spec} has no upper bound"


def test_constraints_pin_every_installed_dependency() -> None:
    pinned = pins()
    seen: set[str] = set()
    # (requirement, the extra it is installed with): eventdb with its test extra, the others without extras.
    pending = [(Requirement(r), "test") for r in distribution("eventdb").requires or []]
    while pending:
        requirement, extra = pending.pop()
        name = canonical(requirement.name)
        if name in seen or (requirement.marker and not requirement.marker.evaluate({"extra": extra})):
            continue
        seen.add(name)
        if name in INSTALLERS:
            continue
        assert name in pinned, f"{requirement.name} is installed but not pinned in constraints.txt"
        try:
            pending += [(Requirement(r), "") for r in distribution(requirement.name).requires or []]
        except PackageNotFoundError:
            continue
    assert {"pandas", "datasette", "dateparser", "jinja2"} <= seen
