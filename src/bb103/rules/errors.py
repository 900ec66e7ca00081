"""Errors that name what is wrong: the input field, or the policy file and key."""


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped: an error is one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


class InputError(ValueError):
    """Bad scenario input. ``field`` is the dotted path of the offending field."""

    def __init__(self, field: str, message: str) -> None:
        field, message = one_line(field), one_line(message)
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class PolicyError(ValueError):
    """An invalid law or policy data file. Names the file and the dotted key."""

    def __init__(self, file: str, key: str, message: str) -> None:
        file, key, message = one_line(file), one_line(key), one_line(message)
        super().__init__(f"{file}: {key}: {message}")
        self.file = file
        self.key = key
        self.message = message
