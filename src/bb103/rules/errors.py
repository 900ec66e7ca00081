"""Errors that name what is wrong: the input field, or the policy file and key."""


class InputError(ValueError):
    """Bad scenario input. ``field`` is the dotted path of the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class PolicyError(ValueError):
    """An invalid law or policy data file. Names the file and the dotted key."""

    def __init__(self, file: str, key: str, message: str) -> None:
        super().__init__(f"{file}: {key}: {message}")
        self.file = file
        self.key = key
        self.message = message
