"""Issue 7 point 5 (bad input): every form endpoint survives generated garbage.

For each URL that accepts POST (every step of a case, the citizen, application and
representative forms, every letter, tasks, the provider's pages, the catalogue, transport
and tax card, the settlement, the log search, the second factor and the login) hypothesis
posts garbage as a logged-in user with the right role: wrong types, 100 kB strings, control
characters and NUL bytes, impossible dates, invalid CPR numbers, negative and enormous
numbers, missing and extra fields. The test asserts OWASP ASVS 5.1.3/5.1.4 (input is
validated, a failure is handled) as two observable facts: no response is a 5xx, and when a
post is rejected (anything but a success redirect) no row of the case system changed.

Each example runs in a savepoint that is rolled back, so every example starts from the same
world, and the number of examples per endpoint is bounded to keep the suite fast."""

from dataclasses import dataclass, field
from datetime import date

import pytest
from django import forms as django_forms
from django.apps import apps
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.messages import SUCCESS, get_messages
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bb103.cases import services
from bb103.cases.models import AuditEntry, AuditKind, Role, Task, TaskKind
from bb103.web.forms import administration as admin_forms
from bb103.web.forms import audit as audit_forms
from bb103.web.forms import citizens as citizen_forms
from bb103.web.forms import economy as economy_forms
from bb103.web.forms import provider_work as provider_forms
from bb103.web.forms import providers as provider_catalogue_forms
from bb103.web.forms import team as team_forms
from bb103.web.forms.attachments import AttachmentForm
from bb103.web.forms.letters import LetterForm
from bb103.web.forms.tasks import TaskCompleteForm
from bb103.web.forms.worklist import WorkListSearchForm
from bb103.web.letters import LETTER_SPECS
from bb103.web.steps import STEP_VIEWS
from tests.cases.factories import assess, draft, grant, heard, make_user, open_case, placed

pytestmark = pytest.mark.django_db(transaction=False)

EXAMPLES = 15

# Values that have broken form handling somewhere: impossible and out-of-range dates,
# CPR numbers of the wrong shape, numbers no column holds, NaN and infinities that Decimal
# parses, NUL and other control characters PostgreSQL or a header refuses.
NASTY = [
    "",
    " ",
    "2026-02-30",
    "99999-01-01",
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "31.02.2025",
    "2025-13-01",
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999999999999999",
    "1e309",
    "1E+999999",
    "-1e-999999",
    "NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "4,5",
    "1.5",
    "abc",
    "ja",
    "nej",
    "true",
    "\x00",
    "a\x00b",
    "\x00" * 20,
    "\r\n\t\x07\x1b[31m",
    "\u202e\ufeff\u200b",
    "<script>alert(1)</script>",
    "'; DROP TABLE cases_case; --",
    "010190-1234",
    "311399-9999",
    "000000-0000",
    "0101901234",
    "01019-12345",
    "123",
    "/",
    "//evil.example/",
    "https://evil.example/",
    "<100 kB>",  # expanded when posted, so hypothesis's reports stay readable
    "<20 001 tegn>",  # ordinary words one past the longest text's limit (issue 14, point 10)
]
HUGE = "Æ" + "x" * 100_000
# Words, not one run of a letter: a real over-long application or pasted document.
JUST_OVER = ("Borgeren fortæller om sin hverdag på værkstedet. " * 500)[:20_001]
EXPANDED = {"<100 kB>": HUGE, "<20 001 tegn>": JUST_OVER}
CASE_MODELS = list(apps.get_app_config("cases").get_models())
GARBAGE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),  # any code point but surrogates: control characters included
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
)


def _valid_choices(field) -> list[str]:
    """The field's own valid values, so garbage in one field is posted beside values that
    pass in the others and reaches the service, not only the form."""
    if isinstance(field, django_forms.ModelChoiceField):
        return [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:3]]
    if isinstance(field, django_forms.ChoiceField):
        return [str(value) for value, _ in field.choices if value != ""]
    if isinstance(field, django_forms.DateField):
        return ["2025-06-02", "02.06.2025"]
    if isinstance(field, django_forms.DecimalField | django_forms.IntegerField):
        return ["1", "10", "0"]
    return ["Almindelig tekst med æ, ø og å"]


