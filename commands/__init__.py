"""The commands (the root `giai` command, accounts, the local node): the top layer, above
`ingest/` and `portal/`, which it may import; nothing imports it."""
