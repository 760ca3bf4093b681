#!/usr/bin/env python3
"""tokens.py -- fetch tokens up front for the benchmark's wrk scripts (stdlib only).

  tokens.py refresh --url TOKEN_URL --client ID --secret S --username U --password P [--scope S] -n N --out FILE
      N password-grant answers; writes their refresh tokens, one per line.
  tokens.py access --url TOKEN_URL --client ID --secret S --out FILE
      one client_credentials access token (for introspection)."""
import argparse, base64, concurrent.futures, json, sys, urllib.parse, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("kind", choices=["refresh", "access"])
ap.add_argument("--url", required=True)
ap.add_argument("--client", required=True)
ap.add_argument("--secret", required=True)
ap.add_argument("--username")
ap.add_argument("--password")
ap.add_argument("--scope", default="")
ap.add_argument("-n", type=int, default=1)
ap.add_argument("--out", required=True)
a = ap.parse_args()
assert a.url.startswith("http://127.0.0.1:"), "loopback only"
basic = base64.b64encode((urllib.parse.quote_plus(a.client) + ":" + urllib.parse.quote_plus(a.secret)).encode()).decode()

def token(form):
    req = urllib.request.Request(a.url, data=urllib.parse.urlencode(form).encode(), method="POST", headers={
        "Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)

if a.kind == "access":
    out = [token({"grant_type": "client_credentials"})["access_token"]]
else:
    form = {"grant_type": "password", "username": a.username, "password": a.password}
    if a.scope:
        form["scope"] = a.scope
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        out = [t["refresh_token"] for t in ex.map(lambda _: token(form), range(a.n))]
with open(a.out, "w") as f:
    f.write("\n".join(out) + "\n")
print(f"{len(out)} {a.kind} token(s) -> {a.out}", file=sys.stderr)
