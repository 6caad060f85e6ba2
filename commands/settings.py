"""The settings every command starts from: a bad value stops the command with one line naming the
variable, not a traceback."""

from __future__ import annotations

import click

from giai.settings import Settings, SettingsError, load_settings


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
