# Shared helpers of the HTTP benchmark scripts (sourced). Builds on the peers' lib.sh
# ($PEERS_DIR, default ../shared/peers next to the repository): log, die, basic_auth, form_body,
# try_token, wait_first_token, stop_pidfile, port_free, java_pid_of.
BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
PEERS_DIR=${PEERS_DIR:-$(cd "$BENCH_DIR/../.." && pwd)/shared/peers}
export RUN_DIR=${RUN_DIR:-/tmp/gatehouse-bench}
[ -f "$PEERS_DIR/lib.sh" ] || { echo "peers' lib.sh not found in $PEERS_DIR (set PEERS_DIR)" >&2; exit 1; }
. "$PEERS_DIR/lib.sh"
export PEERS_DIR

# json_get FILE KEY -> the top-level string value KEY of a JSON file
json_get() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
