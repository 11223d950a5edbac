#!/usr/bin/env bash
# The seed files to audit: those under PATHS (folders, files or git globs, one a line) that the
# pull request or push added, modified or renamed (a rename counts under its new name; deleted
# files are left out), or all of them when there is nothing to compare with (a first push, a
# manual run) or ALL_FILES is "true". Only .txt, .html and .htm files count, as in `auditor audit`.
# Writes the list NUL-separated (names may hold spaces or newlines) and sets the outputs
# `count` and `list`. Everything comes in through the environment: nothing here is expanded
# into code.
set -euo pipefail

list="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/headline-audit-files.$$"
: > "$list"

specs=()
while IFS= read -r line || [ -n "$line" ]; do
  line="${line#"${line%%[![:space:]]*}"}"   # trim leading and trailing blanks
  line="${line%"${line##*[![:space:]]}"}"
  [ -n "$line" ] && specs+=(":(glob)$line" ":(glob)$line/**")
done <<< "${PATHS:-}"
[ "${#specs[@]}" -gt 0 ] || specs=(":(glob)**")

# What to compare with: the input, else the pull request's base, else the commit before the push.
base=""
if [ -n "${BASE_REF:-}" ]; then
  base="$BASE_REF"
elif [ -n "${PR_BASE:-}" ]; then
  base="origin/$PR_BASE"
  git rev-parse -q --verify "$base^{commit}" >/dev/null \
    || git fetch --quiet --no-tags origin "+refs/heads/$PR_BASE:refs/remotes/origin/$PR_BASE" >/dev/null 2>&1 \
    || true
elif [ -n "${PUSH_BEFORE:-}" ] && [ "${PUSH_BEFORE//0/}" != "" ]; then
  base="$PUSH_BEFORE"
fi
if [ -n "$base" ] && ! git rev-parse -q --verify "$base^{commit}" >/dev/null; then
  echo "::warning::headline-audit: cannot find $base (check out with fetch-depth: 0); auditing every matching file"
  base=""
fi

candidates="$list.all"
if [ "${ALL_FILES:-false}" = "true" ] || [ -z "$base" ]; then
  git ls-files -z -- "${specs[@]}" > "$candidates"
else
  # Three dots: what this branch changed since it left the base, not what the base did since.
  range="$base...HEAD"
  git merge-base "$base" HEAD >/dev/null 2>&1 || range="$base"
  git diff --name-only -z --diff-filter=ACMR -M "$range" -- "${specs[@]}" > "$candidates"
fi

count=0
while IFS= read -r -d '' file; do
  case "${file,,}" in
    *.txt|*.html|*.htm) ;;
    *) continue ;;
  esac
  [ -f "$file" ] || continue
  printf '%s\0' "$file" >> "$list"
  count=$((count + 1))
done < "$candidates"
rm -f "$candidates"

echo "count=$count" >> "$GITHUB_OUTPUT"
echo "list=$list" >> "$GITHUB_OUTPUT"
if [ "$count" -eq 0 ]; then
  echo "headline-audit: no changed seed files${base:+ since $base}; nothing to audit"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '## Headline audit\n\nNo changed seed files%s: nothing to audit.\n' "${base:+ since \`$base\`}" >> "$GITHUB_STEP_SUMMARY"
  fi
else
  echo "headline-audit: $count seed file(s) to audit${base:+ (changed since $base)}"
fi
