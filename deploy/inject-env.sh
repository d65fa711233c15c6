#!/usr/bin/env bash
# Writes settings into an env file (normally .env, fresh from .env.example) for docker compose.
# Reads KEY=VALUE lines on standard input, so secret values never appear on a command line or in `ps`.
#   - a KEY already in the file has its line replaced, others are appended;
#   - a line with an empty VALUE is skipped (an unset GitHub secret keeps the .env.example default);
#   - VALUE is written single-quoted, so compose takes it literally (no $ interpolation);
#   - a KEY that is not a setting name or a VALUE with a quote or a line break fails the whole run, naming the
#     KEY only, and leaves the file untouched.
# Usage: deploy/inject-env.sh .env < settings
set -euo pipefail
target=${1:?usage: inject-env.sh ENV_FILE < KEY=VALUE lines}
[ -f "$target" ] || { echo "inject-env: $target does not exist" >&2; exit 1; }

tmp=$(mktemp "${target}.XXXXXX")
trap 'rm -f "$tmp"' EXIT
cp "$target" "$tmp"
count=0
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  [ -z "$line" ] && continue
  case "$line" in \#*) continue ;; esac
  key=${line%%=*}
  value=${line#*=}
  if [ "$key" = "$line" ] || ! [[ "$key" =~ ^[A-Z][A-Z0-9_]*$ ]]; then
    echo "inject-env: not a KEY=VALUE setting line (key '${key:0:40}')" >&2
    exit 1
  fi
  [ -z "$value" ] && continue
  if [[ "$value" == *"'"* ]]; then
    echo "inject-env: the value of $key contains a single quote, which .env cannot carry literally" >&2
    exit 1
  fi
  entry="$key='$value'"
  if grep -q "^${key}=" "$tmp"; then
    # replace the line in place; awk takes the new line from the environment, never from a command line
    ENTRY="$entry" awk -v k="$key" 'index($0, k "=") == 1 { print ENVIRON["ENTRY"]; next } { print }' "$tmp" \
      >"$tmp.new" && mv "$tmp.new" "$tmp"
  else
    printf '%s\n' "$entry" >>"$tmp"
  fi
  count=$((count + 1))
done
chmod 600 "$tmp"
mv "$tmp" "$target"
trap - EXIT
echo "inject-env: $count setting(s) written to $target"
