"""The actions that are not a step of one case's workflow: registering citizens, the
provider catalogue, attendance and wages, the settlement, exports. Each says who may take
it; its service checks that with :meth:`Action.require` (the case steps are in the other
modules of this package)."""

from bb103.cases.actions.base import Action
from bb103.cases.models import Role

CW, MANAGER, ADMIN = Role.CASEWORKER, Role.MANAGER, Role.ADMINISTRATOR
STAFF = Role.PROVIDER_STAFF
CITIZEN = Role.CITIZEN

# A person applying in Min sag for themself registers their own record (issue 19, point 4):
# only with the CPR number their MitID login gave (services/citizens.py checks it).
citizen_register = Action("citizen_register", "registrere en borger", {CW, CITIZEN})
representative_register = Action("representative_register", "registrere en repræsentant", {CW})
# Issue 17, item 1: correcting what was registered, audited with old and new value.
citizen_correct = Action("citizen_correct", "rette borgerens oplysninger", {CW})
representative_correct = Action("representative_correct", "rette en repræsentant", {CW})
# The citizen (or a representative who may act) applies in Min sag: services call
# require_step_for, so only for the login's own citizens.
application_register = Action("application_register", "registrere en ansøgning", {CW, CITIZEN})
task_complete = Action("task_complete", "markere opgaven som udført", {CW, MANAGER})
# The citizen (or a representative who may act) sends a document on their own case in
# Min sag (issue 19); services call require_step_for.
attachment_upload = Action("attachment_upload", "tilføje et bilag til sagen", {CW, CITIZEN})
tax_card_record = Action("tax_card_record", "registrere et skattekort", {CW})
# GDPR: the access request's export.
gdpr_export = Action("gdpr_export", "udlevere borgerens oplysninger (indsigt)", {CW, MANAGER})

provider_register = Action("provider_register", "registrere en leverandør", {ADMIN})
provider_cvr_set = Action("provider_cvr_set", "registrere leverandørens CVR-nummer", {ADMIN})
offer_register = Action("offer_register", "registrere et tilbud", {ADMIN})
offer_update = Action("offer_update", "ændre et tilbud", {ADMIN})
# A takst is agreed with the provider: the administrator keeps the catalogue, and the
# manager (leder), who answers for the costs, may enter a new price too.
offer_price_set = Action("offer_price_set", "registrere en takst", {ADMIN, MANAGER})

settlement_run = Action("settlement_run", "beregne månedsafregningen", {CW, MANAGER})
settlement_approve = Action("settlement_approve", "godkende og låse månedsafregningen", {MANAGER})

attendance_record = Action("attendance_record", "registrere fremmøde", {STAFF})
pedagogical_plan_record = Action("pedagogical_plan_record", "skrive den pædagogiske plan", {STAFF})
deviation_report = Action("deviation_report", "melde en afvigelse til rådgiveren", {STAFF})
# The provider pays and sets the wage (BEK nr. 483 § 1); the caseworker may set it too.
wage_set = Action("wage_set", "fastsætte lønnen", {STAFF, CW})

# Dividing the work (issue 17, item 6). The leader assigns and moves cases; a caseworker may
# take an unassigned case themselves (services/assignment.py says so), since the work list
# shows them the unassigned cases to take; moving a colleague's case is the leader's call.
case_assign = Action("case_assign", "fordele sagen til en rådgiver", {CW, MANAGER})
caseload_transfer = Action(
    "caseload_transfer", "flytte en rådgivers sager til en anden rådgiver", {MANAGER}
)

# System clients of the API (issue 18, point 2): registered, given a new key and blocked by
# the municipality's administrator, who manages users too.
api_client_register = Action("api_client_register", "registrere en systemklient", {ADMIN})
api_key_rotate = Action("api_key_rotate", "udstede en ny API-nøgle", {ADMIN})
api_client_revoke = Action("api_client_revoke", "spærre en systemklient", {ADMIN})

# The administration screens (issue 20, point 4): the municipality's administrator sets up
# its users and their roles, and keeps its contact data.
user_create = Action("user_create", "oprette en bruger", {ADMIN})
user_role_add = Action("user_role_add", "give en bruger en rolle", {ADMIN})
user_role_remove = Action("user_role_remove", "fjerne en brugers rolle", {ADMIN})
user_deactivate = Action("user_deactivate", "deaktivere en bruger", {ADMIN})
user_reactivate = Action("user_reactivate", "genaktivere en bruger", {ADMIN})
second_factor_reset = Action("second_factor_reset", "nulstille en brugers to-faktor-login", {ADMIN})
municipality_contact_set = Action(
    "municipality_contact_set", "ændre kommunens kontaktoplysninger", {ADMIN}
)
