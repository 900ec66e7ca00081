"""Digital Post (issue 18, item 4; docs/integrations.md): a sent letter goes out as a MeMo
message on its municipality's channel from the job queue, never in the request; receipts
settle it (delivered, or failed with a task for the caseworker); a citizen exempt from
Digital Post gets it in the day's print batch; a failing channel is retried with backoff."""

import logging
from datetime import date, timedelta
from io import BytesIO, StringIO
from uuid import uuid4

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from bb103.cases import selectors, services
from bb103.cases.delivery.channel import ChannelError
from bb103.cases.errors import CaseError, NotFound
from bb103.cases.models import (
    AuditEntry,
    DeliveryChannelKind,
    DeliveryStatus,
    LetterDelivery,
    Task,
    TaskKind,
    TaskStatus,
)
from bb103.cases.services.delivery import delivery_attempt, print_batch_run
from bb103.letters.memo import MEMO_NS, memo_read
from tests.cases.digital_post import drop_receipt, inbox, outbox, run_worker, send
from tests.cases.factories import on_day, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def case(ballerup, citizen_of):
    return open_case(ballerup.caseworker, citizen_of(ballerup))


def test_letter_is_queued_not_delivered_in_the_request(ballerup, case, capture):
    """The letter's transaction makes the delivery row and, once committed, queues the job:
    nothing is written to the channel until a worker runs it."""
    letter = send(capture, ballerup.caseworker, case)
    delivery = LetterDelivery.objects.get(letter=letter)
    assert delivery.status == DeliveryStatus.QUEUED
    assert delivery.channel == DeliveryChannelKind.DIGITAL_POST
    job = DBTaskResult.objects.get()
    assert job.task_path == "bb103.cases.delivery.jobs.letter_deliver"
    assert job.args_kwargs["args"] == [delivery.pk]
    assert not outbox().exists()


def test_no_job_for_a_letter_rolled_back(ballerup, case, django_capture_on_commit_callbacks):
    """A job is queued only after the commit (transaction.on_commit): a letter whose step
    is refused leaves neither a delivery nor a job."""
    with (
        django_capture_on_commit_callbacks(execute=True) as hooks,
        pytest.raises(CaseError),
    ):
        services.letter_send(user=ballerup.caseworker, case=case, kind="decision_grant")
    assert hooks == [] and not LetterDelivery.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_memo_message_in_outbox_holds_the_stored_pdf_for_the_citizens_cpr(ballerup, case, capture):
    """MeMo (Digitaliseringsstyrelsen, namespace https://DigitalPost.dk/MeMo-1): the outbox
    file is the letter's message, the PDF its main document in base64, the citizen its
    recipient by CPR, the municipality its sender."""
    letter = send(capture, ballerup.caseworker, case)
    run_worker(capture)
    delivery = LetterDelivery.objects.get(letter=letter)
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1
    path = outbox() / delivery.file_name
    xml = path.read_bytes()
    assert f'xmlns:memo="{MEMO_NS}"'.encode() in xml
    message = memo_read(xml)
    assert message.message_uuid == delivery.message_uuid
    assert message.pdf == bytes(letter.pdf)
    assert message.recipient_id == case.citizen.cpr.replace("-", "")
    assert message.recipient_id_type == "CPR"
    assert (message.sender_id, message.sender_id_type) == ("ballerup", "Andet")
    assert message.label == letter.title
    assert (message.encoding_format, message.language) == ("application/pdf", "da")
    assert message.filename == f"brev-{case.pk}-{letter.pk}-{letter.sent_on:%Y-%m-%d}.pdf"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_each_municipality_on_its_own_channel_configuration(
    ballerup, vejen, citizen_of, capture, settings, tmp_path
):
    """BB103_DIGITAL_POST maps a municipality to its channel: Vejen on its own folder and
    CVR number, Ballerup on the default."""
    settings.BB103_DIGITAL_POST = {
        **settings.BB103_DIGITAL_POST,
        "vejen": {
            "CHANNEL": "bb103.cases.delivery.file_channel.FileChannel",
            "OPTIONS": {"dir": str(tmp_path / "vejen-dp")},
            "SENDER": {"id": "29189730", "id_type": "CVR"},
        },
    }
    vejen_case = open_case(vejen.caseworker, citizen_of(vejen))
    ballerup_case = open_case(ballerup.caseworker, citizen_of(ballerup))
    send(capture, vejen.caseworker, vejen_case)
    send(capture, ballerup.caseworker, ballerup_case)
    run_worker(capture)
    [vejen_file] = (tmp_path / "vejen-dp" / "outbox").glob("*.xml")
    [ballerup_file] = outbox().glob("*.xml")
    vejen_message = memo_read(vejen_file.read_bytes())
    assert (vejen_message.sender_id, vejen_message.sender_id_type) == ("29189730", "CVR")
    assert vejen_message.recipient_id == vejen_case.citizen.cpr.replace("-", "")
    assert memo_read(ballerup_file.read_bytes()).sender_id == "ballerup"