def _value(field) -> st.SearchStrategy:
    valid = _valid_choices(field)
    one = st.one_of(GARBAGE, st.sampled_from(valid)) if valid else GARBAGE
    if isinstance(field, django_forms.MultipleChoiceField):
        return st.lists(one, max_size=4)
    return st.one_of(one, st.lists(GARBAGE, min_size=2, max_size=3))


def posts_for(form) -> st.SearchStrategy:
    """A POST body for ``form``: each field garbage, valid or missing, plus extra fields."""
    fields = {
        name: st.one_of(st.none(), _value(f)) for name, f in form.fields.items()
    }  # None: the field is left out
    extra = st.dictionaries(st.text(min_size=1, max_size=20), GARBAGE, max_size=3)

    def build(values, more):
        body = {k: v for k, v in more.items() if k not in fields}
        body.update({k: v for k, v in values.items() if v is not None})
        return body

    return st.builds(build, st.fixed_dictionaries(fields), extra)


def expanded(body: dict) -> dict:
    def one(value):
        if isinstance(value, list):
            return [one(v) for v in value]
        return EXPANDED.get(value, value) if isinstance(value, str) else value

    return {key: one(value) for key, value in body.items()}


def shown(body: dict) -> str:
    return repr(body)[:2000]


def _snapshot_queries() -> list[tuple[str, str, tuple]]:
    """(model, SQL, parameters) of every case-system table's rows, in primary key order."""
    found = []
    for model in CASE_MODELS:
        query = model.objects.order_by("pk")
        if model is AuditEntry:
            query = query.exclude(kind=AuditKind.READ)
        sql, params = query.values_list().query.sql_with_params()
        found.append((model.__name__, sql, tuple(params)))
    return found


_SNAPSHOT_QUERIES: list[tuple[str, str, tuple]] = []


def snapshot() -> dict[str, list[tuple]]:
    """Every row of the case system, except the log's reads (a rejected form page still
    shows the case, and showing it is logged: that is not a change of the case).

    The rows as the database returns them: the ORM builds each table's query once (per
    process, so per database), since building it for every example was some 40 % of the
    fuzzing's time; a changed row reads back changed all the same."""
    if not _SNAPSHOT_QUERIES:
        _SNAPSHOT_QUERIES.extend(_snapshot_queries())
    rows = {}
    with connection.cursor() as cursor:
        for name, sql, params in _SNAPSHOT_QUERIES:
            cursor.execute(sql, params)
            rows[name] = [tuple(row) for row in cursor.fetchall()]
    return rows


def succeeded(response) -> bool:
    """A success redirect: a redirect with a success message (a refused settlement run or
    a locked month also redirects, but with an error or info message), or a download made
    by the post (the citizen's data export, which logs itself)."""
    if response.status_code == 200 and response.get("Content-Disposition", "").startswith(
        "attachment"
    ):
        return True
    if response.status_code == 200 and any(
        t.name == "web/administration_secret.html" for t in response.templates or ()
    ):
        # A new key, password or enrolment code, shown once in the post's own answer.
        return True
    if response.status_code != 302:
        return False
    return any(m.level == SUCCESS for m in get_messages(response.wsgi_request))


@dataclass
class Endpoint:
    name: str
    url: str
    client: Client
    form: django_forms.Form | None = None
    fields: dict = field(default_factory=dict)

    def strategy(self) -> st.SearchStrategy:
        if self.form is None:
            return st.dictionaries(st.text(min_size=1, max_size=20), GARBAGE, max_size=4)
        return posts_for(self.form)


