"""Build-time pages (mkdocs-gen-files): one reference page per facade resource and per model.

The lists follow generated/ as it is: a resource or a model added by `nox -s regenerate` gets its
page at the next build, a removed one loses it. Also a placeholder for a guide that another branch
brings (`guides/mirror.md`), only while the real page is not in docs/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mkdocs_gen_files

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "cegid_loop_api"
SECTIONS = {
    "resources": ("facade/resources", "Resources"),
    "models": ("models", "Models"),
}


def modules(folder: Path) -> list[str]:
    names = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    if not names:
        raise SystemExit(f"gen_pages: no module in {folder}")
    return names


def rules_table() -> str:
    """The validator's rule catalogue (``cegid_loop.fec.rules.RULES``), read from the source."""
    source = ROOT / "src" / "cegid_loop" / "fec" / "rules.py"
    rows = ["| rule | default | checks | | applies to |", "|---|---|---|---|---|"]
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Rule":
            rule_id, level, title_en, title_fr, *rest = (ast.literal_eval(arg) for arg in node.args)
            kinds = rest[0] if rest else ("fec", "tra")
            rows.append(f"| {rule_id} | {level} | {title_en} | *{title_fr}* | {', '.join(kinds).upper()} |")
    if len(rows) < 10:
        raise SystemExit(f"gen_pages: no rule catalogue found in {source}")
    return "\n".join(rows)


def fill(page: str, marker: str, text: str) -> None:
    """Replace ``marker`` in a page of docs/ by ``text`` (the page in docs/ is left as it is)."""
    original = (ROOT / "docs" / page).read_text(encoding="utf-8")
    if marker not in original:
        raise SystemExit(f"gen_pages: {marker} not found in docs/{page}")
    with mkdocs_gen_files.open(page, "w") as out:
        out.write(original.replace(marker, text))


fill("guides/validator.md", "<!-- rules-table -->", rules_table())


def first_line(path: Path, class_name: str | None = None) -> str:
    """The first sentences of a module's docstring, or of a class's in it, on one line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    node: ast.AST = tree
    if class_name is not None:
        node = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name), tree)
    doc = ast.get_docstring(node) or "" if isinstance(node, ast.Module | ast.ClassDef) else ""
    paragraph = " ".join(doc.strip().split("\n\n")[0].split())
    if len(paragraph) > 160:
        cut = paragraph.rfind(". ", 0, 160)
        paragraph = paragraph[: cut + 1] if cut > 0 else paragraph[:157].rstrip() + "…"
    return paragraph.replace("|", "\\|")


def classes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.name for n in tree.body if isinstance(n, ast.ClassDef) and not n.name.startswith("_")]


INTRO = {
    "resources": (
        "# Resources\n\n"
        "One module per resource of the API map, generated into `cegid_loop_api.facade.resources`: "
        "`loop.comptes` is a `Comptes`, `loop.comptes.with_raw_response` a `ComptesWithRawResponse`, "
        "and the async client's `AsyncComptes`. Every method takes the dossier code first, then "
        "keyword arguments, then the per-call options (`timeout`, `deadline`, `extra_headers`, "
        "`extra_query`).\n\n| resource | module | |\n|---|---|---|\n"
    ),
    "models": (
        "# Models\n\n"
        "One `attrs` class per schema of the definition, generated into `cegid_loop_api.models` "
        "(import them from there: `from cegid_loop_api.models import Compte`). Fields are in "
        "`snake_case`; a field the answer lacks is `UNSET`; `to_dict()` writes the JSON back as it "
        "came, `additional_properties` keeps undocumented fields and `unparsed_fields` values of an "
        "unexpected type.\n\n| model | module | |\n|---|---|---|\n"
    ),
}

# mkdocstrings options of the generated pages (the others are mkdocs.yml's).
OPTIONS = {
    "resources": "    options:\n      show_bases: false\n      merge_init_into_class: false\n",
    "models": "    options:\n      show_bases: false\n      show_if_no_docstring: false\n",
}


def ordered(names: list[str]) -> list[str]:
    """A resource module's classes, the one users meet first: Comptes, AsyncComptes, then raw."""
    return sorted(names, key=lambda n: (n.endswith("WithRawResponse"), n.startswith("Async"), n))


for section, (package, _title) in SECTIONS.items():
    dotted = "cegid_loop_api." + package.replace("/", ".")
    summary = ["* [Overview](index.md)\n"]
    rows = []
    for name in modules(GENERATED / package):
        source = GENERATED / package / f"{name}.py"
        found = classes(source)
        if section == "resources":
            title, blurb = f"`loop.{name}`", first_line(source)
            rows.append(f"| [`loop.{name}`]({name}.md) | `{dotted}.{name}` | {blurb} |")
            found = ordered(found)
        else:
            title = ", ".join(found) or name
            rows.extend(
                f"| [`{cls}`]({name}.md) | `{dotted}.{name}` | {first_line(source, cls)} |" for cls in found
            )
        with mkdocs_gen_files.open(f"reference/{section}/{name}.md", "w") as page:
            page.write(f"# {title}\n\n`{dotted}.{name}`\n\n")
            page.writelines(f"::: {dotted}.{name}.{cls}\n{OPTIONS[section]}\n" for cls in found)
        summary.append(f"* [{name}]({name}.md)\n")
    with mkdocs_gen_files.open(f"reference/{section}/index.md", "w") as index:
        index.write(INTRO[section] + "\n".join(rows) + "\n")
    with mkdocs_gen_files.open(f"reference/{section}/SUMMARY.md", "w") as nav:
        nav.writelines(summary)

# Written on another branch; until it lands, a page that says so keeps the nav (and the strict build) whole.
if not (ROOT / "docs" / "guides" / "mirror.md").exists():
    with mkdocs_gen_files.open("guides/mirror.md", "w") as page:
        page.write(
            "# A local mirror\n\n"
            "`cegid-loop mirror` keeps a local SQLite copy of a firm's reference data up to date. "
            "Its guide is not written yet.\n"
        )
