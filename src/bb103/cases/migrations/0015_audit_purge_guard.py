"""Issue 14, point 2: the audit trigger checks the age of a read before it lets it go.

Before this, any database role could ``SET bb103.audit_purge = 'on'`` and delete the reads
of a minute ago. Now the trigger deletes a read only if it is older than the retention
period, which it reads from a one-row table the application's role cannot change
(``bb103_audit_policy``: every INSERT, UPDATE, DELETE and TRUNCATE refused by triggers; only
its owner, who can disable them, can shorten the period). The setting is still required, so
a stray ORM delete of an old read outside the purge is refused as before.

The functions run as their owner (SECURITY DEFINER) with a fixed search path: the policy
table is named with its schema and ``pg_temp`` comes last, so a session cannot shadow the
policy with a temporary table of its own. SQLite gets no trigger, as in 0008: whoever can
write the file can do anything with it.
"""

from django.conf import settings
from django.db import migrations


def _guard(schema: str, days: int) -> str:
    policy = f'"{schema}".bb103_audit_policy'
    return f"""
CREATE TABLE {policy} (
    id integer PRIMARY KEY CHECK (id = 1),
    read_retention_days integer NOT NULL CHECK (read_retention_days >= 1)
);
INSERT INTO {policy} (id, read_retention_days) VALUES (1, {int(days)});

CREATE OR REPLACE FUNCTION "{schema}".bb103_audit_policy_fixed() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit retention policy is fixed: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER bb103_audit_policy_fixed
    BEFORE INSERT OR UPDATE OR DELETE ON {policy}
    FOR EACH ROW EXECUTE FUNCTION "{schema}".bb103_audit_policy_fixed();
CREATE TRIGGER bb103_audit_policy_no_truncate
    BEFORE TRUNCATE ON {policy}
    FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".bb103_audit_policy_fixed();

-- The retention in days; NULL (no row) makes every delete fail, never succeed.
CREATE OR REPLACE FUNCTION "{schema}".bb103_audit_read_retention_days() RETURNS integer AS $$
    SELECT read_retention_days FROM {policy} WHERE id = 1
$$ LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;

CREATE OR REPLACE FUNCTION "{schema}".bb103_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('bb103.audit_purge', true) = 'on'
       AND OLD.kind = 'read'
       AND OLD.at < now() - make_interval(days => "{schema}".bb103_audit_read_retention_days())
    THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
"""


# 0008's function, for the way back.
_UNGUARDED = """
CREATE OR REPLACE FUNCTION bb103_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('bb103.audit_purge', true) = 'on'
       AND OLD.kind = 'read' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
DROP FUNCTION IF EXISTS bb103_audit_read_retention_days();
DROP TABLE IF EXISTS bb103_audit_policy;
DROP FUNCTION IF EXISTS bb103_audit_policy_fixed();
"""


def guard(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        (schema,) = cursor.fetchone()
    # The period in force when migrated; the purge never deletes more recent reads whatever
    # the setting says later (audit_purge takes the longer of the two).
    days = int(getattr(settings, "BB103_AUDIT_READ_RETENTION_DAYS", 1826))
    schema_editor.execute(_guard(schema.replace('"', '""'), days), params=None)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_UNGUARDED, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_letter_request_key"),
    ]

    operations = [migrations.RunPython(guard, unguard)]
