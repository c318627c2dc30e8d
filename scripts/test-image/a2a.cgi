#!/bin/sh
# The test agent's A2A endpoint: every JSON-RPC request gets the same message back, with its id.
body=$(head -c "${CONTENT_LENGTH:-0}")
id=$(printf '%s' "$body" | sed -nE 's/.*"id"[[:space:]]*:[[:space:]]*("[^"]*"|-?[0-9]+).*/\1/p')
printf 'Content-Type: application/json\r\n\r\n'
printf '{"jsonrpc":"2.0","id":%s,"result":{"kind":"message","messageId":"reply-%s","role":"agent","parts":[{"kind":"text","text":"%s"}]}}' \
  "${id:-null}" "$$" "${AGENT_REPLY:-pong}"
