"""Letters on their way to the citizen: the delivery channel interface and its
configuration per municipality (:mod:`.channel`), the embedded file channel
(:mod:`.file_channel`), the print batch's PDF (:mod:`.print_file`) and the queued jobs
(:mod:`.jobs`). The writes that change a letter's delivery state are in
:mod:`bb103.cases.services.delivery` (docs/integrations.md)."""