def fuzz(endpoint: Endpoint, examples: int = EXAMPLES) -> int:
    """Post ``examples`` generated bodies to the endpoint; return how many were posted."""
    posted = 0
    # Every example is rolled back, so the rows before each post are these.
    before = snapshot()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(body=endpoint.strategy())
    def check(body):
        nonlocal posted
        posted += 1
        with transaction.atomic():
            response = endpoint.client.post(endpoint.url, expanded(body))
            assert response.status_code < 500, (endpoint.name, shown(body))
            if not succeeded(response):
                assert snapshot() == before, (endpoint.name, response.status_code, shown(body))
            transaction.set_rollback(True)

    check()
    return posted


@pytest.fixture
def fuzz_world(ballerup, vejen, citizen_of):
    """Ballerup cases at every stage a form works on (received, assessed, drafted, in
    partshøring, granted, placed, with a complaint), the users who may take each step,
    a task, and Vejen as the other municipality."""
    b = ballerup
    received = open_case(b.caseworker, citizen_of(b))
    assessed = open_case(b.caseworker, citizen_of(b))
    assess(b.caseworker, assessed)
    drafted = open_case(b.caseworker, citizen_of(b))
    assess(b.caseworker, drafted)
    draft(b.caseworker, drafted)
    hearing = open_case(b.caseworker, citizen_of(b))
    assess(b.caseworker, hearing)
    draft(b.caseworker, hearing)
    services.party_hearing_send(user=b.caseworker, case=hearing, sent_on=date(2025, 3, 19))
    decided = open_case(b.caseworker, citizen_of(b))
    assess(b.caseworker, decided)
    heard(b.caseworker, decided)
    grant(b.caseworker, decided, offer=b.offer)
    # A journal note, so the note form's "corrects" has a note to point to (issue 17).
    services.journal_note_add(
        user=b.caseworker,
        case=decided,
        kind="phone",
        occurred_on=date(2025, 4, 2),
        text="Opringning.",
    )
    active = open_case(b.caseworker, citizen_of(b))
    assess(b.caseworker, active)
    heard(b.caseworker, active)
    grant(b.caseworker, active, offer=b.offer)
    placement = placed(b.caseworker, active, b.offer)
    complained = open_case(b.caseworker, citizen_of(b))
    assess(b.caseworker, complained)
    heard(b.caseworker, complained)
    grant(b.caseworker, complained, offer=b.offer)
    services.complaint_register(
        user=b.caseworker, case=complained, received_on=date(2025, 4, 10), form="written"
    )
    staff = make_user("ballerup-fuzz-staff", b.municipality, Role.PROVIDER_STAFF, b.offer.provider)
    task = Task.objects.create(
        municipality_id=b.municipality.id,
        case=active,
        kind=TaskKind.DEADLINE_SOON,
        source="decision",
        due_on=date(2025, 6, 1),
        title="Fristen udløber snart",
        assigned_to=b.caseworker,
        created_on=date(2025, 5, 25),
    )
    cases = {
        "received": received,
        "assessed": assessed,
        "drafted": drafted,
        "hearing": hearing,
        "decided": decided,
        "active": active,
        "complained": complained,
    }
    users = {
        Role.CASEWORKER: b.caseworker,
        Role.COMMITTEE_MEMBER: b.committee,
        Role.MANAGER: b.manager,
        Role.ADMINISTRATOR: b.admin,
        Role.PROVIDER_STAFF: staff,
    }
    return cases, users, placement, task


# The case each step and letter is fuzzed on: one where it is open, so garbage that passes
# the form reaches the service's own checks.
STEP_CASE = {
    "udredning": "received",
    "visitationsudvalg": "assessed",
    "udkast": "assessed",
    "afgoerelse": "assessed",
    "partshoering": "drafted",
    "partshoering-undlad": "drafted",
    "partshoering-afslut": "hearing",
    "opfoelgning": "active",
    "opfoelgning-aftal": "active",
    "ophoer-udkast": "active",
    "ophoer": "active",
    "venteliste-afmeld": "active",
    "klage-genvurdering": "complained",
    "klage-videresend": "complained",
    "klage-ankestyrelsen": "complained",
}
LETTER_CASE = {
    "kvittering": "received",
    "forsinkelse": "received",
    "partshoering": "hearing",
    "klagekvittering": "complained",
}


