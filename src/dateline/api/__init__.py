"""dateline's REST API and web UI server.

    from dateline.api import ApiSettings, create_app
    app = create_app(ApiSettings(db=Path("store.duckdb"), token="..."))
"""

from dateline.api.app import create_app
from dateline.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
