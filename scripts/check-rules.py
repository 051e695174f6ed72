#!/usr/bin/env python3
"""Check the rule catalog: every rules/**/*.yaml (except charts.yaml) against schemas/rule.schema.json,
plus the conventions the schema cannot express.

    scripts/check-rules.py [--rules DIR] [--schema FILE] [--format json|table]

Prints the catalog (id, severity, category, description) and one line per problem; exits 1 when
there is a problem. The CEL expressions are not evaluated here: the Swift engine runs every
rule's examples in the test suite.
"""
import argparse
import json
import os
import re
import sys

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOT_RULES = {"charts.yaml"}  # chart knowledge for the dependency graph, not a rule
CROSS_OBJECT = ("namespaceObjects", "namespaces")


class StrictLoader(yaml.SafeLoader):
    """A SafeLoader that rejects duplicate keys, which PyYAML would otherwise keep silently
    (last one wins) while Shipshape's own YAML reader reports them."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def rule_files(directory):
    for base, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".yaml") and name not in NOT_RULES:
                yield os.path.join(base, name)


def expressions(rule):
    for variable in rule.get("variables") or []:
        yield variable.get("expression", "")
    for validation in rule.get("validations") or []:
        yield validation.get("expression", "")
        yield validation.get("messageExpression", "")


STRING_LITERAL = re.compile(r"'(?:[^'\\\n]|\\.)*'" + r'|"(?:[^"\\\n]|\\.)*"')


def code_only(text):
    """The expression without its string literals, so words in messages are not references."""
    return STRING_LITERAL.sub("''", text)


def group_of(api_version):
    return api_version.split("/")[0] if "/" in api_version else ""


def conventions(rule, path, directory):
    """Problems that the schema cannot see: names, references between fields, example fit."""
    problems = []
    stem = os.path.splitext(os.path.basename(path))[0]
    if rule.get("id") != stem:
        problems.append(f"id {rule.get('id')!r} does not match the file name {stem}.yaml")
    parent = os.path.basename(os.path.dirname(path))
    if os.path.dirname(path) != directory and rule.get("category") != parent:
        problems.append(f"category {rule.get('category')!r} is not the directory name {parent!r}")

    code = code_only("\n".join(expressions(rule)))
    needs = set(rule.get("needs") or [])
    for name in CROSS_OBJECT:
        used = re.search(rf"(?<![\w.]){name}(?!\w)", code) is not None
        if used and name not in needs:
            problems.append(f"expressions read {name} but needs does not list it")
        if name in needs and not used:
            problems.append(f"needs lists {name} but no expression reads it")

    defaults = rule.get("params") or {}
    for name in sorted(set(re.findall(r"(?<![\w.])params\.([A-Za-z_]\w*)", code))):
        if name not in defaults:
            problems.append(f"params.{name} is read but has no documented default in params")

    declared = []
    for variable in rule.get("variables") or []:
        for name in re.findall(r"variables\.([A-Za-z_]\w*)", code_only(variable.get("expression", ""))):
            if name not in declared:
                problems.append(f"variable {variable.get('name')} reads variables.{name} before it is declared")
        declared.append(variable.get("name"))
    for validation in rule.get("validations") or []:
        text = code_only(validation.get("expression", "") + "\n" + validation.get("messageExpression", ""))
        for name in re.findall(r"variables\.([A-Za-z_]\w*)", text):
            if name not in declared:
                problems.append(f"a validation reads the undeclared variables.{name}")

    match = rule.get("match") or {}
    kinds, groups = match.get("kinds") or [], match.get("apiGroups") or []
    for outcome in ("valid", "invalid"):
        for number, example in enumerate((rule.get("examples") or {}).get(outcome) or [], 1):
            where = f"examples.{outcome}[{number}]"
            obj = example.get("object") or {}
            if "*" not in kinds and obj.get("kind") not in kinds:
                problems.append(f"{where}: kind {obj.get('kind')!r} is not matched by the rule")
            if "*" not in groups and group_of(str(obj.get("apiVersion", ""))) not in groups:
                problems.append(f"{where}: apiVersion {obj.get('apiVersion')!r} is not in match.apiGroups")
            for key in example.get("params") or {}:
                if key not in defaults:
                    problems.append(f"{where}: params.{key} is not a documented param")
            for name in CROSS_OBJECT:
                if name in example and name not in needs:
                    problems.append(f"{where}: gives {name}, which the rule does not need")
    return problems


def check(directory, schema_path):
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    catalog, problems, seen = [], [], {}
    for path in rule_files(directory):
        shown = os.path.relpath(path, directory)
        try:
            with open(path, encoding="utf-8") as handle:
                rule = yaml.load(handle, Loader=StrictLoader)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            problems.append(f"{shown}: not YAML: {error}")
            continue
        if not isinstance(rule, dict):
            problems.append(f"{shown}: not a mapping")
            continue
        for error in sorted(validator.iter_errors(rule), key=lambda e: list(e.absolute_path)):
            location = "/".join(str(part) for part in error.absolute_path) or "(root)"
            problems.append(f"{shown}: schema: {location}: {error.message}")
        problems.extend(f"{shown}: {problem}" for problem in conventions(rule, path, directory))
        rule_id = rule.get("id")
        if rule_id in seen:
            problems.append(f"{shown}: id {rule_id!r} is also used by {seen[rule_id]}")
        seen[rule_id] = shown
        catalog.append({"id": rule_id, "severity": rule.get("severity"), "category": rule.get("category"),
                        "description": rule.get("description"), "file": shown,
                        "valid": len((rule.get("examples") or {}).get("valid") or []),
                        "invalid": len((rule.get("examples") or {}).get("invalid") or [])})
    return catalog, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=os.path.join(ROOT, "rules"))
    parser.add_argument("--schema", default=os.path.join(ROOT, "schemas", "rule.schema.json"))
    parser.add_argument("--format", choices=["json", "table"], default="table")
    arguments = parser.parse_args()
    catalog, problems = check(os.path.abspath(arguments.rules), arguments.schema)
    if arguments.format == "json":
        print(json.dumps({"rules": catalog, "problems": problems}, indent=2, sort_keys=True))
    else:
        for entry in sorted(catalog, key=lambda e: (str(e["category"]), str(e["id"]))):
            print(f"{entry['id']:<36} {entry['severity']:<8} {entry['category']:<10} {entry['description']}")
        for problem in problems:
            print(f"problem: {problem}", file=sys.stderr)
        print(f"{len(catalog)} rules, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