def endpoints(fuzz_world, ballerup) -> list[Endpoint]:
    cases, users, placement, task = fuzz_world
    clients: dict[str, Client] = {}

    def client(role: str) -> Client:
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(users[role])
        return clients[role]

    def role_for(roles) -> str:
        return Role.CASEWORKER if Role.CASEWORKER in roles else sorted(roles)[0]

    found = []
    for spec in STEP_VIEWS:
        case = cases[STEP_CASE.get(spec.slug, "decided")]
        role = role_for(spec.roles)
        form = spec.form(user=users[role], case=case)
        found.append(
            Endpoint(f"step {spec.slug}", f"/sager/{case.pk}/{spec.slug}/", client(role), form)
        )
    for spec in LETTER_SPECS:
        case = cases[LETTER_CASE.get(spec.slug, "decided")]
        form = LetterForm(user=users[Role.CASEWORKER], case=case, spec=spec)
        form.fields["vis"] = django_forms.CharField(required=False)
        url = f"/sager/{case.pk}/breve/{spec.slug}/"
        found.append(Endpoint(f"letter {spec.slug}", url, client(Role.CASEWORKER), form))
    cw = users[Role.CASEWORKER]
    citizen = cases["received"].citizen
    active = cases["active"]
    offer = placement.offer
    representative = services.representative_register(
        user=cw, citizen=citizen, name="Fuzz Værge", relation="guardian"
    )
    found += [
        Endpoint(
            "citizen-create",
            "/borgere/ny/",
            client(Role.CASEWORKER),
            citizen_forms.CitizenForm(user=cw),
        ),
        Endpoint(
            "citizen-search",
            "/borgere/",
            client(Role.CASEWORKER),
            type("Search", (django_forms.Form,), {"q": django_forms.CharField()})(),
        ),
        Endpoint(
            "application-create",
            f"/borgere/{citizen.pk}/ansoegning/",
            client(Role.CASEWORKER),
            citizen_forms.ApplicationForm(user=cw, citizen=citizen),
        ),
        Endpoint(
            "representative-create",
            f"/borgere/{citizen.pk}/repraesentant/",
            client(Role.CASEWORKER),
            citizen_forms.RepresentativeForm(user=cw, citizen=citizen),
        ),
        # Issue 17, item 1: the corrections.
        Endpoint(
            "citizen-correct",
            f"/borgere/{citizen.pk}/ret/",
            client(Role.CASEWORKER),
            citizen_forms.CitizenCorrectForm(user=cw, citizen=citizen),
        ),
        Endpoint(
            "representative-correct",
            f"/borgere/{citizen.pk}/repraesentant/{representative.pk}/ret/",
            client(Role.CASEWORKER),
            citizen_forms.RepresentativeCorrectForm(
                user=cw, citizen=citizen, representative=representative
            ),
        ),
        Endpoint(
            "task-complete",
            f"/opgaver/{task.pk}/udfoert/",
            client(Role.CASEWORKER),
            _with_next(TaskCompleteForm(user=cw)),
        ),
        Endpoint(
            "transport-create",
            f"/sager/{active.pk}/oekonomi/befordring/",
            client(Role.CASEWORKER),
            economy_forms.TransportForm(user=cw, case=active),
        ),
        Endpoint(
            "tax-card-create",
            f"/sager/{active.pk}/oekonomi/skattekort/",
            client(Role.CASEWORKER),
            economy_forms.TaxCardForm(user=cw, case=active),
        ),
        Endpoint(
            "offer-create",
            "/tilbud/nyt/",
            client(Role.ADMINISTRATOR),
            provider_catalogue_forms.OfferForm(user=users[Role.ADMINISTRATOR]),
        ),
        Endpoint(
            "provider-create",
            "/tilbud/leverandoer/ny/",
            client(Role.ADMINISTRATOR),
            provider_catalogue_forms.ProviderForm(user=users[Role.ADMINISTRATOR]),
        ),
        Endpoint(
            "provider-cvr",
            f"/tilbud/leverandoer/{offer.provider_id}/cvr/",
            client(Role.ADMINISTRATOR),
            provider_catalogue_forms.ProviderCvrForm(user=users[Role.ADMINISTRATOR]),
        ),
        Endpoint(
            "offer-update",
            f"/tilbud/{offer.pk}/ret/",
            client(Role.ADMINISTRATOR),
            provider_catalogue_forms.OfferForm(user=users[Role.ADMINISTRATOR], offer=offer),
        ),
        Endpoint(
            "offer-price",
            f"/tilbud/{offer.pk}/takst/",
            client(Role.ADMINISTRATOR),
            provider_catalogue_forms.OfferPriceForm(user=users[Role.ADMINISTRATOR]),
        ),
        Endpoint(
            "provider-plan",
            f"/mit-tilbud/borger/{placement.pk}/paedagogisk-plan/",
            client(Role.PROVIDER_STAFF),
            provider_forms.PedagogicalPlanForm(user=users[Role.PROVIDER_STAFF]),
        ),
        Endpoint(
            "provider-deviation",
            f"/mit-tilbud/borger/{placement.pk}/afvigelse/",
            client(Role.PROVIDER_STAFF),
            provider_forms.DeviationForm(user=users[Role.PROVIDER_STAFF]),
        ),
        Endpoint(
            "provider-wage",
            f"/mit-tilbud/borger/{placement.pk}/loen/",
            client(Role.PROVIDER_STAFF),
            provider_forms.WageForm(user=users[Role.PROVIDER_STAFF]),
        ),
        Endpoint(
            "provider-attendance",
            f"/mit-tilbud/vaerksted/{offer.pk}/fremmoede/?uge=2025-05-05",
            client(Role.PROVIDER_STAFF),
            _attendance_form(placement),
        ),
        Endpoint(
            "settlement-run",
            f"/afregning/{ballerup.municipality.id}/2025-05/beregn/",
            client(Role.CASEWORKER),
        ),
        Endpoint(
            "settlement-approve",
            f"/afregning/{ballerup.municipality.id}/2025-05/godkend/",
            client(Role.MANAGER),
        ),
        Endpoint("audit-search", "/log/", client(Role.MANAGER), audit_forms.AuditSearchForm()),
        # Issue 17, item 7: the work list's search is posted, the filters hidden in it.
        Endpoint("worklist", "/", client(Role.CASEWORKER), WorkListSearchForm()),
        # No fields: whatever is posted, the export is the same (and logs itself).
        Endpoint(
            "citizen-gdpr-export",
            f"/borgere/{active.citizen_id}/indsigt/",
            client(Role.CASEWORKER),
        ),
        Endpoint(
            "attachments",
            f"/sager/{active.pk}/bilag/oversigt/",
            client(Role.CASEWORKER),
            AttachmentForm(),
        ),
        Endpoint(
            "second-factor-setup",
            "/to-faktor/opret/",
            client(Role.COMMITTEE_MEMBER),
            _with_next(type("Code", (django_forms.Form,), {"code": django_forms.CharField()})()),
        ),
        Endpoint(
            "second-factor",
            "/to-faktor/",
            client(Role.COMMITTEE_MEMBER),
            _with_next(type("Code", (django_forms.Form,), {"code": django_forms.CharField()})()),
        ),
        # Issue 17, item 6: assigning a case and moving a caseload.
        Endpoint(
            "case-assign",
            f"/sager/{cases['decided'].pk}/raadgiver/fordel/",
            client(Role.MANAGER),
            team_forms.CaseAssignForm(user=users[Role.MANAGER], case=cases["decided"]),
        ),
        Endpoint(
            "caseload-transfer",
            f"/team/{ballerup.municipality.id}/flyt/",
            client(Role.MANAGER),
            team_forms.CaseloadTransferForm(
                user=users[Role.MANAGER], municipality_id=ballerup.municipality.id
            ),
        ),
        *_administration(ballerup, client(Role.ADMINISTRATOR)),
        Endpoint("login", "/log-ind/", Client(), _login_form()),
        # Issue 14, point 11: the old password is never guessed, so nothing changes.
        Endpoint(
            "password-change",
            "/adgangskode/",
            client(Role.COMMITTEE_MEMBER),
            PasswordChangeForm(users[Role.COMMITTEE_MEMBER]),
        ),
    ]
    return found


