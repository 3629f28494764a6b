"""The picture part of a writing form: a file and its description (alt text).

It has no CSRF token of its own: it is sent inside the post's or message's form, whose
token is checked for every POST (cop.extensions.csrf).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField
from wtforms.validators import Length

from cop.formfields import strip_whitespace

ALT_MAX = 300


class AttachForm(FlaskForm):
    class Meta:
        csrf = False

    picture = FileField(
        _l("Picture"),
        description=_l(
            "JPEG, PNG, WebP or GIF, up to 10 MB. Its metadata (such as the place it was taken) is removed."
        ),
        render_kw={"accept": "image/jpeg,image/png,image/webp,image/gif"},
    )
    picture_alt = StringField(
        _l("Description of the picture (alt text)"),
        filters=[strip_whitespace],
        validators=[
            Length(
                max=ALT_MAX,
                message=_l("A description has at most %(max)d characters.", max=ALT_MAX),
            )
        ],
        description=_l("Say what the picture shows, for members who cannot see it."),
        render_kw={"maxlength": ALT_MAX},
    )
