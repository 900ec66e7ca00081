"""A progress bar for the commands, drawn on a terminal only (``bb103 simulate``,
``bb103 settle``)."""

from typing import IO


class ProgressBar:
    """``label [######------]  45 %`` redrawn in place on ``stream``; a newline at the end."""

    WIDTH = 30

    def __init__(self, label: str, stream: IO[str]) -> None:
        self.label = label
        self.stream = stream

    def __call__(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // max(total, 1)
        percent = 100 * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label:<11} [{bar}] {percent:3d} %")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def progress_on(label: str, stream: IO[str]) -> ProgressBar | None:
    """A bar on ``stream`` if it is a terminal; None (no bar) in a pipe, a file or CI."""
    return ProgressBar(label, stream) if stream.isatty() else None
