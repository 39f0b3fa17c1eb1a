"""Who may read and edit the indicators: everyone signed in reads their area's figures (an outside
platform needs the indicators:read scope); county admins set targets, reported values and sets."""

from typing import Annotated

from fastapi import Depends

from kit.auth import Principal, Role, Scope, require_roles

Readers = Annotated[Principal, Depends(require_roles(*Role, machine_scope=Scope.INDICATORS_READ))]
CountyAdmin = Annotated[Principal, Depends(require_roles(Role.COUNTY_ADMIN))]
