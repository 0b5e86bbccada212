-- Bank holidays an admin adds before GOV.UK publishes them (a proclaimed day, such as 19 Sep 2022), and
-- refreshed GOV.UK data. The shipped GOV.UK file plus these rows is the holiday table every due date is
-- computed from; changing it recomputes every open case (FOIA s10(6), rule book 2.3 and 8.5).
create table holiday_addition (
    id        bigint generated always as identity primary key,
    day       date not null,
    title     text not null,
    division  text not null check (division in ('england-and-wales', 'scotland', 'northern-ireland')),
    source    text not null,
    added_by  text not null,
    added_at  timestamptz not null,
    unique (day, division)
);
