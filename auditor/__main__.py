"""`python -m auditor ...`: the same command line as `auditor ...`."""

from cli import main

if __name__ == "__main__":
    main(prog_name="auditor")
