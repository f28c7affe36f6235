#!/usr/bin/env bash
# The checks and tests of `make test` (docs/tests.md): the browser tests (tests/browser) start
# first, in the background, where they mostly wait on Chromium and on their server; meanwhile,
# in the foreground, the checks given with --first (lint, makemigrations --check), then the
# suite in parallel (pytest-xdist). The browser tests' output goes to var/browser-tests.log and
# is printed once the suite is done. Fails if a check or either run failed.
#
#   PYTEST=.venv/bin/pytest XDIST="-n 2 --dist loadgroup" \
#     tests/browser/beside_suite.sh [--first "COMMAND"]... [--] [ARGS...]
#
# ARGS (make's PYTEST_ARGS) go to both runs. Paths among them choose what runs: a path in
# tests/browser only to the browser run, another path only to the suite (the browser tests then
# run only if a path holds them, e.g. `tests`); without a path, both run whole.
# ESPACES_BROWSER_TESTS=0 (the PostgreSQL pass of .ci/run): no browser run at all.
set -uo pipefail
cd "$(dirname "$0")/../.."
PYTEST=${PYTEST:-.venv/bin/pytest}
read -r -a XDIST <<<"${XDIST:--n 2 --dist loadgroup}"
LOG=var/browser-tests.log
export DJANGO_SETTINGS_MODULE=config.settings.test

first=()
while (($#)); do
  case $1 in
    --first) first+=("$2"); shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done

browser_dir=$(realpath tests/browser)
common=() suite_paths=() browser_paths=()
for arg in "$@"; do
  path=${arg%%::*}
  if [[ $arg == -* || ! -e $path ]]; then
    common+=("$arg")
    continue
  fi
  real=$(realpath "$path")
  if [[ $real == "$browser_dir" || $real == "$browser_dir"/* ]]; then
    browser_paths+=("$arg")
  else
    suite_paths+=("$arg")
    # A folder holding the browser tests (tests, .): they run too, apart.
    [[ $browser_dir == "$real"/* ]] && browser_paths+=(tests/browser)
  fi
done
run_suite=1 run_browser=1
if ((${#suite_paths[@]} + ${#browser_paths[@]})); then
  ((${#suite_paths[@]})) || run_suite=0
  ((${#browser_paths[@]})) || run_browser=0
else
  browser_paths=(tests/browser)
fi
if [[ ${ESPACES_BROWSER_TESTS:-1} == 0 && $run_browser == 1 ]]; then
  echo "Tests du navigateur ignorés (ESPACES_BROWSER_TESTS=0)."
  run_browser=0
fi

browser_pid=
stop_browser() {
  # SIGTERM: the browser tests stop as on Ctrl+C, with their server and Chromium (conftest.py).
  [[ -n $browser_pid ]] && kill -TERM "$browser_pid" 2>/dev/null && wait "$browser_pid"
  browser_pid=
}
trap 'stop_browser; exit 130' INT TERM

if ((run_browser)); then
  mkdir -p var
  echo "Tests du navigateur lancés à côté de la suite (sortie : $LOG) :"
  echo "  $PYTEST -p no:cacheprovider ${browser_paths[*]} ${common[*]}"
  "$PYTEST" -p no:cacheprovider "${browser_paths[@]}" "${common[@]}" >"$LOG" 2>&1 </dev/null &
  browser_pid=$!
fi

for command in "${first[@]}"; do
  echo "$command"
  if ! bash -c "$command"; then
    stop_browser
    exit 1
  fi
done

suite=0
if ((run_suite)); then
  echo "$PYTEST -p no:cacheprovider ${XDIST[*]} --ignore=tests/browser ${suite_paths[*]} ${common[*]}"
  "$PYTEST" -p no:cacheprovider "${XDIST[@]}" --ignore=tests/browser "${suite_paths[@]}" "${common[@]}"
  suite=$?
fi

browser=0
if ((run_browser)); then
  if kill -0 "$browser_pid" 2>/dev/null; then
    echo "En attente des tests du navigateur…"
  fi
  wait "$browser_pid"
  browser=$?
  browser_pid=
  echo
  echo "== Tests du navigateur ($LOG)"
  cat "$LOG"
fi

status=0
if ((suite != 0 && suite != 5)); then
  echo "Échec de la suite (pytest : code $suite)."
  status=1
fi
if ((browser != 0 && browser != 5)); then
  echo "Échec des tests du navigateur (pytest : code $browser ; sortie : $LOG)."
  status=1
fi
# pytest's 5 (no test selected, by -k say) is fine for one run, not when no run tested anything.
if ((status == 0 && (run_suite || run_browser))) &&
  ((!run_suite || suite == 5)) && ((!run_browser || browser == 5)); then
  echo "Aucun test sélectionné."
  status=5
fi
exit $status