def _administration(ballerup, admin: Client) -> list[Endpoint]:
    """Issue 20, point 4: the administrator's forms, on a user and a system client of their
    own (each example is rolled back, so deactivating or revoking one stays in it)."""
    from tests.cases.factories import make_user

    m = ballerup.municipality
    target = make_user("ballerup-fuzzmaal", m, Role.CASEWORKER)
    api = services.api_client_register(
        user=ballerup.admin, municipality=m, name="Fuzz-system", roles=[Role.CASEWORKER]
    ).client
    base = f"/administration/{m.pk}"
    user = f"{base}/brugere/{target.pk}"
    who = {"user": ballerup.admin}
    confirm = admin_forms.ConfirmForm(**who)
    return [
        Endpoint(
            "admin-user-create",
            f"{base}/brugere/ny/",
            admin,
            admin_forms.UserCreateForm(**who, municipality=m),
        ),
        Endpoint(
            "admin-user-role-add",
            f"{user}/rolle/ny/",
            admin,
            admin_forms.RoleAddForm(**who, municipality=m),
        ),
        Endpoint(
            "admin-user-role-remove",
            f"{user}/rolle/fjern/",
            admin,
            admin_forms.RoleRemoveForm(**who, memberships=list(target.memberships.all())),
        ),
        Endpoint("admin-user-deactivate", f"{user}/deaktiver/", admin, confirm),
        Endpoint("admin-user-reactivate", f"{user}/genaktiver/", admin, confirm),
        Endpoint("admin-user-second-factor", f"{user}/to-faktor/", admin, confirm),
        Endpoint(
            "admin-client-create",
            f"{base}/systemklienter/ny/",
            admin,
            admin_forms.ClientRegisterForm(**who, municipality=m),
        ),
        Endpoint(
            "admin-client-rotate",
            f"{base}/systemklienter/{api.pk}/ny-noegle/",
            admin,
            admin_forms.KeyRotateForm(**who),
        ),
        Endpoint("admin-client-revoke", f"{base}/systemklienter/{api.pk}/spaer/", admin, confirm),
        Endpoint("admin-contact", f"{base}/kontakt/", admin, admin_forms.ContactForm(**who)),
    ]


