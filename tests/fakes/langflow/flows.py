"""What the fake Langflow's flows answer, in the shape of Langflow's `RunResponse`:
`outputs[0].outputs[j]` is one output component's ResultData, its `results` keyed by the
component's output name (`message` for Chat Output, `text` for Text Output, `data` for a Data
output). Input and output components are picked as Langflow 1.13 picks them: the input goes to
the Chat Input components for `input_type` "chat", to the Text Input ones for "text", to all for
"any" (the others run on their defaults); the output components that answer are those whose id
contains `output_type` ("any" or "debug": all), and all of them when none does."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class Flow:
    inputs: tuple[str, ...]
    outputs: tuple[tuple[str, str], ...]  # (component id, output name)


CHAT = Flow(("ChatInput-x1",), (("ChatOutput-x2", "message"),))
FLOWS = {
    "echo": CHAT,
    "text-output": Flow(("TextInput-x5",), (("TextOutput-x3", "text"),)),
    "data-output": Flow(("ChatInput-x1",), (("DataOutput-x4", "data"),)),
    "every-output": Flow(
        ("ChatInput-x1",),
        (("ChatOutput-x2", "message"), ("TextOutput-x3", "text"), ("DataOutput-x4", "data")),
    ),
    "no-output": Flow(("ChatInput-x1",), ()),
}


def message(
    text: str,
    session_id: str,
    flow_id: str,
    usage: dict[str, int] | None,
    sender: str = "Machine",
) -> dict[str, Any]:
    """A Message as Langflow dumps it (in a RunResponse, and in a stream's `add_message`)."""
    properties: dict[str, Any] = {
        "text_color": "",
        "background_color": "",
        "edited": False,
        "source": {"id": None, "display_name": None, "source": None},
        "icon": "",
        "allow_markdown": False,
        "state": "complete",
        "targets": [],
    }
    if usage is not None:  # a model in the flow reported it
        properties["source"] = {
            "id": "OpenAIModel-x6",
            "display_name": "OpenAI",
            "source": "gpt-4o-mini",
        }
        properties["usage"] = usage
    return {
        "text_key": "text",
        "data": {"text": text, "sender": sender, "session_id": session_id},
        "default_value": "",
        "text": text,
        "sender": sender,
        "sender_name": "AI" if sender == "Machine" else sender,
        "files": [],
        "session_id": session_id,
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S %Z"),
        "flow_id": flow_id,
        "error": False,
        "edit": False,
        "properties": properties,
        "category": "message",
        "content_blocks": [],
        "id": str(uuid.uuid4()),
    }


def _result(component: str, name: str, value: dict[str, Any], text: str) -> dict[str, Any]:
    return {
        "results": {name: value},
        "artifacts": {name: text, "sender": "Machine", "type": "object"},
        "outputs": {name: {"message": text, "type": "text" if name != "data" else "object"}},
        "logs": {name: []},
        "messages": [],
        "timedelta": None,
        "duration": None,
        "component_display_name": component.split("-")[0],
        "component_id": component,
        "used_frozen_result": False,
    }


def _answer(component: str, name: str, value: str, session_id: str, flow_id: str) -> Any:
    words = len(value.split())
    if name == "message":
        usage = {"input_tokens": words, "output_tokens": words + 2, "total_tokens": 2 * words + 2}
        text = f"echo: {value}"
        return _result(component, name, message(text, session_id, flow_id, usage), text)
    if name == "text":
        text = f"text: {value}"
        return _result(component, name, message(text, "", flow_id, None), text)
    data = {"text_key": "text", "data": {"echo": value, "words": words}, "default_value": ""}
    return _result(component, name, data, str(data["data"]))


def run_response(
    flow_id: str,
    flow: Flow,
    input_value: str | None,
    input_type: str | None,
    output_type: str | None,
    session_id: str,
) -> dict[str, Any]:
    kind = {"chat": "ChatInput-", "text": "TextInput-"}.get(input_type or "any", "")
    takes_input = any(component.startswith(kind) for component in flow.inputs)
    # Input components not given the input run on their defaults (an empty text).
    value = input_value if takes_input and input_value is not None else ""
    answering = [
        (component, name)
        for component, name in flow.outputs
        if output_type in ("any", "debug") or (output_type or "") in component.lower()
    ] or list(flow.outputs)
    return {
        "session_id": session_id,
        "outputs": [
            {
                "inputs": {"input_value": value},
                "outputs": [
                    _answer(component, name, value, session_id, flow_id)
                    for component, name in answering
                ],
            }
        ],
    }
