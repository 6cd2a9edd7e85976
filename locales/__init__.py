"""gettext catalogues (`<lang>/LC_MESSAGES/nhacviec.mo`), shipped as package data; read by `bot.i18n`."""
