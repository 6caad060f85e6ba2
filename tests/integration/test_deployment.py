"""The container's command line starts the portal (the image itself needs a Docker engine, which
the development machines lack; its command is run here as it stands in the Dockerfile)."""

from __future__ import annotations

import json
import urllib.request

import yaml

from benchmarks.live_portal import GIAI, giai_environment, served
from giai import PROJECT_ROOT


def image_command() -> list[str]:
    """The Dockerfile's CMD (exec form)."""
    lines = (PROJECT_ROOT / "Dockerfile").read_text().splitlines()
    return json.loads(next(line for line in lines if line.startswith("CMD ")).removeprefix("CMD "))


def with_option(argv: list[str], option: str, value: str) -> list[str]:
    at = argv.index(option)
    return argv[: at + 1] + [value] + argv[at + 2 :]


def test_the_image_command_serves_the_portal(settings, alias, tmp_path):
    command = image_command()
    assert command[:2] == ["giai", "serve"]
    assert "--host" in command and "--port" in command

    def on_this_machine(port: int) -> list[str]:
        # The same options; only the address and port change (services here bind 127.0.0.1 only).
        argv = with_option(with_option(command, "--host", "127.0.0.1"), "--port", str(port))
        return [str(GIAI), *argv[1:]]

    with served(giai_environment(settings, alias, tmp_path), tmp_path / "serve.log", command=on_this_machine) as portal:
        with urllib.request.urlopen(f"{portal.url}/en/search?q=genocide", timeout=10) as response:
            assert response.status == 200


def test_compose_puts_the_portal_behind_a_tls_proxy_with_its_own_account():
    services = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())["services"]
    portal = services["portal"]
    assert "ports" not in portal, "the portal is reached through the proxy only"
    assert portal["environment"]["GIAI_TRUSTED_PROXIES"] == "1"
    assert portal["environment"]["GIAI_SESSION_COOKIE_SECURE"] == "true"
    assert portal["environment"]["GIAI_ES_URL"].startswith("http://giai_portal:")
    assert services["ingest"]["environment"]["GIAI_ES_URL"].startswith("http://giai_pipeline:")
    proxy = services["proxy"]
    assert any(str(port).endswith(":443") for port in proxy["ports"])
