#!/usr/bin/env python3
"""summarize.py results.txt -- Markdown tables from the START and BENCH lines of bench/run-all:
start-up, one row per workload and server (the accepted attempt: the last one not marked noisy,
else the last one, flagged "!"), and the ratio Gatehouse / Keycloak per workload."""
import re, sys

TOK = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S*)')
parse = lambda line: {k: v.strip('"') for k, v in TOK.findall(line)}  # noqa: E731
starts, cells = [], {}
order_w, order_s = [], []
for line in open(sys.argv[1] if len(sys.argv) > 1 else "results.txt"):
    if line.startswith("START "):
        starts.append(parse(line))
    elif line.startswith("BENCH "):
        b = parse(line)
        if "ok" not in b:
            continue
        key = (b["workload"], b["label"])
        if b["workload"] not in order_w:
            order_w.append(b["workload"])
        if b["label"] not in order_s:
            order_s.append(b["label"])
        prev = cells.get(key)
        # keep the latest clean attempt; a noisy one only when nothing clean exists
        if prev is None or b.get("noisy") != "1" or prev.get("noisy") == "1":
            cells[key] = b

print("### Start-up: launch to the first client_credentials token\n")
print("| server | start | first token (s) | idle RSS (MiB) | version |")
print("|---|---|---:|---:|---|")
for s in starts:
    print(f"| {s['label']} | {s['kind']} | {s['startup_s']} | {s.get('idle_rss_mib', '-')} | {s.get('version', '')} |")

UNIT = {"authcode": "flows/s"}
def errors(b):
    return sum(int(b.get(k, 0) or 0) for k in ("non2xx", "no_token", "err_connect", "err_read", "err_write", "err_timeout"))

print("\n### Load (wrk over loopback; authcode: codeflow.py workers)\n")
print("| workload | server | conns | req/s | p50 ms | p99 ms | errors | server CPU s / 1,000 req | PG CPU s / 1,000 | RSS after (MiB) | peak RSS (MiB) | other CPU % | noisy |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for w in order_w:
    for s in order_s:
        b = cells.get((w, s))
        if not b:
            continue
        pg = b.get("tree_cpu_s_per_1k") if float(b.get("tree_cpu_pct", 0) or 0) > 0 else "-"
        print(f"| {w} | {s} | {b['c']} | {float(b['ok_rps']):,.1f}{' ' + UNIT[w] if w in UNIT else ''} | {b['p50_ms']} | {b['p99_ms']} | "
              f"{errors(b)} | {b['server_cpu_s_per_1k']} | {pg} | {b.get('rss_mib', '-')} | {b.get('hwm_mib', '-')} | "
              f"{b.get('other_cpu_pct', '-')} | {'**yes**' if b.get('noisy') == '1' else 'no'} |")

kc = [s for s in order_s if s.startswith("keycloak")]
gh = [s for s in order_s if s.startswith("gatehouse")]
if kc and gh:
    k = kc[0]
    print(f"\n### Ratio Gatehouse / {k} (throughput; CPU per request: {k} / Gatehouse)\n")
    print("| workload | " + " | ".join(f"{g} req/s ratio | {g} CPU-efficiency ratio" for g in gh) + " |")
    print("|---|" + "---:|---:|" * len(gh))
    for w in order_w:
        kb = cells.get((w, k)) or cells.get((w.replace("es256", "rs256"), k))
        if not kb:
            continue
        row = []
        for g in gh:
            gb = cells.get((w, g))
            if not gb or float(kb["ok_rps"]) == 0:
                row += ["-", "-"]
                continue
            r = float(gb["ok_rps"]) / float(kb["ok_rps"])
            try:
                e = float(kb["server_cpu_s_per_1k"]) / float(gb["server_cpu_s_per_1k"])
                row += [f"{r:.1f}×", f"{e:.1f}×"]
            except (ZeroDivisionError, ValueError):
                row += [f"{r:.1f}×", "-"]
        note = " (vs Keycloak RS256)" if "es256" in w else ""
        print(f"| {w}{note} | " + " | ".join(row) + " |")
