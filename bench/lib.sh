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

# gatehouse_set_alg SERVER ALG -- a running Gatehouse (RUN_DIR/SERVER.env) signs with ALG from now on:
#   the tenant's setting through the admin API and an immediate key rotation; then a token is checked
gatehouse_set_alg() {
  ( . "$RUN_DIR/$1.env"
    tok=$(curl -s -u "$ADMIN_CLIENT:$ADMIN_SECRET" -d grant_type=client_credentials "$TOKEN_URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
    api=$BASE_URL/api/adminapi2/v1/tenants/$TENANT
    curl -sf -X PATCH -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d "{\"signingAlgorithm\":\"$2\"}" "$api/settings" > /dev/null
    curl -sf -X POST -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d '{"immediate":true}' "$api/keys/rotate" > /dev/null
    try_token "$TOKEN_URL" "$(basic_auth "$CLIENT_ID" "$CLIENT_SECRET")" grant_type=client_credentials "$RUN_DIR/.alg.json"
    log "$1 now signs with: $(jwt_info "$RUN_DIR/.alg.json")" )
}
