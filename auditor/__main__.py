"""`python -m auditor ...`: the same command line as `auditor ...`."""

from auditor.commands.quick_exit import run_and_exit
from cli import main

if __name__ == "__main__":
    run_and_exit(lambda: main(prog_name="auditor"))