def test_delivered_receipt_settles_the_letter_and_is_moved_to_processed(ballerup, case, capture):
    letter = send(capture, ballerup.caseworker, case)
    run_worker(capture)
    delivery = LetterDelivery.objects.get(letter=letter)
    receipt = drop_receipt(delivery.message_uuid, delivered=True)
    call_command("digital_post_receipts", stdout=StringIO())
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.receipt_at is not None
    assert not receipt.exists() and (inbox() / "processed" / receipt.name).exists()
    state = selectors.letter_delivery_for_user(
        user=ballerup.caseworker, case_id=case.pk, letter_id=letter.pk
    )
    assert state is not None and state.label == "Leveret"
    entry = AuditEntry.objects.filter(action="letter_delivery").latest("id")
    assert entry.details["status"] == "delivered" and entry.case_id == case.pk


def test_failed_receipt_makes_a_task_for_the_caseworker(ballerup, case, capture):
    """A letter Digital Post could not deliver is never lost without a word: it is marked
    failed and the case's caseworker gets a task naming it and the reason."""
    letter = send(capture, ballerup.caseworker, case)
    run_worker(capture)
    delivery = LetterDelivery.objects.get(letter=letter)
    drop_receipt(delivery.message_uuid, delivered=False, reason="Modtageren findes ikke")
    call_command("digital_post_receipts", stdout=StringIO())
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    task = Task.objects.get(kind=TaskKind.LETTER_UNDELIVERED)
    assert delivery.task == task
    assert task.case == case and task.assigned_to == ballerup.caseworker
    assert task.status == TaskStatus.OPEN and task.municipality_id == "ballerup"
    assert letter.title in task.title and "Modtageren findes ikke" in task.title
    # The same receipt again changes nothing and makes no second task.
    drop_receipt(delivery.message_uuid, delivered=True)
    call_command("digital_post_receipts", stdout=StringIO())
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and Task.objects.count() == 1


def test_malformed_and_unknown_receipts_are_moved_aside_with_a_log_line(
    ballerup, case, capture, caplog
):
    letter = send(capture, ballerup.caseworker, case)
    run_worker(capture)
    inbox().mkdir(parents=True, exist_ok=True)
    (inbox() / "broken.json").write_text('{"messageUUID": "not-a-uuid"')
    known = LetterDelivery.objects.get(letter=letter).message_uuid
    (inbox() / "no-status.json").write_text(
        f'{{"messageUUID": "{known}", "time": "2025-03-11T09:30:00+01:00"}}'
    )
    unknown = drop_receipt(uuid4(), delivered=True)
    with caplog.at_level(logging.WARNING):
        call_command("digital_post_receipts", stdout=StringIO())
    rejected = {p.name for p in (inbox() / "rejected").iterdir()}
    assert rejected == {"broken.json", "no-status.json", unknown.name}
    assert "broken.json is malformed and was moved aside" in caplog.text
    assert "status: one of delivered, failed" in caplog.text
    assert "which BB103 did not send" in caplog.text
    assert LetterDelivery.objects.get(letter=letter).status == DeliveryStatus.SENT


class FlakyChannel:
    """A channel that refuses its first ``failures`` messages (our own port's fake)."""

    failures = 1
    calls = 0

    def __init__(self) -> None:
        pass

    def send(self, message):
        FlakyChannel.calls += 1
        if FlakyChannel.calls <= FlakyChannel.failures:
            raise ChannelError("Serviceplatformen svarede ikke (timeout)")
        return f"ref-{message.message_uuid}"

    def poll_receipts(self, apply):
        raise AssertionError("not polled in this test")


