#!/usr/bin/env python3
"""populate.py -- create tenants and their API clients through Gatehouse's admin API, concurrently
(python3 stdlib), and write every client's Basic credentials (base64 of id:secret), one per line.

  populate.py --base http://127.0.0.1:18181 --token INSTALLATION_ADMIN_TOKEN --tenants 10000
              --clients-per-tenant 10 [--existing-tenant bench --existing-clients 1] [-w 8] --out FILE

Tenant names are t00001, t00002, ...; clients c<tenant>-<n>, with client_credentials. The existing
tenant (if given) counts as the first of --tenants and gets clients up to --clients-per-tenant.
Prints the rate of tenant and client creation on standard error."""
import argparse, base64, http.client, json, sys, threading, time
import urllib.parse as up

ap = argparse.ArgumentParser()
ap.add_argument("--base", required=True)
ap.add_argument("--token", required=True)
ap.add_argument("--tenants", type=int, required=True)
ap.add_argument("--clients-per-tenant", type=int, default=10)
ap.add_argument("--existing-tenant")
ap.add_argument("--existing-clients", type=int, default=0)
ap.add_argument("-w", type=int, default=8)
ap.add_argument("--out", required=True)
a = ap.parse_args()
u = up.urlsplit(a.base)
assert u.hostname == "127.0.0.1", "loopback only"
API = "/api/adminapi2/v1"
local = threading.local()


def call(method, path, body):
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    for attempt in (1, 2, 3):
        try:
            local.conn.request(method, API + path, body=json.dumps(body), headers={
                "Authorization": "Bearer " + a.token, "Content-Type": "application/json", "Accept": "application/json"})
            r = local.conn.getresponse()
            data = r.read()
            if r.status // 100 != 2:
                raise RuntimeError(f"{method} {path} -> {r.status} {data[:200]!r}")
            return json.loads(data)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            local.conn.close()
            if attempt == 3:
                raise


def run(jobs, fn, what):
    lock, idx, out, errors = threading.Lock(), [0], [], []
    t0 = time.monotonic()

    def worker():
        while True:
            with lock:
                if idx[0] >= len(jobs) or errors:
                    return
                j = jobs[idx[0]]
                idx[0] += 1
            try:
                res = fn(j)
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append(str(e))
                return
            with lock:
                out.append(res)
                if len(out) % 5000 == 0:
                    print(f"  {what}: {len(out)} after {time.monotonic() - t0:.0f}s", file=sys.stderr)

    ts = [threading.Thread(target=worker) for _ in range(a.w)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        sys.exit(f"{what} failed: {errors[0]}")
    dt = time.monotonic() - t0
    print(f"{what}: {len(out)} in {dt:.1f}s ({len(out) / dt:.0f}/s)", file=sys.stderr)
    return out


names = []
start = 1
if a.existing_tenant:
    names.append(a.existing_tenant)
    start = 2
new_tenants = [f"t{i:05d}" for i in range(start, a.tenants + 1)]
names += run(new_tenants, lambda n: call("POST", "/tenants", {"name": n, "displayName": "Tenant " + n})["name"], "tenants")

jobs = []
for t in names:
    first = a.existing_clients if t == a.existing_tenant else 0
    jobs += [(t, n) for n in range(first + 1, a.clients_per_tenant + 1)]


def make_client(job):
    t, n = job
    cid = f"c{t}-{n}"
    r = call("POST", f"/tenants/{t}/clients", {"clientId": cid, "allowedGrantTypes": ["client_credentials"]})
    return base64.b64encode(f"{up.quote_plus(cid)}:{up.quote_plus(r['secret']['value'])}".encode()).decode()


creds = run(jobs, make_client, "clients")
with open(a.out, "a") as f:
    f.write("\n".join(creds) + "\n")
