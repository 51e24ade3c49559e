"""AIGC Desktop: administration and debugging for the SenseTime AIGC platform."""

__version__ = "0.1.0"
APP_NAME = "AIGC Desktop"
