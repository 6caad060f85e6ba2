"""Blueprints by audience: `ui` (HTML search), `documents` (document pages and original files),
`api` (JSON), and the error handlers shared by all."""