def _with_next(form):
    form.fields["next"] = django_forms.CharField(required=False)
    return form


def _login_form():
    from django.contrib.auth.forms import AuthenticationForm

    return _with_next(AuthenticationForm())


def _attendance_form(placement) -> django_forms.Form:
    """The week grid's field names for the placement (a-<placement>-<day>, t-...)."""
    from bb103.cases.services.attendance import cell_name

    form = django_forms.Form()
    for day in range(5, 10):
        name = cell_name(placement.pk, date(2025, 5, day))
        form.fields[name] = django_forms.ChoiceField(choices=[("present", ""), ("absent_ill", "")])
        form.fields["t-" + name[2:]] = django_forms.DecimalField()
    return form


# The endpoints are fuzzed in this many parts, every SHARDS-th endpoint in each, so that
# pytest-xdist can run the parts on different workers; together they cover every endpoint.
SHARDS = 4


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_form_endpoint_answers_garbage_with_a_server_error(fuzz_world, ballerup, capsys, shard):
    """Issue 7 point 5 / OWASP ASVS 5.1: garbage to every form endpoint gives no 5xx, and a
    rejected post changes nothing."""
    found = endpoints(fuzz_world, ballerup)
    posted, failures = 0, []
    for endpoint in found[shard::SHARDS]:
        # A sent letter renders a PDF; fewer examples keep the suite fast.
        try:
            posted += fuzz(endpoint, 8 if endpoint.name.startswith("letter") else EXAMPLES)
        except AssertionError as exc:  # go on: one run shows every endpoint that fails
            failures.append(f"{endpoint.name}: {str(exc)[:3000]}")
    assert not failures, "\n\n".join(failures)
    with capsys.disabled():
        print(
            f"\nfuzz part {shard + 1}/{SHARDS}: {len(found[shard::SHARDS])} of {len(found)} "
            f"form endpoints, {posted} garbage posts, no 5xx"
        )
    assert len(found) >= len(STEP_VIEWS) + len(LETTER_SPECS) + 20


