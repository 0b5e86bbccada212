-- Cases, their questions and clocks, and the mail they came from.
-- Vocabulary from Alaveteli: raw mail is kept apart from the parsed incoming message; an outgoing message
-- is ours; the holding pen is mail that matched nothing.

-- Teams own questions; anyone in a team can claim the team's queue.
create table team (
    id    bigint generated always as identity primary key,
    name  text not null unique
);

create table team_member (
    team_id     bigint not null references team (id) on delete cascade,
    account_id  bigint not null references account (id) on delete cascade,
    primary key (team_id, account_id)
);

create table foi_case (
    id                       bigint generated always as identity primary key,
    reference                text not null unique,
    -- What the request is. 'review' is an internal review of an earlier response (FOIA s45 Code,
    -- EIR reg 11, FOISA s20); 'not-foi' is business as usual, answered outside the Act.
    classification           text not null check (classification in ('foi', 'eir', 'foisa', 'sar', 'review', 'not-foi', 'duplicate')),
    classification_confirmed boolean not null default false,
    proposed_classification  text,
    proposal_reasons         jsonb not null default '[]'::jsonb,
    -- The clock the case runs on (Deadlines.Regime keys); null when no statutory clock applies.
    regime                   text check (regime in ('foia', 'eir', 'foisa', 'foia-review', 'eir-review', 'foisa-review', 'sar')),
    sar_calendar             text not null default 'england-and-wales',
    -- new: awaiting triage; open: confirmed, being answered; on-hold: clock stopped (clarification or fee);
    -- awaiting-approval: assembled reply waiting for an approver; responded: reply sent ('complied' or
    -- 'refused' in law, see outcome); closed: withdrawn, lapsed, not FOI or duplicate.
    status                   text not null default 'new' check (status in ('new', 'open', 'on-hold', 'awaiting-approval', 'responded', 'closed')),
    outcome                  text check (outcome in ('granted', 'partly-granted', 'refused', 'not-held', 'withdrawn', 'lapsed', 'not-foi', 'duplicate', 'transferred', 'upheld', 'overturned', 'partly-upheld')),
    subject                  text not null default '',
    received_at              timestamptz not null,
    requester_name           text,
    requester_email          text,
    -- Where replies go: WhatDoTheyKnow's per-request address when the request came from there.
    reply_to_address         text,
    wdtk_request_id          bigint,
    -- The reply will be published by the requester's platform (WhatDoTheyKnow) whatever we do.
    published_by_platform    boolean not null default false,
    request_text             text not null default '',
    preamble                 text not null default '',
    closing                  text not null default '',
    notes                    jsonb not null default '[]'::jsonb,
    parent_case_id           bigint references foi_case (id),
    duplicate_of_case_id     bigint references foi_case (id),
    publish_to_log           boolean not null default false,
    created_at               timestamptz not null,
    search                   tsvector generated always as (
        to_tsvector('english', coalesce(reference, '') || ' ' || coalesce(subject, '') || ' ' || coalesce(requester_name, '') || ' ' || coalesce(request_text, ''))
    ) stored
);
create index foi_case_status on foi_case (status, received_at);
create index foi_case_search on foi_case using gin (search);
create index foi_case_reply_to on foi_case (lower(reply_to_address));
create index foi_case_wdtk on foi_case (wdtk_request_id);

-- Case references are FOI-YYYY-NNNNN, numbered per calendar year without gaps.
create table case_reference_counter (
    year  integer primary key,
    last  integer not null
);

