"""Thin adapters between platforms and the conversation core: one file per channel."""
