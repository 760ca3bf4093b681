#!/usr/bin/env python3
"""codeflow.py -- the authorization-code + PKCE flow as a browser and a client would run it, by N
concurrent workers for a bounded time (python3 stdlib only). Prints one RESULT line with the keys
of the wrk scripts: requests/ok = completed flows, ok_rps = flows/s, latency = one whole flow.

  codeflow.py --kind gatehouse|keycloak --authorize URL --token URL --client ID --secret S
              --redirect-uri URI --username U --password P [-c 8] [-d 20]

Each flow is a new browser (no cookies) on the worker's kept-alive connection:
  gatehouse: GET authorize -> 302 /auth2/account/login; GET it (CSRF token); POST email -> 303
             /auth2/account/password; GET it; POST password -> 303 redirect_uri?code=…&state=…;
             (a consent page, when shown, is answered "allow").
  keycloak:  GET auth -> 200 login form; POST username+password to its action -> 302
             redirect_uri?code=…
  both:      POST token (authorization_code, client_secret_basic, code_verifier) -> access_token.
A flow fails on any unexpected status, a missing code, a state mismatch or a token answer without
access_token; failed flows are counted (non2xx) and the first failure is shown."""
import argparse, base64, hashlib, html, http.client, json, re, secrets, sys, threading, time
import urllib.parse as up

ap = argparse.ArgumentParser()
ap.add_argument("--kind", choices=["gatehouse", "keycloak"], required=True)
ap.add_argument("--authorize", required=True)
ap.add_argument("--token", required=True)
ap.add_argument("--client", required=True)
ap.add_argument("--secret", required=True)
ap.add_argument("--redirect-uri", required=True)
ap.add_argument("--username", required=True)
ap.add_argument("--password", required=True)
ap.add_argument("--scope", default="openid")
ap.add_argument("-c", type=int, default=8)
ap.add_argument("-d", type=float, default=20)
a = ap.parse_args()
AUTHZ = up.urlsplit(a.authorize)
assert AUTHZ.hostname == "127.0.0.1", "loopback only"
BASIC = base64.b64encode((up.quote_plus(a.client) + ":" + up.quote_plus(a.secret)).encode()).decode()
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
KC_ACTION = re.compile(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"', re.S)


class Failed(Exception):
    pass


class Browser:
    def __init__(self):
        self.conn = http.client.HTTPConnection(AUTHZ.hostname, AUTHZ.port, timeout=30)
        self.cookies = {}

    def send(self, method, url, form=None, headers=None):
        u = up.urlsplit(url)
        path = u.path + ("?" + u.query if u.query else "")
        h = {"Accept": "text/html,application/json"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = up.urlencode(form)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        h.update(headers or {})
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()  # the server closed a kept-alive connection: reconnect once
                if attempt == 2:
                    raise
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if value == "" or "max-age=0" in v.lower():
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value
        return r.status, r.getheader("Location"), data.decode("utf-8", "replace")


def expect(status, want, what, body=""):
    if status not in want:
        raise Failed(f"{what}: {status} {body[:120]!r}")


def absolute(location):
    return up.urljoin(a.authorize, location)


def code_of(location, state):
    q = dict(up.parse_qsl(up.urlsplit(location).query))
    if q.get("state") != state or "code" not in q:
        raise Failed(f"no code in redirect: {location[:160]}")
    return q["code"]


def flow(b):
    b.cookies = {}
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = secrets.token_urlsafe(12)
    q = up.urlencode({"client_id": a.client, "response_type": "code", "scope": a.scope, "redirect_uri": a.redirect_uri,
                      "state": state, "nonce": secrets.token_urlsafe(12), "code_challenge": challenge,
                      "code_challenge_method": "S256"})
    s, loc, body = b.send("GET", a.authorize + "?" + q)
    if a.kind == "gatehouse":
        expect(s, (302, 303), "authorize", body)
        page = absolute(loc)
        s, loc, body = b.send("GET", page)
        expect(s, (200,), "email page", body)
        m = CSRF.search(body)
        if not m:
            raise Failed("no csrf on the email page")
        csrf = html.unescape(m.group(1))
        s, loc, body = b.send("POST", page, {"csrf": csrf, "email": a.username})
        expect(s, (302, 303), "email post", body)
        page = absolute(loc)
        s, loc, body = b.send("GET", page)
        expect(s, (200,), "password page", body)
        m = CSRF.search(body)
        csrf = html.unescape(m.group(1)) if m else csrf
        s, loc, body = b.send("POST", page, {"csrf": csrf, "email": a.username, "password": a.password})
        expect(s, (302, 303), "password post", body)
        if "/auth2/account/consent" in loc:
            page = absolute(loc)
            s, loc, body = b.send("GET", page)
            expect(s, (200,), "consent page", body)
            csrf = html.unescape(CSRF.search(body).group(1))
            s, loc, body = b.send("POST", page, {"csrf": csrf, "decision": "allow"})
            expect(s, (302, 303), "consent post", body)
    else:
        expect(s, (200,), "login page", body)
        m = KC_ACTION.search(body)
        if not m:
            raise Failed("no login form action")
        s, loc, body = b.send("POST", html.unescape(m.group(1)),
                              {"username": a.username, "password": a.password, "credentialId": ""})
        expect(s, (302, 303), "login post", body)
    code = code_of(loc, state)
    s, _, body = b.send("POST", a.token, {"grant_type": "authorization_code", "code": code,
                                          "redirect_uri": a.redirect_uri, "code_verifier": verifier},
                        {"Authorization": "Basic " + BASIC, "Accept": "application/json"})
    expect(s, (200,), "token", body)
    if '"access_token"' not in body:
        raise Failed("token answer without access_token")


lock = threading.Lock()
lat, fails, first_bad = [], [0], [""]
t_start = time.monotonic()
deadline = t_start + a.d


def worker():
    b = Browser()
    while time.monotonic() < deadline:
        t0 = time.monotonic()
        try:
            flow(b)
            ok = True
        except Exception as e:  # noqa: BLE001 -- every failure counts
            ok = False
            err = f"{type(e).__name__}: {e}"
            b.conn.close()
        t1 = time.monotonic()
        with lock:
            if ok:
                lat.append((t1 - t0) * 1000)
            else:
                fails[0] += 1
                if not first_bad[0]:
                    first_bad[0] = err


threads = [threading.Thread(target=worker, daemon=True) for _ in range(a.c)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - t_start
lat.sort()
n = len(lat)
pct = lambda p: lat[min(n - 1, int(n * p))] if n else 0.0  # noqa: E731
bad = re.sub(r'[\x00-\x1f"]', " ", first_bad[0])[:160]
print(f"RESULT requests={n + fails[0]} duration_s={elapsed:.2f} rps={(n + fails[0]) / elapsed:.1f} ok_rps={n / elapsed:.1f} "
      f"ok={n} non2xx={fails[0]} no_token=0 err_connect=0 err_read=0 err_write=0 err_timeout=0 "
      f"lat_mean_ms={(sum(lat) / n if n else 0):.2f} p50_ms={pct(.5):.2f} p90_ms={pct(.9):.2f} p99_ms={pct(.99):.2f} "
      f"max_ms={(lat[-1] if n else 0):.2f} first_bad=\"{bad}\"")
