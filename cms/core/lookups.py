"""`pk__any_of=[...]`: membership in a list of ids as one array parameter on PostgreSQL.

`pk__in=ids` writes one placeholder per id; for the few hundred ids of an API page
(the events of a thousand dates), Django's per-value preparation and psycopg's
rewriting of hundreds of placeholders cost more than the query itself.
`pk__any_of=ids` sends the list as one array (`"id" = ANY(%s)`), which PostgreSQL
answers from the same index; other databases (the demo's SQLite) get `IN` as before.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField, Lookup
from django.db.models.lookups import In


@IntegerField.register_lookup
class AnyOf(Lookup):
    lookup_name = "any_of"

    def get_prep_lookup(self):
        # Ids (not a subquery): plain integers, converted once for the list. Given as a
        # set, the ids are not walked one by one by Django's `resolve_lookup_value`.
        return [int(value) for value in self.rhs]

    def process_rhs(self, compiler, connection):
        return "%s", [self.rhs]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if not self.rhs:
            raise EmptyResultSet  # as `In`: no rows, and no query at all
        # One text parameter cast to an array ('{1,2,3}'::integer[]): written here in one
        # join rather than by psycopg's adapter value by value.
        array = "{" + ",".join(map(str, self.rhs)) + "}"
        cast = self.lhs.output_field.cast_db_type(connection)
        return f"{lhs} = ANY(%s::{cast}[])", [*lhs_params, array]

    def as_sql(self, compiler, connection):
        # Elsewhere: Django's own IN, with the same empty-list rule (no rows, no query).
        return In(self.lhs, self.rhs).as_sql(compiler, connection)
