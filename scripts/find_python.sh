#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 needs 3.8-3.10; this project uses 3.10).
# Looks at $PYTHON, then python3.10 / python3 on PATH, then pyenv's installed 3.10.x versions,
# then the usual system locations. Exits 1 with instructions when there is none.
set -u

is_310() {
  [ -n "$1" ] && [ -x "$1" ] || command -v "$1" >/dev/null 2>&1 || return 1
  "$1" -c 'import sys, venv; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1
}

candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.10 python3)
pyenv_root="${PYENV_ROOT:-}"
if [ -z "$pyenv_root" ] && command -v pyenv >/dev/null 2>&1; then
  pyenv_root="$(pyenv root 2>/dev/null)"
fi
[ -z "$pyenv_root" ] && [ -d "$HOME/.pyenv" ] && pyenv_root="$HOME/.pyenv"
if [ -n "$pyenv_root" ] && [ -d "$pyenv_root/versions" ]; then
  for dir in $(ls -d "$pyenv_root"/versions/3.10.* 2>/dev/null | sort -r -V); do
    candidates+=("$dir/bin/python3.10")
  done
fi
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10)

for candidate in "${candidates[@]}"; do
  if is_310 "$candidate"; then
    if [ -x "$candidate" ]; then echo "$candidate"; else command -v "$candidate"; fi
    exit 0
  fi
done

cat >&2 <<'MSG'
error: Python 3.10 was not found (Rasa Open Source 3.6 does not run on 3.11 or newer).
Install one of these, then run the command again:
  - pyenv:          pyenv install 3.10      (found automatically afterwards)
  - Debian/Ubuntu:  apt-get install python3.10 python3.10-venv
  - or point to an existing interpreter:  make chat PYTHON=/path/to/python3.10
MSG
exit 1
