"""Saved searches and their e-mail alerts: the pages where a signed-in reader saves, lists and
deletes them (`views`), the unsubscribe link that works without signing in, and the digests that
`giai alerts send` mails (`digest`)."""
