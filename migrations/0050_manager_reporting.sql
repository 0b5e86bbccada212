-- Manager reporting, calendar feeds and the indexes the manager pages and "my questions" need.

-- A per-user secret for the iCalendar feed (/calendar/{token}.ics). Only the SHA-256 of the 32-byte token is
-- kept: a database reader cannot rebuild the URL. One token per account; revoking deletes the row.
create table calendar_token (
    account_id   bigint primary key references account (id) on delete cascade,
    token_sha256 text not null unique,
    created_at   timestamptz not null
);

-- Timeliness of each answered case, derived from its clock events and the holiday table (never entered by
-- hand, rebuilt whenever the holiday table version changes). Due dates are still not stored on foi_case: this
-- is a report of what happened, fixed once response_sent is recorded. sent_on <= due_on is "on time" (the
-- due date being response_due, or response_due_pit / response_due_extended when those notices were sent).
create table response_timeliness (
    case_id          bigint primary key references foi_case (id) on delete cascade,
    received_on      date not null,
    sent_on          date not null,
    due_on           date not null,
    on_time          boolean not null,
    extended         boolean not null,
    -- Working days from receipt to the first question assigned (null when none was assigned).
    allocate_days    integer,
    holiday_version  text not null
);
create index response_timeliness_received on response_timeliness (received_on);
create index response_timeliness_sent on response_timeliness (sent_on);

-- The same, summed per month the response was sent and per dimension ('all', 'team' = team id,
-- 'commissioner' = account id): the dashboard reads a few dozen rows instead of a million cases.
create table timeliness_month (
    month           date not null,
    dimension       text not null check (dimension in ('all', 'team', 'commissioner')),
    key             bigint not null default 0,
    answered        integer not null,
    on_time         integer not null,
    allocate_days   bigint not null,
    allocated       integer not null,
    primary key (month, dimension, key)
);

-- Exemptions cited in answered cases, per month the response was sent.
create table exemption_month (
    month      date not null,
    exemption  text not null,
    uses       integer not null,
    primary key (month, exemption)
);

-- Where the summary refresh has got to: the last response_sent clock_event id folded in, and the holiday
-- table version the figures were computed with (a different version means rebuild).
create table timeliness_watermark (
    id               integer primary key check (id = 1),
    last_event_id    bigint not null,
    holiday_version  text not null
);

-- New response_sent events since the watermark.
create index clock_event_name_id on clock_event (name, id);
-- "My questions": open questions for a person or a team, oldest assignment first.
create index question_assignee_open on question (assignee_id, assigned_at) where status in ('assigned', 'drafting', 'returned');
create index question_team_open on question (team_id, assigned_at) where status in ('assigned', 'drafting', 'returned');
-- Open cases (the dashboard's due and overdue lists): a small slice of the table.
create index foi_case_open on foi_case (received_at) where status in ('new', 'open', 'on-hold', 'awaiting-approval');
create index foi_case_received on foi_case (received_at);
create index foi_case_reviews on foi_case (received_at) where classification = 'review';
create index audit_event_actor on audit_event (actor, at desc);
