"""Every command's --help has examples; audit's options are grouped; README and --help name every command and option."""

import re
import shlex

import click
from click.testing import CliRunner

import cli
from conftest import ROOT

AUDIT_GROUPS = ["Input", "Rules", "Output", "CI", "Network", "Performance", "Other"]


def commands(group=cli.main, path=("auditor",)):
    """(command line, command) for the top group and every command and subgroup below it."""
    yield " ".join(path), group
    if isinstance(group, click.Group):
        for name, cmd in sorted(group.commands.items()):
            yield from commands(cmd, (*path, name))


def help_text(line):
    return CliRunner().invoke(cli.main, [*line.split()[1:], "--help"], catch_exceptions=False).output


def long_options(cmd):
    return sorted(
        name
        for p in cmd.params
        if isinstance(p, click.Option) and not p.hidden
        for name in (*p.opts, *p.secondary_opts)
        if name.startswith("--")
    )


def test_every_command_has_examples_that_use_only_its_options():
    for line, _ in commands():
        text = help_text(line)
        assert "Examples:\n" in text, line
        examples = text.split("Examples:\n", 1)[1].splitlines()
        assert examples and all(e.startswith("    auditor ") for e in examples if e.strip()), (line, examples)
        for example in examples:
            words = shlex.split(example.split("#")[0].split(">")[0].split("&&")[0])
            target = cli.main
            for w in words[1:]:
                if isinstance(target, click.Group) and w in target.commands:
                    target = target.commands[w]
            known = {n for p in target.params if isinstance(p, click.Option) for n in (*p.opts, *p.secondary_opts)}
            unknown = [w for w in words if w.startswith("-") and w not in known | {"--help", "-h"}]
            assert not unknown, (line, example, unknown)


def test_audit_options_are_grouped_input_rules_output_ci_network_performance():
    text = help_text("auditor audit")
    headings = re.findall(r"^(\w[\w ]*):$", text, flags=re.M)
    sections = [h for h in headings if h in AUDIT_GROUPS]
    assert sections == AUDIT_GROUPS
    input_section = text.split("\nInput:\n", 1)[1].split("\nRules:\n", 1)[0]
    assert "PATHS..." in input_section and "--config" in input_section and "--no-config" in input_section


def test_every_command_and_option_is_in_the_readme_and_its_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for line, cmd in commands():
        if line != "auditor" and line not in readme:
            missing.append(line)
        text = help_text(line)
        for opt in long_options(cmd):
            if opt not in text:
                missing.append(f"{line} --help: {opt}")
            if opt not in readme:
                missing.append(f"README: {line} {opt}")
    assert missing == []
