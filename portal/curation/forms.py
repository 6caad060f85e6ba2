"""The curation forms (Flask-WTF: each carries a CSRF token). Choices are filled in by the views
from the vocabularies, in the page's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from giai.case_curation import MAX_CHARS
from giai.curation import TITLE_MAX


class EditForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    doc_type = SelectField(_l("Document type"), validate_choice=True)
    crime_type = SelectMultipleField(_l("Crime types"))
    gender = SelectMultipleField(_l("Gender dimensions"))
    country = SelectMultipleField(_l("Countries"))
    body = SelectMultipleField(_l("Court or body"))
    date = DateField(_l("Date"), validators=[Optional()])
    language = SelectField(_l("Main language"))
    access = SelectField(_l("Access"))
    # Case law (giai/case_curation.py); lists one item a line.
    case_name = StringField(_l("Case name"), validators=[Optional(), Length(max=MAX_CHARS)])
    case_numbers = TextAreaField(_l("Case numbers, one a line"))
    ecli = StringField(_l("ECLI"), validators=[Optional(), Length(max=MAX_CHARS)])
    decided = DateField(_l("Decision date"), validators=[Optional()])
    chamber = StringField(_l("Chamber or formation"), validators=[Optional(), Length(max=MAX_CHARS)])
    court = SelectField(_l("Court of the case"), validate_choice=False)  # checked by giai.case_curation
    parties = TextAreaField(_l("Parties or accused, one a line"))
    case_type = SelectField(_l("Type of act"), validate_choice=False)


class UploadForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired()])
    organisation = SelectField(_l("Organisation"))
    title = StringField(_l("Title"), validators=[Optional(), Length(max=TITLE_MAX)])
    language = SelectField(_l("Language"), validators=[Optional()])
    doc_type = SelectField(_l("Document type"), validators=[Optional()])
    date = DateField(_l("Date"), validators=[Optional()])
    access = SelectField(_l("Access"))


class WithdrawForm(FlaskForm):
    reason = StringField(_l("Why it must come down"), validators=[DataRequired(), Length(max=500)])
