"""An independent MCP client (the reference Python SDK) against `refsh mcp`, for McpTests.

Usage: mcp_client.py REFSH [ARGS...]  -- runs `REFSH mcp ARGS`, initializes, lists the tools,
calls each, and prints one JSON object with what it saw (the Swift test checks it).
       mcp_client.py --raw REFSH  -- writes a line that is not JSON-RPC, then a valid initialize,
calls, and prints the server's raw answer lines as a JSON list.
"""
import asyncio
import json
import os
import sys

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

ID = "49d90c72-3326-4f61-aacc-2cb57970448c"


def text_of(result):
    return "".join(getattr(block, "text", "") for block in result.content)


async def main():
    # The SDK passes a server only a few variables unless told: this test's stores go with them.
    server = StdioServerParameters(command=sys.argv[1], args=["mcp"] + sys.argv[2:], env=dict(os.environ))
    seen = {}
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            seen["server"] = init.server_info.name
            tools = await session.list_tools()
            seen["tools"] = {tool.name: tool.description for tool in tools.tools}

            async def call(name, arguments):
                result = await session.call_tool(name, arguments)
                return {"isError": bool(result.is_error), "text": text_of(result)}

            seen["list"] = await call("list_referrals", {"top": 3, "status": "Active"})
            seen["get"] = await call("get_referral", {"id": ID})
            seen["preview"] = await call("preview_change", {"id": ID, "set": {"details.dealValue": 61000}})
            seen["previewContact"] = await call("preview_change", {"id": ID, "set": {"customerProfile.team[0].firstName": "Susan"}})
            loaded = json.loads(seen["get"]["text"]).get("eTag", "") if not seen["get"]["isError"] else ""
            seen["noIfMatch"] = await call("apply_change", {"id": ID, "set": {"details.dealValue": 61500}})
            seen["starIfMatch"] = await call("apply_change", {"id": ID, "set": {"details.dealValue": 61500}, "ifMatch": "*"})
            seen["apply"] = await call(
                "apply_change",
                {"id": ID, "set": {"details.dealValue": 62000}, "transition": {"status": "Closed", "substatus": "Won", "reason": "signed"}, "ifMatch": loaded})
            seen["stale"] = await call("apply_change", {"id": ID, "set": {"details.dealValue": 63000}, "ifMatch": "\"stale\""})
            seen["requests"] = await call("session_requests", {})
            seen["staleAgain"] = await call("apply_change", {"id": ID, "set": {"details.dealValue": 63000}, "ifMatch": "\"older\""})
            current = json.loads(seen["apply"]["text"]).get("eTag", "") if not seen["apply"]["isError"] else ""
            seen["same"] = await call("apply_change", {"id": ID, "set": {"details.dealValue": 62000}, "ifMatch": current})
            seen["requestsAfter"] = await call("session_requests", {})
            seen["unquoted"] = await call("apply_change", {"id": ID, "set": {"details.dealValue": 64000}, "ifMatch": current.strip('"')})
            seen["wrongType"] = await call("list_referrals", {"top": "lots"})
            seen["topZero"] = await call("list_referrals", {"top": 0})
            seen["typo"] = await call("list_referrals", {"statuss": "Active"})
            seen["unknownTool"] = await call("delete_everything", {})
            seen["readOnlyField"] = await call("preview_change", {"id": ID, "set": {"id": "x"}})
            seen["badSubstatus"] = await call("preview_change", {"id": ID, "transition": {"status": "Closed", "substatus": "Bogus"}})
            seen["transitionTypo"] = await call("preview_change", {"id": ID, "transition": {"status": "Closed", "substatus": "Lost", "reasn": "x"}})
            seen["afterErrors"] = await call("get_referral", {"id": ID})
    print(json.dumps(seen))


def raw():
    import subprocess

    process = subprocess.Popen([sys.argv[2], "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    def send(line):
        process.stdin.write(line + "\n")
        process.stdin.flush()
    send("this is not JSON-RPC {")
    send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}}))
    answers = [process.stdout.readline(), process.stdout.readline()]
    send(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}))
    send(json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "get_referral", "arguments": {"id": 7}}}))
    answers.append(process.stdout.readline())
    send(json.dumps({"jsonrpc": "2.0", "id": 906}))
    answers.append(process.stdout.readline())
    send(json.dumps({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"arguments": "str"}}))
    answers.append(process.stdout.readline())
    process.stdin.close()
    process.wait(timeout=30)
    print(json.dumps([line.strip() for line in answers]))


if sys.argv[1] == "--raw":
    raw()
else:
    asyncio.run(main())
