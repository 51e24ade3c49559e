"""Qt-free callback layer: verify (with near-miss diagnosis), receive (aiohttp), send (3-attempt policy).

Modules: ``verify`` (CallbackVerifier, Verdict), ``near_miss``, ``replay`` (retry vs replay memory),
``receiver`` (CallbackReceiver), ``deliveries`` (Delivery records), ``sender`` (CallbackSender),
``export`` (JSON history and curl). Import the module you need: the receiver pulls in aiohttp.
"""
