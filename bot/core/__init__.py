"""The conversation core: `Incoming` in, `Reply` out, for every channel. No platform code here."""

from .config import CoreConfig
from .conversation import Conversation
from .messages import Button, Incoming, Reply, split_text

__all__ = ["Button", "Conversation", "CoreConfig", "Incoming", "Reply", "split_text"]