def test_every_post_url_pattern_is_fuzzed(fuzz_world, ballerup):
    """Every URL pattern whose view takes a POST is in the fuzz list (a new form must be
    added there); the rest only read."""
    from tests.web.test_isolation import _patterns

    fuzzed = {e.name.split(" ")[0] for e in endpoints(fuzz_world, ballerup)}
    fuzzed = {"case-step" if n == "step" else "case-letter" if n == "letter" else n for n in fuzzed}
    read_only = {
        "logout", "case", "citizen", "providers", "citizen-access-log",
        "settlement-index", "settlement", "settlement-csv", "settlement-xlsx", "case-economy",
        "settlement-finance",
        "provider-start", "provider-order", "case-letter-pdf", "attachment-download",
        "complaint-case-file",
        "retention-report", "password-change-done", "case-handover", "team",
        "standards", "standard",
        "standard-pdf", "standard-compare", "accessibility-statement",
        # Issue 20: the manager's overview and its downloads (a GET form of the year).
        "overview", "overview-municipality", "overview-csv", "overview-xlsx", "overview-report",
        "administration", "admin-user",
    }  # fmt: skip
    names = {p.name for p in _patterns()}
    assert names - read_only == fuzzed


def test_the_inputs_the_fuzzing_found_are_refused_with_a_danish_message(fuzz_world, ballerup):
    """Issue 7 point 5: the server errors found by fuzzing stay fixed. Each was a 5xx: a
    log page number past any offset the database takes, hours "NaN"/"Infinity"/"1e999999"
    in the attendance week (a NaN cannot be compared), a 100 kB citizen search (too complex
    a LIKE pattern), a ``next`` that is no path (taken for a URL name), and the settlement
    index with a municipality or month no URL can hold."""
    found = {e.name: e for e in endpoints(fuzz_world, ballerup)}
    hours = next(n for n in found["provider-attendance"].form.fields if n.startswith("t-"))
    cases = [
        ("audit-search", {"page": "99999999999"}, "Siden findes ikke."),
        ("citizen-search", {"q": HUGE}, "højst 100 tegn"),
        ("citizen-search", {"q": "a\x00b"}, "højst 100 tegn"),
        ("task-complete", {"next": "ikke en sti"}, None),
        ("second-factor-setup", {"code": "1", "next": "ikke en sti"}, None),
        ("step partshoering", {"sent_on": "2025-03-20", "days": "9" * 30}, None),
        ("offer-create", {"name": "x", "places": "9" * 30}, None),
    ]
    cases += [
        ("provider-attendance", {hours: value}, "timerne skal være et tal")
        for value in ("NaN", "Infinity", "sNaN")
    ]
    cases += [("provider-attendance", {hours: "1e999999"}, "højst 24")]
    for name, body, message in cases:
        endpoint = found[name]
        response = endpoint.client.post(endpoint.url, body, follow=True)
        assert response.status_code < 500, (name, shown(body))
        if message is not None:
            assert message in response.content.decode(), (name, shown(body))
    manager = found["audit-search"].client
    for query in ("kommune=ballerup&maaned=2025-13", "kommune=a%20b&maaned=2025-09"):
        assert manager.get(f"/afregning/?{query}").status_code == 404, query
