"""The sign-in, account and user-administration forms (Flask-WTF: each carries a CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectMultipleField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.auth.users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH


class CheckboxesField(SelectMultipleField):
    """A multiple choice shown as checkboxes, which work without JavaScript and read well aloud."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def at_least_one_role(_form: FlaskForm, field: SelectMultipleField) -> None:
    """Like DataRequired, but without the `required` attribute, which on checkboxes would demand
    every box be ticked."""
    if not field.data:
        raise ValidationError(_l("Choose at least one role."))


class SignInForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    next = HiddenField()


class SignOutForm(FlaskForm):
    everywhere = HiddenField()


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    new = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH)]
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new", message=_l("The two new passwords differ."))],
    )


class GrantsForm(FlaskForm):
    """Roles, organisations and languages; the choices are filled in by the view."""

    roles = CheckboxesField(_l("Roles"), validators=[at_least_one_role])
    organisations = CheckboxesField(_l("Organisations"))
    languages = CheckboxesField(_l("Translation languages"))


class AddUserForm(GrantsForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])


class ActionForm(FlaskForm):
    """A button that changes something: no fields but the CSRF token."""
