-- Issue 19 part 3: repeated requests (FOIA s.14(2)). FoiDesk flags a request identical or substantially
-- similar to an earlier one from the same requester that was answered within a reasonable interval; the
-- decision is the officer's, recorded here with the reason (and on the timeline and in the audit log).
create table repeat_decision (
    case_id          bigint not null references foi_case (id) on delete cascade,
    earlier_case_id  bigint not null references foi_case (id) on delete cascade,
    repeated         boolean not null,
    reason           text not null check (length(btrim(reason)) > 0),
    decided_by       text not null,
    decided_by_id    bigint references account (id),
    decided_at       timestamptz not null,
    primary key (case_id, earlier_case_id)
);

-- Requester history looks cases up by name (same name and postcode, and the same WhatDoTheyKnow user); by
-- address it uses foi_case_requester_email (migration 0080).
create index foi_case_requester_name on foi_case (lower(requester_name));
