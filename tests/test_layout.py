"""The folder listing is the architecture: no import circle, no private import across
modules, layers import downward only, and every package states its public API.

Every module of ``analysis/`` is parsed (not imported) and every import in it is read,
at module level and inside functions alike:

* ``import analysis.a.b`` and ``from analysis.a import b`` (``b`` a module) depend on
  the module ``analysis.a.b``; ``from analysis.a import name`` depends on ``analysis.a``
  (its ``__init__`` for a package).  Importing a submodule also runs its package's
  ``__init__``; that implicit step is not an edge (a package's ``__init__`` may import
  its own submodules).
* every ``analysis`` import must name a module of this tree (a stale path would
  otherwise be found elsewhere, e.g. in another checkout installed in editable mode).

Run ``python tests/test_layout.py`` to print the report.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "analysis"

#: The layers, lowest first.  A top-level package or module of ``analysis`` may import
#: itself and those listed for it -- and nothing else.  ``paths`` and ``resources`` are
#: the base every layer reads (repository paths, package data files).
BASE = {"paths", "resources"}
MODELS = BASE | {"text", "corpus"}
ALLOWED: dict[str, set[str]] = {
    "paths": set(),
    "resources": set(),
    "text": BASE,
    "corpus": BASE | {"text"},
    "sentiment": MODELS,
    "quotes": MODELS,
    "stance": MODELS | {"sentiment"},
    "targeted": MODELS | {"sentiment", "stance"},
    "run": MODELS | {"sentiment", "quotes", "stance", "targeted"},
    "figures": MODELS | {"sentiment", "quotes", "stance", "targeted", "run"},
    "evaluate": MODELS | {"sentiment", "quotes", "stance", "targeted", "run", "figures"},
    "cli": MODELS | {"sentiment", "quotes", "stance", "targeted", "run", "figures",
                     "evaluate"},
    "__main__": {"cli"},
    "__init__": set(),
}

# Known violations, each with its reason.  The tests below fail on any violation not
# listed here, and on any listed one that is gone: remove its entry then.
#: Import circles (as sets of modules).
KNOWN_CYCLES: list[frozenset[str]] = []
#: Private names imported across modules: (importing module, imported module, name).
KNOWN_PRIVATE: set[tuple[str, str, str]] = set()
#: Imports against the layer order: (importing module, imported module).
KNOWN_UPWARD: set[tuple[str, str]] = {
    # the attribution models' training learns what the evaluation measures: it reads
    # PolNeAR's gold units and matches spans with the evaluation's own code
    # (quotes/train.py), so that a training target is exactly a scored unit
    ("analysis.quotes.train", "analysis.evaluate.units"),
    ("analysis.quotes.train", "analysis.evaluate.matching"),
    # the calibrators of p_quote and p_speaker learn the evaluation's own outcomes
    ("analysis.quotes.train", "analysis.evaluate.attributions"),
}
#: Package docstrings that do not yet name every name of the package's ``__all__``.
KNOWN_UNNAMED: dict[str, set[str]] = {}


def modules() -> dict[str, Path]:
    """Dotted name -> file of every module of the package (``__init__`` as the package)."""
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def is_package(name: str, mods: dict[str, Path]) -> bool:
    return mods[name].name == "__init__.py"


def imports(name: str, mods: dict[str, Path]) -> list[tuple[str, str | None, int]]:
    """``(module imported, name imported from it or None, line)`` for every import of
    ``analysis`` in module ``name`` (anywhere in it); a missing module raises."""
    tree = ast.parse(mods[name].read_text(encoding="utf-8"))
    package = name if is_package(name, mods) else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "analysis" or alias.name.startswith("analysis."):
                    out.append((alias.name, None, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base != "analysis" and not base.startswith("analysis."):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in mods:  # a submodule
                    out.append((sub, None, node.lineno))
                else:
                    out.append((base, alias.name, node.lineno))
    for target, _, line in out:
        assert target in mods, f"{name} line {line}: imports {target}, not a module of {ROOT}"
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: {t for t, _, _ in imports(name, mods) if t != name} for name in mods}


def cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for v in sorted(edges):
            if v not in index:
                visit(v)
    finally:  # the limit is the process's: other tests read it (deep JSON is refused)
        sys.setrecursionlimit(limit)
    return sorted(found, key=sorted)


def private_imports() -> set[tuple[str, str, str]]:
    mods = modules()
    return {(name, target, imported) for name in mods
            for target, imported, _ in imports(name, mods)
            if imported is not None and imported.startswith("_") and target != name}


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def upward_imports() -> set[tuple[str, str]]:
    return {(name, target) for name, targets in graph().items() for target in targets
            if layer(target) != layer(name) and layer(target) not in ALLOWED[layer(name)]}


def unnamed_api() -> dict[str, set[str]]:
    """Package -> names of its ``__all__`` its docstring does not mention (``{"<none>"}``
    for a package without a docstring, ``{"Public API"}`` for a package without
    ``__all__`` whose docstring has no such section)."""
    mods = modules()
    out = {}
    for name, path in mods.items():
        if not is_package(name, mods):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        doc = ast.get_docstring(tree) or ""
        exported: list[str] | None = None
        for node in tree.body:
            if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name)
                                                     and t.id == "__all__" for t in node.targets)):
                exported = list(ast.literal_eval(node.value))
        if not doc:
            missing = {"<none>"}
        elif exported is None:
            missing = set() if "Public API" in doc else {"Public API"}
        else:
            missing = {n for n in exported if n not in doc}
        if missing:
            out[name] = missing
    return out


# --------------------------------------------------------------------------- tests
def test_layers_form_an_order():
    """The layer table itself has no circle (so 'downward' means something)."""
    edges = {k: set(v) for k, v in ALLOWED.items()}
    assert cycles(edges) == []
    assert all(v <= set(ALLOWED) for v in ALLOWED.values())


def test_every_top_level_name_is_a_layer():
    assert {layer(name) for name in modules()} <= set(ALLOWED)


def test_no_import_circle():
    assert set(cycles(graph())) == set(KNOWN_CYCLES)


def test_no_private_import_across_modules():
    assert private_imports() == KNOWN_PRIVATE


def test_layers_import_downward_only():
    assert upward_imports() == KNOWN_UPWARD


def test_each_package_names_its_public_api():
    assert unnamed_api() == KNOWN_UNNAMED


def test_no_module_left_beside_the_layers():
    """Only the base, the command line and the entry point sit in ``analysis/`` itself."""
    loose = sorted(p.name for p in ROOT.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "paths.py", "resources.py"]


def test_tests_mirror_the_layout():
    """``tests/<layer>/`` holds the tests of a layer; test files have unique names (pytest
    imports them by basename)."""
    tests = Path(__file__).resolve().parent
    folders = {p.name for p in tests.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    assert folders - {"data", "expected"} <= set(ALLOWED)
    names = [p.name for p in tests.rglob("test_*.py")]
    assert len(names) == len(set(names))


def test_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        frozenset({"a", "b", "c"})]


if __name__ == "__main__":
    found = cycles(graph())
    print("modules:", len(modules()))
    print("cycles:", [sorted(c) for c in found] or "none",
          "(all known)" if set(found) == set(KNOWN_CYCLES) else "")
    print("private imports across modules:")
    for row in sorted(private_imports()):
        print("  ", *row, "(allow-listed)" if row in KNOWN_PRIVATE else "")
    print("imports against the layer order:")
    for row in sorted(upward_imports()):
        print("  ", *row, "(allow-listed)" if row in KNOWN_UPWARD else "")
    print("package docstrings not naming their API:", unnamed_api() or "none")
