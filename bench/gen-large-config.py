#!/usr/bin/env python3
"""Writes a keepalived.conf with N virtual servers x M real servers and K VRRP instances.

A fourth argument "nocheck" leaves the real servers without checkers (always up, as keepalived
treats them): the table is then the whole configuration, for the apply benches.
"""
import sys

vs_count, rs_count, vrrp_count = (int(a) for a in sys.argv[1:4])
checked = len(sys.argv) < 5 or sys.argv[4] != "nocheck"
out = []
w = out.append
w("global_defs {\n    router_id BENCH\n}")
for i in range(vrrp_count):
    w(f"""vrrp_instance VI_{i} {{
    state BACKUP
    interface eth{i % 4}
    virtual_router_id {i + 1}
    priority 100
    advert_int 1
    authentication {{
        auth_type PASS
        auth_pass secret
    }}
    virtual_ipaddress {{
        10.{i // 250}.{i % 250}.1/32 dev eth{i % 4}
    }}
}}""")
for v in range(vs_count):
    w(f"virtual_server 10.200.{v // 250}.{v % 250 + 1} 80 {{\n    delay_loop 6\n    lb_algo wrr\n    lb_kind NAT\n    protocol TCP")
    for r in range(rs_count):
        if not checked:
            w(f"    real_server 192.168.{v % 250}.{r + 10} 80 {{\n        weight {r + 1}\n    }}")
            continue
        w(f"""    real_server 192.168.{v % 250}.{r + 10} 80 {{
        weight {r + 1}
        HTTP_GET {{
            url {{
                path /health
                status_code 200
            }}
            connect_timeout 3
            retry 3
            delay_before_retry 2
        }}
    }}""")
    w("}")
sys.stdout.write("\n".join(out) + "\n")
