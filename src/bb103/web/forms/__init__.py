"""Django forms for each step; they only shape input. The rules live in the services."""
