"""The nginx configuration of the load balancer in front of the Rasa replicas.

One port (``RASA_PORT``) for every channel:

- REST (``/webhooks/rest/``), Slack (``/webhooks/slack/``) and everything else: round robin;
  a replica that refuses connections is skipped (``proxy_next_upstream``) and left alone for
  ``fail_timeout``. A message already sent to a replica that then died is passed to the next
  one as well (``non_idempotent``: POST too; one more try at most), so a crash costs no
  reply.
- socket.io (``/socket.io/``, the web widget): the same client always reaches the same
  replica (``ip_hash``), with WebSocket upgrades passed through — socket.io's polling
  handshake must stay on the replica that issued the session id.
- Per-client rate limiting (``limit_req``, HTTP 429 beyond it) and a request body limit
  (HTTP 413), both settings of :class:`BalancerSettings`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import List, Mapping, Optional, Sequence, Union

RATE_ENV = "BALANCER_RATE"          # requests a second per client, e.g. "10r/s"
BURST_ENV = "BALANCER_BURST"        # requests over the rate let through at once
MAX_BODY_ENV = "BALANCER_MAX_BODY"  # largest request body, nginx size ("1m")


@dataclass(frozen=True)
class BalancerSettings:
    """Limits of the balancer (README, "Deploying").

    Attributes:
        rate: requests a second per client address, nginx syntax ("10r/s", "600r/m").
        burst: requests over ``rate`` accepted at once before HTTP 429.
        max_body: largest request body (nginx size: "64k", "1m"); larger gets HTTP 413. The
            default, 1 MB, lets an overlong message through to the polite refusal of
            :mod:`runtime.guard` (100,000 characters are up to 400 kB of JSON).
        read_timeout: seconds to wait for a replica's answer to one request.
    """

    rate: str = "10r/s"
    burst: int = 20
    max_body: str = "1m"
    read_timeout: int = 60

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "BalancerSettings":
        """Settings from ``BALANCER_RATE``, ``BALANCER_BURST`` and ``BALANCER_MAX_BODY``.

        Raises:
            ValueError: a value is not in nginx's syntax.
        """
        default = cls()
        settings = cls(rate=environ.get(RATE_ENV) or default.rate,
                       burst=int(environ.get(BURST_ENV) or default.burst),
                       max_body=environ.get(MAX_BODY_ENV) or default.max_body)
        if not re.fullmatch(r"\d+r/[sm]", settings.rate):
            raise ValueError(f"{RATE_ENV} must look like 10r/s or 600r/m, not {settings.rate!r}")
        if not re.fullmatch(r"\d+[km]?", settings.max_body):
            raise ValueError(f"{MAX_BODY_ENV} must look like 64k or 1m, not "
                             f"{settings.max_body!r}")
        if settings.burst < 0:
            raise ValueError(f"{BURST_ENV} must be 0 or more")
        return settings


def nginx_config(listen: str, replicas: Sequence[Union[int, str]], folder: str,
                 settings: BalancerSettings = BalancerSettings()) -> str:
    """The whole ``nginx.conf``.

    Args:
        listen: ``host:port`` the balancer listens on.
        replicas: the Rasa replicas: ports on 127.0.0.1, or ``host:port`` addresses
            (``rasa-1:5005`` in ``deploy/docker-compose.yml``).
        folder: nginx's folder (pid file, logs, temp files), absolute.
        settings: the limits.

    Raises:
        ValueError: no replicas.
    """
    if not replicas:
        raise ValueError("the balancer needs at least one replica")
    addresses = [f"127.0.0.1:{r}" if isinstance(r, int) else r for r in replicas]
    servers = "\n".join(f"    server {address} max_fails=1 fail_timeout=10s;"
                        for address in addresses)
    limit = f"limit_req zone=per_client burst={settings.burst} nodelay;"
    return f"""# Written by runtime/balancer.py: the load balancer in front of the Rasa replicas.
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  log_format upstream '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                      'upstream=$upstream_addr';
  access_log {folder}/access.log upstream;
  client_body_temp_path {folder}/tmp/body;
  proxy_temp_path {folder}/tmp/proxy;
  fastcgi_temp_path {folder}/tmp/fastcgi;
  uwsgi_temp_path {folder}/tmp/uwsgi;
  scgi_temp_path {folder}/tmp/scgi;

  client_max_body_size {settings.max_body};
  limit_req_zone $binary_remote_addr zone=per_client:10m rate={settings.rate};
  limit_req_status 429;
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}

  upstream rasa_round_robin {{
{servers}
  }}
  upstream rasa_sticky {{
    ip_hash;
{servers}
  }}

  server {{
    listen {listen};
    proxy_connect_timeout 2s;
    proxy_read_timeout {settings.read_timeout}s;
    proxy_next_upstream error timeout http_502 http_503 non_idempotent;
    proxy_next_upstream_tries 2;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;

    location /socket.io/ {{
      {limit}
      proxy_pass http://rasa_sticky;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
    }}
    location / {{
      {limit}
      proxy_pass http://rasa_round_robin;
    }}
  }}
}}
"""


def main(argv: Optional[List[str]] = None) -> None:
    """Print a configuration: ``python -m runtime.balancer --listen 0.0.0.0:5005 --replica
    rasa-1:5005 --replica rasa-2:5005 --folder /tmp`` (how ``deploy/nginx.conf`` is made)."""
    import argparse

    parser = argparse.ArgumentParser(description="Print the balancer's nginx.conf.")
    parser.add_argument("--listen", required=True)
    parser.add_argument("--replica", action="append", required=True)
    parser.add_argument("--folder", required=True)
    args = parser.parse_args(argv)
    print(nginx_config(args.listen, args.replica, args.folder, BalancerSettings.from_env()),
          end="")


if __name__ == "__main__":
    main()
