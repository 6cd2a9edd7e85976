"""The conversation layer: rendering, i18n and (later) the conversation core and its channels."""
