#!/usr/bin/env bash
# Audit the files listed (NUL-separated) in FILE_LIST in one run, into OUT, appending the summary
# to the step summary. The exit code is an output, not this step's status, so that the SARIF
# upload and the notes artifact still happen; the action's last step fails the job with it.
set -euo pipefail

mapfile -d '' files < "$FILE_LIST"
args=(--out "$OUT" --format "md,json,sarif" --fail-on "$FAIL_ON")
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && args+=(--summary "$GITHUB_STEP_SUMMARY")
[ -n "${BASELINE:-}" ] && args+=(--baseline "$BASELINE")
while IFS= read -r folder || [ -n "$folder" ]; do
  [ -n "$folder" ] && args+=(--rules "$folder")
done <<< "${RULES:-}"

set +e
auditor audit "${args[@]}" -- "${files[@]}"
code=$?
set -e

# How many findings the run reported, read from the report it just wrote (0 when it wrote none).
count_findings='import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
print(sum(len(a["findings"]) for d in data["documents"] for a in d["articles"]))'
findings=$(python -c "$count_findings" "$OUT/audit.json" 2>/dev/null || echo 0)
{
  echo "exit-code=$code"
  echo "findings=$findings"
  echo "sarif=$OUT/audit.sarif"
  echo "reports=$OUT"
} >> "$GITHUB_OUTPUT"
rm -f "$FILE_LIST"
