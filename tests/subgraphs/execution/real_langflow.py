"""A real Langflow for the optional end-to-end test: started from an installed `langflow`
(`langflow run --backend-only`, auto-login, SQLite in a temporary folder), with an API key made
through its API and one flow built from its own component templates:

    Chat Input -> Probe -> Chat Output

Probe is a custom component: it answers "probe: <input>", raises for the input "fail", and
sleeps for "sleep <seconds>" (without blocking Langflow's event loop). For "stream <n>" it
answers as a model does: in a streamed run, a Message whose text is a stream of n chunks, 0.3 s
apart (Chat Output sends them as `token` events); otherwise the whole text after as long.
"""

from __future__ import annotations

import asyncio
import copy
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from cmp.serving import free_port

# Where the test finds Langflow: CMP_TEST_LANGFLOW names a `langflow` executable (for one
# installed in a venv of its own: Langflow is far too big to be a dependency of this project),
# else `langflow` importable here, else a `langflow` on PATH.
LANGFLOW_ENV = "CMP_TEST_LANGFLOW"
START_TIMEOUT = float(os.environ.get("CMP_TEST_LANGFLOW_START_SECONDS", "600"))

PROBE_CODE = """import asyncio

from langchain_core.messages import AIMessageChunk
from lfx.custom.custom_component.component import Component
from lfx.io import MessageTextInput, Output
from lfx.schema.message import Message


async def chunks(count):
    for number in range(count):
        await asyncio.sleep(0.3)
        yield AIMessageChunk(content=f"chunk{number} ")


class Probe(Component):
    display_name = "Probe"
    name = "Probe"
    inputs = [MessageTextInput(name="input_value", display_name="Input Value")]
    outputs = [Output(display_name="Text", name="text", method="build_text")]

    async def build_text(self) -> Message:
        value = self.input_value
        if value == "fail":
            raise ValueError("the probe was asked to fail")
        if value.startswith("sleep "):
            await asyncio.sleep(float(value.split()[1]))
        if value.startswith("stream "):
            count = int(value.split()[1])
            if getattr(self, "_event_manager", None) is None:
                # Not a streamed run: a model asked not to stream answers whole.
                await asyncio.sleep(0.3 * count)
                return Message(text="".join(f"chunk{number} " for number in range(count)))
            streamed = Message()
            streamed.text = chunks(count)
            return streamed
        return Message(text=f"probe: {value}")
"""


def langflow_command() -> list[str] | None:
    chosen = os.environ.get(LANGFLOW_ENV)
    if chosen:
        return [chosen]
    if importlib.util.find_spec("langflow") is not None:
        return [sys.executable, "-m", "langflow"]
    found = shutil.which("langflow")
    return [found] if found else None


@dataclass
class RealLangflow:
    url: str
    api_key: str
    token: str  # the auto-login user's, for Langflow's own API
    flow_id: str
    process: subprocess.Popen[bytes]

    async def messages(self, session_id: str) -> list[tuple[str, str]]:
        """(sender, text) of the messages Langflow stored for a session, oldest first."""
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as http:
            answer = await http.get(
                "/api/v1/monitor/messages",
                params={"session_id": session_id, "flow_id": self.flow_id},
                headers={"x-api-key": self.api_key},
            )
        answer.raise_for_status()
        return [(m["sender"], m["text"]) for m in answer.json()]


def _node(kind: str, node_id: str, template: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": node_id,
        "type": "genericNode",
        "position": {"x": 0, "y": 0},
        "data": {"id": node_id, "type": kind, "node": template},
    }


def _edge(source: str, source_kind: str, output: str, target: str) -> dict[str, Any]:
    """An edge as Langflow's editor saves it: handles as JSON with œ for quotes."""
    source_handle = {
        "dataType": source_kind,
        "id": source,
        "name": output,
        "output_types": ["Message"],
    }
    target_handle = {
        "fieldName": "input_value",
        "id": target,
        "inputTypes": ["Message"],
        "type": "str",
    }
    return {
        "id": f"edge-{source}-{target}",
        "source": source,
        "target": target,
        "sourceHandle": json.dumps(source_handle).replace('"', "œ"),
        "targetHandle": json.dumps(target_handle).replace('"', "œ"),
        "data": {"sourceHandle": source_handle, "targetHandle": target_handle},
    }


def probe_flow(components: dict[str, Any]) -> dict[str, Any]:
    chat_input = components["input_output"]["ChatInput"]
    chat_output = components["input_output"]["ChatOutput"]
    probe = copy.deepcopy(components["custom_component"]["CustomComponent"])
    probe["template"]["code"]["value"] = PROBE_CODE
    probe["template"]["input_value"]["value"] = ""
    probe["outputs"] = [
        {
            **probe["outputs"][0],
            "name": "text",
            "display_name": "Text",
            "method": "build_text",
            "types": ["Message"],
            "selected": "Message",
        }
    ]
    return {
        "name": "cmp probe",
        "data": {
            "nodes": [
                _node("ChatInput", "ChatInput-cmp01", chat_input),
                _node("CustomComponent", "CustomComponent-cmp02", probe),
                _node("ChatOutput", "ChatOutput-cmp03", chat_output),
            ],
            "edges": [
                _edge("ChatInput-cmp01", "ChatInput", "message", "CustomComponent-cmp02"),
                _edge("CustomComponent-cmp02", "CustomComponent", "text", "ChatOutput-cmp03"),
            ],
        },
    }


async def _wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = asyncio.get_running_loop().time() + START_TIMEOUT
    async with httpx.AsyncClient(timeout=5) as http:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"langflow exited with {process.returncode}; see {log}")
            try:
                if (await http.get(f"{url}/health_check")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if asyncio.get_running_loop().time() > deadline:
                raise RuntimeError(f"langflow did not start in {START_TIMEOUT:g} s; see {log}")
            await asyncio.sleep(1)


async def start(command: list[str], folder: Path) -> RealLangflow:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "LANGFLOW_AUTO_LOGIN": "true",
        "LANGFLOW_CONFIG_DIR": str(folder),
        "LANGFLOW_DATABASE_URL": f"sqlite:///{folder / 'langflow.db'}",
        "LANGFLOW_DO_NOT_TRACK": "true",
    }
    log = folder / "langflow.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "run", "--backend-only", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # stopped as a group: Langflow starts workers
        )
    try:
        await _wait_until_ready(url, process, log)
        async with httpx.AsyncClient(base_url=url, timeout=120) as http:
            token = (await http.get("/api/v1/auto_login")).raise_for_status().json()["access_token"]
            bearer = {"Authorization": f"Bearer {token}"}
            made = await http.post("/api/v1/api_key/", json={"name": "cmp"}, headers=bearer)
            api_key = made.raise_for_status().json()["api_key"]
            components = (await http.get("/api/v1/all", headers=bearer)).raise_for_status()
            created = await http.post(
                "/api/v1/flows/", json=probe_flow(components.json()), headers=bearer
            )
            flow_id = created.raise_for_status().json()["id"]
    except BaseException:
        stop(process)
        raise
    return RealLangflow(url, api_key, token, flow_id, process)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
