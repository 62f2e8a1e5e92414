"""Every service leaves a lost version race to the shared retry, none answers it with 409 itself."""

from __future__ import annotations

import pytest
from eventsourcing.persistence import IntegrityError

from services.adjustment.bootstrap import bootstrap as adjustment
from services.audit.bootstrap import bootstrap as audit
from services.followup.bootstrap import bootstrap as followup
from services.identification.bootstrap import bootstrap as identification
from shared.settings import ServiceSettings


@pytest.mark.parametrize("bootstrap", [identification, adjustment, followup, audit],
                         ids=["identification", "adjustment", "followup", "audit"])
def test_no_service_maps_the_stores_integrity_error(bootstrap) -> None:  # type: ignore[no-untyped-def]
    runtime = bootstrap(ServiceSettings(persistence_module="eventsourcing.popo"))
    mapped = [error for error in runtime.errors if issubclass(IntegrityError, error)
              or issubclass(error, IntegrityError)]
    # Mapped here, the error would be answered before RetryOnConflict sees it: an immediate 409
    # with the database's constraint text instead of the request run again on the fresh record.
    assert mapped == []
