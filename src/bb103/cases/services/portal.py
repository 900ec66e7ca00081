"""Min sag's logins (issue 19): a person who logs in with MitID through the municipality's
identity broker (NemLog-in) gets a user of their own, found again by the keyed hash of the
CPR number the broker gave. The CPR number is never typed, and not kept here."""

import logging
import secrets

from django.db import IntegrityError, transaction
from django.views.decorators.debug import sensitive_variables

from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.models import PortalIdentity, User
from bb103.cases.services.citizens import normalise_cpr

security_log = logging.getLogger("bb103.security")


@sensitive_variables("cpr")
def portal_login_user(*, cpr: str) -> User:
    """The user of the person with ``cpr`` (as the broker asserted it), made at the first
    login. The person may be a citizen, a representative, or both; what they reach is
    decided per case by the permissions, never by this user's own rows."""
    key = cpr_search_key(normalise_cpr(cpr))
    identity = PortalIdentity.objects.select_related("user").filter(cpr_key=key).first()
    if identity is None:
        try:
            with transaction.atomic():
                user = User(username=f"borger-{secrets.token_hex(8)}")
                user.set_unusable_password()
                user.save()
                identity = PortalIdentity.objects.create(user=user, cpr_key=key)
        except IntegrityError:  # two first logins at once: the other one made it
            identity = PortalIdentity.objects.select_related("user").get(cpr_key=key)
    security_log.info("min sag login user=%s", identity.user_id)
    return identity.user
