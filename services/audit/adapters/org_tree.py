"""Where the organisation tree comes from: a JSON file (AUDIT_ORG_TREE_FILE) or the bundled demo."""

from __future__ import annotations

import json
from pathlib import Path

from services.audit.domain.access import OrgTree, org_tree_from

BUNDLED = Path(__file__).with_name("org_tree.json")


def load_org_tree(path: Path | None = None) -> OrgTree:
    return org_tree_from(json.loads((path or BUNDLED).read_text(encoding="utf-8")))