@pytest.fixture
def flaky(settings):
    FlakyChannel.calls = 0
    settings.BB103_DIGITAL_POST = {
        "default": {"CHANNEL": f"{__name__}.FlakyChannel", "OPTIONS": {}}
    }
    return FlakyChannel


def test_channel_error_is_retried_after_a_backoff(ballerup, case, capture, flaky):
    """A channel that fails is tried again by a job queued with run_after (1 minute after
    the first failure), and the letter is sent on the second attempt."""
    flaky.failures = 1
    letter = send(capture, ballerup.caseworker, case)
    run_worker(capture)
    delivery = LetterDelivery.objects.get(letter=letter)
    assert delivery.status == DeliveryStatus.QUEUED and delivery.attempts == 1
    assert "timeout" in delivery.failure_reason
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == delivery.next_attempt_at
    assert delivery.next_attempt_at - timezone.now() > timedelta(seconds=50)
    run_worker(capture)  # not yet: the retry waits for its time
    assert flaky.calls == 1
    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
        run_worker(capture)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 2
    assert delivery.file_name == f"ref-{delivery.message_uuid}"


def test_after_the_last_attempt_the_letter_fails_with_a_task(
    ballerup, case, capture, flaky, settings
):
    settings.BB103_DIGITAL_POST_ATTEMPTS = 2
    flaky.failures = 99
    letter = send(capture, ballerup.caseworker, case)
    delivery = LetterDelivery.objects.get(letter=letter)
    with capture(execute=False):
        assert delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.QUEUED
        assert delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.FAILED
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and "efter 2 forsøg" in delivery.failure_reason
    task = Task.objects.get(kind=TaskKind.LETTER_UNDELIVERED)
    assert task.assigned_to == ballerup.caseworker and delivery.task == task
    # A job that runs again for a settled letter sends nothing.
    assert delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.FAILED
    assert flaky.calls == 2


def test_queue_survives_a_restart(ballerup, case, capture):
    """The job is a row in the database (django-tasks-db), not held by any process: a
    worker started afterwards, with nothing of the process that queued it, runs it."""
    letter = send(capture, ballerup.caseworker, case)
    job_id = DBTaskResult.objects.get().id
    # Whatever ran the request is gone; the job is still in the table, ready.
    assert DBTaskResult.objects.filter(id=job_id, status="READY").exists()
    run_worker(capture, worker_id="worker-after-restart")
    job = DBTaskResult.objects.get(id=job_id)
    assert job.status == "SUCCESSFUL" and job.worker_ids == ["worker-after-restart"]
    assert LetterDelivery.objects.get(letter=letter).status == DeliveryStatus.SENT


def test_lost_job_is_queued_again_by_the_receipts_run(ballerup, case, capture):
    """A letter whose job never made it to the queue (the process died between commit and
    enqueue) is queued again after STALE_AFTER, so it is not left waiting for ever."""
    with capture(execute=False):  # the commit hook never runs: the job is lost
        letter = services.letter_send(user=ballerup.caseworker, case=case, kind="receipt")
    assert not DBTaskResult.objects.exists()
    with time_machine.travel(timezone.now() + timedelta(minutes=16)), capture(execute=True):
        call_command("digital_post_receipts", stdout=StringIO())
    assert DBTaskResult.objects.count() == 1
    run_worker(capture)
    assert LetterDelivery.objects.get(letter=letter).status == DeliveryStatus.SENT


def _exempt(staff, citizen):
    services.citizen_correct(
        user=staff.caseworker,
        citizen=citizen,
        digital_post_exempt=True,
        reason="Borgeren er fritaget for Digital Post (blanket modtaget).",
    )


