"""Platform layer (no Qt): signing, models, typed errors, the error catalogue, log redaction, the async client.

Import from the module that defines a name (``aigc_desktop.platform.client`` …): a light module such as
``endpoints`` then never pulls in httpx with it.
"""
