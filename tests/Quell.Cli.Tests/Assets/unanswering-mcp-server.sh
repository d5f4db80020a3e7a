#!/usr/bin/env bash
# A stdio MCP server for one test: it answers initialize and tools/list and nothing else. A tool call never gets an
# answer (it "runs" until cancelled), and neither does anything asked after it: the client's lookups go unanswered.
while IFS= read -r line; do
  [[ $line =~ \"id\":([0-9]+) ]] || continue # notifications, and the CLI's own string request ids
  id=${BASH_REMATCH[1]}
  case $line in
    *'"method":"initialize"'*)
      printf '{"jsonrpc":"2.0","id":%s,"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"unanswering","version":"1"}}}\n' "$id" ;;
    *'"method":"tools/list"'*)
      printf '{"jsonrpc":"2.0","id":%s,"result":{"tools":[{"name":"wait","inputSchema":{"type":"object"}}]}}\n' "$id" ;;
  esac
done
