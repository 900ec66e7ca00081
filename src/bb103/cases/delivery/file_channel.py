"""The embedded Digital Post channel: each letter is written as a MeMo message into an
outbox folder, and receipts are read back from an inbox folder (docs/integrations.md).

Layout under the channel's folder (``dir``, default ``BB103_DIGITAL_POST_DIR``)::

    outbox/<messageUUID>.xml      one MeMo message per letter
    inbox/*.json                  receipts dropped by the other side
    inbox/processed/              receipts applied
    inbox/rejected/               receipts that could not be read or name no known letter

A message is written to a temporary name and renamed into place, so whatever picks up
the outbox never sees half a file; writing the same message again replaces it with the
same bytes.
"""

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from bb103.cases.delivery.channel import ChannelError, ReceiptRun
from bb103.letters.memo import MemoLetter, memo_xml
from bb103.letters.receipt import Receipt, ReceiptError, receipt_parse

logger = logging.getLogger(__name__)


class FileChannel:
    def __init__(self, dir: str | Path | None = None) -> None:
        self.dir = Path(dir) if dir is not None else Path(settings.BB103_DIGITAL_POST_DIR)

    @property
    def outbox(self) -> Path:
        return self.dir / "outbox"

    @property
    def inbox(self) -> Path:
        return self.dir / "inbox"

    def send(self, message: MemoLetter) -> str:
        name = f"{message.message_uuid}.xml"
        xml = memo_xml(message)
        try:
            self.outbox.mkdir(mode=0o700, parents=True, exist_ok=True)
            partial = self.outbox / f".{name}.part"
            with open(partial, "wb") as out:
                out.write(xml)
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, self.outbox / name)
        except OSError as exc:
            raise ChannelError(f"could not write {name} to {self.outbox}: {exc}") from exc
        return name

    def poll_receipts(self, apply: Callable[[Receipt], bool]) -> ReceiptRun:
        run = ReceiptRun()
        if not self.inbox.is_dir():
            return run
        for path in sorted(self.inbox.glob("*.json")):
            try:
                receipt = receipt_parse(path.read_bytes())
            except (ReceiptError, OSError) as exc:
                logger.warning("Receipt %s is malformed and was moved aside: %s", path.name, exc)
                self._move(path, "rejected", run)
                continue
            if not apply(receipt):
                logger.warning(
                    "Receipt %s names message %s, which BB103 did not send; moved aside",
                    path.name,
                    receipt.message_uuid,
                )
                self._move(path, "rejected", run)
                continue
            self._move(path, "processed", run)
            run.processed += 1
        return run

    def _move(self, path: Path, folder: str, run: ReceiptRun) -> None:
        target = self.inbox / folder
        target.mkdir(mode=0o700, exist_ok=True)
        shutil.move(path, target / path.name)
        if folder == "rejected":
            run.rejected.append(path.name)
