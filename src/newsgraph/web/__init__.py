"""The analyst's page and HTTP API: `create_app(settings)`, served by `newsgraph serve`."""
from newsgraph.web.app import bind_warning, create_app, is_loopback

__all__ = ["bind_warning", "create_app", "is_loopback"]