create table question (
    id              bigint generated always as identity primary key,
    case_id         bigint not null references foi_case (id) on delete cascade,
    position        integer not null,
    number          text not null,
    text            text not null,
    -- The question as first split from the request; officers' edits never lose it.
    original_text   text not null,
    parts           jsonb not null default '[]'::jsonb,
    status          text not null default 'unassigned' check (status in ('unassigned', 'assigned', 'drafting', 'submitted', 'returned', 'approved', 'merged')),
    team_id         bigint references team (id),
    assignee_id     bigint references account (id),
    assigned_at     timestamptz,
    answer          text not null default '',
    answer_kind     text check (answer_kind in ('answer', 'not-held', 'exempt')),
    exemption       jsonb,
    returned_reason text,
    merged_into_id  bigint references question (id),
    fingerprint     text not null default '',
    updated_at      timestamptz not null,
    search          tsvector generated always as (to_tsvector('english', coalesce(text, '') || ' ' || coalesce(answer, ''))) stored
);
create index question_case on question (case_id, position);
create index question_assignee on question (assignee_id, status);
create index question_team on question (team_id, status);
create index question_search on question using gin (search);
create index question_fingerprint_trgm on question using gin (fingerprint gin_trgm_ops);

-- Clock events with who and when; every due date is computed from these and the receipt instant.
create table clock_event (
    id           bigint generated always as identity primary key,
    case_id      bigint not null references foi_case (id) on delete cascade,
    name         text not null,
    occurred_on  date not null,
    recorded_at  timestamptz not null,
    recorded_by  text not null,
    note         text not null default ''
);
create index clock_event_case on clock_event (case_id, occurred_on, id);

-- The case timeline: every change, with who and when.
create table case_event (
    id       bigint generated always as identity primary key,
    case_id  bigint not null references foi_case (id) on delete cascade,
    at       timestamptz not null,
    actor    text not null,
    kind     text not null,
    detail   jsonb not null default '{}'::jsonb
);
create index case_event_case on case_event (case_id, at, id);

-- Raw mail exactly as received, never changed (Alaveteli's RawEmail). One row per delivery source key;
-- the same message seen again (same Message-ID and bytes) is recognised by the second unique index.
create table raw_email (
    id           bigint generated always as identity primary key,
    source       text not null,
    source_key   text not null,
    sha256       text not null,
    message_id   text,
    arrived_at   timestamptz not null,
    stored_at    timestamptz not null,
    size         integer not null,
    bytes        bytea not null,
    unique (source, source_key)
);
create unique index raw_email_same_message on raw_email (message_id, sha256) where message_id is not null;
create index raw_email_sha on raw_email (sha256);

-- The parse of a raw email and where it was routed: derived data, rebuilt by re-processing.
create table incoming_message (
    raw_email_id    bigint primary key references raw_email (id),
    parsed_at       timestamptz not null,
    parse_ok        boolean not null,
    parse_error     text,
    warnings        jsonb not null default '[]'::jsonb,
    subject         text not null default '',
    from_name       text,
    from_address    text,
    message_id      text,
    in_reply_to     text,
    "references"    text[] not null default '{}',
    sent_at         timestamptz,
    text_body       text not null default '',
    -- request: opened a case; follow-up: attached to a case; auto-reply and bounce: never open a case;
    -- held: in the holding pen for an officer; failed: could not be parsed (kept raw, shown to officers).
    route           text not null check (route in ('request', 'follow-up', 'auto-reply', 'bounce', 'held', 'failed')),
    route_reason    text not null,
    case_id         bigint references foi_case (id),
    resolved_at     timestamptz,
    resolved_by     text
);
create index incoming_message_case on incoming_message (case_id);
create index incoming_message_holding on incoming_message (route) where route in ('held', 'failed') and resolved_at is null;
create index incoming_message_message_id on incoming_message (message_id);

-- Letters we send (Alaveteli's OutgoingMessage), and the outbox that sends them. The row is written in the
-- same transaction as the case change that caused it; the sender job delivers it afterwards. Message-ID is
-- fixed at creation so a resend after a crash is recognisably the same message.
create table outgoing_message (
    id              bigint generated always as identity primary key,
    case_id         bigint not null references foi_case (id),
    letter          text not null,
    message_id      text not null unique,
    in_reply_to     text,
    "references"    text[] not null default '{}',
    to_address      text not null,
    subject         text not null,
    text_body       text not null,
    html_body       text not null,
    raw             bytea,
    status          text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed', 'undelivered')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    created_by      text not null,
    sent_at         timestamptz
);
create index outgoing_message_due on outgoing_message (next_attempt_at) where status in ('queued', 'sending');
create index outgoing_message_case on outgoing_message (case_id);
