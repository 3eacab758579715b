"""Figures of the code's shape, read from its own imports and files.

Prints: pairs of top-level packages that import each other (any import, module level or inside
a function, `TYPE_CHECKING` included: each is a dependency a reader has to follow), the project
modules that importing one small module loads, and the Python files over 400 lines.

    python -m bench.code_shape [--probe schema.ids]
"""

from __future__ import annotations

import argparse
import ast
import itertools
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONG_FILE_LINES = 400
SKIPPED_DIRS = {".venv", "node_modules", ".git", "migrations", "__pycache__"}


def _python_files() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts)
    ]


def _packages() -> set[str]:
    return {
        child.name
        for child in ROOT.iterdir()
        if child.is_dir() and (child / "__init__.py").exists() and child.name not in ("tests",)
    } | {"app"}


def _imported_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def package_edges() -> dict[str, set[str]]:
    """Top-level package -> the other top-level packages its modules import."""
    packages = _packages()
    edges: dict[str, set[str]] = defaultdict(set)
    for path in _python_files():
        owner = path.relative_to(ROOT).parts[0].removesuffix(".py")
        if owner not in packages:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in _imported_names(tree):
            top = name.split(".")[0]
            if top in packages and top != owner:
                edges[owner].add(top)
    return edges


def mutual_pairs(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted(
        (a, b)
        for a, b in itertools.combinations(sorted(edges), 2)
        if b in edges[a] and a in edges[b]
    )


def modules_loaded_by(probe: str) -> list[str]:
    packages = sorted(_packages())
    script = (
        f"import sys; import {probe}; "
        f"tops = set({packages!r}); "
        "print('\\n'.join(sorted(m for m in sys.modules if m.split('.')[0] in tops)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def long_files() -> list[tuple[int, str]]:
    found = []
    for path in _python_files():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LONG_FILE_LINES:
            found.append((lines, str(path.relative_to(ROOT))))
    return sorted(found, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--probe", default="schema.ids", help="module whose import is counted")
    args = parser.parse_args()

    pairs = mutual_pairs(package_edges())
    print(f"packages that import each other: {len(pairs)}")
    for a, b in pairs:
        print(f"  {a} <-> {b}")
    loaded = modules_loaded_by(args.probe)
    print(f"project modules loaded by `import {args.probe}`: {len(loaded)}")
    files = long_files()
    print(f"files over {LONG_FILE_LINES} lines: {len(files)}")
    for lines, name in files:
        print(f"  {lines:5d} {name}")


if __name__ == "__main__":
    main()