def test_exempt_citizen_gets_the_letter_in_the_days_print_batch(
    ballerup, vejen, citizen_of, capture, settings
):
    """A citizen exempt from Digital Post: no job, no MeMo message; the letter goes into
    the municipality's print batch for the day (one PDF per day and municipality), which
    holds the letter's pages, and its status is "Sendt til print"."""
    b_citizen, v_citizen = citizen_of(ballerup), citizen_of(vejen)
    _exempt(ballerup, b_citizen)
    _exempt(vejen, v_citizen)
    b_case = open_case(ballerup.caseworker, b_citizen)
    v_case = open_case(vejen.caseworker, v_citizen)
    day = date(2025, 3, 12)
    with on_day(day):
        first = send(capture, ballerup.caseworker, b_case)
        delay = services.letter_send(
            user=ballerup.caseworker,
            case=b_case,
            kind="delay",
            extra_text="Vi venter på en udtalelse fra lægen.",
            expected_on=date(2025, 4, 30),
        )
        v_letter = send(capture, vejen.caseworker, v_case)
    assert not DBTaskResult.objects.exists() and not outbox().exists()
    delivery = LetterDelivery.objects.get(letter=first)
    assert delivery.channel == DeliveryChannelKind.PRINT
    assert selectors.letter_delivery_status(first).label == "Venter på print"

    written = print_batch_run(day=day, municipality_id="ballerup")
    assert [p.relative_to(settings.BB103_PRINT_DIR).as_posix() for p in written] == [
        "ballerup/2025-03-12.pdf"
    ]
    batch = PdfReader(BytesIO(written[0].read_bytes()))
    letters = [PdfReader(BytesIO(bytes(x.pdf))) for x in (first, delay)]
    texts = [p.extract_text() for p in batch.pages]
    expected = []
    for reader in letters:
        expected += [p.extract_text() for p in reader.pages]
        if len(reader.pages) % 2:
            expected.append("")  # a blank page: the next letter starts on a new sheet
    assert texts == expected
    for letter in (first, delay):
        d = LetterDelivery.objects.get(letter=letter)
        assert d.status == DeliveryStatus.PRINTED and d.file_name == "2025-03-12.pdf"
        state = selectors.letter_delivery_for_user(
            user=ballerup.caseworker, case_id=b_case.pk, letter_id=letter.pk
        )
        assert state is not None and state.label == "Sendt til print"
    # Vejen's letter is not in Ballerup's batch, and a second run prints nothing again.
    assert LetterDelivery.objects.get(letter=v_letter).status == DeliveryStatus.QUEUED
    assert print_batch_run(day=day, municipality_id="ballerup") == []


def test_daily_sweep_prints_the_finished_days_batches(ballerup, citizen_of, capture, settings):
    """The sweep on a day writes the print batch of every earlier day still waiting (a
    day's batch is whole once the day is over), and not today's."""
    citizen = citizen_of(ballerup)
    _exempt(ballerup, citizen)
    case = open_case(ballerup.caseworker, citizen)
    with on_day(date(2025, 3, 12)):
        letter = send(capture, ballerup.caseworker, case)
    result = services.sweep_run(today=date(2025, 3, 12), municipality_id="ballerup")
    assert result.printed == 0
    result = services.sweep_run(today=date(2025, 3, 13), municipality_id="ballerup")
    assert result.printed == 1
    assert (settings.BB103_PRINT_DIR / "ballerup" / "2025-03-12.pdf").exists()
    assert LetterDelivery.objects.get(letter=letter).status == DeliveryStatus.PRINTED


def test_print_batch_command(ballerup, citizen_of, capture, settings):
    citizen = citizen_of(ballerup)
    _exempt(ballerup, citizen)
    case = open_case(ballerup.caseworker, citizen)
    letter = send(capture, ballerup.caseworker, case)
    out = StringIO()
    call_command("print_batch", "--day", letter.sent_on.isoformat(), stdout=out)
    assert "print batches written: 1" in out.getvalue()
    assert LetterDelivery.objects.get(letter=letter).status == DeliveryStatus.PRINTED


def test_print_batch_command_refuses_bad_input(ballerup):
    with pytest.raises(CommandError, match="--day must be YYYY-MM-DD"):
        call_command("print_batch", "--day", "12-03-2025")
    with pytest.raises(CommandError, match="unknown municipality 'aarhus'"):
        call_command("print_batch", "--municipality", "aarhus")


def test_delivery_status_is_scoped_to_the_municipalitys_readers(ballerup, vejen, case, capture):
    """The selector the API will use: Ballerup's caseworker reads the state of Ballerup's
    letter; Vejen's gets "not found", as for the letter itself."""
    letter = send(capture, ballerup.caseworker, case)
    state = selectors.letter_delivery_for_user(
        user=ballerup.caseworker, case_id=case.pk, letter_id=letter.pk
    )
    assert state is not None and state.status == "queued"
    with pytest.raises(NotFound):
        selectors.letter_delivery_for_user(
            user=vejen.caseworker, case_id=case.pk, letter_id=letter.pk
        )
